"""Achievements a school records for its students from outside: certificates, competition results, presented badges.

Revision ID: 0002_recorded_achievements
Revises: 0001_credentials
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import UUID

revision = "0002_recorded_achievements"
down_revision = "0001_credentials"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "recorded_achievement",
        sa.Column("id", UUID(as_uuid=True), nullable=False),
        sa.Column("school_org", sa.String(64), nullable=False),
        sa.Column("student_ref", sa.String(128), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("title", sa.String(500), nullable=False),
        sa.Column("issuer_name", sa.String(200), nullable=False),
        sa.Column("issuer_id", sa.String(2000), nullable=False),
        sa.Column("signed_by", sa.String(2000), nullable=False),
        sa.Column("issuer_known", sa.Boolean, nullable=False),
        sa.Column("credential_ref", sa.String(500), nullable=False),
        sa.Column("awarded_on", sa.Date, nullable=False),
        sa.Column("expires_on", sa.Date),
        sa.Column("level", sa.String(64), nullable=False),
        sa.Column("reference", sa.String(100), nullable=False),
        sa.Column("points", sa.Numeric(5, 2), nullable=False),
        sa.Column("credits", sa.Numeric(5, 2), nullable=False),
        sa.Column("presented", sa.Text),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("recorded_by", sa.String(255), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("weighed_by", sa.String(255)),
        sa.Column("weighed_at", sa.DateTime(timezone=True)),
        sa.Column("withdrawn_by", sa.String(255)),
        sa.Column("withdrawn_at", sa.DateTime(timezone=True)),
        sa.Column("withdraw_reason", sa.String(500)),
        sa.PrimaryKeyConstraint("id", name="pk_recorded_achievement"),
    )
    op.create_index(
        "ix_recorded_achievement_student", "recorded_achievement", ["school_org", "student_ref", "awarded_on"]
    )
    op.create_index("ix_recorded_achievement_school", "recorded_achievement", ["school_org", "recorded_at", "id"])
    op.create_index(  # a badge is recorded once while its record stands
        "ix_recorded_achievement_badge",
        "recorded_achievement",
        ["school_org", "credential_ref"],
        unique=True,
        postgresql_where=sa.text("withdrawn_at IS NULL AND credential_ref <> ''"),
    )


def downgrade() -> None:
    op.drop_table("recorded_achievement")
