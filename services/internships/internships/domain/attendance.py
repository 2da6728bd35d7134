"""Attendance of an active placement, attested by the enterprise instead of clocked by location.

The student (or the student's school on their behalf) records each day: present with check-in and check-out
times, or absent with a reason. A day of approved leave is recorded by the leave request (domain/leave.py), not by
hand. Each week the placement's assigned enterprise mentor attests the week in one call, disputing the days they
do not confirm; an attested week's days are fixed. The attested presence of a week (present days not disputed,
and their checked hours) is compared with the week's approved logbook hours: more logbook hours than attested
presence flags the week as an anomaly.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from enum import StrEnum

from internships.domain.placements import Placement, PlacementStatus
from praxis_common.errors import Conflict, FieldError, InvalidInput

RECORDING = {PlacementStatus.ACTIVE}  # days are recorded while the placement runs
ATTESTABLE = {PlacementStatus.ACTIVE, PlacementStatus.COMPLETED, PlacementStatus.TERMINATED}  # the last week too
REATTEST_DAYS = 14  # a week can be attested again (replacing its disputes) until 14 days after its Sunday
WEEK_READY = 4  # a week can be attested from its Friday (weekday 4) on
CENTS = Decimal("0.01")


class DayStatus(StrEnum):
    PRESENT = "present"
    ABSENT = "absent"
    LEAVE = "leave"


class AttendanceClosed(Conflict):
    code, title = "attendance-closed", "Attendance is recorded only while the placement is active"


class WeekAttested(Conflict):
    code, title = "week-attested", "The week is attested; its days are fixed"


class DayOnLeave(Conflict):
    code, title = "day-on-leave", "The day is approved leave"


class AttestationFinal(Conflict):
    code, title = "attestation-final", "The week's attestation can no longer be changed"


@dataclass(frozen=True)
class DayRecorded:
    day: AttendanceDay
    placement: Placement


@dataclass
class AttendanceDay:
    placement_id: uuid.UUID
    day: date
    status: DayStatus
    recorded_at: datetime
    recorded_by: str
    recorded_by_org: str
    check_in: time | None = None
    check_out: time | None = None
    hours: Decimal = Decimal(0)
    reason: str | None = None
    leave_request_id: uuid.UUID | None = None
    version: int = 0
    events: list[DayRecorded] = field(default_factory=list, repr=False, compare=False)

    @classmethod
    def record(
        cls,
        *,
        placement: Placement,
        day: date,
        status: DayStatus,
        check_in: time | None,
        check_out: time | None,
        reason: str | None,
        by: str,
        by_org: str,
        now: datetime,
        existing: AttendanceDay | None,
        week_attested: bool,
    ) -> AttendanceDay:
        """Record (or correct) a day as present or absent, until its week is attested."""
        if placement.status not in RECORDING:
            raise AttendanceClosed(f"attendance is recorded during an active placement; this one is {placement.status}")
        problems = _day_problems(placement, day, status, check_in, check_out, reason, today=now.date())
        if problems:
            raise InvalidInput("the day cannot be recorded", errors=problems)
        if week_attested:
            raise WeekAttested(f"the week of {day} is attested; its days are fixed")
        if existing is not None and existing.status is DayStatus.LEAVE:
            raise DayOnLeave(f"{day} is approved leave")
        hours = _hours(check_in, check_out) if status is DayStatus.PRESENT else Decimal(0)
        d = existing or cls(placement.id, day, status, now, by, by_org)
        d.status, d.check_in, d.check_out, d.hours = status, check_in, check_out, hours
        d.reason = reason if status is DayStatus.ABSENT else (reason or None)
        d.recorded_at, d.recorded_by, d.recorded_by_org, d.leave_request_id = now, by, by_org, None
        d.events.append(DayRecorded(d, placement))
        return d

    def pull_events(self) -> list[DayRecorded]:
        events, self.events = self.events, []
        return events


def _day_problems(
    placement: Placement,
    day: date,
    status: DayStatus,
    check_in: time | None,
    check_out: time | None,
    reason: str | None,
    *,
    today: date,
) -> list[FieldError]:
    problems = []
    if not placement.starts_on <= day <= placement.ends_on:
        problems.append(FieldError("day", f"is outside the placement's term {placement.starts_on}–{placement.ends_on}"))
    elif day > today:
        problems.append(FieldError("day", "is in the future"))
    if status is DayStatus.LEAVE:
        problems.append(FieldError("status", "leave is recorded by an approved leave request"))
    elif status is DayStatus.PRESENT:
        if check_in is None:
            problems.append(FieldError("check_in", "required for a day present"))
        if check_out is None:
            problems.append(FieldError("check_out", "required for a day present"))
        elif check_in is not None and check_out <= check_in:
            problems.append(FieldError("check_out", "must be after check_in"))
    else:
        if not reason:
            problems.append(FieldError("reason", "say why the student was absent"))
        for name, value in (("check_in", check_in), ("check_out", check_out)):
            if value is not None:
                problems.append(FieldError(name, "not taken for a day absent"))
    return problems


def _hours(check_in: time, check_out: time) -> Decimal:
    minutes = (check_out.hour * 60 + check_out.minute) - (check_in.hour * 60 + check_in.minute)
    return (Decimal(minutes) / 60).quantize(CENTS)


# ---- the weekly attestation ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DisputedDay:
    day: date
    reason: str


@dataclass(frozen=True)
class WeekAttestedEvent:
    week: AttendanceWeek
    placement: Placement


@dataclass(frozen=True)
class AnomalyFlagged:
    week: AttendanceWeek
    placement: Placement


@dataclass
class AttendanceWeek:
    id: uuid.UUID
    placement_id: uuid.UUID
    week_start: date
    attested_at: datetime
    attested_by: str
    attested_by_org: str
    disputed_days: list[DisputedDay]
    present_days: int
    present_hours: Decimal
    logbook_hours: Decimal | None  # the week's approved logbook hours when attested (None: none approved yet)
    anomaly: bool
    mentor_id: uuid.UUID | None = None
    attested_on_behalf: bool = False
    revision: int = 1
    version: int = 0
    events: list = field(default_factory=list, repr=False, compare=False)

    @classmethod
    def attest(
        cls,
        *,
        placement: Placement,
        week_start: date,
        disputed: list[DisputedDay],
        days: list[AttendanceDay],
        logbook_hours: Decimal | None,
        by: str,
        by_org: str,
        mentor_id: uuid.UUID | None,
        on_behalf: bool,
        now: datetime,
        existing: AttendanceWeek | None,
    ) -> AttendanceWeek:
        """Attest the week, disputing `disputed`; attesting again replaces the disputes until the week is final."""
        if placement.status not in ATTESTABLE:
            raise AttendanceClosed(f"a week is attested for a placement that ran; this one is {placement.status}")
        problems = week_problems(placement, week_start, disputed, today=now.date())
        if problems:
            raise InvalidInput("the week cannot be attested", errors=problems)
        if existing is not None and now.date() > week_start + timedelta(days=6 + REATTEST_DAYS):
            raise AttestationFinal(
                f"the week was attested on {existing.attested_at.date()}; it is final {REATTEST_DAYS} days after it ends"
            )
        disputed_on = {d.day for d in disputed}
        present = [
            d
            for d in days
            if d.status is DayStatus.PRESENT and d.day not in disputed_on and _in_week(d.day, week_start)
        ]
        present_hours = sum((d.hours for d in present), Decimal(0)).quantize(CENTS)
        anomaly = logbook_hours is not None and logbook_hours > present_hours
        was_anomaly = existing is not None and existing.anomaly
        w = existing or cls(
            uuid.uuid4(), placement.id, week_start, now, by, by_org, [], 0, Decimal(0), None, False, revision=0
        )
        w.attested_at, w.attested_by, w.attested_by_org = now, by, by_org
        w.disputed_days, w.present_days, w.present_hours = (
            sorted(disputed, key=lambda d: d.day),
            len(present),
            present_hours,
        )
        w.logbook_hours, w.anomaly, w.mentor_id, w.attested_on_behalf = logbook_hours, anomaly, mentor_id, on_behalf
        w.revision += 1
        w.events.append(WeekAttestedEvent(w, placement))
        if anomaly and not was_anomaly:
            w.events.append(AnomalyFlagged(w, placement))
        return w

    def pull_events(self) -> list:
        events, self.events = self.events, []
        return events


def week_problems(
    placement: Placement, week_start: date, disputed: list[DisputedDay], *, today: date
) -> list[FieldError]:
    problems = []
    week_end = week_start + timedelta(days=6)
    if week_start.weekday() != 0:
        problems.append(FieldError("week_start", "must be the Monday that starts the week"))
    elif week_end < placement.starts_on or week_start > placement.ends_on:
        problems.append(FieldError("week_start", f"the placement runs {placement.starts_on}–{placement.ends_on}"))
    elif today < week_start + timedelta(days=WEEK_READY):
        problems.append(FieldError("week_start", "a week is attested from its Friday on"))
    seen: set[date] = set()
    for i, d in enumerate(disputed):
        if not _in_week(d.day, week_start):
            problems.append(FieldError(f"disputed_days.{i}.day", f"must fall in the week {week_start}–{week_end}"))
        elif not placement.starts_on <= d.day <= placement.ends_on:
            problems.append(FieldError(f"disputed_days.{i}.day", "is outside the placement's term"))
        elif d.day in seen:
            problems.append(FieldError(f"disputed_days.{i}.day", "disputed twice"))
        seen.add(d.day)
    return problems


def _in_week(day: date, week_start: date) -> bool:
    return week_start <= day <= week_start + timedelta(days=6)


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())
