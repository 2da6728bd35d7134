"""Guidance sessions: a mentor records when they guided a student (on site or online, for how long); the
student's school side confirms it. Overdue guidance is measured on the enterprise side's on-site sessions,
the ones students report missing most."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from mentors.domain.assignments import Assignment, AssignmentStatus
from mentors.domain.mentors import Side
from praxis_common.errors import Conflict, FieldError, InvalidInput

MAX_MINUTES = 24 * 60


class SessionMode(StrEnum):
    ONSITE = "onsite"
    ONLINE = "online"


@dataclass
class GuidanceSession:
    id: uuid.UUID
    assignment_id: uuid.UUID
    mentor_id: uuid.UUID
    side: Side
    held_on: date
    mode: SessionMode
    minutes: int
    notes: str
    recorded_at: datetime
    recorded_by: str
    confirmed_at: datetime | None = None
    confirmed_by: str | None = None

    @classmethod
    def record(
        cls,
        assignment: Assignment,
        *,
        held_on: date,
        mode: str,
        minutes: int,
        notes: str,
        by: str,
        today: date,
        now: datetime,
    ) -> GuidanceSession:
        problems = []
        if held_on > today:
            problems.append(FieldError("held_on", f"must not be in the future (today is {today.isoformat()})"))
        if mode not in {m.value for m in SessionMode}:
            problems.append(FieldError("mode", "must be onsite or online"))
        if not 1 <= minutes <= MAX_MINUTES:
            problems.append(FieldError("minutes", f"must be between 1 and {MAX_MINUTES}"))
        if problems:
            raise InvalidInput("the session cannot be recorded", errors=problems)
        if assignment.status is AssignmentStatus.PENDING or assignment.mentor_id is None:
            raise Conflict("the assignment has no mentor yet")
        if assignment.status is AssignmentStatus.ENDED and assignment.ended_at and held_on > assignment.ended_at.date():
            raise Conflict(
                "the assignment has ended; only sessions held before its end can still be recorded",
                errors=[FieldError("held_on", f"must be on or before {assignment.ended_at.date().isoformat()}")],
            )
        return cls(
            id=uuid.uuid4(),
            assignment_id=assignment.id,
            mentor_id=assignment.mentor_id,
            side=assignment.side,
            held_on=held_on,
            mode=SessionMode(mode),
            minutes=minutes,
            notes=notes,
            recorded_at=now,
            recorded_by=by,
        )

    def confirm(self, *, by: str, now: datetime) -> bool:
        """The student's side confirms the session took place. Confirming again changes nothing (False)."""
        if self.confirmed_at is not None:
            return False
        self.confirmed_at, self.confirmed_by = now, by
        return True


def overdue_since(today: date, days: int) -> date:
    """An active enterprise-side assignment is overdue when its context began at least `days` days ago and
    no on-site session of the enterprise mentor was held after this date."""
    return today - timedelta(days=days)


@dataclass(frozen=True)
class GuidanceOverdue:
    """An assignment overdue for on-site guidance, told once per period (the period starts at its last on-site
    session, or at its context's start before any)."""

    assignment: Assignment
    mentor_account: str | None
    last_onsite: date | None
    period_start: date
    overdue_since: date
    at: datetime
