"""Leave requests of an active placement: asked by the student (or their school), decided by the enterprise mentor.

An approved request marks its days as leave (the days already recorded present stay present: the student came
after all); a rejected one changes no day. A request is decided once. Requests of one placement may not overlap
while pending or approved.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from internships.domain.attendance import RECORDING, AttendanceClosed
from internships.domain.placements import Placement
from praxis_common.errors import Conflict, FieldError, InvalidInput


class LeaveStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"


OPEN = (LeaveStatus.PENDING, LeaveStatus.APPROVED)


class LeaveDecided(Conflict):
    code, title = "leave-decided", "The leave request is decided already"


class LeaveOverlaps(Conflict):
    code, title = "leave-overlaps", "Another leave request covers some of these days"


@dataclass(frozen=True)
class LeaveChanged:
    kind: str  # requested | approved | rejected
    request: LeaveRequest
    placement: Placement


@dataclass
class LeaveRequest:
    id: uuid.UUID
    placement_id: uuid.UUID
    first_day: date
    last_day: date
    reason: str
    requested_at: datetime
    requested_by: str
    requested_by_org: str
    status: LeaveStatus = LeaveStatus.PENDING
    decided_at: datetime | None = None
    decided_by: str | None = None
    comment: str | None = None
    decided_on_behalf: bool = False
    mentor_id: uuid.UUID | None = None
    version: int = 0
    events: list[LeaveChanged] = field(default_factory=list, repr=False, compare=False)

    @classmethod
    def ask(
        cls,
        *,
        placement: Placement,
        first_day: date,
        last_day: date,
        reason: str,
        by: str,
        by_org: str,
        now: datetime,
        others: list[LeaveRequest],
    ) -> LeaveRequest:
        if placement.status not in RECORDING:
            raise AttendanceClosed(f"leave is requested during an active placement; this one is {placement.status}")
        problems = []
        for name, day in (("first_day", first_day), ("last_day", last_day)):
            if not placement.starts_on <= day <= placement.ends_on:
                problems.append(
                    FieldError(name, f"is outside the placement's term {placement.starts_on}–{placement.ends_on}")
                )
        if last_day < first_day:
            problems.append(FieldError("last_day", "must be on or after first_day"))
        if problems:
            raise InvalidInput("the leave cannot be requested", errors=problems)
        clash = next(
            (o for o in others if o.status in OPEN and o.first_day <= last_day and first_day <= o.last_day), None
        )
        if clash is not None:
            raise LeaveOverlaps(f"leave request {clash.id} ({clash.status}) covers {clash.first_day}–{clash.last_day}")
        r = cls(uuid.uuid4(), placement.id, first_day, last_day, reason, now, by, by_org)
        r.events.append(LeaveChanged("requested", r, placement))
        return r

    def decide(
        self,
        placement: Placement,
        *,
        approve: bool,
        by: str,
        now: datetime,
        comment: str | None,
        mentor_id: uuid.UUID | None,
        on_behalf: bool,
    ) -> None:
        if self.status is not LeaveStatus.PENDING:
            raise LeaveDecided(f"the leave request is {self.status}")
        if not approve and not comment:
            raise InvalidInput("say why the leave is refused", errors=[FieldError("comments", "required to reject")])
        if approve and placement.status not in RECORDING:  # its days would be marked after the placement ended
            raise AttendanceClosed(f"the placement is {placement.status}: leave is approved while it runs")
        self.status = LeaveStatus.APPROVED if approve else LeaveStatus.REJECTED
        self.decided_at, self.decided_by, self.comment = now, by, comment
        self.mentor_id, self.decided_on_behalf = mentor_id, on_behalf
        self.events.append(LeaveChanged(self.status.value, self, placement))

    def days(self) -> list[date]:
        return [date.fromordinal(n) for n in range(self.first_day.toordinal(), self.last_day.toordinal() + 1)]

    def pull_events(self) -> list[LeaveChanged]:
        events, self.events = self.events, []
        return events
