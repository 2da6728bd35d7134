"""Signed webhooks end to end, over real processes: internships publishes, notifications delivers to real HTTP
servers started here, and the receivers verify the Standard Webhooks signatures with the `standardwebhooks` library.

A stack of its own (destructive: its settings shorten the retry back-off, so a delivery failing five times is
retried within a second, never by sleeping in the test)."""

from __future__ import annotations

import json
import time
from datetime import UTC, date, datetime, timedelta

import httpx
import pytest
import pytest_asyncio
from standardwebhooks.webhooks import Webhook, WebhookVerificationError
from webhook_receiver import Receiver

from praxis_dev.testing.stack import Stack, eventually

pytestmark = pytest.mark.destructive
REQUESTED = "praxis.internships.placement.requested.v1"
CONFIRMED = "praxis.internships.placement.confirmed.v1"
START = date.today() + timedelta(days=14)


@pytest.fixture(scope="module")
def stack(nats_server, event_prefix, database_factory, tmp_path_factory):
    s = Stack(
        nats_server,
        event_prefix,
        tmp_path_factory.mktemp("stack"),
        database_factory,
        settings={
            "WEBHOOK_RETRY_BASE_SECONDS": "0.05",
            "WEBHOOK_RETRY_CAP_SECONDS": "0.2",
            "WEBHOOK_POLL_SECONDS": "0.05",
            "WEBHOOK_TIMEOUT_SECONDS": "15",
        },
    )
    try:
        yield s.start(("internships", "notifications"))
    finally:
        s.stop()


@pytest.fixture(scope="module")
def receiver():
    r = Receiver().start()
    yield r
    r.stop()


def webhooks(stack: Stack) -> httpx.AsyncClient:
    return httpx.AsyncClient(base_url=stack["notifications"].base_url, timeout=30)


async def register(stack: Stack, org: str, url: str, *types: str) -> dict:
    async with webhooks(stack) as n:
        r = await n.post(
            "/v1/webhooks",
            headers=stack.auth(org, "enterprise", "admin"),
            json={"url": url, "description": "HR system", "event_types": list(types or (REQUESTED,))},
        )
    assert r.status_code == 201, r.text
    assert r.json()["secret"].startswith("whsec_")
    return r.json()


async def open_position(internships, c, school: str, enterprise: str, seats: int = 5) -> str:
    agreement = await internships.agreement(c, school, enterprise, valid_from=date.today(), quota=seats)
    position = await internships.position(c, enterprise, agreement, seats=seats, starts_on=START)
    return position["id"]


async def book(internships, c, school: str, position: str, student: str) -> dict:
    booked = await internships.book(
        c,
        school,
        position,
        student,
        profile={"competencies": ["platform-operation"], "languages": ["zh", "en"]},
        birth_date="2004-05-06",
        study_year=3,
    )
    assert booked.status_code == 201, booked.text
    return booked.json()


def verified(secret: str, got) -> dict:
    """The body, once the library has verified its signature headers with `secret`."""
    return Webhook(secret).verify(
        got.body, {k: got.headers[k] for k in ("webhook-id", "webhook-timestamp", "webhook-signature")}
    )


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def flaky(stack, internships, receiver):
    """An enterprise's endpoint that fails five times per message, then answers 200; a school books a placement."""
    hook = await register(stack, "ent-hook", receiver.behave("/flaky", fail_first=5))
    async with internships.client() as c:
        position = await open_position(internships, c, "sch-hook", "ent-hook")
        placement = await book(internships, c, "sch-hook", position, "stu-hook-1")
    return hook, placement


@pytest.mark.asyncio(loop_scope="module")
async def test_the_enterprise_receives_the_booking_signed_once_after_five_failures(stack, receiver, flaky):
    hook, placement = flaky
    ok = await eventually(lambda: _async(receiver.at("/flaky", 200)), timeout=30, what="a 200 at the flaky endpoint")
    assert len(ok) == 1
    got = ok[0]
    body = verified(hook["secret"], got)
    assert body["type"] == REQUESTED and body["specversion"] == "1.0" and body["source"] == "/praxis/internships"
    data = body["data"]
    assert data["placement_id"] == placement["id"] and data["student_ref"] == "stu-hook-1"
    assert data["enterprise_org"] == "ent-hook" and data["status"] == "requested"
    # What the school shared, and nothing it did not: no birth date, no study year, no name it never gave.
    assert data["profile"] == {"competencies": ["platform-operation"], "languages": ["zh", "en"]}
    flat = json.dumps(body)
    assert "2004-05-06" not in flat and "birth" not in flat and "study_year" not in flat
    with pytest.raises(WebhookVerificationError):
        Webhook("whsec_" + "A" * 32).verify(got.body, dict(got.headers))
    # Six requests under one webhook-id, five answered 500; the log says the same.
    tries = receiver.at("/flaky")
    assert [r.status for r in tries] == [500] * 5 + [200]
    assert {r.headers["webhook-id"] for r in tries} == {got.headers["webhook-id"]}
    async with webhooks(stack) as n:
        admin = stack.auth("ent-hook", "enterprise", "admin")

        async def logged():
            items = (await n.get(f"/v1/webhooks/{hook['id']}/deliveries", headers=admin)).json()["items"]
            return items if items and items[0]["status"] == "succeeded" else None

        items = await eventually(logged, timeout=10, what="the delivery recorded as succeeded")
    assert len(items) == 1
    delivery = items[0]
    assert delivery["webhook_id"] == got.headers["webhook-id"] and delivery["event_type"] == REQUESTED
    assert [a["status_code"] for a in delivery["attempts"]] == [500] * 5 + [200]
    assert [a["number"] for a in delivery["attempts"]] == [1, 2, 3, 4, 5, 6]
    assert all(a["latency_ms"] >= 0 for a in delivery["attempts"])


