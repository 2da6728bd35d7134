"""Feedback survey and base tiers: a base's tier becomes the enterprise's proposal until the school (or a platform
authority) confirms one; the students' feedback answers; the history of tier decisions with their evidence.

Existing bases keep their tier as the tier in force, now marked as the enterprise's unconfirmed proposal.

Revision ID: 0029_feedback_tiers
Revises: 0028_value_ledger
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0029_feedback_tiers"
down_revision = "0028_value_ledger"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("practice_base", sa.Column("proposed_tier", sa.SmallInteger(), nullable=True))
    op.execute("UPDATE practice_base SET proposed_tier = tier")
    op.alter_column("practice_base", "proposed_tier", nullable=False)
    op.add_column("practice_base", sa.Column("tier_confirmed_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("practice_base", sa.Column("tier_confirmed_by", sa.String(255), nullable=True))
    op.create_check_constraint("ck_practice_base_proposed_tier", "practice_base", "proposed_tier BETWEEN 1 AND 3")

    op.create_table(
        "placement_feedback",
        sa.Column("placement_id", sa.UUID(), nullable=False),
        sa.Column("base_id", sa.UUID(), nullable=False),
        sa.Column("school_org", sa.String(64), nullable=False),
        sa.Column("enterprise_org", sa.String(64), nullable=False),
        sa.Column("student_ref", sa.String(128), nullable=False),
        sa.Column("work_match", sa.SmallInteger(), nullable=False),
        sa.Column("guidance_quality", sa.SmallInteger(), nullable=False),
        sa.Column("would_recommend", sa.Boolean(), nullable=False),
        sa.Column("return_offer", sa.Boolean(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("given_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("given_by", sa.String(255), nullable=False),
        sa.CheckConstraint("work_match BETWEEN 1 AND 5", name="ck_placement_feedback_work_match"),
        sa.CheckConstraint("guidance_quality BETWEEN 1 AND 5", name="ck_placement_feedback_guidance_quality"),
        sa.ForeignKeyConstraint(
            ["placement_id"], ["placement.id"], name="fk_placement_feedback_placement_id_placement"
        ),
        sa.ForeignKeyConstraint(["base_id"], ["practice_base.id"], name="fk_placement_feedback_base_id_practice_base"),
        sa.PrimaryKeyConstraint("placement_id", name="pk_placement_feedback"),
    )
    op.create_index("ix_placement_feedback_base", "placement_feedback", ["base_id"])

    op.create_table(
        "base_tier_decision",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("base_id", sa.UUID(), nullable=False),
        sa.Column("from_tier", sa.SmallInteger(), nullable=False),
        sa.Column("from_confirmed", sa.Boolean(), nullable=False),
        sa.Column("to_tier", sa.SmallInteger(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("decided_by", sa.String(255), nullable=False),
        sa.Column("decided_by_org", sa.String(64), nullable=False),
        sa.Column("decided_by_kind", sa.String(16), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recommended_tier", sa.SmallInteger(), nullable=True),
        sa.Column("evidence", postgresql.JSONB(), nullable=False),
        sa.CheckConstraint("to_tier BETWEEN 1 AND 3", name="ck_base_tier_decision_to_tier"),
        sa.ForeignKeyConstraint(["base_id"], ["practice_base.id"], name="fk_base_tier_decision_base_id_practice_base"),
        sa.PrimaryKeyConstraint("id", name="pk_base_tier_decision"),
    )
    op.create_index("ix_base_tier_decision_base", "base_tier_decision", ["base_id", "decided_at"])


def downgrade() -> None:
    op.drop_table("base_tier_decision")
    op.drop_table("placement_feedback")
    op.drop_constraint("ck_practice_base_proposed_tier", "practice_base", type_="check")
    op.drop_column("practice_base", "tier_confirmed_by")
    op.drop_column("practice_base", "tier_confirmed_at")
    op.drop_column("practice_base", "proposed_tier")
