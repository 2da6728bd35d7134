"""Allocation rounds: the round's life, its rules for inputs, and the seats it offers (pure, no I/O).

A round is owned by one school (its owner), optionally run jointly with co-owner schools, or reserved
for one enterprise's positions (an "order class"). A co-owner is invited when the round is created and
takes part only once it accepts (while the round is open): until then the round does not exist for it
(404), it shares nothing and nothing of it is shared; it may also decline. Its life:

    open ──close──▶ closed ──compute──▶ computed ──publish──▶ published
     ▲                │                  │  ▲ │
     └─────reopen─────┴──────reopen──────┘  └─┘ compute again (a new run)

* **open** (collecting preferences): the round's schools add positions they can book and their own
  students; each student's ranked list is set by their school (or by the student); each enterprise
  ranks the applicants of its positions (tie groups), or leaves the default competency-fit ranking.
* **closed**: the inputs are frozen and each position's **offered seats** are decided (`offered_seats`).
* **computed**: at least one run exists (`allocation.allocate` on the frozen inputs); computing again
  is allowed and makes a new run (identical when the inputs are); runs can be compared.
* **published**: the latest run's matches became placements, in one transaction, through the booking
  path; nothing about the round changes any more.
* **reopen** (closed or computed → open) lets the school fix the inputs, e.g. when publishing was
  refused because a seat was taken since closing; the next close decides the offered seats afresh.
  Earlier runs are kept.

Close, compute, reopen and publish are the owner school's; co-owners add positions and their own
students. Enterprises act only on their own positions' rankings.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Generic, TypeVar

from internships.domain.allocation import TieRule
from praxis_common.errors import Conflict, FieldError, InvalidInput, PraxisError, capped

MAX_LIST_LIMIT = 50  # longest ranked list a round may allow
# Most students a round holds (a national round, as the bench runs it); also the longest ranking a position can
# have, since only the round's students who list the position can be ranked.
MAX_ROUND_STUDENTS = 50_000
STUDENTS_PER_REQUEST = 1_000  # most students one request adds
MAX_CO_OWNERS = 20
MAX_SEED = 2**63 - 1  # stored as a PostgreSQL bigint
K = TypeVar("K")  # a position's id


class RoundStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"
    COMPUTED = "computed"
    PUBLISHED = "published"


class PublishAs(StrEnum):
    """The status of the placements a published round creates."""

    REQUESTED = "requested"  # the enterprises confirm (or reject) each placement afterwards, within the hold
    CONFIRMED = "confirmed"  # the enterprises' rankings count as their confirmation


class RoundNotOpen(Conflict):
    code, title = "round-not-open", "The round no longer takes changes to its inputs"


class RoundNotClosed(Conflict):
    code, title = "round-not-closed", "The round must be closed first"


class RoundNotComputed(Conflict):
    code, title = "round-not-computed", "The round has not been computed"


class RoundPublished(Conflict):
    code, title = "round-published", "The round is published"


class PublishRefused(Conflict):
    """Some match of the run can no longer be booked; nothing was created. `refusals` lists them."""

    code, title = "round-publish-refused", "The round's result cannot be booked as it stands"


class RoundFull(Conflict):
    code, title = "round-full", f"A round holds at most {MAX_ROUND_STUDENTS} students"


class UnstableAllocation(PraxisError):
    """The computed matching failed the independent stability check: a bug, answered 500 and logged."""

    code, title = "allocation-unstable", "The computed allocation failed its stability check"


@dataclass(frozen=True)
class RoundPublishedEvent:
    round: Round
    run_id: uuid.UUID
    input_hash: str
    algorithm_version: str
    students: int
    placements: int


# action: (from states, to state)
TRANSITIONS: dict[str, tuple[frozenset[RoundStatus], RoundStatus]] = {
    "close": (frozenset({RoundStatus.OPEN}), RoundStatus.CLOSED),
    "reopen": (frozenset({RoundStatus.CLOSED, RoundStatus.COMPUTED}), RoundStatus.OPEN),
    "compute": (frozenset({RoundStatus.CLOSED, RoundStatus.COMPUTED}), RoundStatus.COMPUTED),
    "publish": (frozenset({RoundStatus.COMPUTED}), RoundStatus.PUBLISHED),
}


def default_seed(round_id: uuid.UUID) -> int:
    """The tie lottery's seed when the school gives none: 63 bits of the round's (random) id."""
    return round_id.int >> 65


@dataclass
class Round:
    id: uuid.UUID
    title: str
    owner_org: str
    schools: list[str]  # the owner first, then the co-owners who accepted
    enterprise_org: str | None  # set for an order class: only this enterprise's positions
    list_limit: int
    publish_as: PublishAs
    seed: int | None  # None only in a copy for a reader who may not see it (handlers.rounds.shown)
    created_at: datetime
    created_by: str
    status: RoundStatus = RoundStatus.OPEN
    closed_at: datetime | None = None
    computed_at: datetime | None = None
    published_at: datetime | None = None
    latest_run_id: uuid.UUID | None = None
    published_run_id: uuid.UUID | None = None
    version: int = 0
    invited_schools: list[str] = field(default_factory=list)  # co-owners invited, not (yet) accepted
    tie_rule: TieRule = TieRule.IMPROVED  # what follows the lottery (domain.allocation)
    events: list[RoundPublishedEvent] = field(default_factory=list, repr=False, compare=False)

    @classmethod
    def create(
        cls,
        *,
        title: str,
        owner_org: str,
        created_by: str,
        co_owners: Sequence[str] = (),
        enterprise_org: str | None = None,
        list_limit: int,
        publish_as: PublishAs | str = PublishAs.REQUESTED,
        seed: int | None = None,
        tie_rule: TieRule | str = TieRule.IMPROVED,
        now: datetime,
    ) -> Round:
        problems = []
        if not title.strip():
            problems.append(FieldError("title", "must not be blank"))
        if owner_org in co_owners:
            problems.append(FieldError("co_owner_schools", "lists the owner school itself"))
        if len(set(co_owners)) != len(co_owners):
            problems.append(FieldError("co_owner_schools", "lists a school twice"))
        if len(co_owners) > MAX_CO_OWNERS:
            problems.append(FieldError("co_owner_schools", f"at most {MAX_CO_OWNERS} co-owner schools"))
        if enterprise_org is not None and (enterprise_org == owner_org or enterprise_org in co_owners):
            problems.append(FieldError("enterprise_org", "must be an enterprise, not a school of the round"))
        if not 1 <= list_limit <= MAX_LIST_LIMIT:
            problems.append(FieldError("list_limit", f"must be between 1 and {MAX_LIST_LIMIT}"))
        if seed is not None and not 0 <= seed <= MAX_SEED:
            problems.append(FieldError("seed", f"must be between 0 and {MAX_SEED}"))
        if publish_as not in {p.value for p in PublishAs}:
            problems.append(FieldError("placement_status_on_publish", "must be requested or confirmed"))
        if tie_rule not in {r.value for r in TieRule}:
            problems.append(FieldError("tie_rule", f"must be one of {[r.value for r in TieRule]}"))
        if problems:
            raise InvalidInput("the round cannot be created", errors=problems)
        round_id = uuid.uuid4()
        return cls(
            id=round_id,
            title=title,
            owner_org=owner_org,
            schools=[owner_org],
            invited_schools=list(co_owners),
            enterprise_org=enterprise_org,
            list_limit=list_limit,
            publish_as=PublishAs(publish_as),
            seed=default_seed(round_id) if seed is None else seed,
            tie_rule=TieRule(tie_rule),
            created_at=now,
            created_by=created_by,
        )

    def has_school(self, org: str) -> bool:
        """The school takes part: the owner, or a co-owner that accepted."""
        return org in self.schools

    def is_invited(self, org: str) -> bool:
        return org in self.invited_schools

    def accept(self, org: str) -> None:
        """An invited co-owner joins the round, while it is open (it then adds positions and its students)."""
        self.require_open()
        self.invited_schools.remove(org)
        self.schools.append(org)

    def decline(self, org: str) -> None:
        """An invited co-owner turns the invitation down (in any state): the round stays invisible to it."""
        self.invited_schools.remove(org)

    def require_open(self) -> None:
        """Inputs (positions, students, preferences, rankings) change only while the round is open."""
        if self.status is not RoundStatus.OPEN:
            raise RoundNotOpen(
                f"the round is {self.status}: its positions, students, preferences and rankings are frozen"
                + (" (the owner school may reopen it)" if self.status is not RoundStatus.PUBLISHED else "")
            )

    def _move(self, action: str) -> None:
        sources, target = TRANSITIONS[action]
        if self.status in sources:
            self.status = target
            return
        if self.status is RoundStatus.PUBLISHED:
            raise RoundPublished(f"the round was published at {self.published_at}; it cannot {action} any more")
        if action == "compute":
            raise RoundNotClosed("close the round first: computing needs its frozen inputs")
        if action == "publish":
            what = "close and compute" if self.status is RoundStatus.OPEN else "compute"
            raise RoundNotComputed(f"the round is {self.status}; {what} it before publishing")
        raise (RoundNotOpen if action == "close" else Conflict)(f"cannot {action} a round that is {self.status}")

    def close(self, *, now: datetime) -> None:
        self._move("close")
        self.closed_at = now

    def reopen(self) -> None:
        self._move("reopen")
        self.closed_at = None

    def computed(self, run_id: uuid.UUID, *, now: datetime) -> None:
        self._move("compute")
        self.computed_at, self.latest_run_id = now, run_id

    def require_computable(self) -> None:
        """Raise as `computed` would, before the work of computing is done."""
        if self.status not in TRANSITIONS["compute"][0]:
            self._move("compute")

    def require_publishable(self) -> None:
        if self.status not in TRANSITIONS["publish"][0]:
            self._move("publish")

    def publish(
        self,
        *,
        run_id: uuid.UUID,
        input_hash: str,
        algorithm_version: str,
        students: int,
        placements: int,
        now: datetime,
    ) -> None:
        self._move("publish")
        self.published_at, self.published_run_id = now, run_id
        self.events.append(RoundPublishedEvent(self, run_id, input_hash, algorithm_version, students, placements))

    def pull_events(self) -> list[RoundPublishedEvent]:
        events, self.events = self.events, []
        return events


# ---- the rules for inputs ----


def student_key(school_org: str, student_ref: str) -> str:
    """A student's id within a round: school ids contain no "/", so this splits back unambiguously."""
    return f"{school_org}/{student_ref}"


