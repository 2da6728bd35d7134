"""Agreement use cases on a real PostgreSQL with the service's own migrations: calendar, concurrency, events."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, timedelta

import pytest
from internships_profiles import register
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from internships import handlers
from internships.adapters.unit_of_work import InternshipsUnit
from internships.domain import commands
from internships.domain.agreements import Status
from internships.main import MIGRATIONS
from praxis_common.auth import Principal
from praxis_common.uow import UnitOfWorkFactory

START = date(2030, 3, 1)


def at(day: date):
    return lambda: datetime(day.year, day.month, day.day, 8, tzinfo=UTC)


SCHOOL = Principal(sub="s-admin", org="s1", org_kind="school", roles=frozenset({"admin"}))
ENTERPRISE = Principal(sub="e-hr", org="e1", org_kind="enterprise", roles=frozenset({"hr"}))


@pytest.fixture(scope="module")
def database_url(database_factory):
    url = database_factory("internships", migrated=MIGRATIONS)
    return url


@pytest.fixture
async def uow(database_url):
    engine = create_async_engine(database_url, pool_size=20)
    yield UnitOfWorkFactory(engine, event_prefix="t", unit=InternshipsUnit)
    await engine.dispose()


async def events_for(uow, agreement_id) -> list[str]:
    async with uow() as u:
        rows = await u.connection.execute(
            text("SELECT subject FROM outbox WHERE aggregate_id = :id ORDER BY position"), {"id": str(agreement_id)}
        )
        return [r.subject for r in rows]


async def draft(uow, **overrides):
    await register(
        uow, (overrides.get("school_org", "s1"), "school"), (overrides.get("enterprise_org", "e1"), "enterprise")
    )
    cmd = commands.DraftAgreement(
        **{
            "school_org": "s1",
            "enterprise_org": "e1",
            "title": "",
            "valid_from": START,
            "valid_to": START + timedelta(days=100),
            "intern_quota": 4,
        }
        | overrides
    )
    return await handlers.draft_agreement(cmd, SCHOOL, uow=uow, clock=at(START - timedelta(days=30)))


async def test_the_calendar_starts_and_ends_agreements_with_their_events(uow):
    a = await draft(uow)
    before = at(START - timedelta(days=10))
    await handlers.sign_agreement(commands.SignAgreement(a.id), SCHOOL, uow=uow, clock=before)
    signed = await handlers.sign_agreement(commands.SignAgreement(a.id), ENTERPRISE, uow=uow, clock=before)
    assert signed.status is Status.SIGNED and await events_for(uow, a.id) == []

    await handlers.apply_calendar(uow=uow, clock=at(START - timedelta(days=1)))
    assert (await handlers.get_agreement(a.id, SCHOOL, uow=uow)).status is Status.SIGNED
    await handlers.apply_calendar(uow=uow, clock=at(START))
    assert (await handlers.get_agreement(a.id, SCHOOL, uow=uow)).status is Status.ACTIVE
    await handlers.apply_calendar(uow=uow, clock=at(START + timedelta(days=101)))
    assert (await handlers.get_agreement(a.id, ENTERPRISE, uow=uow)).status is Status.EXPIRED
    assert await events_for(uow, a.id) == ["t.internships.agreement.activated", "t.internships.agreement.ended"]


async def test_both_parties_signing_at_the_same_moment_activate_it_once(uow):
    for _ in range(10):
        a = await draft(uow, valid_from=START - timedelta(days=30))
        now = at(START - timedelta(days=1))
        results = await asyncio.gather(
            handlers.sign_agreement(commands.SignAgreement(a.id), SCHOOL, uow=uow, clock=now),
            handlers.sign_agreement(commands.SignAgreement(a.id), ENTERPRISE, uow=uow, clock=now),
        )
        assert {r.status for r in results} <= {Status.DRAFT, Status.ACTIVE}
        final = await handlers.get_agreement(a.id, SCHOOL, uow=uow)
        assert final.status is Status.ACTIVE and final.school_signed_at and final.enterprise_signed_at
        assert await events_for(uow, a.id) == ["t.internships.agreement.activated"]


async def test_calendar_passes_in_several_processes_apply_each_change_once(uow):
    ids = []
    for _ in range(30):
        a = await draft(uow, valid_from=START + timedelta(days=200), valid_to=START + timedelta(days=300))
        for who in (SCHOOL, ENTERPRISE):
            await handlers.sign_agreement(commands.SignAgreement(a.id), who, uow=uow, clock=at(START))
        ids.append(a.id)
    day = at(START + timedelta(days=200))
    await asyncio.gather(*(handlers.apply_calendar(uow=uow, clock=day, batch=7) for _ in range(4)))
    for agreement_id in ids:
        assert (await handlers.get_agreement(agreement_id, SCHOOL, uow=uow)).status is Status.ACTIVE
        assert await events_for(uow, agreement_id) == ["t.internships.agreement.activated"]


async def test_terminate_racing_the_calendar_leaves_one_consistent_ending(uow):
    a = await draft(uow, valid_from=START - timedelta(days=30), valid_to=START + timedelta(days=1))
    for who in (SCHOOL, ENTERPRISE):
        await handlers.sign_agreement(commands.SignAgreement(a.id), who, uow=uow, clock=at(START))
    late = at(START + timedelta(days=2))
    outcome = await asyncio.gather(
        handlers.terminate_agreement(commands.TerminateAgreement(a.id, "closing"), ENTERPRISE, uow=uow, clock=late),
        handlers.apply_calendar(uow=uow, clock=late),
        return_exceptions=True,
    )
    final = await handlers.get_agreement(a.id, SCHOOL, uow=uow)
    assert final.status in (Status.TERMINATED, Status.EXPIRED)
    assert await events_for(uow, a.id) == ["t.internships.agreement.activated", "t.internships.agreement.ended"]
    if final.status is Status.EXPIRED:  # the calendar won; terminating an expired agreement is a clear conflict
        assert type(outcome[0]).__name__ == "Conflict"


async def test_the_calendar_follows_the_deployments_time_zone(uow):
    """At 01:00 in Shanghai it is still the previous day in UTC: a Shanghai deployment starts the agreement."""
    from zoneinfo import ZoneInfo

    a = await draft(uow, valid_from=START + timedelta(days=400), valid_to=START + timedelta(days=500))
    for who in (SCHOOL, ENTERPRISE):
        await handlers.sign_agreement(commands.SignAgreement(a.id), who, uow=uow, clock=at(START))
    first_day = START + timedelta(days=400)
    utc_evening = datetime(first_day.year, first_day.month, first_day.day, tzinfo=UTC) - timedelta(hours=7)
    await handlers.apply_calendar(uow=uow, clock=lambda: utc_evening)
    assert (await handlers.get_agreement(a.id, SCHOOL, uow=uow)).status is Status.SIGNED
    await handlers.apply_calendar(uow=uow, clock=lambda: utc_evening.astimezone(ZoneInfo("Asia/Shanghai")))
    assert (await handlers.get_agreement(a.id, SCHOOL, uow=uow)).status is Status.ACTIVE
