"""Mentors' display names in the read model of who mentors a placement (mentor.assigned / mentor.updated carry
them): the monthly ministry report names each placement's guidance teacher.

Revision ID: 0024_mentor_names
Revises: 0023_weekly_reports
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0024_mentor_names"
down_revision = "0023_weekly_reports"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("mentor_account", sa.Column("display_name", sa.String(200), nullable=True))


def downgrade() -> None:
    op.drop_column("mentor_account", "display_name")
