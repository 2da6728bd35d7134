"""gRPC methods of webhooks and their deliveries: protobuf -> the REST input model -> its command -> the handler."""

from __future__ import annotations

from datetime import datetime, timedelta

from notifications.domain.deliveries import Delivery
from notifications.domain.webhooks import Endpoint
from notifications.handlers import deliveries, webhooks
from notifications.schemas.webhooks import ReplaySince, WebhookCreate, WebhookUpdate
from praxis.notifications.v1 import notifications_pb2 as pb
from praxis_common import pages, rpc
from praxis_common.rpc import principal
from praxis_common.service import Runtime
from praxis_common.validation import parse_uuid, validate


def _time(value: datetime | None) -> str:
    return value.isoformat() if value else ""


def webhook_to_pb(e: Endpoint) -> pb.Webhook:
    return pb.Webhook(
        id=str(e.id),
        url=e.url,
        description=e.description,
        event_types=e.event_types,
        status=e.status.value,
        disabled_reason=e.disabled_reason or "",
        created_at=_time(e.created_at),
        updated_at=_time(e.updated_at),
        previous_secret_expires_at=_time(e.previous_secret_expires_at),
    )


def delivery_to_pb(d: Delivery) -> pb.Delivery:
    return pb.Delivery(
        id=str(d.id),
        webhook_id=d.message_id,
        endpoint_id=str(d.endpoint_id),
        event_id=d.event_id,
        event_type=d.event_type,
        status=d.status.value,
        created_at=_time(d.created_at),
        next_attempt_at=_time(d.next_attempt_at),
        attempts=[
            pb.Attempt(
                number=a.number,
                at=_time(a.at),
                status_code=a.status_code or 0,
                latency_ms=a.latency_ms,
                error=a.error or "",
            )
            for a in d.attempts
        ],
    )


class WebhookMethods:
    rt: Runtime

    @property
    def _allow_http(self) -> bool:
        return self.rt.settings.allow_private_urls

    def _refuse(self, url: str):
        return self.rt.resources.refused(url)  # the sender: where prod resolves the URL's host before registering it

    async def CreateWebhook(self, request: pb.CreateWebhookRequest, context) -> pb.CreateWebhookResponse:
        cmd = validate(
            WebhookCreate,
            {"url": request.url, "description": request.description, "event_types": list(request.event_types)},
        ).to_command()

        async def vet():
            return await webhooks.vet_url(cmd.url, principal(), allow_http=self._allow_http, refuse=self._refuse)

        async def create(uow, _vetted) -> pb.CreateWebhookResponse:
            e = await webhooks.register_endpoint(
                cmd, principal(), uow=uow, allow_http=self._allow_http, clock=self.rt.clock
            )
            return pb.CreateWebhookResponse(webhook=webhook_to_pb(e), secret=e.secret)

        return await rpc.created(context, self.rt.uow, request, create, pb.CreateWebhookResponse, prepare=vet)

    async def ListWebhooks(self, request: pb.ListWebhooksRequest, context) -> pb.ListWebhooksResponse:
        found, token = await webhooks.list_endpoints(
            principal(),
            uow=self.rt.uow,
            page_size=pages.page_size(request.page_size),
            page_token=request.page_token or None,
        )
        return pb.ListWebhooksResponse(webhooks=[webhook_to_pb(e) for e in found], next_page_token=token or "")

    async def GetWebhook(self, request: pb.GetWebhookRequest, context) -> pb.GetWebhookResponse:
        e = await webhooks.get_endpoint(parse_uuid(request.id, "id"), principal(), uow=self.rt.uow)
        return pb.GetWebhookResponse(webhook=webhook_to_pb(e))

    async def UpdateWebhook(self, request: pb.UpdateWebhookRequest, context) -> pb.UpdateWebhookResponse:
        data: dict = {n: getattr(request, n) for n in ("url", "description", "enabled") if request.HasField(n)}
        if request.event_types:
            data["event_types"] = list(request.event_types)
        cmd = validate(WebhookUpdate, data).to_command()
        e = await webhooks.change_endpoint(
            parse_uuid(request.id, "id"),
            cmd,
            principal(),
            uow=self.rt.uow,
            allow_http=self._allow_http,
            refuse=self._refuse,
            clock=self.rt.clock,
        )
        return pb.UpdateWebhookResponse(webhook=webhook_to_pb(e))

    async def DeleteWebhook(self, request: pb.DeleteWebhookRequest, context) -> pb.DeleteWebhookResponse:
        await webhooks.delete_endpoint(parse_uuid(request.id, "id"), principal(), uow=self.rt.uow, clock=self.rt.clock)
        return pb.DeleteWebhookResponse()

    async def RotateWebhookSecret(
        self, request: pb.RotateWebhookSecretRequest, context
    ) -> pb.RotateWebhookSecretResponse:
        grace = timedelta(hours=self.rt.settings.webhook_rotation_grace_hours)
        e = await webhooks.rotate_secret(
            parse_uuid(request.id, "id"), principal(), uow=self.rt.uow, grace=grace, clock=self.rt.clock
        )
        return pb.RotateWebhookSecretResponse(webhook=webhook_to_pb(e), secret=e.secret)

    async def SendWebhookTest(self, request: pb.SendWebhookTestRequest, context) -> pb.SendWebhookTestResponse:
        d = await deliveries.send_test(parse_uuid(request.id, "id"), principal(), uow=self.rt.uow, clock=self.rt.clock)
        return pb.SendWebhookTestResponse(delivery=delivery_to_pb(d))

    async def ListWebhookDeliveries(
        self, request: pb.ListWebhookDeliveriesRequest, context
    ) -> pb.ListWebhookDeliveriesResponse:
        found, token = await deliveries.list_deliveries(
            parse_uuid(request.id, "id"),
            principal(),
            uow=self.rt.uow,
            page_size=pages.page_size(request.page_size),
            page_token=request.page_token or None,
        )
        return pb.ListWebhookDeliveriesResponse(
            deliveries=[delivery_to_pb(d) for d in found], next_page_token=token or ""
        )

    async def ReplayWebhookDelivery(
        self, request: pb.ReplayWebhookDeliveryRequest, context
    ) -> pb.ReplayWebhookDeliveryResponse:
        d = await deliveries.replay_delivery(
            parse_uuid(request.delivery_id, "delivery_id"), principal(), uow=self.rt.uow, clock=self.rt.clock
        )
        return pb.ReplayWebhookDeliveryResponse(delivery=delivery_to_pb(d))

    async def ListWebhookNotices(self, request: pb.ListWebhookNoticesRequest, context) -> pb.ListWebhookNoticesResponse:
        found, token = await webhooks.list_notices(
            principal(),
            uow=self.rt.uow,
            page_size=pages.page_size(request.page_size),
            page_token=request.page_token or None,
        )
        return pb.ListWebhookNoticesResponse(
            notices=[
                pb.WebhookNotice(
                    id=str(n.id),
                    endpoint_id=str(n.endpoint_id),
                    kind=n.kind,
                    message=n.message,
                    created_at=_time(n.created_at),
                )
                for n in found
            ],
            next_page_token=token or "",
        )

    async def ReplayWebhookDeliveries(
        self, request: pb.ReplayWebhookDeliveriesRequest, context
    ) -> pb.ReplayWebhookDeliveriesResponse:
        since = validate(ReplaySince, {"since": request.since}).since
        count = await deliveries.replay_since(
            parse_uuid(request.id, "id"), since, principal(), uow=self.rt.uow, clock=self.rt.clock
        )
        return pb.ReplayWebhookDeliveriesResponse(replayed=count)
