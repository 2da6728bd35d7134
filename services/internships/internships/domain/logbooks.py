"""Weekly logbooks of an active placement: hours per duty, approved or returned by the enterprise mentor.

A week is filed (or refiled after being returned) by the student or the school on their behalf; the
placement's assigned enterprise mentor approves it or returns it with a comment, or the enterprise's HR does
on the mentor's behalf, explicitly and recorded as such (who may do which is decided in handlers/logbooks.py).
Nobody reviews a week they filed. The placement's core-work share is approved core hours / approved hours —
the measure of whether an internship is real work or odd jobs.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from enum import StrEnum

from internships.domain.compliance import CompliancePolicy, WorkDay, check_logbook_week
from internships.domain.placements import Placement, PlacementStatus
from internships.domain.positions import DutyKind
from praxis_common.errors import Conflict, FieldError, Forbidden, InvalidInput


class WeekStatus(StrEnum):
    SUBMITTED = "submitted"
    APPROVED = "approved"
    RETURNED = "returned"


@dataclass(frozen=True)
class LogLine:
    day: date
    duty: str
    hours: Decimal
    start: time | None = None
    end: time | None = None


@dataclass(frozen=True)
class LogbookApproved:
    week: LogbookWeek
    placement: Placement


@dataclass(frozen=True)
class LogbookSubmitted:
    """A week filed (or refiled), waiting for review by `mentor_id` (signing in as `mentor_account`), if assigned."""

    week: LogbookWeek
    placement: Placement
    mentor_id: uuid.UUID | None = None
    mentor_account: str | None = None


@dataclass(frozen=True)
class LogbookReturned:
    week: LogbookWeek
    placement: Placement


@dataclass
class LogbookWeek:
    id: uuid.UUID
    placement_id: uuid.UUID
    week_start: date  # the Monday
    lines: list[LogLine]
    total_hours: Decimal
    core_hours: Decimal
    submitted_at: datetime
    submitted_by: str
    submitted_by_org: str | None = None  # None on weeks filed before the filer's organisation was kept
    status: WeekStatus = WeekStatus.SUBMITTED
    reviewed_at: datetime | None = None
    reviewed_by: str | None = None
    comment: str | None = None
    reviewed_on_behalf: bool = False  # HR reviewed on the assigned mentor's behalf
    reviewer_mentor_id: uuid.UUID | None = None  # the assigned mentor who reviewed, or was acted for
    version: int = 0
    events: list[LogbookApproved | LogbookSubmitted | LogbookReturned] = field(
        default_factory=list, repr=False, compare=False
    )

    @classmethod
    def file(
        cls,
        *,
        placement: Placement,
        week_start: date,
        lines: list[LogLine],
        duties: dict[str, DutyKind],
        policy: CompliancePolicy,
        by: str,
        now: datetime,
        existing: LogbookWeek | None = None,
        by_org: str | None = None,
        mentor_id: uuid.UUID | None = None,
        mentor_account: str | None = None,
    ) -> LogbookWeek:
        """File a week, or refile one that was returned (or not yet reviewed), for the review of the placement's
        enterprise mentor (`mentor_id`, signing in as `mentor_account`; None while none is assigned)."""
        if placement.status is not PlacementStatus.ACTIVE:
            raise Conflict(f"logbooks are filed during an active placement; this one is {placement.status}")
        if existing is not None and existing.status is WeekStatus.APPROVED:
            raise Conflict("this week is approved already")
        total, core = _validate(placement, week_start, lines, duties, today=now.date())
        check_logbook_week(policy, entries=[WorkDay(ln.day, ln.hours, ln.start, ln.end) for ln in lines])
        week = existing or cls(
            id=uuid.uuid4(),
            placement_id=placement.id,
            week_start=week_start,
            lines=[],
            total_hours=total,
            core_hours=core,
            submitted_at=now,
            submitted_by=by,
        )
        week.lines, week.total_hours, week.core_hours = list(lines), total, core
        week.submitted_at, week.submitted_by, week.submitted_by_org = now, by, by_org
        week.status = WeekStatus.SUBMITTED
        week.reviewed_at = week.reviewed_by = week.comment = week.reviewer_mentor_id = None
        week.reviewed_on_behalf = False
        week.events.append(LogbookSubmitted(week, placement, mentor_id, mentor_account))
        return week

    def review(
        self,
        placement: Placement,
        *,
        approve: bool,
        by: str,
        now: datetime,
        comment: str | None,
        by_org: str | None = None,
        mentor_id: uuid.UUID | None = None,
        on_behalf: bool = False,
    ) -> None:
        """Approve or return the week, by `by` (of `by_org`): the assigned mentor `mentor_id`, or HR on that
        mentor's behalf (`on_behalf`)."""
        if by == self.submitted_by and (self.submitted_by_org is None or by_org == self.submitted_by_org):
            raise Forbidden("nobody reviews a logbook week they filed")
        if self.status is not WeekStatus.SUBMITTED:
            raise Conflict(f"the week is {self.status}; only a submitted week can be reviewed")
        if not approve and not comment:
            raise InvalidInput("say why the week is returned", errors=[FieldError("comments", "required to return")])
        self.status = WeekStatus.APPROVED if approve else WeekStatus.RETURNED
        self.reviewed_at, self.reviewed_by, self.comment = now, by, comment
        self.reviewer_mentor_id, self.reviewed_on_behalf = mentor_id, on_behalf
        self.events.append(LogbookApproved(self, placement) if approve else LogbookReturned(self, placement))

    def pull_events(self) -> list[LogbookApproved | LogbookSubmitted | LogbookReturned]:
        events, self.events = self.events, []
        return events


def core_work_share(weeks: list[LogbookWeek]) -> Decimal | None:
    """Approved core hours / approved hours, or None before any week is approved."""
    approved = [w for w in weeks if w.status is WeekStatus.APPROVED]
    total = sum((w.total_hours for w in approved), Decimal(0))
    return (sum((w.core_hours for w in approved), Decimal(0)) / total).quantize(Decimal("0.0001")) if total else None


def _validate(
    placement: Placement, week_start: date, lines: list[LogLine], duties: dict[str, DutyKind], *, today: date
) -> tuple[Decimal, Decimal]:
    problems = []
    if week_start.weekday() != 0:
        problems.append(FieldError("week", "must be the Monday that starts the week"))
    if not lines:
        problems.append(FieldError("lines", "list the hours worked"))
    week_end = week_start + timedelta(days=6)
    for i, line in enumerate(lines):
        if not week_start <= line.day <= week_end:
            problems.append(FieldError(f"lines.{i}.day", f"must fall in the week {week_start}–{week_end}"))
        elif not placement.starts_on <= line.day <= placement.ends_on:
            problems.append(FieldError(f"lines.{i}.day", "is outside the placement's term"))
        elif line.day > today:
            problems.append(FieldError(f"lines.{i}.day", "is in the future"))
        if line.duty not in duties:
            problems.append(FieldError(f"lines.{i}.duty", f"not a duty of this position ({', '.join(sorted(duties))})"))
    if problems:
        raise InvalidInput("the logbook week cannot be filed", errors=problems)
    total = sum((ln.hours for ln in lines), Decimal(0))
    core = sum((ln.hours for ln in lines if duties[ln.duty] is DutyKind.CORE), Decimal(0))
    cents = Decimal("0.01")
    return total.quantize(cents), core.quantize(cents)
