"""Alembic environment of the internships service."""

from alembic import context

from internships.adapters.orm import metadata
from praxis_common.migrations import run_env

run_env(context, metadata)
