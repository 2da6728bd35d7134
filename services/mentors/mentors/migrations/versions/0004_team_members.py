"""The students of a project team's mentoring context (one pair of mentors per team, every member mentored).

Revision ID: 0004_team_members
Revises: 0003_mentors
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_team_members"
down_revision = "0003_mentors"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "mentoring_context_member",
        sa.Column("context_kind", sa.String(16), nullable=False),
        sa.Column("context_id", sa.String(64), nullable=False),
        sa.Column("student_ref", sa.String(128), nullable=False),
        sa.ForeignKeyConstraint(
            ["context_kind", "context_id"],
            ["mentoring_context.kind", "mentoring_context.id"],
            name="fk_mentoring_context_member_context_mentoring_context",
        ),
        sa.PrimaryKeyConstraint("context_kind", "context_id", "student_ref", name="pk_mentoring_context_member"),
    )
    op.create_index("ix_mentoring_context_member_student", "mentoring_context_member", ["student_ref"])


def downgrade() -> None:
    op.drop_table("mentoring_context_member")
