"""Mentors with their enterprise practice and certificates, mentoring contexts, dual-mentor assignments with
their history, and guidance sessions.

Revision ID: 0003_mentors
Revises: 0002_idempotency_keys
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0003_mentors"
down_revision = "0002_idempotency_keys"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "mentor",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("org", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("display_name", sa.String(200), nullable=False),
        sa.Column("account", sa.String(255), nullable=True),
        sa.Column("expertise", postgresql.ARRAY(sa.String(64)), nullable=False),
        sa.Column("languages", postgresql.ARRAY(sa.String(32)), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=False),
        sa.Column("load", sa.Integer(), server_default="0", nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("kind IN ('school','enterprise')", name="ck_mentor_kind"),
        sa.CheckConstraint("capacity >= 0", name="ck_mentor_capacity"),
        sa.CheckConstraint("load >= 0 AND load <= capacity", name="ck_mentor_load"),
        sa.PrimaryKeyConstraint("id", name="pk_mentor"),
    )
    op.create_index("ix_mentor_org", "mentor", ["org", "kind", "active"])
    op.create_index(
        "uq_mentor_account", "mentor", ["org", "account"], unique=True, postgresql_where=sa.text("account IS NOT NULL")
    )

    op.create_table(
        "practice_period",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("mentor_id", sa.UUID(), nullable=False),
        sa.Column("enterprise", sa.String(200), nullable=False),
        sa.Column("role", sa.String(200), nullable=False),
        sa.Column("from_date", sa.Date(), nullable=False),
        sa.Column("to_date", sa.Date(), nullable=False),
        sa.Column("hours", sa.Integer(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("to_date >= from_date", name="ck_practice_period_period"),
        sa.CheckConstraint("hours >= 0", name="ck_practice_period_hours"),
        sa.ForeignKeyConstraint(["mentor_id"], ["mentor.id"], name="fk_practice_period_mentor_id_mentor"),
        sa.PrimaryKeyConstraint("id", name="pk_practice_period"),
    )
    op.create_index("ix_practice_period_mentor", "practice_period", ["mentor_id", "from_date"])

    op.create_table(
        "mentor_certificate",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("mentor_id", sa.UUID(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("issuer", sa.String(200), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("expires_on", sa.Date(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("expires_on IS NULL OR expires_on >= issued_on", name="ck_mentor_certificate_validity"),
        sa.ForeignKeyConstraint(["mentor_id"], ["mentor.id"], name="fk_mentor_certificate_mentor_id_mentor"),
        sa.PrimaryKeyConstraint("id", name="pk_mentor_certificate"),
    )
    op.create_index("ix_mentor_certificate_mentor", "mentor_certificate", ["mentor_id"])

    op.create_table(
        "mentoring_context",
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("school_org", sa.String(64), nullable=False),
        sa.Column("enterprise_org", sa.String(64), nullable=False),
        sa.Column("student_ref", sa.String(128), nullable=False),
        sa.Column("position_id", sa.String(64), nullable=True),
        sa.Column("starts_on", sa.Date(), nullable=True),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("competencies", postgresql.ARRAY(sa.String(64)), nullable=False),
        sa.Column("languages", postgresql.ARRAY(sa.String(32)), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("end_reason", sa.String(32), nullable=True),
        sa.CheckConstraint("kind IN ('placement','project')", name="ck_mentoring_context_kind"),
        sa.CheckConstraint("status IN ('open','ended')", name="ck_mentoring_context_status"),
        sa.PrimaryKeyConstraint("kind", "id", name="pk_mentoring_context"),
    )

    op.create_table(
        "assignment",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("context_kind", sa.String(16), nullable=False),
        sa.Column("context_id", sa.String(64), nullable=False),
        sa.Column("side", sa.String(16), nullable=False),
        sa.Column("org", sa.String(64), nullable=False),
        sa.Column("school_org", sa.String(64), nullable=False),
        sa.Column("enterprise_org", sa.String(64), nullable=False),
        sa.Column("student_ref", sa.String(128), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("mentor_id", sa.UUID(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("assigned_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("end_reason", sa.String(32), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("side IN ('school','enterprise')", name="ck_assignment_side"),
        sa.CheckConstraint("status IN ('pending','active','ended')", name="ck_assignment_status"),
        sa.CheckConstraint("status <> 'active' OR mentor_id IS NOT NULL", name="ck_assignment_active_has_mentor"),
        sa.CheckConstraint("status <> 'pending' OR mentor_id IS NULL", name="ck_assignment_pending_has_none"),
        sa.ForeignKeyConstraint(
            ["context_kind", "context_id"],
            ["mentoring_context.kind", "mentoring_context.id"],
            name="fk_assignment_context_mentoring_context",
        ),
        sa.ForeignKeyConstraint(["mentor_id"], ["mentor.id"], name="fk_assignment_mentor_id_mentor"),
        sa.PrimaryKeyConstraint("id", name="pk_assignment"),
    )
    # One current assignment per context and side: a redelivered event cannot add a second one.
    op.create_index(
        "uq_assignment_current",
        "assignment",
        ["context_kind", "context_id", "side"],
        unique=True,
        postgresql_where=sa.text("status <> 'ended'"),
    )
    op.create_index(
        "ix_assignment_pending",
        "assignment",
        ["org", "side", "created_at"],
        postgresql_where=sa.text("status = 'pending'"),
    )
    op.create_index("ix_assignment_school_student", "assignment", ["school_org", "student_ref"])
    op.create_index("ix_assignment_enterprise_student", "assignment", ["enterprise_org", "student_ref"])
    op.create_index("ix_assignment_school", "assignment", ["school_org", "created_at", "id"])
    op.create_index("ix_assignment_enterprise", "assignment", ["enterprise_org", "created_at", "id"])
    op.create_index("ix_assignment_mentor", "assignment", ["mentor_id", "status"])

    op.create_table(
        "assignment_history",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=True), nullable=False),
        sa.Column("assignment_id", sa.UUID(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("mentor_id", sa.UUID(), nullable=True),
        sa.Column("previous_mentor_id", sa.UUID(), nullable=True),
        sa.Column("how", sa.String(16), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("by", sa.String(255), nullable=False),
        sa.CheckConstraint(
            "action IN ('pending','assigned','reassigned','ended')", name="ck_assignment_history_action"
        ),
        sa.ForeignKeyConstraint(
            ["assignment_id"], ["assignment.id"], name="fk_assignment_history_assignment_id_assignment"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_assignment_history"),
    )
    op.create_index("ix_assignment_history_assignment", "assignment_history", ["assignment_id", "id"])

    op.create_table(
        "guidance_session",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("assignment_id", sa.UUID(), nullable=False),
        sa.Column("mentor_id", sa.UUID(), nullable=False),
        sa.Column("side", sa.String(16), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("mode", sa.String(16), nullable=False),
        sa.Column("minutes", sa.SmallInteger(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_by", sa.String(255), nullable=False),
        sa.Column("confirmed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("confirmed_by", sa.String(255), nullable=True),
        sa.CheckConstraint("mode IN ('onsite','online')", name="ck_guidance_session_mode"),
        sa.CheckConstraint("minutes BETWEEN 1 AND 1440", name="ck_guidance_session_minutes"),
        sa.CheckConstraint("side IN ('school','enterprise')", name="ck_guidance_session_side"),
        sa.ForeignKeyConstraint(
            ["assignment_id"], ["assignment.id"], name="fk_guidance_session_assignment_id_assignment"
        ),
        sa.ForeignKeyConstraint(["mentor_id"], ["mentor.id"], name="fk_guidance_session_mentor_id_mentor"),
        sa.PrimaryKeyConstraint("id", name="pk_guidance_session"),
    )
    op.create_index("ix_guidance_session_assignment", "guidance_session", ["assignment_id", "held_on"])
    op.create_index("ix_guidance_session_mentor", "guidance_session", ["mentor_id", "held_on"])


def downgrade() -> None:
    for table in (
        "guidance_session",
        "assignment_history",
        "assignment",
        "mentoring_context",
        "mentor_certificate",
        "practice_period",
        "mentor",
    ):
        op.drop_table(table)
