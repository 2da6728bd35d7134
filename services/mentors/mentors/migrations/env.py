"""Alembic environment of the mentors service: its tables, the partnership read model and the kernel's tables, as
autogenerate compares them."""

from alembic import context

import praxis_partnerships as partnerships
from mentors.adapters.orm import metadata
from mentors.config import get_settings
from praxis_common.migrations import run_env, target_metadata

run_env(context, target_metadata(metadata, partnerships.metadata), lambda: get_settings().database_url)
