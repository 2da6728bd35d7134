"""What the compliance policy checks: declared headcounts and pay, the student's age and consents.

Revision ID: 0005_compliance_figures
Revises: 0004_logbooks
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_compliance_figures"
down_revision = "0004_logbooks"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("practice_base", sa.Column("staff", sa.Integer(), nullable=True))
    op.create_check_constraint("ck_practice_base_staff", "practice_base", "staff IS NULL OR staff >= 0")
    op.add_column("position", sa.Column("post_staff", sa.Integer(), nullable=True))
    op.add_column("position", sa.Column("monthly_pay", sa.Numeric(12, 2), nullable=True))
    op.add_column("position", sa.Column("reference_monthly_wage", sa.Numeric(12, 2), nullable=True))
    op.add_column("placement", sa.Column("student_birth_date", sa.Date(), nullable=True))
    op.add_column("placement", sa.Column("study_year", sa.SmallInteger(), nullable=True))
    op.add_column("placement", sa.Column("student_consent_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("placement", sa.Column("guardian_consent_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    for column in ("guardian_consent_at", "student_consent_at", "study_year", "student_birth_date"):
        op.drop_column("placement", column)
    for column in ("reference_monthly_wage", "monthly_pay", "post_staff"):
        op.drop_column("position", column)
    op.drop_constraint("ck_practice_base_staff", "practice_base")
    op.drop_column("practice_base", "staff")