def split_student_key(key: str) -> tuple[str, str]:
    school, _, ref = key.partition("/")
    return school, ref


def check_preferences(positions: Sequence[str], *, in_round: Collection[str], limit: int) -> None:
    """A ranked list: positions of the round, each once, at most `limit` of them. One error per problem."""
    errors = []
    if len(positions) > limit:
        errors.append(FieldError("positions", f"lists {len(positions)} positions; the round allows at most {limit}"))
    seen: set[str] = set()
    for i, pid in enumerate(positions):
        if pid in seen:
            errors.append(FieldError(f"positions.{i}", f"position {pid} is listed twice"))
        elif pid not in in_round:
            errors.append(FieldError(f"positions.{i}", f"position {pid} is not in the round"))
        seen.add(pid)
    if errors:
        raise InvalidInput("the ranked list is not valid for this round", errors=errors)


def check_ranking(groups: Sequence[Sequence[str]], *, applicants: Collection[str]) -> tuple[tuple[str, ...], ...]:
    """An enterprise's ranking of one position's applicants: tie groups, best first, each applicant at most once.

    Only students who listed the position may be ranked (a student who later drops the position from
    their list simply stops counting). Applicants left out are not accepted by the position."""
    errors = []
    seen: set[str] = set()
    for g, group in enumerate(groups):
        if not group:
            errors.append(FieldError(f"groups.{g}", "a tie group is empty"))
        for i, key in enumerate(group):
            where = f"groups.{g}.{i}"
            if key in seen:
                errors.append(FieldError(where, f"{key} is ranked twice"))
            elif key not in applicants:
                errors.append(FieldError(where, f"{key} did not apply to this position in this round"))
            seen.add(key)
    if errors:
        raise InvalidInput("the ranking is not valid for this position", errors=capped(errors))
    return tuple(tuple(group) for group in groups)


