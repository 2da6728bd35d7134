"""Grades and the credit ledger: a programme requirement's pass mark, credits and grade scale; every revision of a
placement's grade; the school's credit ledger (a read model of placement.graded and projects' credit.awarded).

Revision ID: 0027_grades_credit_ledger
Revises: 0026_rubrics_evaluations
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0027_grades_credit_ledger"
down_revision = "0026_rubrics_evaluations"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Existing requirements get the defaults: pass mark 60, 0 credits, the five-level scale.
    op.add_column(
        "programme_requirement", sa.Column("pass_mark", sa.Numeric(5, 2), nullable=False, server_default="60")
    )
    op.add_column("programme_requirement", sa.Column("credits", sa.Numeric(5, 2), nullable=False, server_default="0"))
    op.add_column(
        "programme_requirement",
        sa.Column("grade_scale", sa.String(16), nullable=False, server_default="five_level"),
    )
    op.add_column("programme_requirement", sa.Column("grade_bands", postgresql.JSONB(), nullable=True))
    op.create_check_constraint(
        "ck_programme_requirement_grading",
        "programme_requirement",
        "pass_mark >= 0 AND pass_mark <= 100 AND credits >= 0",
    )
    op.create_check_constraint(
        "ck_programme_requirement_grade_scale",
        "programme_requirement",
        "grade_scale IN ('five_level','letter','custom')",
    )
    op.create_table(
        "placement_grade",
        sa.Column("placement_id", sa.UUID(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("total", sa.Numeric(5, 2), nullable=False),
        sa.Column("grade", sa.String(16), nullable=False),
        sa.Column("passed", sa.Boolean(), nullable=False),
        sa.Column("credits", sa.Numeric(5, 2), nullable=False),
        sa.Column("credits_of_pass", sa.Numeric(5, 2), nullable=False),
        sa.Column("pass_mark", sa.Numeric(5, 2), nullable=False),
        sa.Column("grade_scale", sa.String(16), nullable=False),
        sa.Column("grade_bands", postgresql.JSONB(), nullable=False),
        sa.Column("graded_by", sa.String(255), nullable=False),
        sa.Column("graded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("complete", sa.Boolean(), nullable=False),
        sa.Column("missing", postgresql.JSONB(), nullable=False),
        sa.Column("rubric_id", sa.String(length=64), nullable=True),
        sa.Column("rubric_version", sa.Integer(), nullable=True),
        sa.CheckConstraint("revision >= 1", name="ck_placement_grade_revision"),
        sa.CheckConstraint(
            "total >= 0 AND total <= 100 AND credits >= 0 AND credits_of_pass >= 0", name="ck_placement_grade_figures"
        ),
        sa.CheckConstraint("revision = 1 OR reason IS NOT NULL", name="ck_placement_grade_amendment_reason"),
        sa.ForeignKeyConstraint(["placement_id"], ["placement.id"], name="fk_placement_grade_placement_id_placement"),
        sa.PrimaryKeyConstraint("placement_id", "revision", name="pk_placement_grade"),
    )
    op.create_table(
        "credit_ledger_entry",
        sa.Column("school_org", sa.String(64), nullable=False),
        sa.Column("source_kind", sa.String(16), nullable=False),
        sa.Column("source_id", sa.UUID(), nullable=False),
        sa.Column("student_ref", sa.String(128), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("enterprise_org", sa.String(64), nullable=False),
        sa.Column("credits", sa.Numeric(5, 2), nullable=False),
        sa.Column("score", sa.Numeric(5, 2), nullable=True),
        sa.Column("grade", sa.String(16), nullable=True),
        sa.Column("passed", sa.Boolean(), nullable=False),
        sa.Column("awarded_on", sa.Date(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("source_kind IN ('placement','project')", name="ck_credit_ledger_entry_source_kind"),
        sa.CheckConstraint("credits >= 0", name="ck_credit_ledger_entry_credits"),
        sa.PrimaryKeyConstraint("school_org", "source_kind", "source_id", "student_ref", name="pk_credit_ledger_entry"),
    )
    op.create_index(
        "ix_credit_ledger_entry_student", "credit_ledger_entry", ["school_org", "student_ref", "awarded_on"]
    )
    op.create_index("ix_credit_ledger_entry_awarded", "credit_ledger_entry", ["school_org", "awarded_on", "source_id"])


def downgrade() -> None:
    op.drop_table("credit_ledger_entry")
    op.drop_table("placement_grade")
    op.drop_constraint("ck_programme_requirement_grade_scale", "programme_requirement", type_="check")
    op.drop_constraint("ck_programme_requirement_grading", "programme_requirement", type_="check")
    for column in ("grade_bands", "grade_scale", "credits", "pass_mark"):
        op.drop_column("programme_requirement", column)
