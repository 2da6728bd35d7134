"""Winding down an ended agreement, on a real, migrated PostgreSQL: terminated or expired, its requested placements
are rejected and confirmed ones withdrawn (agreement-ended), active ones carry on unless the terminating party asks
otherwise with a reason, positions only it covered close, every change with its event in the outbox; and a
termination racing bookings leaves nothing booked under the ended agreement."""

from __future__ import annotations

import asyncio
import itertools
import uuid
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from internships_course_start import ready_to_start
from internships_profiles import register
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from internships import handlers
from internships.adapters.unit_of_work import InternshipsUnit
from internships.domain import commands
from internships.domain.agreements import Status
from internships.domain.placements import PlacementStatus
from internships.domain.positions import Duty, DutyKind, PositionStatus
from internships.handlers.placements import BookPlacement, book_placement, change_placement, get_placement
from internships.handlers.positions import (
    CreateBase,
    CreatePosition,
    change_position,
    create_base,
    create_position,
    get_position,
)
from internships.main import MIGRATIONS
from praxis_common.auth import Principal
from praxis_common.errors import Conflict, InvalidInput, PraxisError
from praxis_common.uow import UnitOfWorkFactory

START = date(2030, 3, 1)
_worlds = itertools.count(1)


def at(day: date, hour: int = 8):
    return lambda: datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


@pytest.fixture(scope="module")
def database_url(database_factory):
    url = database_factory("internships_wind_down", migrated=MIGRATIONS)
    return url


@pytest.fixture
async def uow(database_url):
    engine = create_async_engine(database_url, pool_size=40)
    yield UnitOfWorkFactory(engine, event_prefix="t", unit=InternshipsUnit)
    await engine.dispose()


class World:
    """An enterprise with two partner schools: agreement A (school `s`, START-60 .. START+365) and B (school `s2`,
    START-60 .. START+100). At a base under A: `long` (START .. START+200: only A covers it) and `short`
    (START .. START+30: B covers it too)."""

    def __init__(self, uow) -> None:
        n = next(_worlds)
        self.uow = uow
        self.school = Principal(sub="coord", org=f"ws{n}", org_kind="school", roles=frozenset({"coordinator"}))
        self.school2 = Principal(sub="coord", org=f"ws{n}b", org_kind="school", roles=frozenset({"coordinator"}))
        self.enterprise = Principal(sub="hr", org=f"we{n}", org_kind="enterprise", roles=frozenset({"hr"}))
        self.admin = Principal(sub="adm", org=self.school.org, org_kind="school", roles=frozenset({"admin"}))

    async def agreement(self, school: Principal, days: int) -> uuid.UUID:
        admin = Principal(sub="adm", org=school.org, org_kind="school", roles=frozenset({"admin"}))
        clock = at(START - timedelta(days=90))
        await register(self.uow, (school.org, "school"), (self.enterprise.org, "enterprise"))
        a = await handlers.draft_agreement(
            commands.DraftAgreement(
                school_org=school.org,
                enterprise_org=self.enterprise.org,
                title="",
                valid_from=START - timedelta(days=60),
                valid_to=START - timedelta(days=60) + timedelta(days=days),
                intern_quota=50,
            ),
            admin,
            uow=self.uow,
            clock=clock,
        )
        for who in (admin, self.enterprise):
            await handlers.sign_agreement(
                commands.SignAgreement(a.id), who, uow=self.uow, clock=at(START - timedelta(days=60))
            )
        return a.id

    async def setup(self) -> None:
        self.a = await self.agreement(self.school, 425)
        self.b = await self.agreement(self.school2, 160)
        clock = at(START - timedelta(days=30))
        base = await create_base(
            CreateBase(self.a, "Hub", 1, "CN", "Shenzhen", capacity=100, staff=10_000),
            self.enterprise,
            uow=self.uow,
            clock=clock,
        )
        self.long = await self.position(base.id, START, START + timedelta(days=200))
        self.short = await self.position(base.id, START, START + timedelta(days=30))

    async def position(self, base_id, starts_on: date, ends_on: date) -> uuid.UUID:
        clock = at(START - timedelta(days=30))
        p = await create_position(
            CreatePosition(
                base_id=base_id,
                title="Store operations",
                description="",
                seats=20,
                starts_on=starts_on,
                ends_on=ends_on,
                languages=["en"],
                competencies=[],
                duties=[Duty("listings", DutyKind.CORE)],
                post_staff=5_000,
                monthly_pay=Decimal("4000"),
                reference_monthly_wage=Decimal("4500"),
            ),
            self.enterprise,
            uow=self.uow,
            clock=clock,
        )
        await change_position(p.id, "publish", self.enterprise, uow=self.uow, clock=clock)
        return p.id

    async def book(self, position, student: str, day: date) -> uuid.UUID:
        placement = await book_placement(
            BookPlacement(position, student, birth_date=date(2008, 1, 1), study_year=2),
            self.school,
            uow=self.uow,
            clock=at(day),
        )
        return placement.id

    async def placements(self, day: date) -> dict[str, uuid.UUID]:
        """Under A: a request whose hold lapsed (not swept yet), a request, a confirmed placement, an active one."""
        made = {
            "lapsed": await self.book(self.long, "lapsed", START - timedelta(days=10)),
            "requested": await self.book(self.long, "req", day),
            "confirmed": await self.book(self.long, "conf", day),
            "active": await self.book(self.short, "act", START - timedelta(days=2)),
        }
        await change_placement(made["confirmed"], "confirm", self.enterprise, uow=self.uow, clock=at(day))
        await change_placement(
            made["active"], "confirm", self.enterprise, uow=self.uow, clock=at(START - timedelta(days=1))
        )
        await ready_to_start(
            made["active"], school=self.school, enterprise=self.enterprise, uow=self.uow, clock=at(START)
        )
        await change_placement(made["active"], "start", self.school, uow=self.uow, clock=at(START))
        return made

    async def scalar(self, sql: str, **params):
        async with self.uow() as u:
            return await u.connection.scalar(text(sql), params)

    async def subjects(self, aggregate_id) -> list[str]:
        async with self.uow() as u:
            rows = await u.connection.execute(
                text("SELECT subject FROM outbox WHERE aggregate_id = :id ORDER BY position"), {"id": str(aggregate_id)}
            )
            return [r.subject.rsplit(".", 1)[-1] for r in rows]