@pytest.mark.asyncio(loop_scope="module")
async def test_a_replay_sends_the_same_message_again(stack, receiver, flaky):
    hook, _ = flaky
    admin = stack.auth("ent-hook", "enterprise", "admin")
    async with webhooks(stack) as n:
        first = (await eventually(lambda: _async(receiver.at("/flaky", 200)), timeout=30, what="the first 200"))[0]

        async def succeeded():
            items = (await n.get(f"/v1/webhooks/{hook['id']}/deliveries", headers=admin)).json()["items"]
            return items if items and items[0]["status"] == "succeeded" else None

        items = await eventually(succeeded, timeout=10, what="the delivery recorded as succeeded")
        replayed = await n.post(f"/v1/webhook-deliveries/{items[0]['id']}/replay", headers=admin)
        assert replayed.status_code == 200, replayed.text
        again = await eventually(
            lambda: _async(receiver.at("/flaky", 200)[1:]), timeout=30, what="the replayed delivery"
        )
        assert again[0].headers["webhook-id"] == first.headers["webhook-id"]
        assert verified(hook["secret"], again[0]) == verified(hook["secret"], first)
        # Everything since a time, too.
        since = (datetime.now(UTC) - timedelta(hours=1)).isoformat()
        r = await n.post(f"/v1/webhooks/{hook['id']}/replay", headers=admin, json={"since": since})
        assert r.json() == {"replayed": 1}
        await eventually(lambda: _async(len(receiver.at("/flaky", 200)) == 3), timeout=30, what="the second replay")


@pytest.mark.asyncio(loop_scope="module")
async def test_after_rotation_deliveries_carry_both_signatures(stack, internships, receiver):
    hook = await register(stack, "ent-rot", receiver.behave("/rotating"))
    admin = stack.auth("ent-rot", "enterprise", "admin")
    async with webhooks(stack) as n:
        rotated = (await n.post(f"/v1/webhooks/{hook['id']}/rotate-secret", headers=admin)).json()
    assert rotated["secret"] != hook["secret"] and rotated["previous_secret_expires_at"]
    async with internships.client() as c:
        position = await open_position(internships, c, "sch-rot", "ent-rot")
        await book(internships, c, "sch-rot", position, "stu-rot")
    got = (await eventually(lambda: _async(receiver.at("/rotating")), timeout=30, what="the rotated delivery"))[0]
    assert len(got.headers["webhook-signature"].split(" ")) == 2
    assert verified(hook["secret"], got) == verified(rotated["secret"], got)


@pytest.mark.asyncio(loop_scope="module")
async def test_a_slow_endpoint_does_not_delay_another_organisations(stack, internships, receiver):
    """Endpoint A answers after 10 s and has more deliveries than its concurrency; endpoint B of another
    enterprise gets its delivery as fast as with no slow endpoint at all (within 1 s of that)."""
    await register(stack, "ent-slow", receiver.behave("/slow", delay=10))
    await register(stack, "ent-fast", receiver.behave("/fast"))
    async with internships.client() as c:
        slow_position = await open_position(internships, c, "sch-slow", "ent-slow", seats=8)
        fast_position = await open_position(internships, c, "sch-fast", "ent-fast", seats=8)

        async def latency(student: str) -> float:
            before = len(receiver.at("/fast"))
            booked_at = time.monotonic()
            await book(internships, c, "sch-fast", fast_position, student)
            got = await eventually(
                lambda: _async(receiver.at("/fast")[before:]), timeout=30, what="the fast endpoint's delivery"
            )
            return got[0].at - booked_at

        baseline = await latency("stu-fast-0")
        for i in range(6):  # more than the endpoint's concurrency (4): some wait behind the slow ones
            await book(internships, c, "sch-slow", slow_position, f"stu-slow-{i}")
        await eventually(
            lambda: _async(receiver.arrived("/slow") >= 4), timeout=30, what="the slow endpoint's slots all taken"
        )
        loaded = await latency("stu-fast-1")
    print(f"fast endpoint latency: {baseline:.3f} s alone, {loaded:.3f} s beside the slow one")
    assert loaded - baseline < 1.0, (baseline, loaded)
    # Neither enterprise received the other's events.
    assert all(json.loads(r.body)["data"]["enterprise_org"] == "ent-fast" for r in receiver.at("/fast"))


async def _async(value):
    return value
