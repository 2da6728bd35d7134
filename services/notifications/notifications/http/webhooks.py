"""REST routes of webhooks (/v1/webhooks) and their deliveries (/v1/webhook-deliveries): an organisation's admins,
over their own organisation's endpoints only."""

from __future__ import annotations

import uuid
from datetime import timedelta

from fastapi import APIRouter, Request, Response

from notifications.handlers import deliveries, webhooks
from notifications.schemas.webhooks import (
    DeliveryPage,
    DeliveryRead,
    NoticePage,
    NoticeRead,
    ReplayResult,
    ReplaySince,
    WebhookCreate,
    WebhookPage,
    WebhookRead,
    WebhookUpdate,
    WebhookWithSecret,
)
from praxis_common.http import IdempotencyKey, PrincipalDep, created
from praxis_common.queries import PageSize, PageToken
from praxis_common.service import Runtime


def router(rt: Runtime) -> APIRouter:
    r = APIRouter(prefix="/v1/webhooks", tags=["webhooks"])
    allow_http = rt.settings.allow_private_urls
    grace = timedelta(hours=rt.settings.webhook_rotation_grace_hours)

    def refuse(url: str):
        return rt.resources.refused(url)  # the sender: where prod resolves the URL's host before registering it

    @r.post(
        "",
        operation_id="createWebhook",
        status_code=201,
        response_model=WebhookWithSecret,
        summary="Register a webhook endpoint of your organisation",
    )
    async def create(
        request: Request, body: WebhookCreate, principal: PrincipalDep, idempotency_key: IdempotencyKey = None
    ) -> Response:
        """Admins only. The answer carries the signing secret, shown this once. Event types come from the
        catalogue in docs/notifications.md; those not yet subscribable are a 422. Send an Idempotency-Key."""

        async def vet():
            return await webhooks.vet_url(body.url, principal, allow_http=allow_http, refuse=refuse)

        async def create_it(uow, _vetted):
            endpoint = await webhooks.register_endpoint(
                body.to_command(), principal, uow=uow, allow_http=allow_http, clock=rt.clock
            )
            return WebhookWithSecret.of(endpoint), f"/v1/webhooks/{endpoint.id}"

        return await created(request, principal, rt.uow, idempotency_key, body=body, create=create_it, prepare=vet)

    @r.get("", operation_id="listWebhooks", response_model=WebhookPage, summary="Your organisation's webhooks")
    async def list_(principal: PrincipalDep, page_size: PageSize = 50, page_token: PageToken = None) -> WebhookPage:
        """Oldest first; secrets are never listed."""
        found, token = await webhooks.list_endpoints(principal, uow=rt.uow, page_size=page_size, page_token=page_token)
        return WebhookPage(items=[WebhookRead.of(e) for e in found], next_page_token=token)

    @r.get("/{webhook_id}", operation_id="getWebhook", response_model=WebhookRead, summary="Read one webhook endpoint")
    async def get(webhook_id: uuid.UUID, principal: PrincipalDep) -> WebhookRead:
        return WebhookRead.of(await webhooks.get_endpoint(webhook_id, principal, uow=rt.uow))

    @r.patch(
        "/{webhook_id}", operation_id="updateWebhook", response_model=WebhookRead, summary="Change a webhook endpoint"
    )
    async def update(webhook_id: uuid.UUID, body: WebhookUpdate, principal: PrincipalDep) -> WebhookRead:
        """Only the fields given change; `enabled: true` re-enables an endpoint disabled after failures."""
        endpoint = await webhooks.change_endpoint(
            webhook_id, body.to_command(), principal, uow=rt.uow, allow_http=allow_http, refuse=refuse, clock=rt.clock
        )
        return WebhookRead.of(endpoint)

    @r.delete("/{webhook_id}", operation_id="deleteWebhook", status_code=204, summary="Delete a webhook endpoint")
    async def delete(webhook_id: uuid.UUID, principal: PrincipalDep) -> Response:
        """With its deliveries and their log."""
        await webhooks.delete_endpoint(webhook_id, principal, uow=rt.uow, clock=rt.clock)
        return Response(status_code=204)

    @r.post(
        "/{webhook_id}/rotate-secret",
        operation_id="rotateWebhookSecret",
        response_model=WebhookWithSecret,
        summary="Rotate a webhook's signing secret",
    )
    async def rotate(webhook_id: uuid.UUID, principal: PrincipalDep) -> WebhookWithSecret:
        """The new secret is shown this once; the old one keeps signing too (two signatures per delivery) until
        `previous_secret_expires_at`."""
        endpoint = await webhooks.rotate_secret(webhook_id, principal, uow=rt.uow, grace=grace, clock=rt.clock)
        return WebhookWithSecret.of(endpoint)

    @r.post(
        "/{webhook_id}/test",
        operation_id="sendWebhookTest",
        status_code=202,
        response_model=DeliveryRead,
        summary="Send a test event to a webhook endpoint",
    )
    async def send_test(webhook_id: uuid.UUID, principal: PrincipalDep) -> DeliveryRead:
        """Queues a `praxis.webhook.test` CloudEvent, signed like every delivery and kept in the delivery log; the
        answer is the delivery, still pending: read its attempts in the log. A disabled endpoint is a 409."""
        return DeliveryRead.of(await deliveries.send_test(webhook_id, principal, uow=rt.uow, clock=rt.clock))

    @r.get(
        "/{webhook_id}/deliveries",
        operation_id="listWebhookDeliveries",
        response_model=DeliveryPage,
        summary="A webhook's delivery log",
    )
    async def log(
        webhook_id: uuid.UUID, principal: PrincipalDep, page_size: PageSize = 50, page_token: PageToken = None
    ) -> DeliveryPage:
        """Newest first, each with its attempts (time, status code, latency, error)."""
        found, token = await deliveries.list_deliveries(
            webhook_id, principal, uow=rt.uow, page_size=page_size, page_token=page_token
        )
        return DeliveryPage(items=[DeliveryRead.of(d) for d in found], next_page_token=token)

    @r.post(
        "/{webhook_id}/replay",
        operation_id="replayWebhookDeliveries",
        response_model=ReplayResult,
        summary="Send again everything since a time",
    )
    async def replay_since(webhook_id: uuid.UUID, body: ReplaySince, principal: PrincipalDep) -> ReplayResult:
        """Every delivery of the webhook queued at or after `since`, each with its own webhook-id again."""
        count = await deliveries.replay_since(webhook_id, body.since, principal, uow=rt.uow, clock=rt.clock)
        return ReplayResult(replayed=count)

    return r


