"""Tables of the projects service (SQLAlchemy Core; alembic owns the schema, see migrations/versions).

The partnership read model (praxis_partnerships) lives in the same database; it has no foreign keys here:
an agreement ending takes effect on reads (a school sees a project only while the partnership is active)."""

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    Numeric,
    SmallInteger,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, UUID

from praxis_common.audit import audit_entry_table
from praxis_common.db import new_metadata
from praxis_common.exports.parts import export_part_tables
from praxis_common.feeds import change_log_table

metadata = new_metadata()

Score = Numeric(5, 2)  # 0.00–100.00

project = Table(
    "project",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("enterprise_org", String(64), nullable=False),
    Column("title", String(200), nullable=False),
    Column("brief", Text, nullable=False),
    Column("competencies", ARRAY(String(64)), nullable=False),
    Column("stages", JSONB, nullable=False),  # [{"key": …, "name": …}] in order
    Column("team_capacity", Integer, nullable=False),
    # Current teams: taken with `UPDATE … SET teams_formed = teams_formed + 1 WHERE teams_formed < team_capacity`.
    Column("teams_formed", Integer, nullable=False, server_default="0"),
    Column("min_team_size", SmallInteger, nullable=False),
    Column("max_team_size", SmallInteger, nullable=False),
    Column("credits", Numeric(5, 2), nullable=False),
    Column("pass_mark", Score, nullable=False),
    Column("starts_on", Date, nullable=False),
    Column("ends_on", Date, nullable=False),
    Column("parallel_stages", Boolean, nullable=False),
    Column("weight_teacher", Numeric(5, 4), nullable=False),
    Column("weight_enterprise", Numeric(5, 4), nullable=False),
    Column("weight_platform", Numeric(5, 4), nullable=False),
    Column("weight_peer", Numeric(5, 4), nullable=False),
    Column("platform_targets", JSONB, nullable=False),  # {metric: {"value": "…", "unit": …}}
    Column("status", String(16), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("created_by", String(255), nullable=False),
    Column("published_at", DateTime(timezone=True)),
    Column("completed_at", DateTime(timezone=True)),
    # Completed while stages of current teams were not accepted: explicitly, with the reason.
    Column("completion_forced", Boolean, nullable=False, server_default=false()),
    Column("completion_reason", Text),
    Column("version", Integer, nullable=False),
    CheckConstraint("status IN ('draft','published','completed')", name="status"),
    CheckConstraint("teams_formed >= 0 AND teams_formed <= team_capacity", name="teams_formed"),
    CheckConstraint("min_team_size >= 1 AND min_team_size <= max_team_size", name="team_size"),
    CheckConstraint(
        "weight_teacher + weight_enterprise + weight_platform + weight_peer = 1", name="weights_sum_to_one"
    ),
    CheckConstraint("pass_mark BETWEEN 0 AND 100", name="pass_mark"),
    CheckConstraint("ends_on >= starts_on", name="period"),
    Index("ix_project_enterprise", "enterprise_org", "created_at", "id"),
)

# Which schools the enterprise shares a project with; a revoked row stays (revoked_at) and is re-granted in place.
project_school = Table(
    "project_school",
    metadata,
    Column("project_id", UUID(as_uuid=True), ForeignKey("project.id"), primary_key=True),
    Column("school_org", String(64), primary_key=True),
    Column("granted_at", DateTime(timezone=True), nullable=False),
    Column("granted_by", String(255), nullable=False),
    Column("revoked_at", DateTime(timezone=True)),
    Column("revoked_by", String(255)),
    Column("expires_at", DateTime(timezone=True)),  # None: until revoked
    Index("ix_project_school_school", "school_org", "project_id"),
)

material = Table(
    "material",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("project_id", UUID(as_uuid=True), ForeignKey("project.id"), nullable=False),
    Column("title", String(200), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("uri", String(2000), nullable=False),
    Column("description", Text, nullable=False),
    Column("added_at", DateTime(timezone=True), nullable=False),
    Column("added_by", String(255), nullable=False),
    Column("sensitivity", String(16), nullable=False, server_default=text("'internal'")),
    CheckConstraint("kind IN ('dataset','file','link')", name="kind"),
    CheckConstraint("sensitivity IN ('public','internal','confidential')", name="sensitivity"),
    Index("ix_material_project", "project_id", "added_at"),
)

# The confidentiality terms an enterprise published for a project: versions 1, 2, … never change once published.
project_terms = Table(
    "project_terms",
    metadata,
    Column("project_id", UUID(as_uuid=True), ForeignKey("project.id"), primary_key=True),
    Column("version", Integer, primary_key=True),
    Column("text", Text, nullable=False),
    Column("published_at", DateTime(timezone=True), nullable=False),
    Column("published_by", String(255), nullable=False),
    CheckConstraint("version >= 1", name="version"),
)

# A student's recorded acceptance of one version of a project's terms (who, which school, when).
terms_acceptance = Table(
    "terms_acceptance",
    metadata,
    Column("project_id", UUID(as_uuid=True), primary_key=True),
    Column("version", Integer, primary_key=True),
    Column("student_ref", String(255), primary_key=True),
    Column("school_org", String(64), primary_key=True),
    Column("accepted_at", DateTime(timezone=True), nullable=False),
    ForeignKeyConstraint(
        ["project_id", "version"], ["project_terms.project_id", "project_terms.version"], name="fk_acceptance_terms"
    ),
)

team = Table(
    "team",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("project_id", UUID(as_uuid=True), ForeignKey("project.id"), nullable=False),
    Column("school_org", String(64), nullable=False),
    Column("enterprise_org", String(64), nullable=False),
    Column("name", String(200), nullable=False),
    Column("status", String(16), nullable=False),
    Column("formed_at", DateTime(timezone=True), nullable=False),
    Column("formed_by", String(255), nullable=False),
    Column("ended_at", DateTime(timezone=True)),
    Column("end_reason", String(200)),
    Column("version", Integer, nullable=False),
    CheckConstraint("status IN ('formed','dissolved','completed')", name="status"),
    Index("ix_team_project", "project_id", "formed_at"),
    Index("ix_team_school", "school_org", "formed_at"),
)

team_member = Table(
    "team_member",
    metadata,
    Column("team_id", UUID(as_uuid=True), ForeignKey("team.id"), primary_key=True),
    Column("student_ref", String(128), primary_key=True),
    Column("project_id", UUID(as_uuid=True), nullable=False),
    Column("display_name", String(200)),
    Column("position", SmallInteger, nullable=False),
    Column("current", Boolean, nullable=False),
    # A student is in one current team of a project at most (a dissolved team's members are free again).
    Index("uq_team_member_current", "project_id", "student_ref", unique=True, postgresql_where=text("current")),
)

milestone = Table(
    "milestone",
    metadata,
    Column("team_id", UUID(as_uuid=True), ForeignKey("team.id"), primary_key=True),
    Column("stage", String(40), primary_key=True),
    Column("position", SmallInteger, nullable=False),
    Column("status", String(16), nullable=False),
    Column("updated_at", DateTime(timezone=True)),
    Column("version", Integer, nullable=False),
    CheckConstraint("status IN ('not_started','submitted','returned','accepted')", name="status"),
)

deliverable = Table(
    "deliverable",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("team_id", UUID(as_uuid=True), ForeignKey("team.id"), nullable=False),
    Column("stage", String(40), nullable=False),
    Column("kind", String(32), nullable=False),
    Column("title", String(200), nullable=False),
    Column("link", String(2000)),
    Column("file_ref", String(500)),
    Column("submitted_at", DateTime(timezone=True), nullable=False),
    Column("submitted_by", String(255), nullable=False),
    CheckConstraint("kind IN ('project_report','operation_log','plan','roadshow_defence')", name="kind"),
    CheckConstraint("(link IS NULL) <> (file_ref IS NULL)", name="one_reference"),
    Index("ix_deliverable_team", "team_id", "stage", "submitted_at"),
)

stage_review = Table(
    "stage_review",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("team_id", UUID(as_uuid=True), ForeignKey("team.id"), nullable=False),
    Column("stage", String(40), nullable=False),
    Column("decision", String(16), nullable=False),
    Column("comments", Text, nullable=False),
    Column("reviewer", String(255), nullable=False),
    Column("side", String(16), nullable=False),
    Column("mentor_id", String(64)),
    Column("reviewed_at", DateTime(timezone=True), nullable=False),
    CheckConstraint("decision IN ('accepted','returned')", name="decision"),
    CheckConstraint("side IN ('school','enterprise')", name="side"),
    Index("ix_stage_review_team", "team_id", "stage", "reviewed_at"),
)

team_metric = Table(
    "team_metric",
    metadata,
    Column("team_id", UUID(as_uuid=True), ForeignKey("team.id"), primary_key=True),
    Column("metric", String(32), primary_key=True),
    Column("period_start", Date, primary_key=True),
    Column("period_end", Date, nullable=False),
    Column("value", Numeric(20, 4), nullable=False),
    Column("unit", String(16), nullable=False),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
    Column("recorded_by", String(255), nullable=False),
    CheckConstraint("value >= 0", name="value"),
    CheckConstraint("period_end >= period_start", name="period"),
)

evaluation = Table(
    "evaluation",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("team_id", UUID(as_uuid=True), ForeignKey("team.id"), nullable=False),
    Column("student_ref", String(128), nullable=False),
    Column("party", String(16), nullable=False),
    Column("assessment", String(16), nullable=False),
    Column("criteria", JSONB, nullable=False),  # {criterion: "score"}
    Column("score", Score, nullable=False),
    Column("comments", Text, nullable=False),
    Column("evaluator", String(255), nullable=False),
    Column("mentor_id", String(64)),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
    CheckConstraint("party IN ('teacher','enterprise')", name="party"),
    CheckConstraint("assessment IN ('baseline','progress')", name="assessment"),
    CheckConstraint("score BETWEEN 0 AND 100", name="score"),
    # One baseline per student and party: it is the fixed point that growth is measured from.
    Index(
        "uq_evaluation_baseline",
        "team_id",
        "student_ref",
        "party",
        unique=True,
        postgresql_where=text("assessment = 'baseline'"),
    ),
    Index("ix_evaluation_team", "team_id", "student_ref", "recorded_at"),
)

peer_rating = Table(
    "peer_rating",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("team_id", UUID(as_uuid=True), ForeignKey("team.id"), nullable=False),
    Column("stage", String(40), nullable=False),
    Column("rater_ref", String(128), nullable=False),
    Column("ratee_ref", String(128), nullable=False),
    Column("score", Score, nullable=False),
    Column("comments", Text, nullable=False),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
    CheckConstraint("rater_ref <> ratee_ref", name="not_self"),
    CheckConstraint("score BETWEEN 0 AND 100", name="score"),
    UniqueConstraint("team_id", "stage", "rater_ref", "ratee_ref", name="uq_peer_rating_once_per_stage"),
)

credit = Table(
    "credit",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("student_ref", String(128), nullable=False),
    Column("school_org", String(64), nullable=False),
    Column("enterprise_org", String(64), nullable=False),
    Column("project_id", UUID(as_uuid=True), ForeignKey("project.id"), nullable=False),
    Column("project_title", String(200), nullable=False),
    Column("team_id", UUID(as_uuid=True), ForeignKey("team.id"), nullable=False),
    Column("credits", Numeric(5, 2), nullable=False),
    Column("score", Score, nullable=False),
    Column("awarded_on", Date, nullable=False),
    Column("awarded_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("project_id", "student_ref", name="uq_credit_project_student"),
    Index("ix_credit_school", "school_org", "awarded_at", "id"),
    Index("ix_credit_enterprise", "enterprise_org", "awarded_at", "id"),
)

# The change log behind `updated_since` feeds (praxis_common.feeds), written only by triggers.
change_log = change_log_table(metadata)

# The audit log of cross-organisation reads (docs/audit.md): the kernel's table.
audit_entry = audit_entry_table(metadata)

# The parts of organisation exports this service wrote (praxis_common.exports, docs/export.md).
export_part, export_chunk = export_part_tables(metadata)
