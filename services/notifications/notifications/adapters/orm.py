"""Tables of the notifications service (SQLAlchemy Core; alembic owns the schema, see migrations/versions)."""

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, UUID

from praxis_common.db import new_metadata
from praxis_common.exports.parts import export_part_tables

metadata = new_metadata()


def owned(table: Table, org):
    """The rows of an organisation (domain/orgs.py `Org`): its id and its kind, never the id alone."""
    return (table.c.org == org.id) & (table.c.org_kind == org.kind)


webhook_endpoint = Table(
    "webhook_endpoint",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("org", String(64), nullable=False),
    Column("org_kind", String(16), nullable=False),
    Column("url", String(2048), nullable=False),
    Column("description", String(500), nullable=False),
    Column("event_types", ARRAY(String(255)), nullable=False),
    Column("secret", String(64), nullable=False),
    Column("previous_secret", String(64)),
    Column("previous_secret_expires_at", DateTime(timezone=True)),
    Column("status", String(16), nullable=False),
    Column("disabled_reason", String(500)),
    Column("last_success_at", DateTime(timezone=True)),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Index("ix_webhook_endpoint_org", "org", "org_kind"),
)

webhook_delivery = Table(
    "webhook_delivery",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("endpoint_id", UUID(as_uuid=True), ForeignKey("webhook_endpoint.id", ondelete="CASCADE"), nullable=False),
    Column("org", String(64), nullable=False),
    Column("org_kind", String(16), nullable=False),
    Column("event_id", String(64), nullable=False),
    Column("event_type", String(255), nullable=False),
    Column("body", Text, nullable=False),
    Column("status", String(16), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("next_attempt_at", DateTime(timezone=True), nullable=False),
    Column("first_attempt_at", DateTime(timezone=True)),
    UniqueConstraint("endpoint_id", "event_id"),
    Index("ix_webhook_delivery_due", "next_attempt_at", postgresql_where=text("status = 'pending'")),
    Index("ix_webhook_delivery_endpoint", "endpoint_id", "created_at"),
)

webhook_attempt = Table(
    "webhook_attempt",
    metadata,
    Column("delivery_id", UUID(as_uuid=True), ForeignKey("webhook_delivery.id", ondelete="CASCADE"), primary_key=True),
    Column("number", Integer, primary_key=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("status_code", Integer),
    Column("latency_ms", Integer, nullable=False),
    Column("error", String(500)),
)

# What the organisation's admins are told (an endpoint disabled after sustained failure); mailed too (reminders).
webhook_notice = Table(
    "webhook_notice",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("org", String(64), nullable=False),
    Column("org_kind", String(16), nullable=False),
    Column("endpoint_id", UUID(as_uuid=True), nullable=False),
    Column("kind", String(32), nullable=False),
    Column("message", String(1000), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Index("ix_webhook_notice_org", "org", "org_kind", "created_at"),
)

# Every table an organisation owns keys it by `org` and `org_kind` (domain/orgs.py); placement_mentor's `side` is
# its `org`'s kind, and a reminder fact's audiences carry theirs in the JSON.

# The organisation's users, as mail recipients (account: the `sub` they sign in with).
directory_user = Table(
    "directory_user",
    metadata,
    Column("org", String(64), nullable=False),
    Column("org_kind", String(16), nullable=False),
    Column("account", String(255), nullable=False),
    Column("email", String(320), nullable=False),
    Column("display_name", String(200), nullable=False),
    Column("language", String(8), nullable=False),
    Column("roles", ARRAY(String(32)), nullable=False),
    Column("mentor_id", UUID(as_uuid=True)),
    Column("self_registered", Boolean, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    PrimaryKeyConstraint("org", "org_kind", "account"),
)

notification_preference = Table(
    "notification_preference",
    metadata,
    Column("org", String(64), nullable=False),
    Column("org_kind", String(16), nullable=False),
    Column("account", String(255), nullable=False),
    Column("disabled", ARRAY(String(32)), nullable=False),
    Column("delivery", String(16), nullable=False),
    Column("language", String(8)),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    PrimaryKeyConstraint("org", "org_kind", "account"),
)

# Facts that come due (read models of other services' events): fired once into notification rows.
reminder_fact = Table(
    "reminder_fact",
    metadata,
    Column("key", String(300), primary_key=True),
    Column("category", String(32), nullable=False),
    Column("due_at", DateTime(timezone=True), nullable=False),
    Column("audiences", JSONB, nullable=False),
    Column("context", JSONB, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("fired_at", DateTime(timezone=True)),
    Index("ix_reminder_fact_due", "due_at", postgresql_where=text("fired_at IS NULL")),
)

# One row per (recipient, fact): the same fact is never mailed twice to anyone.
notification = Table(
    "notification",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("org", String(64), nullable=False),
    Column("org_kind", String(16), nullable=False),
    Column("account", String(255), nullable=False),
    Column("email", String(320), nullable=False),
    Column("category", String(32), nullable=False),
    Column("fact_key", String(300), nullable=False),
    Column("language", String(8), nullable=False),
    Column("context", JSONB, nullable=False),
    Column("status", String(16), nullable=False),
    Column("delivery", String(16), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("next_attempt_at", DateTime(timezone=True), nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("first_attempt_at", DateTime(timezone=True)),
    Column("last_error", String(500)),
    Column("sent_at", DateTime(timezone=True)),
    UniqueConstraint("org", "org_kind", "account", "fact_key"),
    Index("ix_notification_due", "next_attempt_at", postgresql_where=text("status = 'pending'")),
    Index("ix_notification_fact", "fact_key"),
)

# Who mentors each placement, per side (read model of the mentors service's mentor.assigned events): the recipients
# of reminders that name a placement's mentors (evaluation_due).
placement_mentor = Table(
    "placement_mentor",
    metadata,
    Column("placement_id", String(64), nullable=False),
    Column("side", String(16), nullable=False),
    Column("org", String(64), nullable=False),
    Column("mentor_id", String(64), nullable=False),
    Column("mentor_account", String(255), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    PrimaryKeyConstraint("placement_id", "side"),
)

# The parts of organisation exports this service wrote (praxis_common.exports, docs/export.md).
export_part, export_chunk = export_part_tables(metadata)
