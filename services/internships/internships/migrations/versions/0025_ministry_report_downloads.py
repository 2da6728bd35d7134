"""The monthly ministry report's downloads: each kept with its rows, so the next month shows what changed.

Revision ID: 0025_ministry_report_downloads
Revises: 0024_mentor_names
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0025_ministry_report_downloads"
down_revision = "0024_mentor_names"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ministry_report_download",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("school_org", sa.String(64), nullable=False),
        sa.Column("month", sa.String(7), nullable=False),
        sa.Column("format", sa.String(8), nullable=False),
        sa.Column("rows", postgresql.JSONB(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("downloaded_by", sa.String(255), nullable=False),
        sa.Column("downloaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("format IN ('csv','xlsx')", name="ck_ministry_report_download_format"),
        sa.PrimaryKeyConstraint("id", name="pk_ministry_report_download"),
    )
    op.create_index(
        "ix_ministry_report_download_school_month",
        "ministry_report_download",
        ["school_org", "month", "downloaded_at"],
    )


def downgrade() -> None:
    op.drop_table("ministry_report_download")
