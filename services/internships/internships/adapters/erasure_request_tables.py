"""Tables of the erasure requests this service coordinates (docs/erasure.md; alembic owns the schema)."""

from sqlalchemy import CheckConstraint, Column, DateTime, ForeignKey, Index, PrimaryKeyConstraint, String, Table, text
from sqlalchemy.dialects.postgresql import JSONB, UUID

from internships.adapters.orm import metadata

erasure_request = Table(
    "erasure_request",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("school_org", String(64), nullable=False),
    Column("student_ref", String(128), nullable=True),  # NULL once completed
    Column("requested_by", String(255), nullable=False),
    Column("requested_at", DateTime(timezone=True), nullable=False),
    Column("state", String(16), nullable=False),
    Column("completed_at", DateTime(timezone=True), nullable=True),
    CheckConstraint("state IN ('pending','completed')", name="state"),
    CheckConstraint("(state = 'completed') = (student_ref IS NULL)", name="forgets_the_student"),
    # one pending request per student of a school: asking again answers the same one
    Index(
        "uq_erasure_request_pending",
        "school_org",
        "student_ref",
        unique=True,
        postgresql_where=text("state = 'pending'"),
    ),
    Index("ix_erasure_request_school", "school_org", "requested_at", "id"),
)

erasure_service = Table(
    "erasure_service",
    metadata,
    Column("erasure_id", UUID(as_uuid=True), ForeignKey("erasure_request.id"), nullable=False),
    Column("service", String(32), nullable=False),
    Column("state", String(16), nullable=False),
    Column("rows_changed", JSONB, nullable=False),
    Column("confirmed_at", DateTime(timezone=True), nullable=True),
    PrimaryKeyConstraint("erasure_id", "service", name="pk_erasure_service"),
    CheckConstraint("state IN ('pending','erased')", name="state"),
)
