"""Alembic environment of the mentors service."""

from alembic import context

from mentors.config import get_settings
from praxis_common.db import new_metadata
from praxis_common.migrations import run_env

run_env(context, new_metadata(), lambda: get_settings().database_url)
