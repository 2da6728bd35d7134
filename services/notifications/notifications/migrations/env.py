"""Alembic environment of the notifications service: its tables and the kernel's tables, as autogenerate compares
them."""

from alembic import context

from notifications.adapters.orm import metadata
from notifications.config import get_settings
from praxis_common.migrations import run_env, target_metadata

run_env(context, target_metadata(metadata), lambda: get_settings().database_url)
