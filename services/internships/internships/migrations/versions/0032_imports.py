"""Imports: the kernel's import_job table, the schools' student roster, and positions' external references, the
key of a positions import (docs/imports.md).

Revision ID: 0032_imports
Revises: 0031_used_action_link
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from praxis_common.imports.jobs import create_import_job_table, drop_import_job_table

revision = "0032_imports"
down_revision = "0031_used_action_link"
branch_labels = None
depends_on = None


def upgrade() -> None:
    create_import_job_table(op)
    op.create_table(
        "student_roster",
        sa.Column("school_org", sa.String(64), nullable=False),
        sa.Column("student_ref", sa.String(128), nullable=False),
        sa.Column("display_name", sa.String(100), nullable=True),
        sa.Column("programme", sa.String(200), nullable=True),
        sa.Column("competencies", postgresql.ARRAY(sa.String(64)), nullable=False),
        sa.Column("languages", postgresql.ARRAY(sa.String(32)), nullable=False),
        sa.Column("study_year", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("study_year IS NULL OR study_year BETWEEN 1 AND 10", name="ck_student_roster_study_year"),
        sa.PrimaryKeyConstraint("school_org", "student_ref", name="pk_student_roster"),
    )
    op.create_index("ix_student_roster_programme", "student_roster", ["school_org", "programme"])
    op.add_column("position", sa.Column("external_ref", sa.String(128), nullable=True))
    op.create_index(
        "uq_position_external_ref",
        "position",
        ["enterprise_org", "external_ref"],
        unique=True,
        postgresql_where=sa.text("external_ref IS NOT NULL"),
    )


def downgrade() -> None:
    op.drop_index("uq_position_external_ref", table_name="position")
    op.drop_column("position", "external_ref")
    op.drop_index("ix_student_roster_programme", table_name="student_roster")
    op.drop_table("student_roster")
    drop_import_job_table(op)
