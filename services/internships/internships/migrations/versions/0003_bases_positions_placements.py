"""Practice bases, positions (with seat counters) and placements; the agreement's quota counter.

Revision ID: 0003_bases_positions_placements
Revises: 0002_idempotency_keys
Create Date: 2026-11-22 02:32:18.482206
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0003_bases_positions_placements"
down_revision = "0002_idempotency_keys"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "practice_base",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("agreement_id", sa.UUID(), nullable=False),
        sa.Column("school_org", sa.String(length=64), nullable=False),
        sa.Column("enterprise_org", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("tier", sa.SmallInteger(), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("city", sa.String(length=100), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("capacity >= 0", name=op.f("ck_practice_base_capacity")),
        sa.CheckConstraint("tier BETWEEN 1 AND 3", name=op.f("ck_practice_base_tier")),
        sa.ForeignKeyConstraint(
            ["agreement_id"], ["agreement.id"], name=op.f("fk_practice_base_agreement_id_agreement")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_practice_base")),
    )
    op.create_index("ix_practice_base_enterprise", "practice_base", ["enterprise_org", "created_at"], unique=False)
    op.create_index("ix_practice_base_school", "practice_base", ["school_org", "created_at"], unique=False)
    op.create_table(
        "position",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("base_id", sa.UUID(), nullable=False),
        sa.Column("enterprise_org", sa.String(length=64), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("seats", sa.Integer(), nullable=False),
        sa.Column("seats_taken", sa.Integer(), server_default="0", nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("languages", postgresql.ARRAY(sa.String(length=32)), nullable=False),
        sa.Column("competencies", postgresql.ARRAY(sa.String(length=64)), nullable=False),
        sa.Column("duties", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("status IN ('draft','published','closed')", name=op.f("ck_position_status")),
        sa.CheckConstraint("ends_on >= starts_on", name=op.f("ck_position_term")),
        sa.CheckConstraint("seats_taken >= 0 AND seats_taken <= seats", name=op.f("ck_position_seats")),
        sa.ForeignKeyConstraint(["base_id"], ["practice_base.id"], name=op.f("fk_position_base_id_practice_base")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_position")),
    )
    op.create_index("ix_position_competencies", "position", ["competencies"], unique=False, postgresql_using="gin")
    op.create_index("ix_position_enterprise", "position", ["enterprise_org", "created_at", "id"], unique=False)
    op.create_index("ix_position_published", "position", ["status", "published_at", "id"], unique=False)
    op.create_table(
        "placement",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("position_id", sa.UUID(), nullable=False),
        sa.Column("agreement_id", sa.UUID(), nullable=False),
        sa.Column("school_org", sa.String(length=64), nullable=False),
        sa.Column("enterprise_org", sa.String(length=64), nullable=False),
        sa.Column("student_ref", sa.String(length=128), nullable=False),
        sa.Column("profile", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("hold_expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "status IN ('requested','confirmed','rejected','active','completed','withdrawn','terminated','expired')",
            name=op.f("ck_placement_status"),
        ),
        sa.ForeignKeyConstraint(["agreement_id"], ["agreement.id"], name=op.f("fk_placement_agreement_id_agreement")),
        sa.ForeignKeyConstraint(["position_id"], ["position.id"], name=op.f("fk_placement_position_id_position")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_placement")),
    )
    op.create_index("ix_placement_enterprise", "placement", ["enterprise_org", "requested_at", "id"], unique=False)
    op.create_index(
        "ix_placement_hold", "placement", ["hold_expires_at"], unique=False, postgresql_where="status = 'requested'"
    )
    op.create_index("ix_placement_school", "placement", ["school_org", "requested_at", "id"], unique=False)
    op.create_index("ix_placement_student", "placement", ["school_org", "student_ref"], unique=False)
    op.add_column("agreement", sa.Column("interns_placed", sa.Integer(), server_default="0", nullable=False))
    op.create_check_constraint(
        "ck_agreement_quota_used", "agreement", "interns_placed >= 0 AND interns_placed <= intern_quota"
    )


def downgrade() -> None:
    op.drop_constraint("ck_agreement_quota_used", "agreement")
    op.drop_column("agreement", "interns_placed")
    op.drop_index("ix_placement_student", table_name="placement")
    op.drop_index("ix_placement_school", table_name="placement")
    op.drop_index("ix_placement_hold", table_name="placement", postgresql_where="status = 'requested'")
    op.drop_index("ix_placement_enterprise", table_name="placement")
    op.drop_table("placement")
    op.drop_index("ix_position_published", table_name="position")
    op.drop_index("ix_position_enterprise", table_name="position")
    op.drop_index("ix_position_competencies", table_name="position", postgresql_using="gin")
    op.drop_table("position")
    op.drop_index("ix_practice_base_school", table_name="practice_base")
    op.drop_index("ix_practice_base_enterprise", table_name="practice_base")
    op.drop_table("practice_base")
