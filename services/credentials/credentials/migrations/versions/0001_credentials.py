"""Signing keys, the achievements and organisation names events reported, and credentials; the kernel's outbox, inbox and idempotency keys.

Revision ID: 0001_credentials
Revises:
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB, UUID

from praxis_common.migrations import (
    add_idempotency_subject,
    create_idempotency_table,
    create_messaging_tables,
    drop_messaging_tables,
)

revision = "0001_credentials"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    create_messaging_tables(op)
    create_idempotency_table(op)
    add_idempotency_subject(op)
    op.create_table(
        "signing_key",
        sa.Column("org", sa.String(64), nullable=False),
        sa.Column("org_kind", sa.String(16), nullable=False),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("kid", sa.String(400), nullable=False),
        sa.Column("public_jwk", JSONB, nullable=False),
        sa.Column("private_jwk", sa.LargeBinary, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("retired_at", sa.DateTime(timezone=True)),
        sa.Column("withdrawn_at", sa.DateTime(timezone=True)),
        sa.PrimaryKeyConstraint("org", "org_kind", "number", name="pk_signing_key"),
        sa.UniqueConstraint("kid", name="uq_signing_key_kid"),
    )
    op.create_table(
        "achievement",
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("source_id", sa.String(64), nullable=False),
        sa.Column("school_org", sa.String(64), nullable=False),
        sa.Column("enterprise_org", sa.String(64), nullable=False),
        sa.Column("student_ref", sa.String(128), nullable=False),
        sa.Column("title", sa.String(500), nullable=False),
        sa.Column("passed", sa.Boolean, nullable=False),
        sa.Column("credits", sa.Numeric(6, 2), nullable=False),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("grade", sa.String(16), nullable=False),
        sa.Column("total", sa.Numeric(5, 2)),
        sa.Column("internship_type", sa.String(32), nullable=False),
        sa.Column("programme", sa.String(200), nullable=False),
        sa.Column("starts_on", sa.Date),
        sa.Column("ends_on", sa.Date),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("kind", "source_id", name="pk_achievement"),
    )
    op.create_table(
        "placement_competencies",
        sa.Column("placement_id", sa.String(64), nullable=False),
        sa.Column("competencies", JSONB, nullable=False),
        sa.PrimaryKeyConstraint("placement_id", name="pk_placement_competencies"),
    )
    op.create_table(
        "approved_week",
        sa.Column("placement_id", sa.String(64), nullable=False),
        sa.Column("week_start", sa.Date, nullable=False),
        sa.Column("total_hours", sa.Numeric(6, 2), nullable=False),
        sa.Column("core_hours", sa.Numeric(6, 2), nullable=False),
        sa.PrimaryKeyConstraint("placement_id", "week_start", name="pk_approved_week"),
    )
    op.create_table(
        "organisation",
        sa.Column("org", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("name_zh", sa.String(200), nullable=False),
        sa.Column("name_en", sa.String(200), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("org", "kind", name="pk_organisation"),
    )
    op.create_table(
        "credential",
        sa.Column("id", UUID(as_uuid=True), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("source_id", sa.String(64), nullable=False),
        sa.Column("school_org", sa.String(64), nullable=False),
        sa.Column("enterprise_org", sa.String(64), nullable=False),
        sa.Column("student_ref", sa.String(128), nullable=False),
        sa.Column("status_index", sa.Integer, nullable=False),
        sa.Column("secured", JSONB, nullable=False),
        sa.Column("stage", sa.String(32), nullable=False),
        sa.Column("requested_by", sa.String(255), nullable=False),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("countersigned_by", sa.String(255)),
        sa.Column("countersigned_at", sa.DateTime(timezone=True)),
        sa.Column("ended_by", sa.String(255)),
        sa.Column("ended_for", sa.String(16)),
        sa.Column("ended_at", sa.DateTime(timezone=True)),
        sa.Column("end_reason", sa.String(500)),
        sa.PrimaryKeyConstraint("id", name="pk_credential"),
        sa.UniqueConstraint("school_org", "status_index", name="uq_credential_school_org"),
    )
    op.create_index(
        "ix_credential_live",
        "credential",
        ["kind", "source_id"],
        unique=True,
        postgresql_where=sa.text("stage IN ('awaiting_countersignature', 'issued')"),
    )
    op.create_index("ix_credential_school", "credential", ["school_org", "requested_at"])
    op.create_index("ix_credential_enterprise", "credential", ["enterprise_org", "requested_at"])


def downgrade() -> None:
    for table in (
        "credential",
        "approved_week",
        "placement_competencies",
        "achievement",
        "signing_key",
        "idempotency_key",
    ):
        op.drop_table(table)
    drop_messaging_tables(op)
