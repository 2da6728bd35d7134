"""Who mentors a placement, as the mentors service's events tell internships (a read model of its assignments and of
its mentors' sign-in accounts), and the commands those events become (handlers/mentoring.py)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

SIDES = ("school", "enterprise")


@dataclass(frozen=True)
class AssignedMentor:
    mentor_id: uuid.UUID
    org: str
    account: str | None  # the `sub` the mentor signs in with, if known
    display_name: str | None = None  # as the mentors service last said


@dataclass(frozen=True)
class RecordMentorAccount:
    """A mentor signs in with `account` (None: unknown) and is called `display_name`, as of the mentor record's
    `version`."""

    mentor_id: uuid.UUID
    org: str
    account: str | None
    version: int
    display_name: str | None = None


@dataclass(frozen=True)
class Assignment:
    """One side's assignment of a placement to a mentor, as the mentors service keeps it."""

    assignment_id: uuid.UUID
    placement_id: uuid.UUID
    side: str  # one of SIDES
    org: str


@dataclass(frozen=True)
class RecordAssigned:
    assignment: Assignment
    mentor_id: uuid.UUID
    assigned_at: datetime
    account: RecordMentorAccount


@dataclass(frozen=True)
class RecordReleased:
    assignment: Assignment
    mentor_id: uuid.UUID | None
    ended_at: datetime
