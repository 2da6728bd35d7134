"""Outcomes: guidance sessions kept from the mentors service's events (the partnership value ledger's minutes).

Revision ID: 0028
Revises: 0025_ministry_report_downloads
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0028"
down_revision = "0025_ministry_report_downloads"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "guidance_record",
        sa.Column("session_id", sa.UUID(), nullable=False),
        sa.Column("context_kind", sa.String(16), nullable=False),
        sa.Column("context_id", sa.String(64), nullable=False),
        sa.Column("side", sa.String(16), nullable=False),
        sa.Column("school_org", sa.String(64), nullable=False),
        sa.Column("enterprise_org", sa.String(64), nullable=False),
        sa.Column("student_ref", sa.String(128), nullable=False),
        sa.Column("mode", sa.String(16), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("context_kind IN ('placement','project')", name="ck_guidance_record_context_kind"),
        sa.CheckConstraint("mode IN ('onsite','online')", name="ck_guidance_record_mode"),
        sa.CheckConstraint("minutes > 0", name="ck_guidance_record_minutes"),
        sa.PrimaryKeyConstraint("session_id", name="pk_guidance_record"),
    )
    op.create_index("ix_guidance_record_context", "guidance_record", ["context_kind", "context_id"])
    op.create_index("ix_guidance_record_pair", "guidance_record", ["school_org", "enterprise_org"])


def downgrade() -> None:
    op.drop_table("guidance_record")
