"""What callers read of assignments, and who reads which: the read models the use cases return (an assignment
with its mentor's name and what it is for, a history entry) and the Viewer that decides which assignments a
caller sees (built by mentors.policy from a principal; applied as SQL by the repositories)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from mentors.domain.assignments import Assignment
from mentors.domain.mentors import Side


@dataclass(frozen=True)
class Viewer:
    """Which assignments (and their sessions) a caller sees.

    `org`/`side`: the caller's organisation and kind (None for a platform service: every organisation);
    `mentor_account`: only the assignments of the mentor signed in with this account;
    `student_ref`: only this student's (a signed-in student)."""

    org: str | None
    side: Side | None
    sub: str
    manager: bool = False
    mentor_account: str | None = None
    student_ref: str | None = None

    @property
    def unrestricted(self) -> bool:
        return self.org is None

    def owns(self, org: str, side: Side) -> bool:
        return self.org == org and self.side is side


@dataclass(frozen=True)
class AssignmentView:
    """An assignment as callers read it: with its mentor's name and what it is for."""

    assignment: Assignment
    mentor_display_name: str | None
    position_id: str | None
    starts_on: date | None
    ends_on: date | None
    competencies: list[str]
    members: list[str]  # a project team's students; empty for a placement


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    action: str
    mentor_id: uuid.UUID | None
    previous_mentor_id: uuid.UUID | None
    how: str | None
    reason: str
    by: str
    seq: int = 0  # the entry's place in the history (its row id): the page key