async def test_terminating_rejects_and_withdraws_what_has_not_started_and_closes_positions_only_it_covered(uow):
    w = World(uow)
    await w.setup()
    day = START + timedelta(days=1)
    made = await w.placements(day)
    placed_before = await w.scalar("SELECT interns_placed FROM agreement WHERE id = :a", a=w.a)
    assert placed_before == 4

    done = await handlers.terminate_agreement(
        commands.TerminateAgreement(w.a, "the programme closed"), w.admin, uow=uow, clock=at(day, 10)
    )
    assert done.agreement.status is Status.TERMINATED
    assert (done.wind_down.rejected, done.wind_down.withdrawn, done.wind_down.expired) == (
        [made["requested"]],
        [made["confirmed"]],
        [made["lapsed"]],
    )
    assert (done.wind_down.continuing, done.wind_down.terminated) == ([made["active"]], [])
    assert done.wind_down.positions_closed == [w.long]  # `short` is still covered by B, another school's agreement

    states = {k: await get_placement(pid, w.school, uow=uow) for k, pid in made.items()}
    assert {k: (p.status, p.reason) for k, p in states.items()} == {
        "lapsed": (PlacementStatus.EXPIRED, None),
        "requested": (PlacementStatus.REJECTED, "agreement-ended"),
        "confirmed": (PlacementStatus.WITHDRAWN, "agreement-ended"),
        "active": (PlacementStatus.ACTIVE, None),  # a student mid-internship carries on
    }
    assert (await get_position(w.long, w.enterprise, uow=uow)).status is PositionStatus.CLOSED
    assert (await get_position(w.short, w.school2, uow=uow)).status is PositionStatus.PUBLISHED
    # The seats and the quota of what was given up came back; the active placement keeps its own.
    assert await w.scalar("SELECT interns_placed FROM agreement WHERE id = :a", a=w.a) == 1
    assert await w.scalar("SELECT seats_taken FROM position WHERE id = :p", p=w.long) == 0
    for key, kind in (("requested", "rejected"), ("confirmed", "withdrawn"), ("lapsed", "expired")):
        assert (await w.subjects(made[key]))[-1] == kind
    assert (await w.subjects(made["active"]))[-1] == "started"
    assert await w.subjects(w.long) == ["published", "closed"]
    assert await w.subjects(w.short) == ["published"]
    assert await w.subjects(w.a) == ["activated", "ended"]


