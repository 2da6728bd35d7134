"""Weekly and monthly narrative reports of a placement (reviewed by the assigned school mentor) and the assigned
mentors' comments on them.

Revision ID: 0023_weekly_reports
Revises: 0022_attendance
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0023_weekly_reports"
down_revision = "0022_attendance"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "weekly_report",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("placement_id", sa.UUID(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("evidence", postgresql.JSONB(), nullable=False),
        sa.Column("duties", postgresql.JSONB(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("submitted_by", sa.String(255), nullable=False),
        sa.Column("submitted_by_org", sa.String(64), nullable=False),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reviewed_by", sa.String(255), nullable=True),
        sa.Column("review_comments", sa.Text(), nullable=True),
        sa.Column("score", sa.SmallInteger(), nullable=True),
        sa.Column("reviewer_mentor_id", sa.UUID(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("kind IN ('weekly','monthly')", name="ck_weekly_report_kind"),
        sa.CheckConstraint("status IN ('submitted','accepted','returned')", name="ck_weekly_report_status"),
        sa.CheckConstraint("score IS NULL OR (score >= 0 AND score <= 100)", name="ck_weekly_report_score"),
        sa.ForeignKeyConstraint(["placement_id"], ["placement.id"], name="fk_weekly_report_placement_id_placement"),
        sa.PrimaryKeyConstraint("id", name="pk_weekly_report"),
        sa.UniqueConstraint("placement_id", "kind", "period_start", name="uq_weekly_report_placement_period"),
    )
    op.create_index("ix_weekly_report_pending", "weekly_report", ["status", "submitted_at"])
    op.create_table(
        "weekly_report_comment",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("report_id", sa.UUID(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("side", sa.String(16), nullable=False),
        sa.Column("author", sa.String(255), nullable=False),
        sa.Column("author_org", sa.String(64), nullable=False),
        sa.Column("mentor_id", sa.UUID(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("side IN ('school','enterprise')", name="ck_weekly_report_comment_side"),
        sa.ForeignKeyConstraint(
            ["report_id"], ["weekly_report.id"], name="fk_weekly_report_comment_report_id_weekly_report"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_weekly_report_comment"),
    )
    op.create_index("ix_weekly_report_comment_report", "weekly_report_comment", ["report_id", "created_at"])


def downgrade() -> None:
    op.drop_index("ix_weekly_report_comment_report", table_name="weekly_report_comment")
    op.drop_table("weekly_report_comment")
    op.drop_index("ix_weekly_report_pending", table_name="weekly_report")
    op.drop_table("weekly_report")
