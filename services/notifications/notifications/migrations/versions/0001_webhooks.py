"""Webhook endpoints, deliveries, attempts and notices; the kernel's outbox, inbox and idempotency-key tables.

Revision ID: 0001_webhooks
Revises:
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import ARRAY, UUID

from praxis_common.migrations import (
    add_idempotency_subject,
    create_idempotency_table,
    create_messaging_tables,
    drop_messaging_tables,
)

revision = "0001_webhooks"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    create_messaging_tables(op)
    create_idempotency_table(op)
    add_idempotency_subject(op)
    op.create_table(
        "webhook_endpoint",
        sa.Column("id", UUID(as_uuid=True), nullable=False),
        sa.Column("org", sa.String(64), nullable=False),
        sa.Column("url", sa.String(2048), nullable=False),
        sa.Column("description", sa.String(500), nullable=False),
        sa.Column("event_types", ARRAY(sa.String(255)), nullable=False),
        sa.Column("secret", sa.String(64), nullable=False),
        sa.Column("previous_secret", sa.String(64)),
        sa.Column("previous_secret_expires_at", sa.DateTime(timezone=True)),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("disabled_reason", sa.String(500)),
        sa.Column("last_success_at", sa.DateTime(timezone=True)),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_webhook_endpoint")),
    )
    op.create_index("ix_webhook_endpoint_org", "webhook_endpoint", ["org"])
    op.create_table(
        "webhook_delivery",
        sa.Column("id", UUID(as_uuid=True), nullable=False),
        sa.Column("endpoint_id", UUID(as_uuid=True), nullable=False),
        sa.Column("org", sa.String(64), nullable=False),
        sa.Column("event_id", sa.String(64), nullable=False),
        sa.Column("event_type", sa.String(255), nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("first_attempt_at", sa.DateTime(timezone=True)),
        sa.ForeignKeyConstraint(
            ["endpoint_id"],
            ["webhook_endpoint.id"],
            name=op.f("fk_webhook_delivery_endpoint_id_webhook_endpoint"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_webhook_delivery")),
        sa.UniqueConstraint("endpoint_id", "event_id", name=op.f("uq_webhook_delivery_endpoint_id")),
    )
    op.create_index(
        "ix_webhook_delivery_due",
        "webhook_delivery",
        ["next_attempt_at"],
        postgresql_where=sa.text("status = 'pending'"),
    )
    op.create_index("ix_webhook_delivery_endpoint", "webhook_delivery", ["endpoint_id", "created_at"])
    op.create_table(
        "webhook_attempt",
        sa.Column("delivery_id", UUID(as_uuid=True), nullable=False),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status_code", sa.Integer),
        sa.Column("latency_ms", sa.Integer, nullable=False),
        sa.Column("error", sa.String(500)),
        sa.ForeignKeyConstraint(
            ["delivery_id"],
            ["webhook_delivery.id"],
            name=op.f("fk_webhook_attempt_delivery_id_webhook_delivery"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("delivery_id", "number", name=op.f("pk_webhook_attempt")),
    )
    op.create_table(
        "webhook_notice",
        sa.Column("id", UUID(as_uuid=True), nullable=False),
        sa.Column("org", sa.String(64), nullable=False),
        sa.Column("endpoint_id", UUID(as_uuid=True), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("message", sa.String(1000), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_webhook_notice")),
    )
    op.create_index("ix_webhook_notice_org", "webhook_notice", ["org", "created_at"])


def downgrade() -> None:
    for table in ("webhook_notice", "webhook_attempt", "webhook_delivery", "webhook_endpoint", "idempotency_key"):
        op.drop_table(table)
    drop_messaging_tables(op)
