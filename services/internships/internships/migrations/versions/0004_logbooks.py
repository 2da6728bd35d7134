"""Weekly logbooks of placements.

Revision ID: 0004_logbooks
Revises: 0003_bases_positions_placements
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0004_logbooks"
down_revision = "0003_bases_positions_placements"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "logbook_week",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("placement_id", sa.UUID(), nullable=False),
        sa.Column("week_start", sa.Date(), nullable=False),
        sa.Column("lines", postgresql.JSONB(), nullable=False),
        sa.Column("total_hours", sa.Numeric(6, 2), nullable=False),
        sa.Column("core_hours", sa.Numeric(6, 2), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("submitted_by", sa.String(255), nullable=False),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reviewed_by", sa.String(255), nullable=True),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("status IN ('submitted','approved','returned')", name="ck_logbook_week_status"),
        sa.CheckConstraint("core_hours >= 0 AND core_hours <= total_hours", name="ck_logbook_week_hours"),
        sa.ForeignKeyConstraint(["placement_id"], ["placement.id"], name="fk_logbook_week_placement_id_placement"),
        sa.PrimaryKeyConstraint("id", name="pk_logbook_week"),
        sa.UniqueConstraint("placement_id", "week_start", name="uq_logbook_week_placement_week"),
    )


def downgrade() -> None:
    op.drop_table("logbook_week")
