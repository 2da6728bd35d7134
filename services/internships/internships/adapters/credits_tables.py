"""Tables of grades and the credit ledger (SQLAlchemy Core, on the service's one `metadata`; alembic owns the schema):
every revision of a placement's grade, the school's credit ledger, a read model fed by events (placement.graded
of this service, credit.awarded of projects, achievement.recorded/withdrawn of credentials), and the students'
recorded achievements (a read model of credentials' events: the ledger's achievement entries and the `achievements`
data measure are decided from it)."""

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
)
from sqlalchemy.dialects.postgresql import JSONB, UUID

from internships.adapters.orm import metadata

# One row per revision of a placement's grade (domain/grades.py); the highest revision is the grade.
placement_grade = Table(
    "placement_grade",
    metadata,
    Column("placement_id", UUID(as_uuid=True), ForeignKey("placement.id"), nullable=False),
    Column("revision", Integer, nullable=False),
    Column("total", Numeric(5, 2), nullable=False),
    Column("grade", String(16), nullable=False),
    Column("passed", Boolean, nullable=False),
    Column("credits", Numeric(5, 2), nullable=False),
    Column("credits_of_pass", Numeric(5, 2), nullable=False),
    Column("pass_mark", Numeric(5, 2), nullable=False),
    Column("grade_scale", String(16), nullable=False),
    Column("grade_bands", JSONB, nullable=False),  # the bands graded on: [{"grade": "优", "min_total": "90"}, …]
    Column("graded_by", String(255), nullable=False),
    Column("graded_at", DateTime(timezone=True), nullable=False),
    Column("reason", Text),
    Column("complete", Boolean, nullable=False),
    Column("missing", JSONB, nullable=False),  # ["enterprise_mentor: no final score", …] at completion
    Column("rubric_id", String(64)),
    Column("rubric_version", Integer),
    PrimaryKeyConstraint("placement_id", "revision", name="pk_placement_grade"),
    CheckConstraint("revision >= 1", name="revision"),
    CheckConstraint("total >= 0 AND total <= 100 AND credits >= 0 AND credits_of_pass >= 0", name="figures"),
    CheckConstraint("revision = 1 OR reason IS NOT NULL", name="amendment_reason"),
)

# The school's one credit ledger: an entry per (school, source, student), the latest revision of what it earned.
credit_ledger_entry = Table(
    "credit_ledger_entry",
    metadata,
    Column("school_org", String(64), nullable=False),
    Column("source_kind", String(16), nullable=False),  # placement | project | achievement
    Column("source_id", UUID(as_uuid=True), nullable=False),  # the placement's, the project's or the achievement's id
    Column("student_ref", String(128), nullable=False),
    Column("title", Text, nullable=False),  # the position's, the project's or the achievement's title
    Column("enterprise_org", String(64), nullable=False),  # "" for an achievement
    Column("credits", Numeric(5, 2), nullable=False),
    Column("score", Numeric(5, 2)),  # the weighted total, 0–100
    Column("grade", String(16)),  # on the school's scale (placements); NULL for projects and achievements
    Column("passed", Boolean, nullable=False),
    Column("awarded_on", Date, nullable=False),
    Column("revision", Integer, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    PrimaryKeyConstraint("school_org", "source_kind", "source_id", "student_ref", name="pk_credit_ledger_entry"),
    CheckConstraint("source_kind IN ('placement','project','achievement')", name="source_kind"),
    CheckConstraint("credits >= 0", name="credits"),
    Index("ix_credit_ledger_entry_student", "school_org", "student_ref", "awarded_on"),
    Index("ix_credit_ledger_entry_awarded", "school_org", "awarded_on", "source_id"),
)

# The achievements the school recorded for its students (credentials' achievement.recorded/withdrawn): one row per
# achievement, its highest revision (withdrawn ones stay, so an older revision never brings them back).
student_achievement = Table(
    "student_achievement",
    metadata,
    Column("school_org", String(64), nullable=False),
    Column("achievement_id", UUID(as_uuid=True), nullable=False),
    Column("student_ref", String(128), nullable=False),
    Column("kind", String(16), nullable=False),  # certificate | competition | badge
    Column("title", Text, nullable=False),
    Column("issuer_name", Text, nullable=False),  # who awarded it
    Column("awarded_on", Date, nullable=False),
    Column("points", Numeric(5, 2), nullable=False),  # its weight in the `achievements` data measure, 0–100
    Column("credits", Numeric(5, 2), nullable=False),  # the credit the school awards for it; 0: none
    Column("withdrawn", Boolean, nullable=False),
    Column("revision", Integer, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    PrimaryKeyConstraint("achievement_id", name="pk_student_achievement"),
    CheckConstraint("kind IN ('certificate','competition','badge')", name="kind"),
    CheckConstraint("points >= 0 AND points <= 100 AND credits >= 0", name="figures"),
    CheckConstraint("revision >= 1", name="revision"),
    Index("ix_student_achievement_student", "school_org", "student_ref", "awarded_on"),
)
