"""What the round use cases read of a round's positions, students, runs and matches, and of the agreements it books
under (read-model rows the round repository builds)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class RoundPosition:
    """A position in a round, with what the round needs of the position and its base."""

    round_id: uuid.UUID
    position_id: uuid.UUID
    enterprise_org: str
    added_by_org: str
    added_at: datetime
    ranking: list[list[list[str]]] | None  # tie groups of [school_org, student_ref]; None when not read
    ranked: bool  # the enterprise gave a ranking (read even when the ranking itself is not)
    ranked_at: datetime | None
    offered_seats: int | None
    offered_limit: str | None
    tags: list[str] | None
    title: str
    status: str
    seats: int
    seats_taken: int
    interns_current: int
    starts_on: date
    ends_on: date
    competencies: list[str]
    post_staff: int | None
    monthly_pay: object
    reference_monthly_wage: object
    base_id: uuid.UUID
    base_staff: int | None
    base_interns_current: int
    applicants: int


@dataclass(frozen=True)
class RoundStudent:
    round_id: uuid.UUID
    school_org: str
    student_ref: str
    profile: dict
    birth_date: date | None
    study_year: int | None
    preferences: list[uuid.UUID]
    preferences_at: datetime | None
    added_at: datetime


@dataclass(frozen=True)
class Run:
    id: uuid.UUID
    round_id: uuid.UUID
    seq: int
    input_hash: str
    algorithm_version: str
    seed: int | None  # None only in a copy for a reader who may not see it (handlers.rounds.shown)
    computed_at: datetime
    computed_by: str
    students: int
    matched: int


@dataclass(frozen=True)
class Match:
    school_org: str
    student_ref: str
    position_id: uuid.UUID | None
    choice: int | None
    profile: dict
    # The positions listed above the match (all, if unmatched) with the student's band at each (None: not accepted
    # there), as stored (domain.allocation.Allocation.passed_over); read for schools and students only.
    passed_over: tuple[tuple[uuid.UUID, int | None], ...] = ()
    explanation: list[dict] | None = None  # built from passed_over when read; None: not shown to this reader


@dataclass(frozen=True)
class RoundPositionFill:
    """A position's seats in a run, as a result shows them: offered at close, and filled by the run's matches."""

    position_id: uuid.UUID
    enterprise_org: str
    title: str
    offered_seats: int | None
    offered_limit: str | None
    filled: int


@dataclass(frozen=True)
class CoveringAgreement:
    id: uuid.UUID
    school_org: str
    enterprise_org: str
    valid_from: date
    valid_to: date
    remaining: int  # intern_quota - interns_placed
