"""Internship liability insurance: the policies an organisation records and their attachment to placements.

Revision ID: 0021_insurance
Revises: 0020_placement_documents
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0021_insurance"
down_revision = "0020_placement_documents"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "insurance_policy",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("owner_org", sa.String(64), nullable=False),
        sa.Column("owner_kind", sa.String(16), nullable=True),
        sa.Column("insurer", sa.String(200), nullable=False),
        sa.Column("policy_number", sa.String(100), nullable=False),
        sa.Column("coverage_type", sa.String(32), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("payer", sa.String(16), nullable=False),
        sa.Column("recorded_by", sa.String(255), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("payer IN ('school','enterprise','student')", name="ck_insurance_policy_payer"),
        sa.CheckConstraint("owner_kind IN ('school','enterprise')", name="ck_insurance_policy_owner_kind"),
        sa.CheckConstraint("ends_on >= starts_on", name="ck_insurance_policy_period"),
        sa.PrimaryKeyConstraint("id", name="pk_insurance_policy"),
    )
    op.create_index("ix_insurance_policy_owner", "insurance_policy", ["owner_org", "recorded_at"])
    op.create_table(
        "placement_insurance",
        sa.Column("placement_id", sa.UUID(), nullable=False),
        sa.Column("policy_id", sa.UUID(), nullable=False),
        sa.Column("attached_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("attached_by", sa.String(255), nullable=False),
        sa.ForeignKeyConstraint(
            ["placement_id"], ["placement.id"], name="fk_placement_insurance_placement_id_placement"
        ),
        sa.ForeignKeyConstraint(
            ["policy_id"], ["insurance_policy.id"], name="fk_placement_insurance_policy_id_insurance_policy"
        ),
        sa.PrimaryKeyConstraint("placement_id", "policy_id", name="pk_placement_insurance"),
    )
    op.create_index("ix_placement_insurance_policy", "placement_insurance", ["policy_id"])


def downgrade() -> None:
    op.drop_index("ix_placement_insurance_policy", table_name="placement_insurance")
    op.drop_table("placement_insurance")
    op.drop_index("ix_insurance_policy_owner", table_name="insurance_policy")
    op.drop_table("insurance_policy")
