"""Attendance attested by the enterprise: recorded days, leave requests, attested weeks.

Revision ID: 0022_attendance
Revises: 0021_insurance
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0022_attendance"
down_revision = "0021_insurance"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "attendance_day",
        sa.Column("placement_id", sa.UUID(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("check_in", sa.Time(), nullable=True),
        sa.Column("check_out", sa.Time(), nullable=True),
        sa.Column("hours", sa.Numeric(4, 2), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_by", sa.String(255), nullable=False),
        sa.Column("recorded_by_org", sa.String(64), nullable=False),
        sa.Column("leave_request_id", sa.UUID(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("status IN ('present','absent','leave')", name="ck_attendance_day_status"),
        sa.ForeignKeyConstraint(["placement_id"], ["placement.id"], name="fk_attendance_day_placement_id_placement"),
        sa.PrimaryKeyConstraint("placement_id", "day", name="pk_attendance_day"),
    )
    op.create_table(
        "leave_request",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("placement_id", sa.UUID(), nullable=False),
        sa.Column("first_day", sa.Date(), nullable=False),
        sa.Column("last_day", sa.Date(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("requested_by", sa.String(255), nullable=False),
        sa.Column("requested_by_org", sa.String(64), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decided_by", sa.String(255), nullable=True),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("decided_on_behalf", sa.Boolean(), nullable=False),
        sa.Column("mentor_id", sa.UUID(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("status IN ('pending','approved','rejected')", name="ck_leave_request_status"),
        sa.CheckConstraint("first_day <= last_day", name="ck_leave_request_days"),
        sa.ForeignKeyConstraint(["placement_id"], ["placement.id"], name="fk_leave_request_placement_id_placement"),
        sa.PrimaryKeyConstraint("id", name="pk_leave_request"),
    )
    op.create_index("ix_leave_request_placement", "leave_request", ["placement_id", "first_day"])
    op.create_table(
        "attendance_week",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("placement_id", sa.UUID(), nullable=False),
        sa.Column("week_start", sa.Date(), nullable=False),
        sa.Column("attested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("attested_by", sa.String(255), nullable=False),
        sa.Column("attested_by_org", sa.String(64), nullable=False),
        sa.Column("mentor_id", sa.UUID(), nullable=True),
        sa.Column("attested_on_behalf", sa.Boolean(), nullable=False),
        sa.Column("disputed_days", postgresql.JSONB(), nullable=False),
        sa.Column("present_days", sa.SmallInteger(), nullable=False),
        sa.Column("present_hours", sa.Numeric(6, 2), nullable=False),
        sa.Column("logbook_hours", sa.Numeric(6, 2), nullable=True),
        sa.Column("anomaly", sa.Boolean(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["placement_id"], ["placement.id"], name="fk_attendance_week_placement_id_placement"),
        sa.PrimaryKeyConstraint("id", name="pk_attendance_week"),
        sa.UniqueConstraint("placement_id", "week_start", name="uq_attendance_week_placement_week"),
    )


def downgrade() -> None:
    op.drop_table("attendance_week")
    op.drop_index("ix_leave_request_placement", table_name="leave_request")
    op.drop_table("leave_request")
    op.drop_table("attendance_day")
