"""Organisation profiles: each school's and enterprise's display names, national code (school identification code or
unified social credit code), address and contact; agreements are drafted only between organisations with one.

Revision ID: 0018_organisation_profiles
Revises: 0017_booking_kernel_functions
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0018_organisation_profiles"
down_revision = "0017_booking_kernel_functions"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "organisation_profile",
        sa.Column("org", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("name_zh", sa.String(200), nullable=True),
        sa.Column("name_en", sa.String(200), nullable=True),
        sa.Column("school_code", sa.String(10), nullable=True),
        sa.Column("uscc", sa.String(18), nullable=True),
        sa.Column("address", sa.String(500), nullable=True),
        sa.Column("contact_name", sa.String(200), nullable=True),
        sa.Column("contact_phone", sa.String(32), nullable=True),
        sa.Column("contact_email", sa.String(254), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("kind IN ('school','enterprise')", name="ck_organisation_profile_kind"),
        sa.CheckConstraint("name_zh IS NOT NULL OR name_en IS NOT NULL", name="ck_organisation_profile_named"),
        sa.CheckConstraint(
            "(kind = 'school' AND uscc IS NULL) OR (kind = 'enterprise' AND school_code IS NULL AND uscc IS NOT NULL)",
            name="ck_organisation_profile_code_of_kind",
        ),
        sa.PrimaryKeyConstraint("org", name="pk_organisation_profile"),
    )


def downgrade() -> None:
    op.drop_table("organisation_profile")
