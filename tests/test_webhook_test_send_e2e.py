"""`POST /v1/webhooks/{id}/test` (gRPC `SendWebhookTest`): a `praxis.webhook.test` CloudEvent reaches a real receiver
started here, signed like any delivery (verified with the `standardwebhooks` library) and kept in the delivery log;
a disabled endpoint is a 409 (FAILED_PRECONDITION), another organisation's a 404 (NOT_FOUND)."""

from __future__ import annotations

import grpc
import httpx
import pytest
from standardwebhooks.webhooks import Webhook
from webhook_receiver import Receiver

from praxis.notifications.v1 import notifications_pb2 as pb
from praxis.notifications.v1 import notifications_pb2_grpc as pb_grpc
from praxis_dev.testing.stack import Stack, eventually

ORG = "ent-hook-test-send"
REQUESTED = "praxis.internships.placement.requested.v1"
SIGNED = ("webhook-id", "webhook-timestamp", "webhook-signature")


@pytest.fixture(scope="module")
def receiver():
    r = Receiver().start()
    yield r
    r.stop()


async def register(n: httpx.AsyncClient, stack: Stack, url: str) -> dict:
    r = await n.post(
        "/v1/webhooks", headers=stack.auth(ORG, "enterprise", "admin"), json={"url": url, "event_types": [REQUESTED]}
    )
    assert r.status_code == 201, r.text
    return r.json()


async def test_a_test_event_reaches_the_endpoint_signed_and_is_in_the_log(stack: Stack, receiver: Receiver):
    admin = stack.auth(ORG, "enterprise", "admin")
    async with httpx.AsyncClient(base_url=stack["notifications"].base_url, timeout=30) as n:
        hook = await register(n, stack, receiver.url("/rest"))
        sent = await n.post(f"/v1/webhooks/{hook['id']}/test", headers=admin)
        assert sent.status_code == 202, sent.text
        delivery = sent.json()
        assert delivery["event_type"] == "praxis.webhook.test" and delivery["status"] == "pending"

        async def arrived():
            return receiver.at("/rest", 200)

        [got] = await eventually(arrived, timeout=30, what="the test event at the receiver")
        body = Webhook(hook["secret"]).verify(got.body, {k: got.headers[k] for k in SIGNED})
        assert body["type"] == "praxis.webhook.test" and body["source"] == "/praxis/notifications"
        assert body["data"]["webhook"] == hook["id"] and got.headers["webhook-id"] == delivery["webhook_id"]

        async def logged():
            items = (await n.get(f"/v1/webhooks/{hook['id']}/deliveries", headers=admin)).json()["items"]
            return [d for d in items if d["id"] == delivery["id"] and d["status"] == "succeeded"]

        [done] = await eventually(logged, timeout=30, what="the test delivery logged as succeeded")
        assert [a["status_code"] for a in done["attempts"]] == [200]

        off = await n.patch(f"/v1/webhooks/{hook['id']}", headers=admin, json={"enabled": False})
        assert off.status_code == 200, off.text
        refused = await n.post(f"/v1/webhooks/{hook['id']}/test", headers=admin)
        assert refused.status_code == 409 and refused.headers["content-type"] == "application/problem+json"
        assert "disabled" in refused.json()["detail"]
        stranger = await n.post(
            f"/v1/webhooks/{hook['id']}/test", headers=stack.auth("ent-other-test", "enterprise", "admin")
        )
        assert stranger.status_code == 404, stranger.text


async def test_grpc_sends_the_same_test_event(stack: Stack, receiver: Receiver):
    owner = (("authorization", f"Bearer {stack.token(ORG, 'enterprise', 'admin')}"),)
    other = (("authorization", f"Bearer {stack.token('ent-other-test', 'enterprise', 'admin')}"),)
    async with httpx.AsyncClient(base_url=stack["notifications"].base_url, timeout=30) as n:
        hook = await register(n, stack, receiver.url("/grpc"))
    async with grpc.aio.insecure_channel(stack["notifications"].grpc_target) as channel:
        api = pb_grpc.NotificationsServiceStub(channel)
        sent = await api.SendWebhookTest(pb.SendWebhookTestRequest(id=hook["id"]), metadata=owner, timeout=10)
        assert sent.delivery.event_type == "praxis.webhook.test" and sent.delivery.endpoint_id == hook["id"]

        async def arrived():
            return receiver.at("/grpc", 200)

        [got] = await eventually(arrived, timeout=30, what="the gRPC test event at the receiver")
        assert (
            Webhook(hook["secret"]).verify(got.body, {k: got.headers[k] for k in SIGNED})["type"]
            == "praxis.webhook.test"
        )
        with pytest.raises(grpc.aio.AioRpcError) as hidden:
            await api.SendWebhookTest(pb.SendWebhookTestRequest(id=hook["id"]), metadata=other, timeout=10)
        assert hidden.value.code() == grpc.StatusCode.NOT_FOUND
        await api.UpdateWebhook(pb.UpdateWebhookRequest(id=hook["id"], enabled=False), metadata=owner, timeout=10)
        with pytest.raises(grpc.aio.AioRpcError) as disabled:
            await api.SendWebhookTest(pb.SendWebhookTestRequest(id=hook["id"]), metadata=owner, timeout=10)
        assert disabled.value.code() == grpc.StatusCode.FAILED_PRECONDITION
