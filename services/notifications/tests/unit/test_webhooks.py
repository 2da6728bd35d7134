"""Endpoint rules (URLs, event types, secrets and rotation), delivery retries, and signatures as the Standard
Webhooks library verifies them."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest
from standardwebhooks.webhooks import Webhook

from notifications.adapters.sender import signature
from notifications.domain.deliveries import Attempt, Backoff, Delivery, DeliveryStatus
from notifications.domain.orgs import Org
from notifications.domain.webhooks import Endpoint, check_event_types, check_url
from praxis_common.errors import InvalidInput

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
REQUESTED = "praxis.internships.placement.requested.v1"


@pytest.mark.parametrize(
    "url",
    [
        "http://hr.example.com/hook",  # http in prod
        "https://127.0.0.1/hook",
        "https://10.0.0.8/hook",
        "https://169.254.169.254/latest/meta-data",
        "https://[::1]/hook",
        "https://localhost/hook",
        "https://user:pw@hr.example.com/hook",
        "https:///nohost",
    ],
)
def test_prod_refuses_plain_http_private_addresses_and_credentials(url):
    with pytest.raises(InvalidInput) as refused:
        check_url(url, allow_http=False)
    assert refused.value.errors[0].field == "url"


def test_dev_allows_local_http_receivers():
    assert check_url("http://127.0.0.1:9000/hook", allow_http=True)
    assert check_url("https://hr.example.com/hook", allow_http=False)


def test_event_types_must_be_known_and_subscribable():
    assert check_event_types([REQUESTED, REQUESTED]) == [REQUESTED]
    with pytest.raises(InvalidInput) as refused:
        check_event_types(["praxis.internships.logbook.approved.v1"])
    assert "not yet subscribable" in refused.value.errors[0].message
    with pytest.raises(InvalidInput):
        check_event_types([])


def test_a_rotated_secret_signs_alongside_the_new_one_for_the_grace_period():
    e = Endpoint.register(
        org=Org("ent", "enterprise"), url="https://hr.example.com", description="", event_types=[REQUESTED], now=NOW
    )
    old = e.secret
    assert old.startswith("whsec_") and e.signing_secrets(NOW) == [old]
    e.rotate(now=NOW, grace=timedelta(hours=24))
    assert e.signing_secrets(NOW + timedelta(hours=23)) == [e.secret, old]
    assert e.signing_secrets(NOW + timedelta(hours=24)) == [e.secret]
    body, msg = '{"type":"x"}', "msg_1"
    headers = {"webhook-id": msg, "webhook-timestamp": str(int(datetime.now(UTC).timestamp()))}
    headers["webhook-signature"] = signature(e.signing_secrets(NOW), msg, datetime.now(UTC), body)
    for secret in (old, e.secret):  # the library accepts either secret
        assert Webhook(secret).verify(body, headers) == {"type": "x"}


def _delivery() -> Delivery:
    import uuid

    return Delivery(
        id=uuid.uuid4(),
        endpoint_id=uuid.uuid4(),
        org="ent",
        org_kind="enterprise",
        event_id="e1",
        event_type=REQUESTED,
        body="{}",
        created_at=NOW,
        next_attempt_at=NOW,
    )


def test_retries_back_off_exponentially_with_jitter_over_at_least_three_days_then_fail():
    backoff = Backoff(base=timedelta(seconds=5), cap=timedelta(hours=6), horizon=timedelta(hours=72))
    d, rng, at, delays = _delivery(), random.Random(7), NOW, []
    while d.status is DeliveryStatus.PENDING:
        d.record(Attempt(len(d.attempts) + 1, at, 503, 10), backoff, rng)
        if d.status is DeliveryStatus.PENDING:
            delays.append(d.next_attempt_at - at)
            at = d.next_attempt_at
    assert d.status is DeliveryStatus.FAILED
    assert at - NOW >= timedelta(hours=66)  # the last attempt came near the end of the 72 h horizon
    assert all(
        later >= earlier / 2 for earlier, later in zip(delays, delays[1:], strict=False)
    )  # growing, up to jitter
    assert max(delays) <= timedelta(hours=6)


def test_a_success_ends_the_delivery_and_a_replay_keeps_its_webhook_id():
    backoff = Backoff(base=timedelta(seconds=1), cap=timedelta(seconds=1), horizon=timedelta(hours=1))
    d = _delivery()
    msg = d.message_id
    d.record(Attempt(1, NOW, 500, 5), backoff)
    d.record(Attempt(2, NOW + timedelta(seconds=1), 204, 5), backoff)
    assert d.status is DeliveryStatus.SUCCEEDED
    d.replay(NOW + timedelta(minutes=5))
    assert d.status is DeliveryStatus.PENDING and d.message_id == msg


@pytest.mark.parametrize("url", ["https://127.0.0.1:1/hook", "https://localhost/hook", "https://[fe80::1]/hook"])
async def test_in_prod_a_delivery_to_a_private_address_is_refused_before_connecting(url):
    from notifications.adapters.sender import Sender

    sender = Sender(timeout=1, allow_private=False)
    try:
        sent = await sender.send(
            url=url,
            msg_id="msg_1",
            secrets=[
                Endpoint.register(
                    org=Org("o", "school"), url="https://x.example", description="", event_types=[REQUESTED], now=NOW
                ).secret
            ],
            body="{}",
            at=NOW,
        )
    finally:
        await sender.close()
    assert sent.status_code is None and "not a public address" in sent.error


async def test_in_prod_a_name_resolving_to_a_private_address_is_refused_at_registration():
    """The machine's own host name resolves to a loopback or private address: a name, so only resolving tells."""
    import socket

    from notifications.adapters.sender import Sender
    from notifications.handlers.webhooks import vet_url
    from praxis_common.auth import Principal

    admin = Principal(sub="a", org="ent", org_kind="enterprise", roles=frozenset({"admin"}))
    sender, dev = Sender(timeout=1, allow_private=False), Sender(timeout=1, allow_private=True)
    url = f"https://{socket.gethostname()}/hook"
    try:
        with pytest.raises(InvalidInput) as refused:
            await vet_url(url, admin, allow_http=False, refuse=sender.refused)
        assert refused.value.errors[0].field == "url" and "non-public" in refused.value.errors[0].message
        # Where private addresses are allowed (dev), the same URL passes.
        assert await vet_url(url, admin, allow_http=True, refuse=dev.refused) == url
    finally:
        await sender.close()
        await dev.close()