# ---- the seats a round offers, decided at close ----


class SeatLimit(StrEnum):
    """What decided a position's offered seats (the smallest limit wins)."""

    SEATS = "seats"  # the position's free seats
    POST_CAP = "post-intern-cap"  # the compliance policy's cap on interns in the post
    BASE_CAP = "base-intern-cap"  # the cap on interns at the practice base, shared by its positions
    QUOTA = "agreement-quota"  # an agreement's remaining intern quota, shared by its positions
    NOT_BOOKABLE = "not-bookable"  # the position is closed, its term ended, or no agreement covers it


@dataclass(frozen=True)
class SeatPool(Generic[K]):
    """A limit several positions share: a practice base's remaining intern cap (for every applicant), or an
    agreement's remaining quota (for the applicants of the agreement's school). `demand` counts, per
    position (any orderable id), the applicants the pool covers."""

    limit: SeatLimit
    remaining: int
    demand: Mapping[K, int]


def offered_seats(
    free: Mapping[K, tuple[int, SeatLimit]], pools: Sequence[SeatPool[K]]
) -> dict[K, tuple[int, SeatLimit]]:
    """Each position's offered seats, so that no way of filling them can break a position's seats or a pool.

    `free` gives each position's own limit (free seats, or the post's intern cap, whichever is lower).
    A pool binds when the seats its applicants could take, sum over its positions of min(offered, the
    pool's applicants there), exceed what it has left. It is then dealt out one seat at a time, round
    robin, to its positions in order of the pool's applicants (most first, then position id), never
    beyond what a position could use; a position that got less than it could use is offered what it got.
    That keeps every pool within its limit whoever gets matched: a pool's students can take at most
    min(offered, their number) seats at each of its positions. In a round of one school this is exact;
    in a joint round a school's quota caps a position for everyone (conservative: placements are never
    refused for quota at publishing, at the price of seats another school could have used).
    """
    offered = dict(free)
    for pool in pools:
        usable = {
            pid: min(offered[pid][0], n) for pid, n in pool.demand.items() if n > 0 and offered.get(pid, (0,))[0] > 0
        }
        left = max(pool.remaining, 0)
        if sum(usable.values()) <= left:
            continue
        share = dict.fromkeys(usable, 0)
        active = sorted(usable, key=lambda pid: (-pool.demand[pid], pid))
        while left and active:
            still = []
            for pid in active:
                if not left:
                    still.append(pid)
                    continue
                share[pid] += 1
                left -= 1
                if share[pid] < usable[pid]:
                    still.append(pid)
            active = still if left else []
        for pid, got in share.items():
            if got < usable[pid]:
                offered[pid] = (got, pool.limit)
    return offered