async def test_the_terminating_party_may_end_active_placements_too_with_a_reason(uow):
    w = World(uow)
    await w.setup()
    day = START + timedelta(days=1)
    made = await w.placements(day)
    for cmd in (
        commands.TerminateAgreement(w.a, "closing", end_active_placements=True),
        commands.TerminateAgreement(w.a, "closing", end_active_placements=True, active_placements_reason="  "),
        commands.TerminateAgreement(w.a, "closing", active_placements_reason="the site is shut"),
    ):
        with pytest.raises(InvalidInput):
            await handlers.terminate_agreement(cmd, w.enterprise, uow=uow, clock=at(day))
    assert (await handlers.get_agreement(w.a, w.school, uow=uow)).status is Status.ACTIVE  # nothing happened

    done = await handlers.terminate_agreement(
        commands.TerminateAgreement(
            w.a, "closing", end_active_placements=True, active_placements_reason="the site is shut"
        ),
        w.enterprise,
        uow=uow,
        clock=at(day),
    )
    assert (done.wind_down.terminated, done.wind_down.continuing) == ([made["active"]], [])
    active = await get_placement(made["active"], w.school, uow=uow)
    assert (active.status, active.reason) == (PlacementStatus.TERMINATED, "agreement-ended: the site is shut")
    assert (await w.subjects(made["active"]))[-1] == "terminated"
    with pytest.raises(Conflict):  # ended once
        await handlers.terminate_agreement(commands.TerminateAgreement(w.a, "again"), w.admin, uow=uow, clock=at(day))


async def test_the_calendars_expiry_winds_down_the_same_way_and_only_once(uow):
    w = World(uow)
    await w.setup()
    last_day = START + timedelta(days=365)  # A's last day; B ended long before
    requested = await w.book(w.long, "late", START + timedelta(days=150))
    confirmed = await w.book(w.long, "later", START + timedelta(days=190))
    await change_placement(confirmed, "confirm", w.enterprise, uow=uow, clock=at(START + timedelta(days=190)))
    await handlers.apply_calendar(uow=uow, clock=at(last_day))
    assert (await handlers.get_agreement(w.a, w.school, uow=uow)).status is Status.ACTIVE
    day_after = at(last_day + timedelta(days=1))
    changed = await asyncio.gather(*(handlers.apply_calendar(uow=uow, clock=day_after, batch=1) for _ in range(3)))
    assert sum(changed) >= 1
    assert (await handlers.get_agreement(w.a, w.school, uow=uow)).status is Status.EXPIRED
    assert (await get_placement(requested, w.school, uow=uow)).status is PlacementStatus.EXPIRED  # its hold lapsed
    gone = await get_placement(confirmed, w.school, uow=uow)
    assert (gone.status, gone.reason) == (PlacementStatus.WITHDRAWN, "agreement-ended")
    assert (await get_position(w.long, w.enterprise, uow=uow)).status is PositionStatus.CLOSED
    assert await w.subjects(w.a) == ["activated", "ended"]
    assert (await w.subjects(confirmed)).count("withdrawn") == 1


async def test_a_termination_racing_bookings_leaves_nothing_booked_under_the_ended_agreement(uow):
    w = World(uow)
    await w.setup()
    day = START + timedelta(days=1)

    one_booked = asyncio.Event()  # the termination starts once a booking has gone through, the rest race it

    async def book(i: int):
        try:
            return await w.book(w.long if i % 2 else w.short, f"rush-{i}", day)
        except PraxisError as exc:
            return exc
        finally:
            one_booked.set()

    async def terminate():
        await one_booked.wait()
        return await handlers.terminate_agreement(
            commands.TerminateAgreement(w.a, "closing"), w.enterprise, uow=uow, clock=at(day)
        )

    outcomes = await asyncio.wait_for(asyncio.gather(terminate(), *(book(i) for i in range(30))), timeout=60)
    refusals = {exc.code for exc in outcomes[1:] if isinstance(exc, PraxisError)}
    # A booking that reads its position after the wind-down closed it finds no published position: not-found.
    assert refusals <= {"agreement-not-active", "no-agreement-for-term", "seats-exhausted", "not-found"}, refusals
    still = await w.scalar(
        "SELECT count(*) FROM placement WHERE agreement_id = :a AND status IN ('requested', 'confirmed')", a=w.a
    )
    assert still == 0  # whatever got booked before the termination was wound down with it
    assert await w.scalar("SELECT interns_placed FROM agreement WHERE id = :a", a=w.a) == 0
    mismatched = await w.scalar(
        "SELECT count(*) FROM position p WHERE p.enterprise_org = :e AND p.seats_taken <> (SELECT count(*) "
        "FROM placement pl WHERE pl.position_id = p.id AND pl.status IN ('requested','confirmed','active'))",
        e=w.enterprise.org,
    )
    assert mismatched == 0
