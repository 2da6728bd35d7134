"""Placement rubrics and evaluations: rubric versions per agreement, the rubric each placement is bound to, the
midterm and final scores, and the evaluation windows the calendar announced.

Revision ID: 0026_rubrics_evaluations
Revises: 0025_ministry_report_downloads
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0026_rubrics_evaluations"
down_revision = "0025_ministry_report_downloads"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "rubric_version",
        sa.Column("agreement_id", sa.UUID(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("internship_type", sa.String(32), nullable=False),
        sa.Column("indicators", postgresql.JSONB(), nullable=False),
        sa.Column("proposed_by_side", sa.String(16), nullable=False),
        sa.Column("proposed_by", sa.String(255), nullable=False),
        sa.Column("proposed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("accepted_by", sa.String(255)),
        sa.Column("accepted_at", sa.DateTime(timezone=True)),
        sa.CheckConstraint("proposed_by_side IN ('school','enterprise')", name="ck_rubric_version_side"),
        sa.ForeignKeyConstraint(["agreement_id"], ["agreement.id"], name="fk_rubric_version_agreement_id_agreement"),
        sa.PrimaryKeyConstraint("agreement_id", "version", name="pk_rubric_version"),
    )
    op.create_table(
        "placement_rubric",
        sa.Column("placement_id", sa.UUID(), nullable=False),
        sa.Column("rubric_id", sa.String(64), nullable=False),
        sa.Column("rubric_version", sa.Integer(), nullable=False),
        sa.Column("bound_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["placement_id"], ["placement.id"], name="fk_placement_rubric_placement_id_placement"),
        sa.PrimaryKeyConstraint("placement_id", name="pk_placement_rubric"),
    )
    op.create_index("ix_placement_rubric_rubric", "placement_rubric", ["rubric_id", "rubric_version"])
    op.create_table(
        "placement_evaluation",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("placement_id", sa.UUID(), nullable=False),
        sa.Column("window", sa.String(8), nullable=False),
        sa.Column("scorer", sa.String(24), nullable=False),
        sa.Column("scores", postgresql.JSONB(), nullable=False),
        sa.Column("score", sa.Numeric(5, 2), nullable=False),
        sa.Column("comments", sa.Text(), nullable=False),
        sa.Column("recorded_by", sa.String(255), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("rubric_id", sa.String(64), nullable=False),
        sa.Column("rubric_version", sa.Integer(), nullable=False),
        sa.Column("mentor_id", sa.UUID()),
        sa.Column("expert_name", sa.String(200)),
        sa.CheckConstraint("\"window\" IN ('midterm','final')", name="ck_placement_evaluation_window"),
        sa.CheckConstraint("score >= 0 AND score <= 100", name="ck_placement_evaluation_score"),
        sa.ForeignKeyConstraint(
            ["placement_id"], ["placement.id"], name="fk_placement_evaluation_placement_id_placement"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_placement_evaluation"),
    )
    op.create_index("ix_placement_evaluation_placement", "placement_evaluation", ["placement_id", "recorded_at"])
    op.create_table(
        "evaluation_window",
        sa.Column("placement_id", sa.UUID(), nullable=False),
        sa.Column("window", sa.String(8), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["placement_id"], ["placement.id"], name="fk_evaluation_window_placement_id_placement"),
        sa.PrimaryKeyConstraint("placement_id", "window", name="pk_evaluation_window"),
    )


def downgrade() -> None:
    op.drop_table("evaluation_window")
    op.drop_table("placement_evaluation")
    op.drop_table("placement_rubric")
    op.drop_table("rubric_version")
