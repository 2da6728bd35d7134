"""Agreements, plus the kernel's outbox and inbox tables.

Revision ID: 0001_agreements
Revises:
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import UUID

from praxis_common.migrations import create_messaging_tables, drop_messaging_tables

revision = "0001_agreements"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    create_messaging_tables(op)
    op.create_table(
        "agreement",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        sa.Column("school_org", sa.String(64), nullable=False),
        sa.Column("enterprise_org", sa.String(64), nullable=False),
        sa.Column("title", sa.String(200), nullable=False, server_default=""),
        sa.Column("valid_from", sa.Date, nullable=False),
        sa.Column("valid_to", sa.Date, nullable=False),
        sa.Column("intern_quota", sa.Integer, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("drafted_by_org", sa.String(64), nullable=False),
        sa.Column("school_signed_at", sa.DateTime(timezone=True)),
        sa.Column("school_signed_by", sa.String(255)),
        sa.Column("enterprise_signed_at", sa.DateTime(timezone=True)),
        sa.Column("enterprise_signed_by", sa.String(255)),
        sa.Column("activated_at", sa.DateTime(timezone=True)),
        sa.Column("ended_at", sa.DateTime(timezone=True)),
        sa.Column("termination_reason", sa.Text),
        sa.Column("terminated_by_org", sa.String(64)),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.CheckConstraint("valid_to >= valid_from", name="ck_agreement_period"),
        sa.CheckConstraint("intern_quota >= 0", name="ck_agreement_quota"),
        sa.CheckConstraint("school_org <> enterprise_org", name="ck_agreement_two_parties"),
        sa.CheckConstraint("status IN ('draft','signed','active','terminated','expired')", name="ck_agreement_status"),
    )
    op.create_index("ix_agreement_school", "agreement", ["school_org", "created_at", "id"])
    op.create_index("ix_agreement_enterprise", "agreement", ["enterprise_org", "created_at", "id"])
    op.create_index("ix_agreement_clock", "agreement", ["status", "valid_from", "valid_to"])


def downgrade() -> None:
    op.drop_table("agreement")
    drop_messaging_tables(op)
