"""Allocation rounds: the round, its positions (with the enterprise's ranking and the seats offered at close),
its students (shared profile and ranked list), its runs (inputs, hash, algorithm version, seed) and their
matches with explanations.

Revision ID: 0008_rounds
Revises: 0007_booking_function
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0008_rounds"
down_revision = "0007_booking_function"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "allocation_round",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("owner_org", sa.String(64), nullable=False),
        sa.Column("schools", postgresql.ARRAY(sa.String(64)), nullable=False),
        sa.Column("enterprise_org", sa.String(64), nullable=True),
        sa.Column("list_limit", sa.SmallInteger(), nullable=False),
        sa.Column("publish_as", sa.String(16), nullable=False),
        sa.Column("seed", sa.BigInteger(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(255), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("computed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("latest_run_id", sa.UUID(), nullable=True),
        sa.Column("published_run_id", sa.UUID(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("status IN ('open','closed','computed','published')", name="ck_allocation_round_status"),
        sa.CheckConstraint("publish_as IN ('requested','confirmed')", name="ck_allocation_round_publish_as"),
        sa.CheckConstraint("list_limit BETWEEN 1 AND 50", name="ck_allocation_round_list_limit"),
        sa.CheckConstraint("seed >= 0", name="ck_allocation_round_seed"),
        sa.PrimaryKeyConstraint("id", name="pk_allocation_round"),
    )
    op.create_index("ix_allocation_round_schools", "allocation_round", ["schools"], postgresql_using="gin")
    op.create_index(
        "ix_allocation_round_enterprise",
        "allocation_round",
        ["enterprise_org"],
        postgresql_where=sa.text("enterprise_org IS NOT NULL"),
    )

    op.create_table(
        "round_position",
        sa.Column("round_id", sa.UUID(), nullable=False),
        sa.Column("position_id", sa.UUID(), nullable=False),
        sa.Column("enterprise_org", sa.String(64), nullable=False),
        sa.Column("added_by_org", sa.String(64), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ranking", postgresql.JSONB(), nullable=True),
        sa.Column("ranked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("offered_seats", sa.Integer(), nullable=True),
        sa.Column("offered_limit", sa.String(32), nullable=True),
        sa.Column("tags", postgresql.ARRAY(sa.String(64)), nullable=True),
        sa.CheckConstraint("offered_seats IS NULL OR offered_seats >= 0", name="ck_round_position_offered_seats"),
        sa.ForeignKeyConstraint(
            ["round_id"], ["allocation_round.id"], name="fk_round_position_round_id_allocation_round"
        ),
        sa.ForeignKeyConstraint(["position_id"], ["position.id"], name="fk_round_position_position_id_position"),
        sa.PrimaryKeyConstraint("round_id", "position_id", name="pk_round_position"),
    )
    op.create_index("ix_round_position_enterprise", "round_position", ["enterprise_org", "round_id"])
    op.create_index("ix_round_position_position", "round_position", ["position_id"])

    op.create_table(
        "round_student",
        sa.Column("round_id", sa.UUID(), nullable=False),
        sa.Column("school_org", sa.String(64), nullable=False),
        sa.Column("student_ref", sa.String(128), nullable=False),
        sa.Column("profile", postgresql.JSONB(), nullable=False),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column("study_year", sa.SmallInteger(), nullable=True),
        sa.Column("preferences", postgresql.ARRAY(sa.UUID()), server_default="{}", nullable=False),
        sa.Column("preferences_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["round_id"], ["allocation_round.id"], name="fk_round_student_round_id_allocation_round"
        ),
        sa.PrimaryKeyConstraint("round_id", "school_org", "student_ref", name="pk_round_student"),
    )
    op.create_index("ix_round_student_preferences", "round_student", ["preferences"], postgresql_using="gin")

    op.create_table(
        "round_run",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("round_id", sa.UUID(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("input_hash", sa.String(64), nullable=False),
        sa.Column("algorithm_version", sa.Text(), nullable=False),
        sa.Column("seed", sa.BigInteger(), nullable=False),
        sa.Column("computed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("computed_by", sa.String(255), nullable=False),
        sa.Column("students", sa.Integer(), nullable=False),
        sa.Column("matched", sa.Integer(), nullable=False),
        sa.Column("inputs", postgresql.JSONB(), nullable=False),
        sa.ForeignKeyConstraint(["round_id"], ["allocation_round.id"], name="fk_round_run_round_id_allocation_round"),
        sa.PrimaryKeyConstraint("id", name="pk_round_run"),
        sa.UniqueConstraint("round_id", "seq", name="uq_round_run_round_seq"),
    )

    op.create_table(
        "round_match",
        sa.Column("run_id", sa.UUID(), nullable=False),
        sa.Column("school_org", sa.String(64), nullable=False),
        sa.Column("student_ref", sa.String(128), nullable=False),
        sa.Column("position_id", sa.UUID(), nullable=True),
        sa.Column("choice", sa.SmallInteger(), nullable=True),
        sa.Column("explanation", postgresql.JSONB(), nullable=False),
        sa.ForeignKeyConstraint(["run_id"], ["round_run.id"], name="fk_round_match_run_id_round_run"),
        sa.PrimaryKeyConstraint("run_id", "school_org", "student_ref", name="pk_round_match"),
    )
    op.create_index("ix_round_match_position", "round_match", ["run_id", "position_id"])


def downgrade() -> None:
    op.drop_table("round_match")
    op.drop_table("round_run")
    op.drop_table("round_student")
    op.drop_table("round_position")
    op.drop_table("allocation_round")
