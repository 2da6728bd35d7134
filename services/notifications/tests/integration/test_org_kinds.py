"""An organisation is its id and its kind (an enterprise named like a school is not that school), on a real,
migrated PostgreSQL: the directory, preferences, webhooks and their deliveries of a school and an enterprise that
share an id are apart; an event's delivery and a reminder go to the organisation of the kind the event's field names;
an unsubscribe link minted before links named the kind finds its recipient through the directory."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import jwt
import pytest
from sqlalchemy.ext.asyncio import create_async_engine

from notifications.adapters.unit_of_work import NotificationsUnit
from notifications.domain.orgs import Org
from notifications.domain.reminders import NotificationStatus
from notifications.domain.triggers import Rules, placement
from notifications.domain.unsubscribe import UnsubscribeLinks
from notifications.handlers import deliveries, directory, reminders, webhooks
from notifications.main import MIGRATIONS
from praxis_common.auth import Principal
from praxis_common.errors import NotFound
from praxis_common.uow import UnitOfWorkFactory

TWIN = "twin-1"  # the id of both a school and an enterprise
REQUESTED = "praxis.internships.placement.requested.v1"
T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
SECRET = "test-secret-of-unsubscribe-links-0123456789"


def who(kind: str, role: str = "admin", org: str = TWIN) -> Principal:
    return Principal(sub=f"{kind}-{role}", org=org, org_kind=kind, roles=frozenset({role}))


SCHOOL, ENTERPRISE = who("school"), who("enterprise")


@pytest.fixture(scope="module")
def database_url(database_factory):
    return database_factory("notifications", migrated=MIGRATIONS)


@pytest.fixture
async def uow(database_url):
    engine = create_async_engine(database_url, pool_size=5, max_overflow=0)
    yield UnitOfWorkFactory(engine, event_prefix="t", unit=NotificationsUnit)
    await engine.dispose()


def user(email: str, roles: list[str]) -> directory.PutUser:
    return directory.PutUser(account="li", email=email, display_name="Li", language="en", roles=roles)


async def test_a_school_and_an_enterprise_of_one_id_keep_apart_directories_and_preferences(uow):
    await directory.put_user(user("li@ent.test", ["hr"]), ENTERPRISE, uow=uow)
    with pytest.raises(NotFound):
        await directory.get_user("li", SCHOOL, uow=uow)
    with pytest.raises(NotFound):
        await directory.delete_user("li", SCHOOL, uow=uow)
    assert (await directory.list_users(SCHOOL, uow=uow))[0] == []
    await directory.put_user(user("li@school.test", ["admin"]), SCHOOL, uow=uow)  # the school's own li
    assert (await directory.get_user("li", ENTERPRISE, uow=uow)).email == "li@ent.test"
    assert (await directory.get_user("li", SCHOOL, uow=uow)).email == "li@school.test"
    off = directory.SetPreferences(disabled=["hold_expiring"], delivery=directory.Delivery.IMMEDIATE, language=None)
    await directory.set_my_preferences(off, who("enterprise", "hr"), uow=uow)
    assert not (await directory.get_my_preferences(who("enterprise", "hr"), uow=uow)).wants("hold_expiring")
    assert (await directory.get_my_preferences(who("school", "hr"), uow=uow)).wants("hold_expiring")


async def test_an_events_delivery_goes_to_the_endpoint_of_the_kind_its_field_names(uow):
    cmd = webhooks.RegisterEndpoint(url="http://127.0.0.1:9/hook", description="", event_types=[REQUESTED])
    ent = await webhooks.register_endpoint(cmd, who("enterprise", org="twin-2"), uow=uow, allow_http=True)
    school = await webhooks.register_endpoint(cmd, who("school", org="twin-2"), uow=uow, allow_http=True)
    with pytest.raises(NotFound):
        await webhooks.get_endpoint(ent.id, who("school", org="twin-2"), uow=uow)
    assert [e.id for e in (await webhooks.list_endpoints(who("school", org="twin-2"), uow=uow))[0]] == [school.id]
    payload = {"placement_id": "p1", "school_org": "sch-elsewhere", "enterprise_org": "twin-2", "status": "requested"}
    event = deliveries.EventIn("e-twin", REQUESTED, "/praxis/internships", "placement/p1", T0.isoformat(), payload)
    assert await deliveries.queue_event(event, uow=uow) == 1
    [sent], _ = await deliveries.list_deliveries(ent.id, who("enterprise", org="twin-2"), uow=uow)
    assert (sent.org, sent.org_kind) == ("twin-2", "enterprise")
    assert (await deliveries.list_deliveries(school.id, who("school", org="twin-2"), uow=uow))[0] == []
    with pytest.raises(NotFound):
        await deliveries.replay_delivery(sent.id, who("school", org="twin-2"), uow=uow)


async def test_a_reminder_goes_to_the_organisation_of_the_kind_its_event_names(uow):
    for kind in ("enterprise", "school"):
        cmd = directory.PutUser(account="hr", email=f"hr@{kind}.test", display_name="Hr", language="en", roles=["hr"])
        await directory.put_user(cmd, who(kind, org="twin-3"), uow=uow)
    rules = Rules(hold_before=timedelta(hours=24), logbook_after=timedelta(days=3), agreement_before=())
    payload = {"placement_id": "p-twin", "student_ref": "s", "school_org": "twin-3", "enterprise_org": "twin-3"}
    triggered = placement("requested", {**payload, "hold_expires_at": T0.isoformat()}, rules)
    async with uow() as u:
        await reminders.apply(triggered, u=u, now=T0)
        await u.commit()
    fired = await reminders.fire_due(
        uow=uow,
        digest_period=timedelta(days=1),
        digest_offset=timedelta(hours=7),
        default_language="en",
        clock=lambda: T0,
    )
    assert fired >= 1
    async with uow() as u:
        [to_enterprise] = await u.notifications.of_recipient(Org("twin-3", "enterprise"), "hr")
        assert await u.notifications.of_recipient(Org("twin-3", "school"), "hr") == []
    assert (to_enterprise.email, to_enterprise.status) == ("hr@enterprise.test", NotificationStatus.PENDING)


async def test_an_unsubscribe_link_without_a_kind_finds_its_recipient_through_the_directory(uow):
    cmd = directory.PutUser(account="solo", email="solo@x.test", display_name="Solo", language="en", roles=["hr"])
    await directory.put_user(cmd, who("enterprise", org="twin-4"), uow=uow)
    claims = {"purpose": "unsubscribe", "org": "twin-4", "acc": "solo", "cat": "hold_expiring"}
    await directory.unsubscribe(
        jwt.encode(claims, SECRET, algorithm="HS256"), links=UnsubscribeLinks(SECRET, "x"), uow=uow
    )
    solo = Principal(sub="solo", org="twin-4", org_kind="enterprise", roles=frozenset({"hr"}))
    assert not (await directory.get_my_preferences(solo, uow=uow)).wants("hold_expiring")
    namesake = Principal(sub="solo", org="twin-4", org_kind="school", roles=frozenset({"hr"}))
    assert (await directory.get_my_preferences(namesake, uow=uow)).wants("hold_expiring")
