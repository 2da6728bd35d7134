"""Projects with their shared schools and material, teams and members, milestones, deliverables and reviews,
platform metrics, evaluations, peer ratings and credit records.

Revision ID: 0003_projects
Revises: 0002_idempotency_keys
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0003_projects"
down_revision = "0002_idempotency_keys"
branch_labels = None
depends_on = None


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f"{target}.id"], name=f"fk_{table}_{column}_{target}")


def upgrade() -> None:
    op.create_table(
        "project",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("enterprise_org", sa.String(64), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("brief", sa.Text(), nullable=False),
        sa.Column("competencies", postgresql.ARRAY(sa.String(64)), nullable=False),
        sa.Column("stages", postgresql.JSONB(), nullable=False),
        sa.Column("team_capacity", sa.Integer(), nullable=False),
        sa.Column("teams_formed", sa.Integer(), server_default="0", nullable=False),
        sa.Column("min_team_size", sa.SmallInteger(), nullable=False),
        sa.Column("max_team_size", sa.SmallInteger(), nullable=False),
        sa.Column("credits", sa.Numeric(5, 2), nullable=False),
        sa.Column("pass_mark", sa.Numeric(5, 2), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("parallel_stages", sa.Boolean(), nullable=False),
        sa.Column("weight_teacher", sa.Numeric(5, 4), nullable=False),
        sa.Column("weight_enterprise", sa.Numeric(5, 4), nullable=False),
        sa.Column("weight_platform", sa.Numeric(5, 4), nullable=False),
        sa.Column("weight_peer", sa.Numeric(5, 4), nullable=False),
        sa.Column("platform_targets", postgresql.JSONB(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(255), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("completed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("status IN ('draft','published','completed')", name="ck_project_status"),
        sa.CheckConstraint("teams_formed >= 0 AND teams_formed <= team_capacity", name="ck_project_teams_formed"),
        sa.CheckConstraint("min_team_size >= 1 AND min_team_size <= max_team_size", name="ck_project_team_size"),
        sa.CheckConstraint(
            "weight_teacher + weight_enterprise + weight_platform + weight_peer = 1",
            name="ck_project_weights_sum_to_one",
        ),
        sa.CheckConstraint("pass_mark BETWEEN 0 AND 100", name="ck_project_pass_mark"),
        sa.CheckConstraint("ends_on >= starts_on", name="ck_project_period"),
        sa.PrimaryKeyConstraint("id", name="pk_project"),
    )
    op.create_index("ix_project_enterprise", "project", ["enterprise_org", "created_at", "id"])

    op.create_table(
        "project_school",
        sa.Column("project_id", sa.UUID(), nullable=False),
        sa.Column("school_org", sa.String(64), nullable=False),
        sa.Column("granted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("granted_by", sa.String(255), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_by", sa.String(255), nullable=True),
        _fk("project_school", "project_id", "project"),
        sa.PrimaryKeyConstraint("project_id", "school_org", name="pk_project_school"),
    )
    op.create_index("ix_project_school_school", "project_school", ["school_org", "project_id"])

    op.create_table(
        "material",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("project_id", sa.UUID(), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("uri", sa.String(2000), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("added_by", sa.String(255), nullable=False),
        sa.CheckConstraint("kind IN ('dataset','file','link')", name="ck_material_kind"),
        _fk("material", "project_id", "project"),
        sa.PrimaryKeyConstraint("id", name="pk_material"),
    )
    op.create_index("ix_material_project", "material", ["project_id", "added_at"])

    op.create_table(
        "team",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("project_id", sa.UUID(), nullable=False),
        sa.Column("school_org", sa.String(64), nullable=False),
        sa.Column("enterprise_org", sa.String(64), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("formed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("formed_by", sa.String(255), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("end_reason", sa.String(200), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("status IN ('formed','dissolved','completed')", name="ck_team_status"),
        _fk("team", "project_id", "project"),
        sa.PrimaryKeyConstraint("id", name="pk_team"),
    )
    op.create_index("ix_team_project", "team", ["project_id", "formed_at"])
    op.create_index("ix_team_school", "team", ["school_org", "formed_at"])

    op.create_table(
        "team_member",
        sa.Column("team_id", sa.UUID(), nullable=False),
        sa.Column("student_ref", sa.String(128), nullable=False),
        sa.Column("project_id", sa.UUID(), nullable=False),
        sa.Column("display_name", sa.String(200), nullable=True),
        sa.Column("position", sa.SmallInteger(), nullable=False),
        sa.Column("current", sa.Boolean(), nullable=False),
        _fk("team_member", "team_id", "team"),
        sa.PrimaryKeyConstraint("team_id", "student_ref", name="pk_team_member"),
    )
    op.create_index(
        "uq_team_member_current",
        "team_member",
        ["project_id", "student_ref"],
        unique=True,
        postgresql_where=sa.text("current"),
    )

    op.create_table(
        "milestone",
        sa.Column("team_id", sa.UUID(), nullable=False),
        sa.Column("stage", sa.String(40), nullable=False),
        sa.Column("position", sa.SmallInteger(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("status IN ('not_started','submitted','returned','accepted')", name="ck_milestone_status"),
        _fk("milestone", "team_id", "team"),
        sa.PrimaryKeyConstraint("team_id", "stage", name="pk_milestone"),
    )

    op.create_table(
        "deliverable",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("team_id", sa.UUID(), nullable=False),
        sa.Column("stage", sa.String(40), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("link", sa.String(2000), nullable=True),
        sa.Column("file_ref", sa.String(500), nullable=True),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("submitted_by", sa.String(255), nullable=False),
        sa.CheckConstraint(
            "kind IN ('project_report','operation_log','plan','roadshow_defence')", name="ck_deliverable_kind"
        ),
        sa.CheckConstraint("(link IS NULL) <> (file_ref IS NULL)", name="ck_deliverable_one_reference"),
        _fk("deliverable", "team_id", "team"),
        sa.PrimaryKeyConstraint("id", name="pk_deliverable"),
    )
    op.create_index("ix_deliverable_team", "deliverable", ["team_id", "stage", "submitted_at"])

    op.create_table(
        "stage_review",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("team_id", sa.UUID(), nullable=False),
        sa.Column("stage", sa.String(40), nullable=False),
        sa.Column("decision", sa.String(16), nullable=False),
        sa.Column("comments", sa.Text(), nullable=False),
        sa.Column("reviewer", sa.String(255), nullable=False),
        sa.Column("side", sa.String(16), nullable=False),
        sa.Column("mentor_id", sa.String(64), nullable=True),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("decision IN ('accepted','returned')", name="ck_stage_review_decision"),
        sa.CheckConstraint("side IN ('school','enterprise')", name="ck_stage_review_side"),
        _fk("stage_review", "team_id", "team"),
        sa.PrimaryKeyConstraint("id", name="pk_stage_review"),
    )
    op.create_index("ix_stage_review_team", "stage_review", ["team_id", "stage", "reviewed_at"])

    op.create_table(
        "team_metric",
        sa.Column("team_id", sa.UUID(), nullable=False),
        sa.Column("metric", sa.String(32), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("value", sa.Numeric(20, 4), nullable=False),
        sa.Column("unit", sa.String(16), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_by", sa.String(255), nullable=False),
        sa.CheckConstraint("value >= 0", name="ck_team_metric_value"),
        sa.CheckConstraint("period_end >= period_start", name="ck_team_metric_period"),
        _fk("team_metric", "team_id", "team"),
        sa.PrimaryKeyConstraint("team_id", "metric", "period_start", name="pk_team_metric"),
    )

    op.create_table(
        "evaluation",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("team_id", sa.UUID(), nullable=False),
        sa.Column("student_ref", sa.String(128), nullable=False),
        sa.Column("party", sa.String(16), nullable=False),
        sa.Column("assessment", sa.String(16), nullable=False),
        sa.Column("criteria", postgresql.JSONB(), nullable=False),
        sa.Column("score", sa.Numeric(5, 2), nullable=False),
        sa.Column("comments", sa.Text(), nullable=False),
        sa.Column("evaluator", sa.String(255), nullable=False),
        sa.Column("mentor_id", sa.String(64), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("party IN ('teacher','enterprise')", name="ck_evaluation_party"),
        sa.CheckConstraint("assessment IN ('baseline','progress')", name="ck_evaluation_assessment"),
        sa.CheckConstraint("score BETWEEN 0 AND 100", name="ck_evaluation_score"),
        _fk("evaluation", "team_id", "team"),
        sa.PrimaryKeyConstraint("id", name="pk_evaluation"),
    )
    op.create_index(
        "uq_evaluation_baseline",
        "evaluation",
        ["team_id", "student_ref", "party"],
        unique=True,
        postgresql_where=sa.text("assessment = 'baseline'"),
    )
    op.create_index("ix_evaluation_team", "evaluation", ["team_id", "student_ref", "recorded_at"])

    op.create_table(
        "peer_rating",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("team_id", sa.UUID(), nullable=False),
        sa.Column("stage", sa.String(40), nullable=False),
        sa.Column("rater_ref", sa.String(128), nullable=False),
        sa.Column("ratee_ref", sa.String(128), nullable=False),
        sa.Column("score", sa.Numeric(5, 2), nullable=False),
        sa.Column("comments", sa.Text(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("rater_ref <> ratee_ref", name="ck_peer_rating_not_self"),
        sa.CheckConstraint("score BETWEEN 0 AND 100", name="ck_peer_rating_score"),
        _fk("peer_rating", "team_id", "team"),
        sa.PrimaryKeyConstraint("id", name="pk_peer_rating"),
        sa.UniqueConstraint("team_id", "stage", "rater_ref", "ratee_ref", name="uq_peer_rating_once_per_stage"),
    )

    op.create_table(
        "credit",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("student_ref", sa.String(128), nullable=False),
        sa.Column("school_org", sa.String(64), nullable=False),
        sa.Column("enterprise_org", sa.String(64), nullable=False),
        sa.Column("project_id", sa.UUID(), nullable=False),
        sa.Column("project_title", sa.String(200), nullable=False),
        sa.Column("team_id", sa.UUID(), nullable=False),
        sa.Column("credits", sa.Numeric(5, 2), nullable=False),
        sa.Column("score", sa.Numeric(5, 2), nullable=False),
        sa.Column("awarded_on", sa.Date(), nullable=False),
        sa.Column("awarded_at", sa.DateTime(timezone=True), nullable=False),
        _fk("credit", "project_id", "project"),
        _fk("credit", "team_id", "team"),
        sa.PrimaryKeyConstraint("id", name="pk_credit"),
        sa.UniqueConstraint("project_id", "student_ref", name="uq_credit_project_student"),
    )
    op.create_index("ix_credit_school", "credit", ["school_org", "awarded_at", "id"])
    op.create_index("ix_credit_enterprise", "credit", ["enterprise_org", "awarded_at", "id"])


def downgrade() -> None:
    for table in (
        "credit",
        "peer_rating",
        "evaluation",
        "team_metric",
        "stage_review",
        "deliverable",
        "milestone",
        "team_member",
        "team",
        "material",
        "project_school",
        "project",
    ):
        op.drop_table(table)
