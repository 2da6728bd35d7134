"""Tables of the outcomes feature (SQLAlchemy Core, on the service's one `metadata`; alembic owns the schema): the
guidance sessions kept from the mentors service's events."""

from sqlalchemy import CheckConstraint, Column, Date, DateTime, Index, Integer, String, Table
from sqlalchemy.dialects.postgresql import UUID

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
