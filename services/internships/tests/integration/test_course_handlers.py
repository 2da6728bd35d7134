"""The internship course's use cases on a real, migrated PostgreSQL: course fields at booking, amendments (and their
event), programme requirements, progress from approved logbook weeks, the hours milestones (once each) and ending
short — each state change with its outbox row in the same transaction."""

from __future__ import annotations

import asyncio
import itertools
import json
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
from internships.domain.compliance import CompliancePolicy
from internships.domain.course import InternshipType
from internships.domain.logbooks import LogLine
from internships.domain.placements import IllegalTransition
from internships.domain.positions import Duty, DutyKind
from internships.handlers import course, logbooks
from internships.handlers.placements import BookPlacement, book_placement, change_placement
from internships.handlers.positions import CreateBase, CreatePosition, change_position, create_base, create_position
from internships.main import MIGRATIONS
from praxis_common.auth import Principal
from praxis_common.errors import Forbidden, InvalidInput, NotFound
from praxis_common.uow import UnitOfWorkFactory

START = date(2030, 3, 4)  # a Monday
T0 = datetime(2030, 2, 1, 8, tzinfo=UTC)
_worlds = itertools.count(1)


def at(day: date):
    return lambda: datetime(day.year, day.month, day.day, 18, tzinfo=UTC)


@pytest.fixture(scope="module")
def database_url(database_factory):
    return database_factory("internships_course", migrated=MIGRATIONS)


@pytest.fixture
async def uow(database_url):
    engine = create_async_engine(database_url, pool_size=5)
    yield UnitOfWorkFactory(engine, event_prefix="t", unit=InternshipsUnit)
    await engine.dispose()


class World:
    def __init__(self, n: int) -> None:
        self.school = Principal(sub="coord", org=f"cs{n}", org_kind="school", roles=frozenset({"coordinator"}))
        self.hr = Principal(sub="hr", org=f"ce{n}", org_kind="enterprise", roles=frozenset({"hr"}))
        self.n = n


async def world(uow) -> tuple[World, object]:
    """A school and an enterprise with an active agreement and two published positions, from START and from
    START + 30 days (`w.later`), both to START + 120 days."""
    w = World(next(_worlds))
    clock = at(T0.date())
    admin = Principal(sub="adm", org=w.school.org, org_kind="school", roles=frozenset({"admin"}))
    await register(uow, (w.school.org, "school"), (w.hr.org, "enterprise"))
    agreement = await handlers.draft_agreement(
        commands.DraftAgreement(
            school_org=w.school.org,
            enterprise_org=w.hr.org,
            title="",
            valid_from=START - timedelta(days=60),
            valid_to=START + timedelta(days=365),
            intern_quota=10,
        ),
        admin,
        uow=uow,
        clock=clock,
    )
    for who in (admin, w.hr):
        await handlers.sign_agreement(commands.SignAgreement(agreement.id), who, uow=uow, clock=clock)
    base = await create_base(
        CreateBase(agreement.id, "Hub", 1, "CN", "Shenzhen", capacity=100, staff=10_000), w.hr, uow=uow, clock=clock
    )
    positions = []
    for starts_on in (START, START + timedelta(days=30)):
        position = await create_position(
            CreatePosition(
                base_id=base.id,
                title="Store operations",
                description="",
                seats=5,
                starts_on=starts_on,
                ends_on=START + timedelta(days=120),
                languages=["en"],
                competencies=[],
                duties=[Duty("listings", DutyKind.CORE)],
                post_staff=5_000,
                monthly_pay=Decimal("4000"),
                reference_monthly_wage=Decimal("4500"),
            ),
            w.hr,
            uow=uow,
            clock=clock,
        )
        await change_position(position.id, "publish", w.hr, uow=uow, clock=clock)
        positions.append(position)
    w.later = positions[1]
    return w, positions[0]


async def book(uow, w: World, position, student: str, **course_fields):
    return await book_placement(
        BookPlacement(position.id, student, {}, birth_date=date(2008, 1, 1), course=course_fields),
        w.school,
        uow=uow,
        clock=at(T0.date()),
    )


async def events(uow, placement_id, happened: str) -> list[dict]:
    async with uow() as u:
        rows = await u.connection.execute(
            text("SELECT payload FROM outbox WHERE aggregate_id = :id AND subject LIKE :s ORDER BY position"),
            {"id": str(placement_id), "s": f"%.{happened}"},
        )
        return [json.loads(r.payload) for r in rows]


