"""Alembic environment of the mentors service."""

from alembic import context

from praxis_common.db import new_metadata
from praxis_common.migrations import run_env

run_env(context, new_metadata())
