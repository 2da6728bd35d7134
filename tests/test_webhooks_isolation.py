"""Webhooks are sealed per organisation and refuse bad input clearly: another organisation (school or enterprise,
admin or not), a non-admin of the same one, and a mentor see 404/403 problems, never an endpoint or a delivery;
bad input is a 422 problem naming the field (gRPC: INVALID_ARGUMENT), another's endpoint NOT_FOUND."""

from __future__ import annotations

from datetime import date

import grpc
import httpx
import pytest
import pytest_asyncio

from praxis.notifications.v1 import notifications_pb2 as pb
from praxis.notifications.v1 import notifications_pb2_grpc as pb_grpc
from praxis_dev.testing.stack import Stack, eventually

OWNER, SCHOOL = "ent-iso-hook", "sch-iso-hook"
REQUESTED = "praxis.internships.placement.requested.v1"


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def owned(stack: Stack, internships):
    """An enterprise's endpoint (to a closed port) with one delivery: a school booked a placement there."""
    admin = stack.auth(OWNER, "enterprise", "admin")
    async with httpx.AsyncClient(base_url=stack["notifications"].base_url, timeout=30) as n:
        hook = await n.post(
            "/v1/webhooks", headers=admin, json={"url": "http://127.0.0.1:9/hook", "event_types": [REQUESTED]}
        )
        assert hook.status_code == 201, hook.text
        async with internships.client() as c:
            agreement = await internships.agreement(c, SCHOOL, OWNER)
            position = await internships.position(c, OWNER, agreement, seats=1, starts_on=date.today())
            assert (await internships.book(c, SCHOOL, position["id"], "stu-iso-hook")).status_code == 201

        async def delivered():
            return (await n.get(f"/v1/webhooks/{hook.json()['id']}/deliveries", headers=admin)).json()["items"]

        delivery = (await eventually(delivered, timeout=30, what="the delivery of the booking"))[0]
    return hook.json()["id"], delivery["id"]


OUTSIDERS = {
    "another enterprise's admin": (("ent-iso-other", "enterprise", "admin"), 404),
    "the placement's school admin": ((SCHOOL, "school", "admin"), 404),
    "a school with the owner's id": ((OWNER, "school", "admin"), 404),
    "a non-admin of the owner": ((OWNER, "enterprise", "hr"), 403),
    "a mentor of the owner": ((OWNER, "enterprise", "mentor"), 403),
}


def routes(hook: str, delivery: str) -> list[tuple[str, str, dict | None]]:
    return [
        ("GET", f"/v1/webhooks/{hook}", None),
        ("PATCH", f"/v1/webhooks/{hook}", {"enabled": False}),
        ("DELETE", f"/v1/webhooks/{hook}", None),
        ("POST", f"/v1/webhooks/{hook}/rotate-secret", None),
        ("POST", f"/v1/webhooks/{hook}/test", None),
        ("GET", f"/v1/webhooks/{hook}/deliveries", None),
        ("POST", f"/v1/webhooks/{hook}/replay", {"since": "2020-01-01T00:00:00Z"}),
        ("POST", f"/v1/webhook-deliveries/{delivery}/replay", None),
    ]


@pytest.mark.asyncio(loop_scope="module")
@pytest.mark.parametrize("who", list(OUTSIDERS))
async def test_outsiders_neither_see_nor_change_an_endpoint(stack, owned, who):
    (org, kind, role), status = OUTSIDERS[who]
    hook, delivery = owned
    headers = stack.auth(org, kind, role)
    async with httpx.AsyncClient(base_url=stack["notifications"].base_url, timeout=30) as n:
        for method, path, body in routes(hook, delivery):
            r = await n.request(method, path, headers=headers, json=body)
            assert r.status_code == status, (method, path, r.text)
            assert r.headers["content-type"] == "application/problem+json"
            assert hook not in r.text.replace(path, "") and "whsec_" not in r.text
        listed = await n.get("/v1/webhooks", headers=headers)
        if status == 403:
            assert listed.status_code == 403
        else:  # their own organisation's list: without the owner's endpoint
            assert listed.json() == {"items": [], "next_page_token": None}
        # The owner still has it, unchanged.
        mine = await n.get(f"/v1/webhooks/{hook}", headers=stack.auth(OWNER, "enterprise", "admin"))
        assert mine.status_code == 200 and mine.json()["status"] == "enabled"


def grpc_calls(hook: str, delivery: str) -> dict:
    """Each webhook method naming the owner's endpoint or delivery: NOT_FOUND for anyone else."""
    return {
        "GetWebhook": pb.GetWebhookRequest(id=hook),
        "UpdateWebhook": pb.UpdateWebhookRequest(id=hook, enabled=False),
        "DeleteWebhook": pb.DeleteWebhookRequest(id=hook),
        "RotateWebhookSecret": pb.RotateWebhookSecretRequest(id=hook),
        "SendWebhookTest": pb.SendWebhookTestRequest(id=hook),
        "ListWebhookDeliveries": pb.ListWebhookDeliveriesRequest(id=hook),
        "ReplayWebhookDeliveries": pb.ReplayWebhookDeliveriesRequest(id=hook, since="2020-01-01T00:00:00Z"),
        "ReplayWebhookDelivery": pb.ReplayWebhookDeliveryRequest(delivery_id=delivery),
    }


