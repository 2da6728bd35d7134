"""Action link use cases on a real, migrated PostgreSQL: a link approves (or returns) a logbook week or attests a
week's attendance as the mentor it names, once, recorded and announced like that mentor's own review; it does
nothing for a mentor no longer assigned or for another enterprise's placement, and opening it changes nothing."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, datetime, time, timedelta
from decimal import Decimal

import pytest
from internships_attendance_world import START, World, at
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from internships.adapters.unit_of_work import InternshipsUnit
from internships.domain.attendance import DayStatus
from internships.domain.compliance import CompliancePolicy
from internships.domain.logbooks import LogLine, WeekStatus
from internships.handlers import action_links as h
from internships.handlers import attendance, logbooks
from internships.main import MIGRATIONS
from praxis_common.action_links import ActionLink
from praxis_common.errors import Conflict, Forbidden, InvalidInput, NotFound
from praxis_common.uow import UnitOfWorkFactory

FRIDAY = at(START + timedelta(days=4))
SATURDAY = at(START + timedelta(days=5))


@pytest.fixture(scope="module")
def database_url(database_factory):
    return database_factory("internships_action_links", migrated=MIGRATIONS)


@pytest.fixture
async def world(database_url):
    engine = create_async_engine(database_url)
    w = World(UnitOfWorkFactory(engine, event_prefix="t", unit=InternshipsUnit))
    await w.setup()
    yield w
    await engine.dispose()


def link_for(world: World, placement_id: uuid.UUID, action: str = "approve_week", **overrides) -> ActionLink:
    """What verify() returns for a link the notifications service mailed to the placement's mentor, Ann."""
    fields = dict(
        action=action,
        org=world.enterprise_org,
        placement_id=placement_id,
        week_start=START,
        mentor_id=world.mentor_id,
        jti=uuid.uuid4(),
        issued_at=datetime(2030, 3, 8, tzinfo=UTC),
        expires_at=datetime(2030, 3, 15, tzinfo=UTC),
    )
    return ActionLink(**{**fields, **overrides})


async def filed_week(world: World, student: str, *, assign: bool = True) -> uuid.UUID:
    pid = await world.placement(student)
    if assign:
        await world.assign_mentor(pid, student)
    lines = [LogLine(START + timedelta(days=i), "listings", Decimal(6)) for i in range(5)]
    await logbooks.file_week(
        pid, START, lines, world.student(student), uow=world.uow, policy=CompliancePolicy.NONE, clock=SATURDAY
    )
    return pid


async def week_of(world: World, pid: uuid.UUID):
    book = await logbooks.get_logbook(pid, world.hr, uow=world.uow)
    return next(w for w in book.weeks if w.week_start == START)


async def used_links(world: World) -> int:
    async with world.uow() as u:
        return (await u.connection.execute(text("SELECT count(*) FROM used_action_link"))).scalar_one()


async def test_a_link_approves_the_week_as_its_mentor_once(world):
    pid = await filed_week(world, "stu-a")
    link = link_for(world, pid)
    page = await h.open_link(link, uow=world.uow)
    assert (page.student, page.used_at, page.week.status) == ("stu-a", None, WeekStatus.SUBMITTED)
    assert page.hours_by_duty == {"listings": Decimal(30)}
    await h.open_link(link, uow=world.uow)  # opening it again (a mail scanner, then the mentor) changes nothing
    assert (await week_of(world, pid)).status is WeekStatus.SUBMITTED

    week = await h.follow_link(link, h.LinkDecision("approve"), uow=world.uow, clock=SATURDAY)
    assert (week.status, week.reviewed_by, week.reviewer_mentor_id, week.reviewed_on_behalf) == (
        WeekStatus.APPROVED,
        world.mentor.sub,  # recorded as Ann's own review: her sign-in account
        world.mentor_id,
        False,
    )
    assert (await h.open_link(link, uow=world.uow)).used_at == SATURDAY()
    with pytest.raises(h.LinkUsed):
        await h.follow_link(link, h.LinkDecision("approve"), uow=world.uow, clock=SATURDAY)
    subjects = await world.subjects(pid)
    assert sum(s.endswith("internships.logbook.approved") for s in subjects) == 1


