"""Delivery use cases on a real, migrated PostgreSQL, sending with the real sender: an event is queued once per
endpoint however often it arrives, goes only to the organisations it concerns, and an endpoint whose deliveries fail
past the retry horizon without any success is disabled, with a notice for its admins (mailed to them) and an event."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import create_async_engine

from notifications.adapters.sender import Sender
from notifications.adapters.smtp import SmtpServer
from notifications.adapters.templates import Templates
from notifications.adapters.unit_of_work import NotificationsUnit
from notifications.domain.deliveries import Backoff, DeliveryStatus
from notifications.domain.unsubscribe import UnsubscribeLinks
from notifications.domain.webhooks import EndpointStatus
from notifications.handlers import deliveries, directory, webhooks
from notifications.handlers.dispatch import Dispatcher
from notifications.handlers.mailer import Mailer, MailSettings
from notifications.main import MIGRATIONS
from praxis_common.auth import Principal
from praxis_common.outbox import outbox
from praxis_common.uow import UnitOfWorkFactory
from praxis_dev.testing.servers import free_port

REQUESTED = "praxis.internships.placement.requested.v1"
ENTERPRISE = Principal(sub="admin-1", org="ent-1", org_kind="enterprise", roles=frozenset({"admin"}))
OTHER = Principal(sub="admin-2", org="ent-2", org_kind="enterprise", roles=frozenset({"admin"}))
FAILING = Principal(sub="admin-3", org="ent-3", org_kind="enterprise", roles=frozenset({"admin"}))


@pytest.fixture(scope="module")
def database_url(database_factory):
    return database_factory("notifications", migrated=MIGRATIONS)


@pytest.fixture
async def uow(database_url):
    engine = create_async_engine(database_url, pool_size=10, max_overflow=0)
    yield UnitOfWorkFactory(engine, event_prefix="t", unit=NotificationsUnit)
    await engine.dispose()


def event(event_id: str, enterprise: str = "ent-1") -> deliveries.EventIn:
    return deliveries.EventIn(
        id=event_id,
        type=REQUESTED,
        source="/praxis/internships",
        subject="placement/p1",
        time=datetime.now(UTC).isoformat(),
        payload={"placement_id": "p1", "school_org": "school-1", "enterprise_org": enterprise, "status": "requested"},
    )


async def register(uow, principal: Principal, url: str):
    cmd = webhooks.RegisterEndpoint(url=url, description="", event_types=[REQUESTED])
    return await webhooks.register_endpoint(cmd, principal, uow=uow, allow_http=True)


async def test_an_event_is_queued_once_and_only_for_the_organisations_it_concerns(uow):
    mine = await register(uow, ENTERPRISE, "http://127.0.0.1:9/a")
    theirs = await register(uow, OTHER, "http://127.0.0.1:9/b")
    eid = str(uuid.uuid4())
    assert await deliveries.queue_event(event(eid), uow=uow) == 1
    assert await deliveries.queue_event(event(eid), uow=uow) == 0  # redelivered: nothing new
    assert len((await deliveries.list_deliveries(mine.id, ENTERPRISE, uow=uow))[0]) == 1
    assert await deliveries.list_deliveries(theirs.id, OTHER, uow=uow) == ([], None)


async def test_sustained_failure_fails_the_delivery_and_disables_the_endpoint_with_a_notice(uow, smtp_sink):
    admin = directory.PutUser(account="ops", email="ops@ent-3.test", display_name="Ops", language="en", roles=["admin"])
    await directory.put_user(admin, FAILING, uow=uow)
    dead = await register(uow, FAILING, f"http://127.0.0.1:{free_port()}/gone")  # nothing listens there
    await deliveries.queue_event(event(str(uuid.uuid4()), enterprise="ent-3"), uow=uow)
    sender = Sender(timeout=2, allow_private=True)
    # A horizon of 3 s: the back-off (0.1 s doubling, cap 1 s) gives a few attempts, then the delivery fails.
    backoff = Backoff(base=timedelta(seconds=0.1), cap=timedelta(seconds=1), horizon=timedelta(seconds=3))
    dispatcher = Dispatcher(uow, sender.send, backoff=backoff, timeout=2, per_endpoint=2, total=8, poll_seconds=0.05)
    try:
        deadline = datetime.now(UTC) + timedelta(seconds=30)
        while datetime.now(UTC) < deadline:
            await dispatcher.pass_once()
            if dispatcher.tasks:
                await asyncio.wait(dispatcher.tasks)
            endpoint = await webhooks.get_endpoint(dead.id, FAILING, uow=uow)
            if endpoint.status is EndpointStatus.DISABLED:
                break
            await asyncio.sleep(0.05)  # polling interval, bounded by the deadline
    finally:
        await sender.close()
    assert endpoint.status is EndpointStatus.DISABLED and "no successful delivery" in endpoint.disabled_reason
    [delivery], _ = await deliveries.list_deliveries(dead.id, FAILING, uow=uow)
    assert delivery.status is DeliveryStatus.FAILED and len(delivery.attempts) >= 3
    assert all(a.status_code is None and a.error for a in delivery.attempts)
    notices, _ = await webhooks.list_notices(FAILING, uow=uow)
    assert [(n.endpoint_id, n.kind) for n in notices] == [(dead.id, "endpoint_disabled")]
    assert await webhooks.list_notices(OTHER, uow=uow) == ([], None)
    async with uow() as u:
        subjects = (
            await u.connection.execute(select(outbox.c.subject).where(outbox.c.aggregate_id == str(dead.id)))
        ).all()
    assert [s.subject for s in subjects] == ["t.notifications.webhook.registered", "t.notifications.webhook.disabled"]
    # The notice goes by mail to the organisation's admins in the directory.
    smtp = SmtpServer(
        host=smtp_sink.host, port=smtp_sink.port, username=None, password=None, starttls=False, sender="p@x"
    )
    settings = MailSettings(
        backoff=backoff,
        poll_seconds=0.05,
        retention=timedelta(days=30),
        digest_period=timedelta(days=1),
        digest_offset=timedelta(0),
        default_language="en",
    )
    links = UnsubscribeLinks("secret-of-this-test-0123456789abcdef", "http://praxis.test")
    await Mailer(uow, smtp.send, templates=Templates(), links=links, settings=settings).pass_once()
    [mail] = await smtp_sink.wait_for("ops@ent-3.test")
    assert mail.subject == "Webhook endpoint disabled: " + dead.url and "no successful delivery" in mail.body()