async def test_booking_keeps_the_course_fields_and_defaults_the_rest(uow):
    w, position = await world(uow)
    given = await book(uow, w, position, "s1", internship_type="graduation_internship", cohort="2023")
    default = await book(uow, w, position, "s2")
    async with uow() as u:
        stored = await u.placements.get(given.id)
        plain = await u.placements.get(default.id)
    assert (stored.internship_type, stored.organisation_form, stored.internship_mode, stored.cohort) == (
        "graduation_internship",
        "dispersed",
        "on_site",
        "2023",
    )
    assert (plain.internship_type, plain.cohort, plain.hours_milestone) == ("post_internship", None, 0)


async def test_an_amendment_is_saved_with_its_event_and_refused_after_the_start(uow):
    w, position = await world(uow)
    p = await book(uow, w, position, "s1")
    cmd = course.AmendPlacement({"starts_on": START + timedelta(days=7), "internship_mode": "virtual"})
    amended = await course.amend_placement(p.id, cmd, w.school, uow=uow, clock=at(T0.date()))
    assert amended.starts_on == START + timedelta(days=7) and amended.internship_mode == "virtual"
    [event] = await events(uow, p.id, "placement.amended")
    assert {c["field"] for c in event["changes"]} == {"starts_on", "internship_mode"}
    # The same values again: nothing changes, no second event.
    await course.amend_placement(p.id, cmd, w.school, uow=uow, clock=at(T0.date()))
    assert len(await events(uow, p.id, "placement.amended")) == 1
    with pytest.raises(InvalidInput):
        await course.amend_placement(
            p.id, course.AmendPlacement({"ends_on": START}), w.school, uow=uow, clock=at(T0.date())
        )
    with pytest.raises(Forbidden):  # the enterprise sees the placement but does not amend it
        await course.amend_placement(p.id, cmd, w.hr, uow=uow, clock=at(T0.date()))
    stranger = Principal(sub="x", org="cs-other", org_kind="school", roles=frozenset({"admin"}))
    with pytest.raises(NotFound):
        await course.amend_placement(p.id, cmd, stranger, uow=uow, clock=at(T0.date()))
    await change_placement(p.id, "confirm", w.hr, uow=uow, clock=at(T0.date()))
    await ready_to_start(p.id, school=w.school, enterprise=w.hr, uow=uow, clock=at(T0.date()), guardian=True)
    await change_placement(p.id, "start", w.school, uow=uow, clock=at(START + timedelta(days=7)))
    with pytest.raises(IllegalTransition):
        await course.amend_placement(
            p.id, course.AmendPlacement({"cohort": "2024"}), w.school, uow=uow, clock=at(START + timedelta(days=8))
        )


async def test_an_amendment_onto_another_placement_of_the_student_is_refused(uow):
    w, position = await world(uow)
    clock = at(T0.date())
    first = await book(uow, w, position, "s1")
    await course.amend_placement(
        first.id, course.AmendPlacement({"ends_on": START + timedelta(days=20)}), w.school, uow=uow, clock=clock
    )
    second = await book(uow, w, w.later, "s1")  # from START + 30: no overlap any more
    with pytest.raises(course.OverlappingAmendment):
        await course.amend_placement(
            first.id, course.AmendPlacement({"ends_on": START + timedelta(days=40)}), w.school, uow=uow, clock=clock
        )
    async with uow() as u:
        assert (await u.placements.get(first.id)).ends_on == START + timedelta(days=20)
        assert (await u.placements.get(second.id)).starts_on == START + timedelta(days=30)