@pytest.mark.asyncio(loop_scope="module")
@pytest.mark.parametrize("who", [w for w, (_, status) in OUTSIDERS.items() if status == 404])
async def test_over_grpc_outsiders_find_nothing_either(stack, owned, who):
    (org, kind, role), _ = OUTSIDERS[who]
    hook, delivery = owned
    theirs = (("authorization", f"Bearer {stack.token(org, kind, role)}"),)
    owner = (("authorization", f"Bearer {stack.token(OWNER, 'enterprise', 'admin')}"),)
    async with grpc.aio.insecure_channel(stack["notifications"].grpc_target) as channel:
        api = pb_grpc.NotificationsServiceStub(channel)
        for method, request in grpc_calls(hook, delivery).items():
            with pytest.raises(grpc.aio.AioRpcError) as refused:
                await getattr(api, method)(request, metadata=theirs, timeout=10)
            assert refused.value.code() == grpc.StatusCode.NOT_FOUND, method
        assert list((await api.ListWebhooks(pb.ListWebhooksRequest(), metadata=theirs, timeout=10)).webhooks) == []
        notices = await api.ListWebhookNotices(pb.ListWebhookNoticesRequest(), metadata=theirs, timeout=10)
        assert list(notices.notices) == []
        mine = await api.GetWebhook(pb.GetWebhookRequest(id=hook), metadata=owner, timeout=10)
        assert mine.webhook.status == "enabled"


@pytest.mark.asyncio(loop_scope="module")
@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"url": "http://127.0.0.1:9/x", "event_types": ["praxis.internships.logbook.approved.v1"]}, "event_types"),
        ({"url": "http://127.0.0.1:9/x", "event_types": ["praxis.nothing.v1"]}, "event_types"),
        ({"url": "http://127.0.0.1:9/x", "event_types": []}, "event_types"),
        ({"url": "ftp://files.example.com/x", "event_types": [REQUESTED]}, "url"),
        ({"url": "https://user:pw@hr.example.com/x", "event_types": [REQUESTED]}, "url"),
        ({"event_types": [REQUESTED]}, "url"),
        ({"url": "http://127.0.0.1:9/x", "event_types": [REQUESTED], "secret": "mine"}, "secret"),
    ],
)
async def test_bad_input_is_a_problem_naming_the_field(stack, body, field):
    async with httpx.AsyncClient(base_url=stack["notifications"].base_url, timeout=30) as n:
        r = await n.post("/v1/webhooks", headers=stack.auth(OWNER, "enterprise", "admin"), json=body)
    assert r.status_code == 422, r.text
    assert r.headers["content-type"] == "application/problem+json"
    assert any(e["field"].split(".")[-1] == field or e["field"].startswith(field) for e in r.json()["errors"]), r.text
    if "logbook" in str(body):
        assert "not yet subscribable" in r.text


@pytest.mark.asyncio(loop_scope="module")
async def test_grpc_maps_the_same_errors(stack, owned):
    hook, _ = owned
    other = (("authorization", f"Bearer {stack.token('ent-iso-other', 'enterprise', 'admin')}"),)
    owner = (("authorization", f"Bearer {stack.token(OWNER, 'enterprise', 'admin')}"),)
    async with grpc.aio.insecure_channel(stack["notifications"].grpc_target) as channel:
        api = pb_grpc.NotificationsServiceStub(channel)
        with pytest.raises(grpc.aio.AioRpcError) as refused:
            await api.GetWebhook(pb.GetWebhookRequest(id=hook), metadata=other, timeout=10)
        assert refused.value.code() == grpc.StatusCode.NOT_FOUND
        with pytest.raises(grpc.aio.AioRpcError) as bad:
            await api.CreateWebhook(
                pb.CreateWebhookRequest(url="http://127.0.0.1:9/x", event_types=["praxis.nothing.v1"]),
                metadata=owner,
                timeout=10,
            )
        assert bad.value.code() == grpc.StatusCode.INVALID_ARGUMENT and "event_types" in bad.value.details()
        with pytest.raises(grpc.aio.AioRpcError) as not_uuid:
            await api.GetWebhook(pb.GetWebhookRequest(id="nope"), metadata=owner, timeout=10)
        assert not_uuid.value.code() == grpc.StatusCode.INVALID_ARGUMENT
        mine = await api.GetWebhook(pb.GetWebhookRequest(id=hook), metadata=owner, timeout=10)
        assert mine.webhook.id == hook and mine.webhook.event_types == [REQUESTED]
        log = await api.ListWebhookDeliveries(pb.ListWebhookDeliveriesRequest(id=hook), metadata=owner, timeout=10)
        assert len(log.deliveries) == 1 and log.deliveries[0].webhook_id.startswith("msg_")
        made = await api.CreateWebhook(
            pb.CreateWebhookRequest(url="http://127.0.0.1:9/grpc", event_types=[REQUESTED]), metadata=owner, timeout=10
        )
        assert made.secret.startswith("whsec_")
        changed = await api.UpdateWebhook(
            pb.UpdateWebhookRequest(id=made.webhook.id, enabled=False), metadata=owner, timeout=10
        )
        assert changed.webhook.status == "disabled"
        await api.DeleteWebhook(pb.DeleteWebhookRequest(id=made.webhook.id), metadata=owner, timeout=10)
        with pytest.raises(grpc.aio.AioRpcError) as gone:
            await api.GetWebhook(pb.GetWebhookRequest(id=made.webhook.id), metadata=owner, timeout=10)
        assert gone.value.code() == grpc.StatusCode.NOT_FOUND
