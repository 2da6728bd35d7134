"""Attendance reports on a real, migrated PostgreSQL: the attendance rate per placement (what counts as expected and
attended), the past weeks nobody attested, the anomalies, a page at a time, and only the caller's own placements."""

from __future__ import annotations

from datetime import time, timedelta
from decimal import Decimal

import pytest
from internships_attendance_world import START, World, at
from sqlalchemy.ext.asyncio import create_async_engine

from internships.adapters.unit_of_work import InternshipsUnit
from internships.domain.attendance import DayStatus, DisputedDay
from internships.handlers import attendance as h
from internships.handlers import attendance_reports as reports
from internships.handlers.placements import change_placement
from internships.main import MIGRATIONS
from praxis_common.errors import Forbidden
from praxis_common.uow import UnitOfWorkFactory

TODAY = at(START + timedelta(days=14))  # the Monday of the third week: two weeks are over


@pytest.fixture(scope="module")
def database_url(database_factory):
    return database_factory("internships_attendance_reports", migrated=MIGRATIONS)


@pytest.fixture
async def world(database_url):
    engine = create_async_engine(database_url)
    w = World(UnitOfWorkFactory(engine, event_prefix="t", unit=InternshipsUnit))
    await w.setup()
    yield w
    await engine.dispose()


async def record(world: World, pid, student: str, offsets: list[int], status=DayStatus.PRESENT) -> None:
    for i in offsets:
        day = START + timedelta(days=i)
        cmd = (
            h.RecordDay(pid, day, status, time(9), time(17))
            if status is DayStatus.PRESENT
            else h.RecordDay(pid, day, status, reason="ill")
        )
        await h.record_day(cmd, world.student(student), uow=world.uow, clock=at(day))


async def test_the_rate_counts_undisputed_presence_over_the_weekdays_so_far_less_leave(world):
    pid = await world.placement("stu-r")
    await world.assign_mentor(pid, "stu-r")
    await record(world, pid, "stu-r", [0, 1, 2, 3, 4, 7, 8, 5])  # a Saturday worked (5); Wednesday 9 not recorded
    await record(world, pid, "stu-r", [10], DayStatus.ABSENT)
    leave = await h.request_leave(
        h.RequestLeave(pid, START + timedelta(days=11), START + timedelta(days=11), "exam"),
        world.student("stu-r"),
        uow=world.uow,
        clock=TODAY,
    )
    await h.decide_leave(h.DecideLeave(pid, leave.id, approve=True), world.mentor, uow=world.uow, clock=TODAY)
    await h.attest_week(
        h.AttestWeek(pid, START, [DisputedDay(START + timedelta(days=1), "not on site")]),
        world.mentor,
        uow=world.uow,
        clock=TODAY,
    )
    summary = (await h.get_attendance(pid, world.student("stu-r"), uow=world.uow, clock=TODAY)).summary
    # 10 weekdays so far, less 1 of leave, plus the Saturday worked: 10 expected; 8 present, 1 of them disputed.
    assert (summary.expected_days, summary.present_days, summary.absent_days) == (10, 7, 1)
    assert (summary.leave_days, summary.unrecorded_days, summary.disputed_days) == (1, 1, 1)
    assert summary.rate == Decimal("0.7") and summary.attested_weeks == 1
    for caller in (world.school, world.hr):
        rows, token = await reports.attendance_report(reports.ReportPage(), caller, uow=world.uow, clock=TODAY)
        assert [(r.placement.id, r.summary.rate) for r in rows] == [(pid, Decimal("0.7"))] and token is None
    for refused in (world.student("stu-r"), world.mentor, world.teacher):
        with pytest.raises(Forbidden):
            await reports.attendance_report(reports.ReportPage(), refused, uow=world.uow, clock=TODAY)
    rows, _ = await reports.attendance_report(reports.ReportPage(), world.other_school, uow=world.uow, clock=TODAY)
    assert rows == []


async def test_unattested_weeks_are_the_past_weeks_of_active_placements_page_by_page(world):
    first, second = await world.placement("stu-u1"), await world.placement("stu-u2")
    await world.placement("stu-u3", start=False)  # not started: owes no attestation
    await world.assign_mentor(first, "stu-u1")
    await h.attest_week(h.AttestWeek(first, START, []), world.mentor, uow=world.uow, clock=TODAY)
    seen, token = [], None
    while True:
        page, token = await reports.unattested_weeks(
            reports.ReportPage(page_size=1, page_token=token), world.hr, uow=world.uow, clock=TODAY
        )
        seen += [(w.placement_id, w.week_start) for w in page]
        if token is None:
            break
    week2 = START + timedelta(days=7)
    assert seen == sorted([(second, START), (first, week2), (second, week2)], key=lambda x: (x[1], x[0]))
    school_view, _ = await reports.unattested_weeks(reports.ReportPage(), world.school, uow=world.uow, clock=TODAY)
    assert len(school_view) == 3
    other, _ = await reports.unattested_weeks(reports.ReportPage(), world.other_enterprise, uow=world.uow, clock=TODAY)
    assert other == []


async def test_anomalies_list_attested_weeks_with_more_approved_hours_whichever_came_first(world):
    pid = await world.placement("stu-n")
    await world.assign_mentor(pid, "stu-n")
    await record(world, pid, "stu-n", [0, 1, 2, 7, 8, 9, 10, 11])  # 3 days (24 h) in week 1, 5 (40 h) in week 2
    await world.approved_logbook_week(pid, "stu-n", START, "8")  # 40 h approved before the attestation
    await h.attest_week(h.AttestWeek(pid, START, []), world.mentor, uow=world.uow, clock=TODAY)
    week2 = START + timedelta(days=7)
    await h.attest_week(
        h.AttestWeek(pid, week2, [DisputedDay(week2, "left at noon")]), world.mentor, uow=world.uow, clock=TODAY
    )
    await world.approved_logbook_week(pid, "stu-n", week2, "8")  # approved after: 40 h against 32 h attested
    found, token = await reports.attendance_anomalies(reports.ReportPage(), world.hr, uow=world.uow)
    assert [(a.week_start, a.present_hours, a.logbook_hours) for a in found] == [
        (START, Decimal("24.00"), Decimal("40.00")),
        (week2, Decimal("32.00"), Decimal("40.00")),
    ]
    assert token is None
    first, token = await reports.attendance_anomalies(reports.ReportPage(page_size=1), world.school, uow=world.uow)
    rest, last = await reports.attendance_anomalies(
        reports.ReportPage(page_size=1, page_token=token), world.school, uow=world.uow
    )
    assert [a.week_start for a in first + rest] == [START, week2] and last is None


async def test_an_ended_placements_unattested_weeks_stay_listed_up_to_its_end(world):
    """A placement terminated in its first week still owes that week's attestation (it may be given after the end),
    and owes nothing for the weeks after it ended."""
    ended = await world.placement("stu-end")
    await change_placement(
        ended, "terminate", world.school, uow=world.uow, reason="moved away", clock=at(START + timedelta(days=2))
    )
    listed, _ = await reports.unattested_weeks(reports.ReportPage(), world.hr, uow=world.uow, clock=TODAY)
    assert [(w.placement_id, w.week_start) for w in listed if w.placement_id == ended] == [(ended, START)]
