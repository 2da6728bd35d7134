"""Dual-mentor assignments: every mentoring context (a confirmed placement, a project team) gets one
school-side and one enterprise-side assignment.

A placement context is one student's. A project team's context is the team's: one pair of mentors for the whole
team (each mentor's seat counts the team once), its `student_ref` names the team (`team:<team id>`) and its
`members` are the team's students, each of whom the pair mentors (IsMentorOf answers for every member).

    (context opens) ─▶ pending ─(a mentor takes it)─▶ active ─(context ends)─▶ ended
                          └────────────(context ends)──────────────────────────▶ ended
    active ─(the owning side picks another mentor, with a reason)─▶ active (reassigned)

An assignment belongs to its side's organisation (the school for the school side, the enterprise for the
enterprise side): only that organisation assigns or reassigns its mentor. Both parties of the context see
both assignments. A mentor has many mentees; a student has as many assignments as contexts over time.
Every change is a domain event, and every event is one row of the assignment's history.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from mentors.domain.mentors import Side
from praxis_common.errors import Conflict


class ContextKind(StrEnum):
    PLACEMENT = "placement"
    PROJECT = "project"  # a project team (the projects service's team events)


class AssignmentStatus(StrEnum):
    PENDING = "pending"  # no mentor with capacity yet: on the organisation's "needs a mentor" list
    ACTIVE = "active"
    ENDED = "ended"


class How(StrEnum):
    AUTOMATIC = "automatic"  # ranked when the context opened
    MANUAL = "manual"  # picked by the owning side, with a reason
    FILLED = "filled"  # a waiting assignment took capacity that became free


class ContextStatus(StrEnum):
    OPEN = "open"
    ENDED = "ended"


@dataclass(frozen=True)
class MentoringContext:
    """What a pair of mentors is for: one student's placement, or a project team (whose students are `members`),
    as the producing service's events described it."""

    kind: ContextKind
    id: str
    school_org: str
    enterprise_org: str
    student_ref: str
    opened_at: datetime
    position_id: str | None = None
    starts_on: date | None = None
    ends_on: date | None = None
    competencies: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)  # the student's
    status: ContextStatus = ContextStatus.OPEN
    ended_at: datetime | None = None
    end_reason: str | None = None
    members: list[str] = field(default_factory=list)  # a project team's students; empty for a placement

    def org_of(self, side: Side) -> str:
        return self.school_org if side is Side.SCHOOL else self.enterprise_org


@dataclass(frozen=True)
class MentorAssigned:
    assignment: Assignment
    previous_mentor_id: uuid.UUID | None
    how: How
    reason: str
    by: str  # the acting user's sub, or "system"


@dataclass(frozen=True)
class MentorPending:
    assignment: Assignment


@dataclass(frozen=True)
class AssignmentEnded:
    assignment: Assignment
    mentor_id: uuid.UUID | None  # whose seat was released (None if it never had a mentor)
    reason: str


AssignmentEvent = MentorAssigned | MentorPending | AssignmentEnded

SYSTEM = "system"


def team_ref(team_id: str) -> str:
    """The student_ref of a team's context and assignments: the team, not one of its students."""
    return f"team:{team_id}"


@dataclass
class Assignment:
    id: uuid.UUID
    context_kind: ContextKind
    context_id: str
    side: Side
    org: str  # the side's organisation: it owns the assignment
    school_org: str
    enterprise_org: str
    student_ref: str
    created_at: datetime
    status: AssignmentStatus = AssignmentStatus.PENDING
    mentor_id: uuid.UUID | None = None
    assigned_at: datetime | None = None
    ended_at: datetime | None = None
    end_reason: str | None = None
    version: int = 0
    events: list[AssignmentEvent] = field(default_factory=list, repr=False, compare=False)

    @classmethod
    def open(cls, context: MentoringContext, side: Side, *, now: datetime) -> Assignment:
        return cls(
            id=uuid.uuid4(),
            context_kind=context.kind,
            context_id=context.id,
            side=side,
            org=context.org_of(side),
            school_org=context.school_org,
            enterprise_org=context.enterprise_org,
            student_ref=context.student_ref,
            created_at=now,
        )

    @property
    def current(self) -> bool:
        return self.status is not AssignmentStatus.ENDED

    def assign(self, mentor_id: uuid.UUID, *, now: datetime, how: How, reason: str, by: str = SYSTEM) -> None:
        if self.status is AssignmentStatus.ENDED:
            raise Conflict("the assignment has ended")
        if mentor_id == self.mentor_id:
            raise Conflict("this mentor is already assigned")
        previous = self.mentor_id
        self.mentor_id, self.status, self.assigned_at = mentor_id, AssignmentStatus.ACTIVE, now
        self.events.append(MentorAssigned(self, previous, how, reason, by))

    def wait_for_mentor(self) -> None:
        """No mentor had a free seat: the assignment waits, visibly, on the organisation's list."""
        self.events.append(MentorPending(self))

    def end(self, *, now: datetime, reason: str) -> uuid.UUID | None:
        """End with the context; returns the mentor whose seat is to be released."""
        if self.status is AssignmentStatus.ENDED:
            return None
        released = self.mentor_id if self.status is AssignmentStatus.ACTIVE else None
        self.status, self.ended_at, self.end_reason = AssignmentStatus.ENDED, now, reason
        self.events.append(AssignmentEnded(self, released, reason))
        return released

    def pull_events(self) -> list[AssignmentEvent]:
        events, self.events = self.events, []
        return events
