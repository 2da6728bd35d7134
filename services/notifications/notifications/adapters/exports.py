"""What an organisation owns in the notifications service, for its export (docs/export.md), $1 its id and $2 its
kind (an enterprise whose id is a school's gets none of the school's rows): its directory of users and their
preferences, the notifications sent to them, its webhook endpoints (without their signing secrets, which stay
secret) with their deliveries, attempts and notices. Left out: who mentors which placement and reminder facts (read
models of other services' events)."""

from __future__ import annotations

from praxis_common.exports import ExportResource as R

OWNED = "org = $1 AND org_kind = $2"
ENDPOINT = (
    "id, org, org_kind, url, description, event_types, status, disabled_reason, last_success_at, created_at, "
    "updated_at, previous_secret_expires_at"
)

RESOURCES = [
    R("directory_users", 1, f"SELECT * FROM directory_user WHERE {OWNED} ORDER BY account"),
    R("notification_preferences", 1, f"SELECT * FROM notification_preference WHERE {OWNED} ORDER BY account"),
    R("notifications", 1, f"SELECT * FROM notification WHERE {OWNED} ORDER BY created_at, id"),
    R("webhook_endpoints", 1, f"SELECT {ENDPOINT} FROM webhook_endpoint WHERE {OWNED} ORDER BY created_at, id"),
    R("webhook_deliveries", 1, f"SELECT * FROM webhook_delivery WHERE {OWNED} ORDER BY created_at, id"),
    R(
        "webhook_attempts",
        1,
        f"SELECT * FROM webhook_attempt WHERE delivery_id IN (SELECT id FROM webhook_delivery WHERE {OWNED}) "
        "ORDER BY delivery_id, number",
    ),
    R("webhook_notices", 1, f"SELECT * FROM webhook_notice WHERE {OWNED} ORDER BY created_at, id"),
]
