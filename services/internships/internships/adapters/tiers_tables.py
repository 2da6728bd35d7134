"""Tables of the feedback survey and the base tiers (SQLAlchemy Core, on the service's one `metadata`; alembic owns
the schema): the students' answers, one per placement, and every tier decision on a base with its evidence."""

from sqlalchemy import Boolean, CheckConstraint, Column, DateTime, ForeignKey, Index, SmallInteger, String, Table, Text
from sqlalchemy.dialects.postgresql import JSONB, UUID

from internships.adapters.orm import metadata

# A student's answers to the feedback survey of their placement (one per placement).
placement_feedback = Table(
    "placement_feedback",
    metadata,
    Column("placement_id", UUID(as_uuid=True), ForeignKey("placement.id"), primary_key=True),
    Column("base_id", UUID(as_uuid=True), ForeignKey("practice_base.id"), nullable=False),
    Column("school_org", String(64), nullable=False),
    Column("enterprise_org", String(64), nullable=False),
    Column("student_ref", String(128), nullable=False),
    Column("work_match", SmallInteger, nullable=False),
    Column("guidance_quality", SmallInteger, nullable=False),
    Column("would_recommend", Boolean, nullable=False),
    Column("return_offer", Boolean, nullable=False),
    Column("comment", Text),
    Column("given_at", DateTime(timezone=True), nullable=False),
    Column("given_by", String(255), nullable=False),
    CheckConstraint("work_match BETWEEN 1 AND 5", name="work_match"),
    CheckConstraint("guidance_quality BETWEEN 1 AND 5", name="guidance_quality"),
    Index("ix_placement_feedback_base", "base_id"),
)

# Every decision on a base's tier: who, when, from which tier to which, why, and the evidence as it stood.
base_tier_decision = Table(
    "base_tier_decision",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("base_id", UUID(as_uuid=True), ForeignKey("practice_base.id"), nullable=False),
    Column("from_tier", SmallInteger, nullable=False),
    Column("from_confirmed", Boolean, nullable=False),
    Column("to_tier", SmallInteger, nullable=False),
    Column("reason", Text, nullable=False),
    Column("decided_by", String(255), nullable=False),
    Column("decided_by_org", String(64), nullable=False),
    Column("decided_by_kind", String(16), nullable=False),
    Column("decided_at", DateTime(timezone=True), nullable=False),
    Column("recommended_tier", SmallInteger),
    Column("evidence", JSONB, nullable=False),
    CheckConstraint("to_tier BETWEEN 1 AND 3", name="to_tier"),
    Index("ix_base_tier_decision_base", "base_id", "decided_at"),
)
