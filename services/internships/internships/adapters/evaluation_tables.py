"""Tables of placement evaluation (SQLAlchemy Core, on the service's one `metadata`; alembic owns the schema):
rubric versions per agreement, the rubric each placement is bound to, the scores, and the evaluation windows the
calendar opened."""

from sqlalchemy import CheckConstraint, Column, Date, DateTime, ForeignKey, Index, Integer, Numeric, String, Table, Text
from sqlalchemy.dialects.postgresql import JSONB, UUID

from internships.adapters.orm import metadata

rubric_version = Table(
    "rubric_version",
    metadata,
    Column("agreement_id", UUID(as_uuid=True), ForeignKey("agreement.id"), primary_key=True),
    Column("version", Integer, primary_key=True),
    Column("internship_type", String(32), nullable=False),
    Column("indicators", JSONB, nullable=False),
    Column("proposed_by_side", String(16), nullable=False),
    Column("proposed_by", String(255), nullable=False),
    Column("proposed_at", DateTime(timezone=True), nullable=False),
    Column("accepted_by", String(255)),
    Column("accepted_at", DateTime(timezone=True)),
    CheckConstraint("proposed_by_side IN ('school','enterprise')", name="side"),
)

# The rubric version a placement's scores use: set by its first score, never changed.
placement_rubric = Table(
    "placement_rubric",
    metadata,
    Column("placement_id", UUID(as_uuid=True), ForeignKey("placement.id"), primary_key=True),
    Column("rubric_id", String(64), nullable=False),  # the agreement's id, or default:<internship type>
    Column("rubric_version", Integer, nullable=False),
    Column("bound_at", DateTime(timezone=True), nullable=False),
    Index("ix_placement_rubric_rubric", "rubric_id", "rubric_version"),
)

placement_evaluation = Table(
    "placement_evaluation",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("placement_id", UUID(as_uuid=True), ForeignKey("placement.id"), nullable=False),
    Column("window", String(8), nullable=False),
    Column("scorer", String(24), nullable=False),
    Column("scores", JSONB, nullable=False),  # {indicator key: "82.50"}
    Column("score", Numeric(5, 2), nullable=False),
    Column("comments", Text, nullable=False),
    Column("recorded_by", String(255), nullable=False),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
    Column("rubric_id", String(64), nullable=False),
    Column("rubric_version", Integer, nullable=False),
    Column("mentor_id", UUID(as_uuid=True)),
    Column("expert_name", String(200)),
    CheckConstraint("\"window\" IN ('midterm','final')", name="window"),
    CheckConstraint("score >= 0 AND score <= 100", name="score"),
    Index("ix_placement_evaluation_placement", "placement_id", "recorded_at"),
)

# An evaluation window the calendar announced (evaluation.due), once per placement and window.
evaluation_window = Table(
    "evaluation_window",
    metadata,
    Column("placement_id", UUID(as_uuid=True), ForeignKey("placement.id"), primary_key=True),
    Column("window", String(8), primary_key=True),
    Column("due_on", Date, nullable=False),
    Column("opened_at", DateTime(timezone=True), nullable=False),
)
