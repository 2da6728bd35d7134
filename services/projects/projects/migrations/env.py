"""Alembic environment of the projects service."""

from alembic import context

from praxis_common.db import new_metadata
from praxis_common.migrations import run_env
from projects.config import get_settings

run_env(context, new_metadata(), lambda: get_settings().database_url)