async def test_opening_a_link_is_a_read_of_the_students_records_in_the_schools_audit_log(world):
    """The page shows the school's student data to the enterprise's mentor, without a session: the school's "who read
    S" names the mentor, the enterprise and the link's route (docs/audit.md)."""
    pid = await filed_week(world, "stu-aud")
    await h.open_link(link_for(world, pid), uow=world.uow, clock=SATURDAY)
    async with world.uow() as u:
        read = await u.audit.reads(world.school_org, "school", subject_ref="stu-aud")
        [entry] = [e for e in read if e.route == "GET /links/{token}"]  # setting up, the enterprise signed the document
        assert await u.audit.reads(world.enterprise_org, "enterprise") == []
    assert (entry.actor, entry.actor_org, entry.resource_kind, entry.resource_id, entry.route, entry.at) == (
        world.mentor.sub,
        world.enterprise_org,
        "logbook",
        str(pid),
        "GET /links/{token}",
        SATURDAY(),
    )


async def test_a_refused_decision_leaves_the_link_unused_and_a_return_needs_a_comment(world):
    pid = await filed_week(world, "stu-b")
    link = link_for(world, pid)
    before = await used_links(world)
    with pytest.raises(InvalidInput):  # the domain's own rule: say why
        await h.follow_link(link, h.LinkDecision("return"), uow=world.uow, clock=SATURDAY)
    with pytest.raises(InvalidInput):  # an approve_week link does not attest
        await h.follow_link(link, h.LinkDecision("attest"), uow=world.uow, clock=SATURDAY)
    assert await used_links(world) == before
    week = await h.follow_link(link, h.LinkDecision("return", "Tuesday was a holiday"), uow=world.uow, clock=SATURDAY)
    assert (week.status, week.comment, week.reviewer_mentor_id) == (
        WeekStatus.RETURNED,
        "Tuesday was a holiday",
        world.mentor_id,
    )
    assert await used_links(world) == before + 1


async def test_a_link_does_nothing_for_a_mentor_no_longer_assigned_nor_for_another_enterprise(world):
    pid = await filed_week(world, "stu-c")
    others = [
        link_for(world, pid, mentor_id=uuid.uuid4()),  # Bo's link, or Ann's after Bo took the placement over
        link_for(world, pid, org=world.other_enterprise.org),
        link_for(world, uuid.uuid4()),
    ]
    with pytest.raises(Forbidden, match="no longer"):
        await h.open_link(others[0], uow=world.uow)
    for link in others[1:]:
        with pytest.raises(NotFound):
            await h.open_link(link, uow=world.uow)
    for link, refused in zip(others, (Forbidden, NotFound, NotFound), strict=True):
        with pytest.raises(refused):
            await h.follow_link(link, h.LinkDecision("approve"), uow=world.uow, clock=SATURDAY)
    unassigned = await filed_week(world, "stu-d", assign=False)
    with pytest.raises(Forbidden):
        await h.follow_link(link_for(world, unassigned), h.LinkDecision("approve"), uow=world.uow, clock=SATURDAY)
    assert (await week_of(world, pid)).status is WeekStatus.SUBMITTED
    with pytest.raises(NotFound):  # a week never filed
        await h.open_link(link_for(world, pid, week_start=START + timedelta(days=7)), uow=world.uow)


async def test_a_link_attests_a_weeks_attendance_once_as_recorded(world):
    pid = await world.placement("stu-e")
    await world.assign_mentor(pid, "stu-e")
    for i in range(5):
        day = START + timedelta(days=i)
        cmd = attendance.RecordDay(pid, day, DayStatus.PRESENT, time(9), time(17))
        await attendance.record_day(cmd, world.student("stu-e"), uow=world.uow, clock=at(day))
    link = link_for(world, pid, "attest_week")
    page = await h.open_link(link, uow=world.uow)
    assert (len(page.days), page.attested) == (5, False)
    with pytest.raises(InvalidInput):
        await h.follow_link(link, h.LinkDecision("approve"), uow=world.uow, clock=FRIDAY)
    week = await h.follow_link(link, h.LinkDecision("attest"), uow=world.uow, clock=FRIDAY)
    assert (week.present_days, week.mentor_id, week.attested_by, week.attested_on_behalf) == (
        5,
        world.mentor_id,
        world.mentor.sub,
        False,
    )
    with pytest.raises(h.LinkUsed):
        await h.follow_link(link, h.LinkDecision("attest"), uow=world.uow, clock=FRIDAY)
    with pytest.raises(Conflict, match="attested already"):  # a fresh link does not re-attest (disputes are lost)
        await h.follow_link(replace(link, jti=uuid.uuid4()), h.LinkDecision("attest"), uow=world.uow, clock=FRIDAY)
    subjects = await world.subjects(pid)
    assert sum(s.endswith("internships.attendance.week_attested") for s in subjects) == 1
