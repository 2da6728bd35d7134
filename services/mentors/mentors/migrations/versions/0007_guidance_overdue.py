"""Overdue-guidance periods already told (mentors.guidance.overdue, once per assignment and period).

Revision ID: 0007_guidance_overdue
Revises: 0006_change_feeds
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import UUID

revision = "0007_guidance_overdue"
down_revision = "0006_change_feeds"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "guidance_overdue_notice",
        sa.Column("assignment_id", UUID(as_uuid=True), nullable=False),
        sa.Column("period_start", sa.Date, nullable=False),
        sa.Column("noticed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("assignment_id", "period_start", name=op.f("pk_guidance_overdue_notice")),
    )


def downgrade() -> None:
    op.drop_table("guidance_overdue_notice")
