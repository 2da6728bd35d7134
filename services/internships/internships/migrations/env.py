"""Alembic environment of the internships service."""

from alembic import context

from internships.adapters.orm import metadata
from internships.config import get_settings
from praxis_common.migrations import run_env

run_env(context, metadata, lambda: get_settings().database_url)
