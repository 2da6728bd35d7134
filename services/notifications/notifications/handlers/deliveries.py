"""Use cases of deliveries: queue an event for the endpoints that may receive it, read an endpoint's delivery log,
replay, and make one attempt (the delivery worker, handlers/dispatch.py, calls it).

A delivery's body is built once, when the event arrives: a CloudEvents JSON envelope around the receiving
organisation's projection of the event (domain/projections.py), so every attempt and replay sends the same bytes
under the same webhook-id.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime

from notifications.domain.deliveries import DISABLED, Attempt, Backoff, Delivery, DeliveryStatus, Sent
from notifications.domain.projections import addressed
from notifications.domain.webhooks import EndpointStatus
from notifications.handlers.reminders import notice_fact
from notifications.policy import require_webhook_admin
from praxis_common import pages
from praxis_common.auth import Principal
from praxis_common.errors import Conflict, NotFound
from praxis_common.uow import Clock, UowFactory, utc_clock


@dataclass(frozen=True)
class EventIn:
    """An event of another service, its payload as a dict of the proto's field names."""

    id: str
    type: str
    source: str
    subject: str
    time: str
    payload: dict


def envelope(event: EventIn, data: dict) -> str:
    return json.dumps(
        {
            "specversion": "1.0",
            "id": event.id,
            "source": event.source,
            "type": event.type,
            "subject": event.subject,
            "time": event.time,
            "datacontenttype": "application/json",
            "data": data,
        },
        separators=(",", ":"),
        sort_keys=True,
    )


async def queue_event(event: EventIn, *, uow: UowFactory, clock: Clock = utc_clock) -> int:
    """One delivery per endpoint that subscribed to the event and whose organisation the event concerns; a
    redelivered event queues nothing again. Returns how many were queued."""
    now, queued = clock(), 0
    async with uow() as u:
        for target in addressed(event.type, event.payload):
            body = envelope(event, target.data)
            for endpoint in await u.endpoints.receiving(target.org, event.type):
                delivery = Delivery(
                    id=uuid.uuid4(),
                    endpoint_id=endpoint.id,
                    org=target.org.id,
                    org_kind=target.org.kind,
                    event_id=event.id,
                    event_type=event.type,
                    body=body,
                    created_at=now,
                    next_attempt_at=now,
                )
                queued += await u.deliveries.add(delivery)
        await u.commit()
    return queued


async def list_deliveries(
    endpoint_id: uuid.UUID,
    principal: Principal,
    *,
    uow: UowFactory,
    page_size: int = pages.DEFAULT_PAGE_SIZE,
    page_token: str | None = None,
) -> tuple[list[Delivery], str | None]:
    """A page of the endpoint's deliveries with their attempts, newest first."""
    org = require_webhook_admin(principal)
    after = pages.decode_page_token(page_token) if page_token else None
    async with uow() as u:
        if await u.endpoints.get(org, endpoint_id) is None:
            raise NotFound("no such webhook")
        found = await u.deliveries.of_endpoint(endpoint_id, after=after, limit=page_size + 1)
    return pages.next_page(found, page_size, lambda d: (d.created_at, d.id))


async def replay_delivery(
    delivery_id: uuid.UUID, principal: Principal, *, uow: UowFactory, clock: Clock = utc_clock
) -> Delivery:
    """Send the delivery again, with the same webhook-id and body."""
    org = require_webhook_admin(principal)
    async with uow() as u:
        delivery = await u.deliveries.get(org, delivery_id, for_update=True)
        if delivery is None:
            raise NotFound("no such delivery")
        delivery.replay(clock())
        await u.deliveries.save(delivery)
        await u.commit()
    return delivery


TEST_EVENT_TYPE = "praxis.webhook.test"


