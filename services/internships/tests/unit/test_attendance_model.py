"""Attendance as plain objects: what a day's hours are, what the attendance rate counts (weekdays so far, leave,
weekend work, disputes, a placement that ended early), and when a week's attestation is final."""

import uuid
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from internships.domain.attendance import (
    AttendanceClosed,
    AttendanceDay,
    AttendanceWeek,
    AttestationFinal,
    DayStatus,
    DisputedDay,
)
from internships.domain.attendance_summary import summarise
from internships.domain.leave import LeaveRequest, LeaveStatus
from internships.domain.placements import Party, Placement

START = date(2030, 3, 4)  # a Monday


def at(day: date, hour: int = 18) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def active() -> Placement:
    p = Placement.request(
        position_id=uuid.uuid4(),
        agreement_id=uuid.uuid4(),
        school_org="school",
        enterprise_org="ent",
        student_ref="stu",
        profile={},
        starts_on=START,
        ends_on=START + timedelta(days=90),
        now=at(START - timedelta(days=20)),
        hold=timedelta(hours=72),
    )
    p.apply("confirm", Party.ENTERPRISE, now=at(START - timedelta(days=19)))
    p.apply("start", Party.SCHOOL, now=at(START, 8))
    return p


def present(p: Placement, offset: int, check_out: time = time(17, 30)) -> AttendanceDay:
    day = START + timedelta(days=offset)
    return AttendanceDay.record(
        placement=p,
        day=day,
        status=DayStatus.PRESENT,
        check_in=time(9, 0),
        check_out=check_out,
        reason=None,
        by="stu",
        by_org="school",
        now=at(day),
        existing=None,
        week_attested=False,
    )


def test_a_day_present_counts_its_checked_hours_and_says_so_in_an_event():
    p = active()
    d = present(p, 0)
    assert d.hours == Decimal("8.50")
    [event] = d.pull_events()
    assert event.day is d and event.placement is p


def test_the_rate_is_undisputed_presence_over_weekdays_so_far_and_stops_when_the_placement_ends():
    p = active()
    days = [present(p, n) for n in (0, 1, 2, 3, 5)]  # Monday to Thursday and the Saturday
    week = AttendanceWeek.attest(
        placement=p,
        week_start=START,
        disputed=[DisputedDay(START + timedelta(days=1), "not on site")],
        days=days,
        logbook_hours=None,
        by="ann",
        by_org="ent",
        mentor_id=None,
        on_behalf=False,
        now=at(START + timedelta(days=5)),
        existing=None,
    )
    assert (week.present_days, week.present_hours, week.anomaly) == (4, Decimal("34.00"), False)
    s = summarise(p, days, [week], now=at(START + timedelta(days=7)))
    assert (s.expected_days, s.present_days, s.unrecorded_days, s.rate) == (6, 4, 1, Decimal("0.6667"))
    p.apply("terminate", Party.SCHOOL, now=at(START + timedelta(days=3)), reason="moved")
    ended = summarise(p, days, [week], now=at(START + timedelta(days=30)))
    assert ended.expected_days == 4 and ended.rate == Decimal("0.75")  # Monday to Thursday, one disputed


def test_a_week_can_be_attested_again_for_fourteen_days_after_its_sunday():
    p = active()

    def attest(now: datetime, existing=None) -> AttendanceWeek:
        return AttendanceWeek.attest(
            placement=p,
            week_start=START,
            disputed=[],
            days=[],
            logbook_hours=Decimal("8"),
            by="ann",
            by_org="ent",
            mentor_id=None,
            on_behalf=False,
            now=now,
            existing=existing,
        )

    week = attest(at(START + timedelta(days=4)))
    assert week.anomaly and [type(e).__name__ for e in week.pull_events()] == ["WeekAttestedEvent", "AnomalyFlagged"]
    again = attest(at(START + timedelta(days=6 + 14)), week)
    assert again.revision == 2 and [type(e).__name__ for e in again.pull_events()] == ["WeekAttestedEvent"]
    with pytest.raises(AttestationFinal):
        attest(at(START + timedelta(days=6 + 15)), week)


def test_leave_asked_while_the_placement_ran_is_not_approved_after_it_ended_but_may_be_refused():
    p = active()
    ask = dict(placement=p, reason="ill", by="stu", by_org="school", others=[])
    late = START + timedelta(days=80)
    pending = LeaveRequest.ask(first_day=late, last_day=late, now=at(START + timedelta(days=40)), **ask)
    p.apply("terminate", Party.SCHOOL, now=at(START + timedelta(days=41)), reason="moved away")
    decision = dict(by="ann", now=at(START + timedelta(days=42)), mentor_id=None, on_behalf=False)
    with pytest.raises(AttendanceClosed):  # its days would be leave after the placement ended
        pending.decide(p, approve=True, comment=None, **decision)
    pending.decide(p, approve=False, comment="the placement ended", **decision)
    assert pending.status is LeaveStatus.REJECTED


def test_an_early_end_counts_in_the_services_time_zone():
    """Terminated at 07:30 in Shanghai (23:30 UTC the day before): that morning is the placement's last day."""
    shanghai = ZoneInfo("Asia/Shanghai")
    p = active()
    thursday = present(p, 3)  # recorded while it ran
    end = datetime.combine(START + timedelta(days=3), time(7, 30), shanghai)  # that Thursday morning
    p.apply("terminate", Party.SCHOOL, now=end.astimezone(UTC), reason="moved away")
    s = summarise(p, [thursday], [], now=datetime.combine(START + timedelta(days=10), time(9), shanghai))
    assert (s.expected_days, s.present_days) == (4, 1)  # Monday to Thursday; Thursday's presence counts
