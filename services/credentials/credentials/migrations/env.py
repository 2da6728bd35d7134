"""Alembic environment of the credentials service: its tables and the kernel's tables, as autogenerate compares
them."""

from alembic import context

from credentials.adapters.orm import metadata
from credentials.config import get_settings
from praxis_common.migrations import run_env, target_metadata

run_env(context, target_metadata(metadata), lambda: get_settings().database_url)