def deliveries_router(rt: Runtime) -> APIRouter:
    r = APIRouter(prefix="/v1/webhook-deliveries", tags=["webhooks"])

    @r.post(
        "/{delivery_id}/replay",
        operation_id="replayWebhookDelivery",
        response_model=DeliveryRead,
        summary="Send one delivery again",
    )
    async def replay(delivery_id: uuid.UUID, principal: PrincipalDep) -> DeliveryRead:
        """The same body under the same webhook-id (receivers deduplicate on it)."""
        return DeliveryRead.of(await deliveries.replay_delivery(delivery_id, principal, uow=rt.uow, clock=rt.clock))

    return r


def notices_router(rt: Runtime) -> APIRouter:
    r = APIRouter(prefix="/v1/webhook-notices", tags=["webhooks"])

    @r.get("", operation_id="listWebhookNotices", response_model=NoticePage, summary="Notices about your webhooks")
    async def list_(principal: PrincipalDep, page_size: PageSize = 50, page_token: PageToken = None) -> NoticePage:
        """What Praxis told your organisation's admins, newest first: e.g. an endpoint disabled after sustained
        failure, with why."""
        found, token = await webhooks.list_notices(principal, uow=rt.uow, page_size=page_size, page_token=page_token)
        return NoticePage(items=[NoticeRead.of(n) for n in found], next_page_token=token)

    return r
