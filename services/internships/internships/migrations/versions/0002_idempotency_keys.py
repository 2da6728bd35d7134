"""Idempotency keys for create endpoints (the kernel's table).

Revision ID: 0002_idempotency_keys
Revises: 0001_agreements
Create Date: 2026-11-22
"""

from alembic import op

from praxis_common.migrations import create_idempotency_table

revision = "0002_idempotency_keys"
down_revision = "0001_agreements"
branch_labels = None
depends_on = None


def upgrade() -> None:
    create_idempotency_table(op)


def downgrade() -> None:
    op.drop_table("idempotency_key")
