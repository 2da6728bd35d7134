"""A placement's attendance rate, from its recorded days and attested weeks.

The days expected are the weekdays (Monday to Friday) of the placement so far (its start to the earliest of its end
date, the day it ended if it ended early, and yesterday; today is still being worked), less the weekdays of approved leave, plus any weekend day the student
recorded. The days attended are the days recorded present that the enterprise mentor did not dispute. A weekday
with no record counts as not attended: a student who records nothing is not present by default.
rate = attended / expected (None before a day is expected).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from internships.domain.attendance import AttendanceDay, AttendanceWeek, DayStatus
from internships.domain.placements import Placement


@dataclass(frozen=True)
class AttendanceSummary:
    expected_days: int
    present_days: int  # recorded present and not disputed
    absent_days: int  # recorded absent
    leave_days: int  # weekdays of approved leave
    unrecorded_days: int  # expected weekdays with no record
    disputed_days: int  # days the enterprise mentor disputed
    attested_weeks: int
    rate: Decimal | None


def summarise(
    placement: Placement, days: list[AttendanceDay], weeks: list[AttendanceWeek], *, now: datetime
) -> AttendanceSummary:
    """The placement's attendance as of `now` (the service's clock, in its time zone: the day an early end came is
    that zone's day, like the days recorded)."""
    today = now.date()
    # a placement ended early: its last day is the end's date where the service keeps its days
    ended = placement.ended_at.astimezone(now.tzinfo).date() if placement.ended_at else placement.ends_on
    last = min(placement.ends_on, ended, today - timedelta(days=1))
    in_term = [d for d in days if placement.starts_on <= d.day <= last]
    by_day = {d.day: d for d in in_term}
    disputed = {x.day for w in weeks for x in w.disputed_days}
    weekdays = [
        date.fromordinal(n)
        for n in range(placement.starts_on.toordinal(), last.toordinal() + 1)
        if date.fromordinal(n).weekday() < 5
    ]
    leave = [day for day in weekdays if day in by_day and by_day[day].status is DayStatus.LEAVE]
    weekend = [d for d in in_term if d.day.weekday() >= 5 and d.status is not DayStatus.LEAVE]
    expected = len(weekdays) - len(leave) + len(weekend)
    present = sum(1 for d in in_term if d.status is DayStatus.PRESENT and d.day not in disputed)
    rate = (Decimal(present) / expected).quantize(Decimal("0.0001")) if expected > 0 else None
    return AttendanceSummary(
        expected_days=max(expected, 0),
        present_days=present,
        absent_days=sum(1 for d in in_term if d.status is DayStatus.ABSENT),
        leave_days=len(leave),
        unrecorded_days=sum(1 for day in weekdays if day not in by_day),
        disputed_days=len(disputed),
        attested_weeks=len(weeks),
        rate=rate,
    )


@dataclass(frozen=True)
class UnattestedWeek:
    placement_id: uuid.UUID
    student_ref: str
    school_org: str
    enterprise_org: str
    week_start: date


@dataclass(frozen=True)
class Anomaly:
    placement_id: uuid.UUID
    student_ref: str
    school_org: str
    enterprise_org: str
    week_start: date
    present_days: int
    present_hours: Decimal
    logbook_hours: Decimal
