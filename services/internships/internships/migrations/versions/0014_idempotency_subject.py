"""Idempotency keys remember who used them first (the kernel's table, version 2): only they get replays.

Revision ID: 0014_idempotency_subject
Revises: 0013_logbook_reviewers
Create Date: 2026-11-30
"""

from alembic import op

from praxis_common.migrations import add_idempotency_subject, drop_idempotency_subject

revision = "0014_idempotency_subject"
down_revision = "0013_logbook_reviewers"
branch_labels = None
depends_on = None


def upgrade() -> None:
    add_idempotency_subject(op)


def downgrade() -> None:
    drop_idempotency_subject(op)
