"""Attendance use cases on a real, migrated PostgreSQL: who records, who attests and decides leave (the placement's
assigned enterprise mentor, as the mentors service's events put it into internships' read model), what is refused
with which error, and the events each change leaves in the outbox."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
from internships_attendance_world import START, World, at
from sqlalchemy.ext.asyncio import create_async_engine

from internships.adapters.unit_of_work import InternshipsUnit
from internships.domain.attendance import AttendanceClosed, AttestationFinal, DayOnLeave, DayStatus, DisputedDay
from internships.domain.attendance import WeekAttested as WeekIsAttested
from internships.domain.leave import LeaveDecided, LeaveOverlaps
from internships.handlers import attendance as h
from internships.main import MIGRATIONS
from praxis_common.errors import Forbidden, InvalidInput, NotFound
from praxis_common.uow import UnitOfWorkFactory

NINE, FIVE = time(9, 0), time(17, 0)


@pytest.fixture(scope="module")
def database_url(database_factory):
    return database_factory("internships_attendance", migrated=MIGRATIONS)


@pytest.fixture
async def world(database_url):
    engine = create_async_engine(database_url)
    w = World(UnitOfWorkFactory(engine, event_prefix="t", unit=InternshipsUnit))
    await w.setup()
    yield w
    await engine.dispose()


def present(pid, day, check_in=NINE, check_out=FIVE) -> h.RecordDay:
    return h.RecordDay(pid, day, DayStatus.PRESENT, check_in, check_out)


def fields(exc: pytest.ExceptionInfo) -> list[str]:
    return [e.field for e in exc.value.errors]


async def test_the_student_or_their_school_records_days_and_nobody_else(world):
    pid = await world.placement("stu-a")
    other = await world.placement("stu-b")
    day = START + timedelta(days=1)
    recorded = await h.record_day(present(pid, day), world.student("stu-a"), uow=world.uow, clock=at(day))
    assert (recorded.status, recorded.hours, recorded.recorded_by) == (DayStatus.PRESENT, 8, "stu-a")
    corrected = await h.record_day(
        h.RecordDay(pid, day, DayStatus.ABSENT, reason="ill"), world.teacher, uow=world.uow, clock=at(day)
    )
    assert (corrected.status, corrected.hours, corrected.reason) == (DayStatus.ABSENT, 0, "ill")
    with pytest.raises(Forbidden):  # the host enterprise attests; it does not record
        await h.record_day(present(pid, day), world.hr, uow=world.uow, clock=at(day))
    with pytest.raises(Forbidden):
        await h.record_day(present(pid, day), world.mentor, uow=world.uow, clock=at(day))
    for outsider in (world.other_school, world.other_enterprise, world.student("stu-b")):
        with pytest.raises(NotFound):
            await h.record_day(present(pid, day), outsider, uow=world.uow, clock=at(day))
    with pytest.raises(NotFound):
        await h.get_attendance(other, world.student("stu-a"), uow=world.uow, clock=at(day))
    subjects = await world.subjects(pid)
    assert sum(s.endswith("internships.attendance.day_recorded") for s in subjects) == 2


async def test_bad_days_are_refused_naming_the_field(world):
    pid = await world.placement("stu-c")
    today = START + timedelta(days=3)
    student = world.student("stu-c")
    cases = [
        (present(pid, START - timedelta(days=1)), ["day"]),  # before the placement
        (present(pid, today + timedelta(days=1)), ["day"]),  # in the future
        (present(pid, START, None, None), ["check_in", "check_out"]),
        (present(pid, START, FIVE, NINE), ["check_out"]),
        (h.RecordDay(pid, START, DayStatus.ABSENT), ["reason"]),
        (h.RecordDay(pid, START, DayStatus.ABSENT, NINE, None, "ill"), ["check_in"]),
        (h.RecordDay(pid, START, DayStatus.LEAVE), ["status"]),
    ]
    for cmd, named in cases:
        with pytest.raises(InvalidInput) as refused:
            await h.record_day(cmd, student, uow=world.uow, clock=at(today))
        assert fields(refused) == named, cmd
    requested = await world.placement("stu-d", start=False)
    with pytest.raises(AttendanceClosed):
        await h.record_day(present(requested, START), world.student("stu-d"), uow=world.uow, clock=at(today))


async def test_only_the_assigned_enterprise_mentor_attests_and_disputed_days_are_not_presence(world):
    pid = await world.placement("stu-e")
    student = world.student("stu-e")
    for i in range(5):
        day = START + timedelta(days=i)
        await h.record_day(present(pid, day), student, uow=world.uow, clock=at(day))
    friday = at(START + timedelta(days=4))
    attest = h.AttestWeek(pid, START, [DisputedDay(START + timedelta(days=2), "not on site")])
    with pytest.raises(Forbidden, match="no enterprise mentor is assigned"):
        await h.attest_week(attest, world.mentor, uow=world.uow, clock=friday)
    await world.assign_mentor(pid, "stu-e")
    for refused in (world.other_mentor, world.hr, world.school, student):
        with pytest.raises(Forbidden, match="assigned enterprise mentor"):
            await h.attest_week(attest, refused, uow=world.uow, clock=friday)
    for outsider in (world.other_enterprise, world.other_school, world.student("stu-x")):
        with pytest.raises(NotFound):
            await h.attest_week(attest, outsider, uow=world.uow, clock=friday)
    week = await h.attest_week(attest, world.mentor, uow=world.uow, clock=friday)
    assert (week.present_days, week.present_hours, week.mentor_id, week.revision) == (4, 32, world.mentor_id, 1)
    assert week.attested_on_behalf is False and [d.day for d in week.disputed_days] == [START + timedelta(days=2)]
    with pytest.raises(WeekIsAttested):  # an attested week's days are fixed
        await h.record_day(present(pid, START), student, uow=world.uow, clock=friday)
    again = await h.attest_week(
        h.AttestWeek(pid, START, [], on_behalf_of_mentor=True), world.hr, uow=world.uow, clock=friday
    )
    assert (again.present_days, again.revision, again.attested_on_behalf) == (5, 2, True)
    late = at(START + timedelta(days=6 + 15))
    with pytest.raises(AttestationFinal):
        await h.attest_week(h.AttestWeek(pid, START, []), world.mentor, uow=world.uow, clock=late)
    subjects = await world.subjects(pid)
    assert sum(s.endswith("internships.attendance.week_attested") for s in subjects) == 2


async def test_a_week_is_attested_as_a_whole_monday_of_the_placement_from_its_friday(world):
    pid = await world.placement("stu-f")
    await world.assign_mentor(pid, "stu-f")
    saturday = at(START + timedelta(days=5))
    cases = [
        (h.AttestWeek(pid, START + timedelta(days=1), []), saturday, ["week_start"]),  # not a Monday
        (h.AttestWeek(pid, START - timedelta(days=14), []), saturday, ["week_start"]),  # before the placement
        (h.AttestWeek(pid, START, []), at(START + timedelta(days=3)), ["week_start"]),  # its Friday is tomorrow
        (h.AttestWeek(pid, START, [DisputedDay(START + timedelta(days=7), "x")]), saturday, ["disputed_days.0.day"]),
    ]
    for cmd, clock, named in cases:
        with pytest.raises(InvalidInput) as refused:
            await h.attest_week(cmd, world.mentor, uow=world.uow, clock=clock)
        assert fields(refused) == named, cmd
    twice = h.AttestWeek(pid, START, [DisputedDay(START, "a"), DisputedDay(START, "b")])
    with pytest.raises(InvalidInput) as refused:
        await h.attest_week(twice, world.mentor, uow=world.uow, clock=at(START + timedelta(days=5)))
    assert fields(refused) == ["disputed_days.1.day"]


async def test_more_approved_logbook_hours_than_attested_presence_is_flagged(world):
    pid = await world.placement("stu-g")
    await world.assign_mentor(pid, "stu-g")
    student = world.student("stu-g")
    for i in range(5):
        day = START + timedelta(days=i)
        await h.record_day(present(pid, day, NINE, time(15, 0)), student, uow=world.uow, clock=at(day))  # 6 h
    await world.approved_logbook_week(pid, "stu-g", START, "8")  # 40 h approved against 30 h present
    saturday = at(START + timedelta(days=5))
    week = await h.attest_week(h.AttestWeek(pid, START, []), world.mentor, uow=world.uow, clock=saturday)
    assert (week.present_hours, week.logbook_hours, week.anomaly) == (30, 40, True)
    assert any(s.endswith("internships.attendance.anomaly_flagged") for s in await world.subjects(pid))


async def test_leave_is_asked_by_the_student_and_decided_by_the_assigned_mentor(world):
    pid = await world.placement("stu-h")
    await world.assign_mentor(pid, "stu-h")
    student = world.student("stu-h")
    today = at(START + timedelta(days=10))  # the Thursday of the second week
    tue, wed, thu = (START + timedelta(days=7 + i) for i in (1, 2, 3))
    await h.record_day(present(pid, START + timedelta(days=8)), student, uow=world.uow, clock=today)  # Tuesday worked
    asked = await h.request_leave(h.RequestLeave(pid, tue, thu, "exam"), student, uow=world.uow, clock=today)
    with pytest.raises(LeaveOverlaps):
        await h.request_leave(h.RequestLeave(pid, thu, thu, "again"), world.teacher, uow=world.uow, clock=today)
    with pytest.raises(InvalidInput) as refused:
        await h.request_leave(h.RequestLeave(pid, thu, tue, "x"), student, uow=world.uow, clock=today)
    assert fields(refused) == ["last_day"]
    with pytest.raises(InvalidInput) as refused:
        await h.request_leave(h.RequestLeave(pid, START - timedelta(1), tue, "x"), student, uow=world.uow, clock=today)
    assert fields(refused) == ["first_day"]
    decide = h.DecideLeave(pid, asked.id, approve=True)
    for refused_party in (student, world.school, world.other_mentor, world.hr):
        with pytest.raises(Forbidden):
            await h.decide_leave(decide, refused_party, uow=world.uow, clock=today)
    with pytest.raises(NotFound):
        await h.decide_leave(decide, world.other_enterprise, uow=world.uow, clock=today)
    with pytest.raises(InvalidInput) as refused:
        await h.decide_leave(h.DecideLeave(pid, asked.id, approve=False), world.mentor, uow=world.uow, clock=today)
    assert fields(refused) == ["comments"]
    approved = await h.decide_leave(decide, world.mentor, uow=world.uow, clock=today)
    assert (approved.status.value, approved.mentor_id) == ("approved", world.mentor_id)
    with pytest.raises(LeaveDecided):
        await h.decide_leave(decide, world.mentor, uow=world.uow, clock=today)
    days = {d.day: d for d in (await h.get_attendance(pid, student, uow=world.uow, clock=today)).days}
    assert days[tue].status is DayStatus.PRESENT  # recorded present before: the student came after all
    assert days[wed].status is DayStatus.LEAVE and days[wed].leave_request_id == asked.id
    assert days[thu].status is DayStatus.LEAVE
    with pytest.raises(DayOnLeave):
        await h.record_day(present(pid, wed), student, uow=world.uow, clock=today)
    subjects = [s.rsplit(".", 2)[-2:] for s in await world.subjects(pid)]
    assert ["leave", "requested"] in subjects and ["leave", "approved"] in subjects