async def send_test(
    endpoint_id: uuid.UUID, principal: Principal, *, uow: UowFactory, clock: Clock = utc_clock
) -> Delivery:
    """Queue a `praxis.webhook.test` CloudEvent to the endpoint, whatever it subscribed to: a delivery like any other
    (signed, retried, in the delivery log), sent by the delivery worker. A disabled endpoint is a conflict."""
    org = require_webhook_admin(principal)
    now = clock()
    async with uow() as u:
        endpoint = await u.endpoints.get(org, endpoint_id)
        if endpoint is None:
            raise NotFound("no such webhook")
        if endpoint.status is EndpointStatus.DISABLED:
            raise Conflict("the webhook is disabled: enable it before sending a test")
        event = EventIn(
            id=str(uuid.uuid4()),
            type=TEST_EVENT_TYPE,
            source="/praxis/notifications",
            subject=f"webhook/{endpoint.id}",
            time=now.isoformat(),
            payload={},
        )
        data = {"webhook": str(endpoint.id), "message": "a test delivery from Praxis"}
        delivery = Delivery(
            id=uuid.uuid4(),
            endpoint_id=endpoint.id,
            org=org.id,
            org_kind=org.kind,
            event_id=event.id,
            event_type=event.type,
            body=envelope(event, data),
            created_at=now,
            next_attempt_at=now,
        )
        await u.deliveries.add(delivery)
        await u.commit()
    return delivery


async def replay_since(
    endpoint_id: uuid.UUID, since: datetime, principal: Principal, *, uow: UowFactory, clock: Clock = utc_clock
) -> int:
    """Send again every delivery of the endpoint queued at or after `since`; how many."""
    org = require_webhook_admin(principal)
    now = clock()
    async with uow() as u:
        if await u.endpoints.get(org, endpoint_id) is None:
            raise NotFound("no such webhook")
        found = await u.deliveries.since(endpoint_id, since)
        for delivery in found:
            delivery.replay(now)
            await u.deliveries.save(delivery)
        await u.commit()
    return len(found)


# send(url=, msg_id=, secrets=, body=, at=) -> what the request came to (adapters/sender.py signs and sends)
Send = Callable[..., Awaitable[Sent]]


async def attempt(
    delivery: Delivery, *, send: Send, uow: UowFactory, backoff: Backoff, clock: Clock = utc_clock
) -> None:
    """One attempt of a leased delivery: send, record it, then succeed, schedule the retry or fail. A delivery that
    fails for good while its endpoint has had no success since the delivery's first attempt disables the endpoint
    (sustained failure) and leaves a notice for the organisation's admins."""
    async with uow() as u:
        endpoint = await u.endpoints.by_id(delivery.endpoint_id)
    now = clock()
    if endpoint is None:
        return  # deleted with its deliveries
    if endpoint.status is EndpointStatus.DISABLED:
        sent = DISABLED
    else:
        sent = await send(
            url=endpoint.url,
            msg_id=delivery.message_id,
            secrets=endpoint.signing_secrets(now),
            body=delivery.body,
            at=now,
        )
    async with uow() as u:
        current = await u.deliveries.lock(delivery.id)
        if current is None or current.status is not DeliveryStatus.PENDING:
            return
        tried = Attempt(
            number=len(current.attempts) + 1,
            at=now,
            status_code=sent.status_code,
            latency_ms=sent.latency_ms,
            error=sent.error,
        )
        current.record(tried, backoff)
        if sent is DISABLED:
            current.status = DeliveryStatus.FAILED
        await u.deliveries.save(current, new_attempts=[tried])
        if tried.succeeded:
            await u.endpoints.succeeded(endpoint.id, now)
        elif current.status is DeliveryStatus.FAILED and sent is not DISABLED:
            locked = await u.endpoints.get(endpoint.owner, endpoint.id, for_update=True)
            first = current.first_attempt_at or now
            if locked and locked.status is EndpointStatus.ENABLED and (locked.last_success_at or first) <= first:
                reason = f"no successful delivery since {first.isoformat()}; delivery {current.id} failed"
                locked.disable_for_failure(now=now, reason=reason)
                await u.endpoints.save(locked)
                notice = await u.notices.add(
                    org=locked.owner, endpoint_id=locked.id, kind="endpoint_disabled", message=reason, at=now
                )
                fact = notice_fact(
                    org=locked.owner,
                    notice_id=str(notice),
                    endpoint_id=str(locked.id),
                    url=locked.url,
                    reason=reason,
                    at=now,
                )
                await u.facts.schedule(fact, now)  # mailed to the organisation's admins
        await u.commit()
