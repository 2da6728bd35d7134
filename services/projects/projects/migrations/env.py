"""Alembic environment of the projects service: its tables, the partnership read model and the kernel's tables, as
autogenerate compares them."""

from alembic import context

import praxis_partnerships as partnerships
from praxis_common.migrations import run_env, target_metadata
from projects.adapters.orm import metadata
from projects.config import get_settings

run_env(context, target_metadata(metadata, partnerships.metadata), lambda: get_settings().database_url)
