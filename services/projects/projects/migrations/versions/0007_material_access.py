"""Time-boxed access to a project's material: a share's expiry, each item's sensitivity, versioned confidentiality
terms and the students' acceptances of them.

Revision ID: 0007_material_access
Revises: 0006_change_feeds
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import UUID

revision = "0007_material_access"
down_revision = "0006_change_feeds"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("project_school", sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column(
        "material", sa.Column("sensitivity", sa.String(16), nullable=False, server_default=sa.text("'internal'"))
    )
    op.create_check_constraint(
        "ck_material_sensitivity", "material", "sensitivity IN ('public','internal','confidential')"
    )
    op.create_table(
        "project_terms",
        sa.Column("project_id", UUID(as_uuid=True), sa.ForeignKey("project.id"), primary_key=True),
        sa.Column("version", sa.Integer(), primary_key=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("published_by", sa.String(255), nullable=False),
        sa.CheckConstraint("version >= 1", name="ck_project_terms_version"),
    )
    op.create_table(
        "terms_acceptance",
        sa.Column("project_id", UUID(as_uuid=True), primary_key=True),
        sa.Column("version", sa.Integer(), primary_key=True),
        sa.Column("student_ref", sa.String(255), primary_key=True),
        sa.Column("school_org", sa.String(64), primary_key=True),
        sa.Column("accepted_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["project_id", "version"], ["project_terms.project_id", "project_terms.version"], name="fk_acceptance_terms"
        ),
    )


def downgrade() -> None:
    op.drop_table("terms_acceptance")
    op.drop_table("project_terms")
    op.drop_constraint("ck_material_sensitivity", "material")
    op.drop_column("material", "sensitivity")
    op.drop_column("project_school", "expires_at")
