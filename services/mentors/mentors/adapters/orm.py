"""Tables of the mentors service (SQLAlchemy Core; alembic owns the schema, see migrations/versions)."""

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    ForeignKeyConstraint,
    Identity,
    Index,
    Integer,
    PrimaryKeyConstraint,
    SmallInteger,
    String,
    Table,
    Text,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, UUID

from praxis_common.audit import audit_entry_table
from praxis_common.db import new_metadata
from praxis_common.exports.parts import export_part_tables
from praxis_common.feeds import change_log_table
from praxis_common.imports.jobs import import_job_table

metadata = new_metadata()

mentor = Table(
    "mentor",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("org", String(64), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("display_name", String(200), nullable=False),
    Column("account", String(255)),  # the sub the mentor signs in with
    Column("expertise", ARRAY(String(64)), nullable=False),
    Column("languages", ARRAY(String(32)), nullable=False),
    Column("capacity", Integer, nullable=False),
    # Current active mentees: taken with `UPDATE … SET load = load + 1 WHERE load < capacity`, never counted.
    Column("load", Integer, nullable=False, server_default="0"),
    Column("active", Boolean, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("version", Integer, nullable=False),
    CheckConstraint("kind IN ('school','enterprise')", name="kind"),
    CheckConstraint("capacity >= 0", name="capacity"),
    CheckConstraint("load >= 0 AND load <= capacity", name="load"),
    Index("ix_mentor_org", "org", "kind", "active"),
    Index("uq_mentor_account", "org", "account", unique=True, postgresql_where=text("account IS NOT NULL")),
)

practice_period = Table(
    "practice_period",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("mentor_id", UUID(as_uuid=True), ForeignKey("mentor.id"), nullable=False),
    Column("enterprise", String(200), nullable=False),
    Column("role", String(200), nullable=False),
    Column("from_date", Date, nullable=False),
    Column("to_date", Date, nullable=False),
    Column("hours", Integer, nullable=False),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
    CheckConstraint("to_date >= from_date", name="period"),
    CheckConstraint("hours >= 0", name="hours"),
    Index("ix_practice_period_mentor", "mentor_id", "from_date"),
)

mentor_certificate = Table(
    "mentor_certificate",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("mentor_id", UUID(as_uuid=True), ForeignKey("mentor.id"), nullable=False),
    Column("name", String(200), nullable=False),
    Column("issuer", String(200), nullable=False),
    Column("issued_on", Date, nullable=False),
    Column("expires_on", Date),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
    CheckConstraint("expires_on IS NULL OR expires_on >= issued_on", name="validity"),
    Index("ix_mentor_certificate_mentor", "mentor_id"),
)

# What a pair of mentors is for, as the producing service's events described it. Its key makes a confirmed
# placement open mentoring once, whatever the redelivery; an `ended` row that arrives first stays ended.
mentoring_context = Table(
    "mentoring_context",
    metadata,
    Column("kind", String(16), primary_key=True),
    Column("id", String(64), primary_key=True),
    Column("school_org", String(64), nullable=False),
    Column("enterprise_org", String(64), nullable=False),
    Column("student_ref", String(128), nullable=False),
    Column("position_id", String(64)),
    Column("starts_on", Date),
    Column("ends_on", Date),
    Column("competencies", ARRAY(String(64)), nullable=False),
    Column("languages", ARRAY(String(32)), nullable=False),
    Column("status", String(16), nullable=False),
    Column("opened_at", DateTime(timezone=True), nullable=False),
    Column("ended_at", DateTime(timezone=True)),
    Column("end_reason", String(32)),
    CheckConstraint("kind IN ('placement','project')", name="kind"),
    CheckConstraint("status IN ('open','ended')", name="status"),
)

# The students of a project team's context (a placement context has none: its student_ref is the student).
mentoring_context_member = Table(
    "mentoring_context_member",
    metadata,
    Column("context_kind", String(16), primary_key=True),
    Column("context_id", String(64), primary_key=True),
    Column("student_ref", String(128), primary_key=True),
    ForeignKeyConstraint(
        ["context_kind", "context_id"],
        ["mentoring_context.kind", "mentoring_context.id"],
        name="fk_mentoring_context_member_context_mentoring_context",
    ),
    Index("ix_mentoring_context_member_student", "student_ref"),
)

assignment = Table(
    "assignment",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("context_kind", String(16), nullable=False),
    Column("context_id", String(64), nullable=False),
    Column("side", String(16), nullable=False),
    Column("org", String(64), nullable=False),  # the side's organisation, which owns the assignment
    Column("school_org", String(64), nullable=False),
    Column("enterprise_org", String(64), nullable=False),
    Column("student_ref", String(128), nullable=False),
    Column("status", String(16), nullable=False),
    Column("mentor_id", UUID(as_uuid=True), ForeignKey("mentor.id")),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("assigned_at", DateTime(timezone=True)),
    Column("ended_at", DateTime(timezone=True)),
    Column("end_reason", String(32)),
    Column("version", Integer, nullable=False),
    ForeignKeyConstraint(
        ["context_kind", "context_id"],
        ["mentoring_context.kind", "mentoring_context.id"],
        name="fk_assignment_context_mentoring_context",
    ),
    CheckConstraint("side IN ('school','enterprise')", name="side"),
    CheckConstraint("status IN ('pending','active','ended')", name="status"),
    CheckConstraint("status <> 'active' OR mentor_id IS NOT NULL", name="active_has_mentor"),
    CheckConstraint("status <> 'pending' OR mentor_id IS NULL", name="pending_has_none"),
    # One current assignment per context and side: a redelivered event cannot add a second one.
    Index(
        "uq_assignment_current",
        "context_kind",
        "context_id",
        "side",
        unique=True,
        postgresql_where=text("status <> 'ended'"),
    ),
    Index("ix_assignment_pending", "org", "side", "created_at", postgresql_where=text("status = 'pending'")),
    Index("ix_assignment_school_student", "school_org", "student_ref"),
    Index("ix_assignment_enterprise_student", "enterprise_org", "student_ref"),
    Index("ix_assignment_school", "school_org", "created_at", "id"),
    Index("ix_assignment_enterprise", "enterprise_org", "created_at", "id"),
    Index("ix_assignment_mentor", "mentor_id", "status"),
)

assignment_history = Table(
    "assignment_history",
    metadata,
    Column("id", BigInteger, Identity(always=True), primary_key=True),
    Column("assignment_id", UUID(as_uuid=True), ForeignKey("assignment.id"), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("action", String(16), nullable=False),
    Column("mentor_id", UUID(as_uuid=True)),
    Column("previous_mentor_id", UUID(as_uuid=True)),
    Column("how", String(16)),
    Column("reason", Text, nullable=False),
    Column("by", String(255), nullable=False),
    CheckConstraint("action IN ('pending','assigned','reassigned','ended')", name="action"),
    Index("ix_assignment_history_assignment", "assignment_id", "id"),
)

guidance_session = Table(
    "guidance_session",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("assignment_id", UUID(as_uuid=True), ForeignKey("assignment.id"), nullable=False),
    Column("mentor_id", UUID(as_uuid=True), ForeignKey("mentor.id"), nullable=False),
    Column("side", String(16), nullable=False),
    Column("held_on", Date, nullable=False),
    Column("mode", String(16), nullable=False),
    Column("minutes", SmallInteger, nullable=False),
    Column("notes", Text, nullable=False),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
    Column("recorded_by", String(255), nullable=False),
    Column("confirmed_at", DateTime(timezone=True)),
    Column("confirmed_by", String(255)),
    CheckConstraint("mode IN ('onsite','online')", name="mode"),
    CheckConstraint("minutes BETWEEN 1 AND 1440", name="minutes"),
    CheckConstraint("side IN ('school','enterprise')", name="side"),
    Index("ix_guidance_session_assignment", "assignment_id", "held_on"),
    Index("ix_guidance_session_mentor", "mentor_id", "held_on"),
)

# The change log behind `updated_since` feeds (praxis_common.feeds), written only by triggers.
change_log = change_log_table(metadata)

# Each overdue-guidance period of an assignment told once (mentors.guidance.overdue): a period starts at the last
# on-site session (or the context's start, before any).
guidance_overdue_notice = Table(
    "guidance_overdue_notice",
    metadata,
    Column("assignment_id", UUID(as_uuid=True), nullable=False),
    Column("period_start", Date, nullable=False),
    Column("noticed_at", DateTime(timezone=True), nullable=False),
    PrimaryKeyConstraint("assignment_id", "period_start"),
)
# Bulk imports of mentors (docs/imports.md): the kernel's job table.
import_job = import_job_table(metadata)
# The audit log of cross-organisation reads (docs/audit.md): the kernel's table.
audit_entry = audit_entry_table(metadata)

# The parts of organisation exports this service wrote (praxis_common.exports, docs/export.md).
export_part, export_chunk = export_part_tables(metadata)
