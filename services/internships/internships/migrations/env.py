"""Alembic environment of the internships service: its tables and the kernel's, as autogenerate compares them."""

from alembic import context

from internships.adapters.orm import metadata
from internships.config import get_settings
from praxis_common.migrations import run_env, target_metadata

run_env(context, target_metadata(metadata), lambda: get_settings().database_url)
