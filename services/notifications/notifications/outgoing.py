"""Domain events of the notifications service -> integration events (praxis.events.v1 payloads)."""

from __future__ import annotations

from notifications.domain.webhooks import EndpointChanged
from praxis.events.v1 import webhooks_pb2
from praxis_common.events import IntegrationEvent

SERVICE = "notifications"


def integration_event(event: EndpointChanged) -> IntegrationEvent:
    e = event.endpoint
    return IntegrationEvent(
        source=SERVICE,
        topic=f"notifications.webhook.{event.kind}",
        aggregate_type="webhook",
        aggregate_id=str(e.id),
        payload=webhooks_pb2.WebhookEndpointChanged(
            endpoint_id=str(e.id),
            org=e.org,
            org_kind=e.org_kind,
            url=e.url,
            event_types=e.event_types,
            status=e.status.value,
            disabled_reason=e.disabled_reason or "",
            occurred_at=e.updated_at.isoformat(),
        ),
    )
