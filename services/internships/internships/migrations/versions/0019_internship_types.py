"""The internship course: a placement's type, organisation form, mode, cohort and last hours milestone, and a
school's programme requirements per type and cohort (domain/course.py).

The placement columns have defaults, so existing rows (and the `book_placement` function, which inserts the whole
row it is given) need nothing else; the service passes the values in the row.

Revision ID: 0019_internship_types
Revises: 0018_organisation_profiles
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0019_internship_types"
down_revision = "0018_organisation_profiles"
branch_labels = None
depends_on = None

TYPES = "internship_type IN ('observation','course_practice','post_internship','graduation_internship')"


def upgrade() -> None:
    op.add_column(
        "placement", sa.Column("internship_type", sa.String(32), nullable=False, server_default="post_internship")
    )
    op.add_column(
        "placement", sa.Column("organisation_form", sa.String(16), nullable=False, server_default="dispersed")
    )
    op.add_column("placement", sa.Column("internship_mode", sa.String(16), nullable=False, server_default="on_site"))
    op.add_column("placement", sa.Column("cohort", sa.String(16), nullable=True))
    op.add_column("placement", sa.Column("hours_milestone", sa.SmallInteger(), nullable=False, server_default="0"))
    op.create_check_constraint("ck_placement_internship_type", "placement", TYPES)
    op.create_check_constraint(
        "ck_placement_organisation_form", "placement", "organisation_form IN ('centralised','dispersed')"
    )
    op.create_check_constraint(
        "ck_placement_internship_mode", "placement", "internship_mode IN ('on_site','virtual','simulated')"
    )
    op.create_table(
        "programme_requirement",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("school_org", sa.String(64), nullable=False),
        sa.Column("internship_type", sa.String(32), nullable=False),
        sa.Column("cohort", sa.String(16), nullable=True),
        sa.Column("required_hours", sa.Numeric(7, 2), nullable=False),
        sa.Column("min_weeks", sa.SmallInteger(), nullable=False),
        sa.Column("min_weekly_reports", sa.SmallInteger(), nullable=False),
        sa.Column("set_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("set_by", sa.String(255), nullable=False),
        sa.CheckConstraint(TYPES, name="ck_programme_requirement_internship_type"),
        sa.CheckConstraint(
            "required_hours >= 0 AND min_weeks >= 0 AND min_weekly_reports >= 0",
            name="ck_programme_requirement_non_negative",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_programme_requirement"),
    )
    op.create_index(
        "uq_programme_requirement_default",
        "programme_requirement",
        ["school_org", "internship_type"],
        unique=True,
        postgresql_where=sa.text("cohort IS NULL"),
    )
    op.create_index(
        "uq_programme_requirement_cohort",
        "programme_requirement",
        ["school_org", "internship_type", "cohort"],
        unique=True,
        postgresql_where=sa.text("cohort IS NOT NULL"),
    )


def downgrade() -> None:
    op.drop_index("uq_programme_requirement_cohort", table_name="programme_requirement")
    op.drop_index("uq_programme_requirement_default", table_name="programme_requirement")
    op.drop_table("programme_requirement")
    for name in ("internship_mode", "organisation_form", "internship_type"):
        op.drop_constraint(f"ck_placement_{name}", "placement", type_="check")
    for name in ("hours_milestone", "cohort", "internship_mode", "organisation_form", "internship_type"):
        op.drop_column("placement", name)
