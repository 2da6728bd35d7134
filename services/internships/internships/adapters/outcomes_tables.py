"""Tables of the outcomes feature (SQLAlchemy Core, on the service's one `metadata`; alembic owns the schema): the
guidance sessions kept from the mentors service's events, hires, programme competency profiles, and the partnership
value ledger's read model."""

from sqlalchemy import (
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    SmallInteger,
    String,
    Table,
)
from sqlalchemy.dialects.postgresql import JSONB, UUID

from internships.adapters.orm import metadata

# A guidance session, from praxis.mentors.guidance.recorded (read model; the mentors service owns sessions).
guidance_record = Table(
    "guidance_record",
    metadata,
    Column("session_id", UUID(as_uuid=True), primary_key=True),
    Column("context_kind", String(16), nullable=False),
    Column("context_id", String(64), nullable=False),
    Column("side", String(16), nullable=False),
    Column("school_org", String(64), nullable=False),
    Column("enterprise_org", String(64), nullable=False),
    Column("student_ref", String(128), nullable=False),
    Column("mode", String(16), nullable=False),
    Column("minutes", Integer, nullable=False),
    Column("held_on", Date, nullable=False),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
    CheckConstraint("context_kind IN ('placement','project')", name="context_kind"),
    CheckConstraint("mode IN ('onsite','online')", name="mode"),
    CheckConstraint("minutes > 0", name="minutes"),
    Index("ix_guidance_record_context", "context_kind", "context_id"),
    Index("ix_guidance_record_pair", "school_org", "enterprise_org"),
)

# An enterprise's report that it hired one of a school's students, or gave them a return offer (this service's).
hire = Table(
    "hire",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("enterprise_org", String(64), nullable=False),
    Column("school_org", String(64), nullable=False),
    Column("student_ref", String(128), nullable=False),
    Column("agreement_id", UUID(as_uuid=True), ForeignKey("agreement.id"), nullable=False),
    Column("placement_id", UUID(as_uuid=True), ForeignKey("placement.id")),
    Column("kind", String(16), nullable=False),
    Column("on", Date, nullable=False),
    Column("position_title", String(200)),
    Column("recorded_by", String(255), nullable=False),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
    CheckConstraint("kind IN ('return_offer','hired')", name="kind"),
    Index("ix_hire_enterprise", "enterprise_org", "recorded_at"),
    Index("ix_hire_school", "school_org", "recorded_at"),
)

# The competency tags a school's programme (a placement's cohort) trains (this service's).
programme = Table(
    "programme",
    metadata,
    Column("school_org", String(64), primary_key=True),
    Column("cohort", String(16), primary_key=True),
    Column("competencies", JSONB, nullable=False),
    Column("set_at", DateTime(timezone=True), nullable=False),
    Column("set_by", String(255), nullable=False),
)

# ---- the partnership value ledger: a read model kept by consumers of events (consumers.py), never by the
# use cases that change placements, logbooks or hires.

# A placement as its placement events described it (the latest status by rank; hosted once it started).
ledger_placement = Table(
    "ledger_placement",
    metadata,
    Column("placement_id", UUID(as_uuid=True), primary_key=True),
    Column("agreement_id", UUID(as_uuid=True), nullable=False),
    Column("school_org", String(64), nullable=False),
    Column("enterprise_org", String(64), nullable=False),
    Column("student_ref", String(128), nullable=False),
    Column("cohort", String(16)),
    Column("competencies", JSONB, nullable=False),
    Column("status", String(16), nullable=False),
    Column("rank", SmallInteger, nullable=False),
    Column("starts_on", Date, nullable=False),
    Column("ends_on", Date, nullable=False),
    Index("ix_ledger_placement_agreement", "agreement_id"),
    Index("ix_ledger_placement_school", "school_org", "starts_on"),
)

# A logbook week's approved hours (logbook.approved; a later approval of the week replaces it).
ledger_week = Table(
    "ledger_week",
    metadata,
    Column("placement_id", UUID(as_uuid=True), primary_key=True),
    Column("week_start", Date, primary_key=True),
    Column("core_hours", Numeric(7, 2), nullable=False),
    Column("total_hours", Numeric(7, 2), nullable=False),
    Column("approved_at", DateTime(timezone=True), nullable=False),
)

# A project team of a school that completed an enterprise's project (projects' team.completed).
ledger_team = Table(
    "ledger_team",
    metadata,
    Column("team_id", String(64), primary_key=True),
    Column("project_id", String(64), nullable=False),
    Column("school_org", String(64), nullable=False),
    Column("enterprise_org", String(64), nullable=False),
    Column("completed_on", Date, nullable=False),
    Index("ix_ledger_team_pair", "school_org", "enterprise_org"),
)

# A hire or return offer (hire.recorded).
ledger_hire = Table(
    "ledger_hire",
    metadata,
    Column("hire_id", UUID(as_uuid=True), primary_key=True),
    Column("agreement_id", UUID(as_uuid=True), nullable=False),
    Column("placement_id", UUID(as_uuid=True)),
    Column("school_org", String(64), nullable=False),
    Column("enterprise_org", String(64), nullable=False),
    Column("student_ref", String(128), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("on", Date, nullable=False),
    Index("ix_ledger_hire_agreement", "agreement_id"),
)

# Competencies an enterprise asked for: a published position or project (position.published, project.published).
ledger_demand = Table(
    "ledger_demand",
    metadata,
    Column("source", String(80), primary_key=True),  # position:<id> | project:<id>
    Column("enterprise_org", String(64), nullable=False),
    Column("competencies", JSONB, nullable=False),
    Column("year", SmallInteger, nullable=False),  # the year it was published
    Index("ix_ledger_demand_enterprise", "enterprise_org", "year"),
)
