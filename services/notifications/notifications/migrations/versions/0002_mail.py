"""The user directory, notification preferences, reminder facts, notifications (mail) and placements' mentors.

Revision ID: 0002_mail
Revises: 0001_webhooks
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, UUID

revision = "0002_mail"
down_revision = "0001_webhooks"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "directory_user",
        sa.Column("org", sa.String(64), nullable=False),
        sa.Column("account", sa.String(255), nullable=False),
        sa.Column("email", sa.String(320), nullable=False),
        sa.Column("display_name", sa.String(200), nullable=False),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("roles", ARRAY(sa.String(32)), nullable=False),
        sa.Column("mentor_id", UUID(as_uuid=True)),
        sa.Column("self_registered", sa.Boolean, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("org", "account", name=op.f("pk_directory_user")),
    )
    op.create_table(
        "notification_preference",
        sa.Column("org", sa.String(64), nullable=False),
        sa.Column("account", sa.String(255), nullable=False),
        sa.Column("disabled", ARRAY(sa.String(32)), nullable=False),
        sa.Column("delivery", sa.String(16), nullable=False),
        sa.Column("language", sa.String(8)),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("org", "account", name=op.f("pk_notification_preference")),
    )
    op.create_table(
        "reminder_fact",
        sa.Column("key", sa.String(300), nullable=False),
        sa.Column("category", sa.String(32), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("audiences", JSONB, nullable=False),
        sa.Column("context", JSONB, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("fired_at", sa.DateTime(timezone=True)),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_reminder_fact")),
    )
    op.create_index("ix_reminder_fact_due", "reminder_fact", ["due_at"], postgresql_where=sa.text("fired_at IS NULL"))
    op.create_table(
        "notification",
        sa.Column("id", UUID(as_uuid=True), nullable=False),
        sa.Column("org", sa.String(64), nullable=False),
        sa.Column("account", sa.String(255), nullable=False),
        sa.Column("email", sa.String(320), nullable=False),
        sa.Column("category", sa.String(32), nullable=False),
        sa.Column("fact_key", sa.String(300), nullable=False),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("context", JSONB, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("delivery", sa.String(16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("first_attempt_at", sa.DateTime(timezone=True)),
        sa.Column("last_error", sa.String(500)),
        sa.Column("sent_at", sa.DateTime(timezone=True)),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notification")),
        sa.UniqueConstraint("org", "account", "fact_key", name=op.f("uq_notification_org")),
    )
    op.create_index(
        "ix_notification_due", "notification", ["next_attempt_at"], postgresql_where=sa.text("status = 'pending'")
    )
    op.create_index("ix_notification_fact", "notification", ["fact_key"])
    op.create_table(
        "placement_mentor",
        sa.Column("placement_id", sa.String(64), nullable=False),
        sa.Column("side", sa.String(16), nullable=False),
        sa.Column("org", sa.String(64), nullable=False),
        sa.Column("mentor_id", sa.String(64), nullable=False),
        sa.Column("mentor_account", sa.String(255), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("placement_id", "side", name=op.f("pk_placement_mentor")),
    )


def downgrade() -> None:
    for table in ("placement_mentor", "notification", "reminder_fact", "notification_preference", "directory_user"):
        op.drop_table(table)
