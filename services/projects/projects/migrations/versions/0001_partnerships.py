"""Read model of partnerships, plus the kernel's outbox and inbox tables.

Revision ID: 0001_partnerships
Revises:
Create Date: 2026-11-22
"""

from alembic import op

from praxis_common.migrations import create_messaging_tables, drop_messaging_tables
from praxis_partnerships import create_partnership_table

revision = "0001_partnerships"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    create_messaging_tables(op)
    create_partnership_table(op)


def downgrade() -> None:
    op.drop_table("partnership")
    drop_messaging_tables(op)