async def test_requirements_are_set_per_type_and_cohort_and_replaced(uow):
    w, _ = await world(uow)
    clock = at(T0.date())
    for cohort, hours in ((None, "400"), ("2023", "480"), ("2023", "500")):
        await course.set_requirement(
            course.SetRequirement(InternshipType.POST_INTERNSHIP, cohort, Decimal(hours), 10, 12),
            w.school,
            uow=uow,
            clock=clock,
        )
    found = await course.list_requirements(w.school, uow=uow)
    assert [(r.cohort, r.required_hours) for r in found] == [(None, Decimal("400")), ("2023", Decimal("500"))]
    assert await course.list_requirements(w.hr, uow=uow) == []
    with pytest.raises(Forbidden):
        await course.set_requirement(
            course.SetRequirement(InternshipType.OBSERVATION, None, Decimal(40), 1, 0), w.hr, uow=uow, clock=clock
        )
    async with uow() as u:
        rows = await u.connection.execute(
            text("SELECT payload FROM outbox WHERE subject LIKE '%.programme_requirement.set' ORDER BY position")
        )
        sets = [e for e in (json.loads(r.payload) for r in rows) if e["schoolOrg"] == w.school.org]
    assert [(e.get("cohort", ""), e["requiredHours"]) for e in sets] == [
        ("", "400.00"),
        ("2023", "480.00"),
        ("2023", "500.00"),
    ]


async def test_approved_weeks_reach_the_milestones_once_and_a_termination_below_the_requirement_ends_short(uow):
    w, position = await world(uow)
    clock = at(T0.date())
    await course.set_requirement(
        course.SetRequirement(InternshipType.POST_INTERNSHIP, None, Decimal("80"), 4, 0), w.school, uow=uow, clock=clock
    )
    p = await book(uow, w, position, "s1")
    await change_placement(p.id, "confirm", w.hr, uow=uow, clock=clock)
    await ready_to_start(p.id, school=w.school, enterprise=w.hr, uow=uow, clock=clock, guardian=True)
    await change_placement(p.id, "start", w.school, uow=uow, clock=at(START))
    student = Principal(sub="s1", org=w.school.org, org_kind="school", roles=frozenset({"student"}))
    for week in range(3):
        monday = START + timedelta(days=7 * week)
        lines = [LogLine(monday + timedelta(days=d), "listings", Decimal(8)) for d in range(5)]
        later = at(monday + timedelta(days=6))
        await logbooks.file_week(
            p.id, monday, lines, student, uow=uow, policy=CompliancePolicy.CN_VOCATIONAL_2021, clock=later
        )
        await logbooks.review_week(
            p.id, monday, w.hr, approve=True, comment=None, on_behalf_of_mentor=True, uow=uow, clock=later
        )
    reached = await events(uow, p.id, "placement.hours_reached")
    assert [e["milestone"] for e in reached] == [50, 100]  # 40h of 80h, then 80h: once each, not again at 120h
    found = await course.placement_progress(p.id, student, uow=uow)
    assert found.progress.approved_hours == Decimal(120) and found.progress.approved_weeks == 3
    assert found.progress.short_of == {"weeks": "1"} and found.placement.hours_milestone == 100
    await change_placement(p.id, "terminate", w.school, uow=uow, reason="moved", clock=at(START + timedelta(days=22)))
    [short] = await events(uow, p.id, "placement.ended_short")
    assert short["shortOf"] == {"weeks": "1"} and short["status"] == "terminated"


async def test_concurrent_approvals_pass_each_milestone_once(uow):
    w, position = await world(uow)
    clock = at(T0.date())
    await course.set_requirement(
        course.SetRequirement(InternshipType.POST_INTERNSHIP, None, Decimal("40"), 1, 0), w.school, uow=uow, clock=clock
    )
    p = await book(uow, w, position, "s1")
    await change_placement(p.id, "confirm", w.hr, uow=uow, clock=clock)
    await ready_to_start(p.id, school=w.school, enterprise=w.hr, uow=uow, clock=clock, guardian=True)
    await change_placement(p.id, "start", w.school, uow=uow, clock=at(START))
    student = Principal(sub="s1", org=w.school.org, org_kind="school", roles=frozenset({"student"}))
    mondays = [START, START + timedelta(days=7)]
    later = at(START + timedelta(days=13))
    for monday in mondays:
        lines = [LogLine(monday + timedelta(days=d), "listings", Decimal(8)) for d in range(5)]
        await logbooks.file_week(
            p.id, monday, lines, student, uow=uow, policy=CompliancePolicy.CN_VOCATIONAL_2021, clock=later
        )
    # Each week alone reaches 100% of the 40 required hours: without the placement's lock both approvals would.
    await asyncio.gather(
        *(
            logbooks.review_week(
                p.id, monday, w.hr, approve=True, comment=None, on_behalf_of_mentor=True, uow=uow, clock=later
            )
            for monday in mondays
        )
    )
    assert [e["milestone"] for e in await events(uow, p.id, "placement.hours_reached")] == [50, 100]
