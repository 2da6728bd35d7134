"""Tables of the internships service (SQLAlchemy Core; alembic owns the schema)."""

from sqlalchemy import CheckConstraint, Column, Date, DateTime, Index, Integer, String, Table, Text
from sqlalchemy.dialects.postgresql import UUID

from praxis_common.db import new_metadata

metadata = new_metadata()

agreement = Table(
    "agreement",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("school_org", String(64), nullable=False),
    Column("enterprise_org", String(64), nullable=False),
    Column("title", String(200), nullable=False, server_default=""),
    Column("valid_from", Date, nullable=False),
    Column("valid_to", Date, nullable=False),
    Column("intern_quota", Integer, nullable=False),
    Column("status", String(16), nullable=False),
    Column("drafted_by_org", String(64), nullable=False),
    Column("school_signed_at", DateTime(timezone=True)),
    Column("school_signed_by", String(255)),
    Column("enterprise_signed_at", DateTime(timezone=True)),
    Column("enterprise_signed_by", String(255)),
    Column("activated_at", DateTime(timezone=True)),
    Column("ended_at", DateTime(timezone=True)),
    Column("termination_reason", Text),
    Column("terminated_by_org", String(64)),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("version", Integer, nullable=False),
    CheckConstraint("valid_to >= valid_from", name="period"),
    CheckConstraint("intern_quota >= 0", name="quota"),
    CheckConstraint("school_org <> enterprise_org", name="two_parties"),
    CheckConstraint("status IN ('draft','signed','active','terminated','expired')", name="status"),
    Index("ix_agreement_school", "school_org", "created_at", "id"),
    Index("ix_agreement_enterprise", "enterprise_org", "created_at", "id"),
    Index("ix_agreement_clock", "status", "valid_from", "valid_to"),
)
