"""Allocation rounds: a stable, explainable matching of students to internship positions (pure, no I/O).

The problem is hospitals/residents (many-to-one stable matching, Gale & Shapley 1962; Roth 1984):

* every **student** ranks the positions they want, best first (a strict list; it may be empty);
* every **position** offers `capacity` seats in the round and orders the students who applied, either
  by the enterprise's **ranking** (tie groups, best first; a student absent from it is not accepted),
  or, where the enterprise gave none (`ranking is None`), by the **default ranking** below.

`allocate` runs student-proposing deferred acceptance, which returns the student-optimal stable
matching: no student and position would both rather have each other than what they got, and every
student gets the best position they hold in any stable matching (for strict orders; ties: below).

**Tie rule: single tie-breaking by a seeded lottery.** Deferred acceptance needs strict orders, so
students tied in an enterprise's group, or with equal competency fit, are ordered by one lottery that
every position shares: each student's draw is 64 bits of `blake2b(f"{seed}:{student id}")`, lower
first (equal draws, practically impossible, fall back to the smaller id). Why a seeded hash and not the
id itself: ids carry no merit (sequential or time-ordered ids would favour early registrations), and
the draw must not depend on the order of the input. Why per student and not a shuffle of everyone: a
student's draw stays the same when others join or leave the round, which keeps two runs comparable.
Why one lottery for all positions: the same draw decides every tie a student is in, which is simple to
explain, and single tie-breaking served students better than a separate draw per school in the New York
City high-school match (Abdulkadiroğlu, Pathak & Roth 2009). The result is
stable for the tie-broken orders, hence weakly stable for the orders as given: no position strictly
prefers a student it turned away to one it admitted.

**Then stable improvement cycles (`TieRule.IMPROVED`, the default).** Any fixed tie-breaking can cost students:
deferred acceptance is student-optimal for the broken orders, not among the matchings stable for the orders as
given, and on a national round about 2.7% of the matched students could each have had a better seat with nobody
worse off. Erdil & Ergin (2008, "What's the matter with tie-breaking?") show how to get it back: after deferred
acceptance, carry out stable improvement cycles (`_improve`) until none remains. The result stays stable for the
orders as given and no stable matching is better for some students and worse for none. A round may keep the
lottery's matching alone (`TieRule.LOTTERY`), which is also stable for the lottery's orders.

**Default ranking: competency fit.** Where an enterprise gives no ranking, every student who applied
is acceptable, ordered by fit = |student's competencies ∩ position's tags| / |position's tags| (0 when
the position has no tags), higher first, then by the lottery. The denominator is the same for every
applicant of a position, so the order is by the number of shared tags.

**Cost.** Ids become ints once; the lottery is one hash per student and one sort; each enterprise
ranking becomes one dict (student id -> tie group). A student's standing at a position is one integer,
`place * n_students + lottery place` (lower is preferred), computed when the student proposes, so list
entries below a student's final match are never looked at. Each position keeps a min-heap of its
holders' negated keys, the lowest-ranked holder on top, so a proposal costs one comparison and at most
O(log seats). In all O(L log c + R + n log n) for L list entries, R ranking entries, c the largest
capacity and n students: near-linear in the size of the preferences.

**Explanations tell a student where they stood, never who beat them.** For each position a student
listed above their match: the enterprise did not rank them, or the round offered no seats there, or the
position was full with students it ranks higher. For "full" it gives the student's own tie band and the
position's cutoff band: the lowest band (a tie group of the enterprise's ranking, or a competency fit under
the default ranking) it admitted anyone from, and whether the student was in that band and lost the lottery
for its last seats. Bands are shared by every student in them; lottery places are not given out (each is
unique, and with the seed and the students' ids it names one student).

**Reproducibility.** `input_hash` digests a canonical form of the inputs with the seed and the tie rule's
`ALGORITHM_VERSIONS` entry; equal inputs give equal results whatever the order of the collections. `compare`
lists the students whose match differs between two runs and why; `check_stable` re-verifies a
matching from scratch, independently of the fast path.
"""

from __future__ import annotations

import bisect
import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from heapq import heappush, heapreplace
from operator import itemgetter
from typing import NamedTuple

from praxis_common.errors import FieldError, InvalidInput


class TieRule(StrEnum):
    """What happens to ties once the lottery has broken them (a setting of each round)."""

    LOTTERY = "lottery"  # deferred acceptance on the lottery's orders, and nothing more
    IMPROVED = "lottery-then-improvement-cycles"  # then stable improvement cycles (Erdil & Ergin 2008)


ALGORITHM_VERSIONS = {
    TieRule.LOTTERY: "student-proposing-deferred-acceptance/1; ties: single blake2b lottery; default: competency fit",
    TieRule.IMPROVED: "student-proposing-deferred-acceptance/1; ties: single blake2b lottery, then stable improvement"
    " cycles (Erdil & Ergin 2008)/1; default: competency fit",
}

StudentId = str
PositionId = str
Ranking = tuple[tuple[StudentId, ...], ...]


# ---- inputs ----


@dataclass(frozen=True, slots=True)
class Student:
    """A student in a round: the positions they want, best first, and their shared competencies."""

    id: StudentId
    preferences: tuple[PositionId, ...] = ()
    competencies: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        object.__setattr__(self, "preferences", tuple(self.preferences))
        object.__setattr__(self, "competencies", frozenset(self.competencies))


@dataclass(frozen=True, slots=True)
class Position:
    """A position in a round: the seats the round offers, its competency tags, the enterprise's ranking.

    `ranking` lists tie groups, best first: `(("a",), ("b", "c"))` ranks a first and ties b with c.
    A student absent from it is not accepted, so `()` accepts nobody; `None` means the enterprise gave
    no ranking and the default competency-fit ranking orders everyone who applied.
    """

    id: PositionId
    capacity: int
    tags: frozenset[str] = frozenset()
    ranking: Ranking | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "tags", frozenset(self.tags))
        if self.ranking is not None:
            object.__setattr__(self, "ranking", tuple(tuple(group) for group in self.ranking))


def strict_ranking(student_ids: Iterable[StudentId]) -> Ranking:
    """A ranking without ties: each student a group of their own."""
    return tuple((sid,) for sid in student_ids)


@dataclass(frozen=True, slots=True)
class Instance:
    """Everything one round's computation depends on; the seed drives the tie-breaking lottery."""

    students: tuple[Student, ...]
    positions: tuple[Position, ...]
    seed: int = 0
    tie_rule: TieRule = TieRule.IMPROVED

    def __post_init__(self) -> None:
        object.__setattr__(self, "students", tuple(self.students))
        object.__setattr__(self, "positions", tuple(self.positions))
        object.__setattr__(self, "tie_rule", TieRule(self.tie_rule))


# ---- the tie rule and the default ranking, stated plainly ----


def lottery_draw(seed: int, student_id: StudentId) -> int:
    """The student's draw in the round's lottery (the lower draw wins a tie)."""
    digest = hashlib.blake2b(f"{seed}:{student_id}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big")


def shared_tags(student: Student, position: Position) -> int:
    """How many of the position's tags are among the student's competencies (the default ranking's score)."""
    return len(student.competencies & position.tags)


def preference_keys(instance: Instance) -> dict[PositionId, dict[StudentId, tuple[int, int, StudentId]]]:
    """Per position, each student it accepts mapped to a sort key; the lower key is preferred.

    The readable statement of how positions order students, used by `check_stable` and the tests
    (`allocate` computes the same order with one integer per pair). The key is `(place, draw, id)`:
    `place` is the 0-based tie group in an enterprise ranking, or minus the shared tags under the
    default ranking (which accepts exactly the students who applied); then the lottery, then the id.
    """
    seed = instance.seed
    draw = {s.id: lottery_draw(seed, s.id) for s in instance.students}
    applicants: dict[PositionId, list[Student]] = {p.id: [] for p in instance.positions}
    for student in instance.students:
        for pid in student.preferences:
            applicants[pid].append(student)
    keys: dict[PositionId, dict[StudentId, tuple[int, int, StudentId]]] = {}
    for p in instance.positions:
        if p.ranking is None:
            keys[p.id] = {s.id: (-shared_tags(s, p), draw[s.id], s.id) for s in applicants[p.id]}
        else:
            keys[p.id] = {sid: (g, draw[sid], sid) for g, group in enumerate(p.ranking) for sid in group}
    return keys


# ---- validation ----


def validate(instance: Instance) -> None:
    """Refuse a round the algorithm cannot give a meaning to: InvalidInput with one field error per problem.

    Duplicate student or position ids; a negative capacity; an unknown or repeated position in a
    student's list; an unknown or repeated student, or an empty tie group, in a ranking. A ranked
    student who did not apply is allowed (and has no effect). List-length limits belong to the round.
    """
    errors: list[FieldError] = []
    student_ids = {s.id for s in instance.students}
    position_ids = {p.id for p in instance.positions}
    if len(student_ids) != len(instance.students):
        errors.append(FieldError("students", "a student appears more than once"))
    if len(position_ids) != len(instance.positions):
        errors.append(FieldError("positions", "a position appears more than once"))
    for student in instance.students:
        prefs, where = student.preferences, f"students[{student.id}].preferences"
        if len(set(prefs)) != len(prefs):
            errors.append(FieldError(where, "a position is listed twice"))
        if unknown := sorted(set(prefs) - position_ids):
            errors.append(FieldError(where, f"positions not in the round: {unknown}"))
    for position in instance.positions:
        if position.capacity < 0:
            errors.append(FieldError(f"positions[{position.id}].capacity", "must not be negative"))
        if position.ranking is None:
            continue
        where = f"positions[{position.id}].ranking"
        ranked = [sid for group in position.ranking for sid in group]
        if len(set(ranked)) != len(ranked):
            errors.append(FieldError(where, "a student is ranked twice"))
        if not all(position.ranking):
            errors.append(FieldError(where, "a tie group is empty"))
        if unknown := sorted(set(ranked) - student_ids):
            errors.append(FieldError(where, f"students not in the round: {unknown}"))
    if errors:
        raise InvalidInput("the round's preferences are inconsistent", errors=errors)


# ---- reproducibility ----


def input_hash(instance: Instance) -> str:
    """sha256 (hex) of a canonical JSON form of the inputs, the seed and the algorithm version.

    Canonical: students and positions sorted by id; competencies, tags and each tie group sorted; the
    order of a student's list and of a ranking's groups kept (it is meaningful).
    """
    students = sorted(((s.id, s.preferences, sorted(s.competencies)) for s in instance.students), key=itemgetter(0))
    positions = sorted(
        (
            (p.id, p.capacity, sorted(p.tags), None if p.ranking is None else list(map(sorted, p.ranking)))
            for p in instance.positions
        ),
        key=itemgetter(0),
    )
    text = json.dumps(
        (ALGORITHM_VERSIONS[instance.tie_rule], instance.seed, students, positions),
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(text.encode()).hexdigest()


# ---- explanations ----


class Reason(StrEnum):
    """Why a position a student ranked above their match did not take them."""

    NOT_RANKED = "not-ranked"  # the enterprise's ranking for the position leaves the student out
    NO_SEATS = "no-seats"  # the round offers no seats at the position
    FULL = "full"  # every seat went to a student the position ranks higher


# Named tuples, not frozen dataclasses, for the two records made by the hundred thousand when a whole
# round is explained: as immutable, and about three times cheaper to create.
class Standing(NamedTuple):
    """A tie band of one position's order: a tie group (enterprise ranking) or a competency fit (default).

    `group` (1 = the enterprise's first group) is set under an enterprise ranking, `shared_tags` (out
    of the position's tags) under the default ranking. Every student in the band has the same standing:
    the lottery that orders them inside it is left out on purpose (see the module docstring).
    """

    group: int | None
    shared_tags: int | None

    def describe(self, position_tags: int) -> str:
        if self.group is not None:
            return f"group {self.group} of the enterprise's ranking"
        return f"competency fit {self.shared_tags}/{position_tags}"


class Rejection(NamedTuple):
    """One position a student ranked above their match, and why it did not take them.

    For `FULL`, all `seats` went to students the position ranks higher than the student: `you` (the
    student's band) and `cutoff` (the lowest band it admitted anyone from) show by how much.
    """

    position_id: PositionId
    reason: Reason
    seats: int
    position_tags: int
    you: Standing | None = None
    cutoff: Standing | None = None

    @property
    def lost_on_draw(self) -> bool:
        """The student was in the cutoff band and the lottery gave the band's last seats to others."""
        return self.you is not None and self.you == self.cutoff

    def describe(self) -> str:
        if self.reason is Reason.NOT_RANKED:
            return f"{self.position_id}: the enterprise did not rank you"
        if self.reason is Reason.NO_SEATS:
            return f"{self.position_id}: the round offers no seats there"
        assert self.you is not None and self.cutoff is not None
        you, cutoff, tags = self.you, self.cutoff, self.position_tags
        text = f"{self.position_id}: all {self.seats} seat(s) went to students it ranked higher"
        if self.lost_on_draw:
            return f"{text}; you were in the last band it admitted ({you.describe(tags)}) and lost its tie-break"
        return f"{text}; the last band it admitted: {cutoff.describe(tags)}, yours: {you.describe(tags)}"


class PositionFacts(NamedTuple):
    """What a run keeps of a position to explain it: seats, tag count, whether its enterprise ranked, and its cutoff
    band (the band of its lowest-ranked holder: a 0-based tie group, or the tags a holder lacks under the default
    ranking; None unless every seat was taken)."""

    seats: int
    tags: int
    ranked: bool
    cutoff: int | None


def rejection(position_id: PositionId, position: PositionFacts, band: int | None) -> Rejection:
    """Why a position a student listed above their match did not take them, from the position's facts and the
    student's band there (None: the position does not accept them), as `Allocation.passed_over` gives it."""
    if band is None:
        return Rejection(position_id, Reason.NOT_RANKED, position.seats, position.tags)
    if position.seats == 0:
        return Rejection(position_id, Reason.NO_SEATS, position.seats, position.tags)
    assert position.cutoff is not None, "a position turned a student away with a seat free"
    return Rejection(
        position_id,
        Reason.FULL,
        position.seats,
        position.tags,
        _standing(position, band),
        _standing(position, position.cutoff),
    )


def _standing(position: PositionFacts, band: int) -> Standing:
    """A band at a position as the student is told it: the tie group (1-based) or the tags shared."""
    if position.ranked:
        return Standing(band + 1, None)
    return Standing(None, position.tags - band)


# ---- the fast path ----


@dataclass(frozen=True, slots=True)
class _Compiled:
    """The round as ints: students and positions by index, the lists flattened, the lottery as places.

    Student `s` lists positions `targets[start[s]:start[s + 1]]`. `rankings[j]` maps a student id to
    its 0-based tie group at position j, or is None where the default ranking applies.
    """

    n: int
    student_ids: list[StudentId]
    student_index: dict[StudentId, int]
    position_ids: list[PositionId]
    capacities: list[int]
    tags: list[frozenset[str]]
    tag_counts: list[int]
    competencies: list[frozenset[str]]
    rankings: list[dict[StudentId, int] | None]
    start: list[int]
    targets: list[int]
    draw_place: list[int]  # student -> 0-based place in the lottery
    by_draw: list[int]  # place in the lottery -> student


def _band(c: _Compiled, s: int, j: int) -> int:
    """Student s's band at position j, lower preferred; -1 if j does not accept s: the tie group under an
    enterprise ranking, or the position's tags the student lacks under the default ranking."""
    ranking = c.rankings[j]
    if ranking is None:
        return c.tag_counts[j] - len(c.competencies[s] & c.tags[j])
    return ranking.get(c.student_ids[s], -1)


def _key(c: _Compiled, s: int, j: int) -> int:
    """Student s's standing at position j as one int, lower preferred; -1 if j does not accept s.

    `band * n + lottery place`: the band, then the lottery; the same order as `preference_keys`.
    """
    band = _band(c, s, j)
    return -1 if band < 0 else band * c.n + c.draw_place[s]


def _ranking_dict(ranking: Ranking) -> dict[StudentId, int]:
    """Student id -> 0-based tie group (a strict ranking, the common case, without the inner loop)."""
    if len(ranking) == sum(map(len, ranking)) and min(map(len, ranking), default=1) == 1:
        return {group[0]: g for g, group in enumerate(ranking)}
    return {sid: g for g, group in enumerate(ranking) for sid in group}


def _compile(instance: Instance) -> _Compiled:
    """Map ids to ints, draw the lottery, index the rankings; on any inconsistency, `validate` explains it.

    The checks here are the cheap ones that make the fast path safe; `validate` finds the same
    problems and reports them field by field.
    """
    students, positions = instance.students, instance.positions
    n = len(students)
    student_ids = [s.id for s in students]
    position_ids = [p.id for p in positions]
    student_index = {sid: i for i, sid in enumerate(student_ids)}
    position_index = {pid: j for j, pid in enumerate(position_ids)}
    capacities = [p.capacity for p in positions]
    consistent = len(student_index) == n and len(position_index) == len(positions) and min(capacities, default=0) >= 0
    try:
        targets = [position_index[pid] for s in students for pid in s.preferences]
    except KeyError:
        targets, consistent = [], False
    consistent = consistent and all(len(set(s.preferences)) == len(s.preferences) for s in students)
    rankings = [None if p.ranking is None else _ranking_dict(p.ranking) for p in positions]
    consistent = consistent and all(
        r is None
        or (len(r) == sum(map(len, p.ranking or ())) and all(p.ranking or ()) and r.keys() <= student_index.keys())
        for p, r in zip(positions, rankings, strict=True)
    )
    if not consistent:
        validate(instance)
        raise InvalidInput("the round's preferences are inconsistent")  # unreachable: validate raised

    draws = [lottery_draw(instance.seed, sid) for sid in student_ids]
    if len(set(draws)) == n:
        by_draw = sorted(range(n), key=draws.__getitem__)
    else:  # equal 64-bit draws: the smaller id first, so the order of the input never matters
        by_draw = sorted(range(n), key=lambda i: (draws[i], student_ids[i]))
    draw_place = [0] * n
    for place, s in enumerate(by_draw):
        draw_place[s] = place

    start = [0] * (n + 1)
    for s, student in enumerate(students):
        start[s + 1] = start[s] + len(student.preferences)
    return _Compiled(
        n=n,
        student_ids=student_ids,
        student_index=student_index,
        position_ids=position_ids,
        capacities=capacities,
        tags=[p.tags for p in positions],
        tag_counts=[len(p.tags) for p in positions],
        competencies=[s.competencies for s in students],
        rankings=rankings,
        start=start,
        targets=targets,
        draw_place=draw_place,
        by_draw=by_draw,
    )


def _deferred_acceptance(c: _Compiled) -> tuple[list[list[int]], list[int]]:
    """Student-proposing deferred acceptance; returns each position's heap and each student's next index.

    A free student proposes to the next position on their list. The position holds them if it has a
    free seat, or if it ranks them above its lowest-ranked holder, who is then released and proposes
    on from where they had got to; otherwise the student tries the next position. A student only
    moves down their list, so proposes to each listed position at most once; a position only swaps a
    holder for one it ranks higher, so once full it stays full and its lowest-ranked holder only
    improves. A student held at list index i ends with `nxt[s] == i + 1`. The order in which free
    students propose does not change the result (Gale & Shapley), so a stack will do.
    """
    n, caps, targets, key = c.n, c.capacities, c.targets, _key
    heaps: list[list[int]] = [[] for _ in caps]
    nxt, ends = c.start[:n], c.start[1:]
    free = list(range(n - 1, -1, -1))
    while free:
        s = free.pop()
        i, end = nxt[s], ends[s]
        while i < end:
            j = targets[i]
            i += 1
            k = key(c, s, j)
            if k < 0:
                continue
            heap = heaps[j]
            if len(heap) < caps[j]:
                heappush(heap, -k)
                break
            if heap and k < -heap[0]:
                released = -heapreplace(heap, -k)  # the holder j ranks lowest
                free.append(c.by_draw[released % n])
                break
        nxt[s] = i
    return heaps, nxt


@dataclass(frozen=True, eq=False)
class Allocation:
    """A computed round: each student's match (or None), and on demand why they did not get better.

    `matches` covers every student of the round. `explain` derives the explanation from the final
    state of the run (each full position's lowest-ranked holder), so it costs nothing until asked.
    """

    algorithm_version: str
    seed: int
    matches: Mapping[StudentId, PositionId | None]
    _compiled: _Compiled = field(repr=False)
    _cutoffs: list[int] = field(repr=False)  # per position: its lowest-ranked holder's key, -1 if not full
    _matched_at: list[int] = field(repr=False)  # per student: index of the match in `targets`, -1 if none
    improved: int = 0  # students moved up by stable improvement cycles

    def filled(self) -> dict[PositionId, int]:
        """Seats taken per position (every position of the round, 0 included)."""
        counts = dict.fromkeys(self._compiled.position_ids, 0)
        for pid in self.matches.values():
            if pid is not None:
                counts[pid] += 1
        return counts

    def preferences(self, student_id: StudentId) -> tuple[PositionId, ...]:
        """The student's list as this run saw it."""
        c = self._compiled
        s = c.student_index[student_id]
        return tuple(c.position_ids[j] for j in c.targets[c.start[s] : c.start[s + 1]])

    def passed_over(self, student_id: StudentId) -> tuple[tuple[PositionId, int | None], ...]:
        """Each position the student listed above their match (all of them, if unmatched), with the student's band
        there (None where it does not accept them, 0 where it offered no seats): with `positions()`, all that
        `rejection` needs, so a stored run keeps these and builds a student's explanation when it is read."""
        c = self._compiled
        return tuple((c.position_ids[j], band) for j, band in self._above(c.student_index[student_id]))

    def positions(self) -> dict[PositionId, PositionFacts]:
        """What an explanation needs of every position of the round (its cutoff band among it)."""
        return {pid: self._facts(j) for j, pid in enumerate(self._compiled.position_ids)}

    def explain(self, student_id: StudentId) -> tuple[Rejection, ...]:
        """Why each position the student listed above their match (all of them, if unmatched) did not take them."""
        c = self._compiled
        return tuple(
            rejection(c.position_ids[j], self._facts(j), band) for j, band in self._above(c.student_index[student_id])
        )

    def _above(self, s: int) -> list[tuple[int, int | None]]:
        c = self._compiled
        stop = self._matched_at[s] if self._matched_at[s] >= 0 else c.start[s + 1]
        above: list[tuple[int, int | None]] = []
        for j in c.targets[c.start[s] : stop]:
            band = _band(c, s, j)
            if band < 0:
                above.append((j, None))
                continue
            if not c.capacities[j]:
                above.append((j, 0))  # no seats: the explanation shows no band, so none is kept
                continue
            cutoff = self._cutoffs[j]
            assert 0 <= cutoff and cutoff // c.n <= band, "a position turned away a student it prefers"
            above.append((j, band))
        return above

    def _facts(self, j: int) -> PositionFacts:
        c, cutoff = self._compiled, self._cutoffs[j]
        return PositionFacts(
            c.capacities[j], c.tag_counts[j], c.rankings[j] is not None, None if cutoff < 0 else cutoff // c.n
        )

    def explanations(self) -> dict[StudentId, tuple[Rejection, ...]]:
        """`explain` for every student of the round."""
        return {sid: self.explain(sid) for sid in self._compiled.student_ids}


def _improve(c: _Compiled, held: list[int], at: list[int]) -> int:
    """Stable improvement cycles (Erdil & Ergin 2008) on a stable matching, in place, until none remains; how many
    students they moved.

    `held[s]` is student s's position (-1: unmatched), `at[s]` its index in `targets`. A student *desires* every
    position they list above their match that accepts them and has seats; at each position the desirers in the
    best band (tie group or competency fit, the lottery left out) are its *top desirers*. Every position points
    to each position one of its holders top-desires; a cycle of such pointers, each labelled with its holder,
    moves every labelled student one step round it. Each student in the cycle gets a position they prefer; each
    position loses one holder and gains one, a top desirer, so no student it turned away is in a better band than
    anyone it holds: the matching stays stable for the orders as given. A stable matching with no such cycle is
    not Pareto-dominated, for the students, by any stable matching (Erdil & Ergin, Theorem 1).

    Cost: desires only shrink (a student moves up their list), so each position's best band only gets worse and is
    kept as a pointer into its sorted bands. Cycles are found by depth-first search over positions, executed as
    found; a search that finds none ends it. Each search costs O(positions + desire entries). Positions are
    searched in id order and holders in lottery order: the same round gives the same cycles, whatever the order
    of its input.
    """
    n, targets, start, band_at, capacities = c.n, c.targets, c.start, _band, c.capacities
    npos = len(c.position_ids)
    nothing: list[int] = []
    desires: list[list[int]] = [nothing] * n  # positions, best first, that s would rather have
    desire_bands: list[list[int]] = [nothing] * n  # s's band at each of them
    bands: list[dict[int, int]] = [{} for _ in range(npos)]  # per position: band -> desirers in it
    for s in range(n):
        above = targets[start[s] : at[s] if held[s] >= 0 else start[s + 1]]
        if not above:
            continue
        desires[s], desire_bands[s] = wanted, wanted_bands = [], []
        for j in above:
            b = band_at(c, s, j)
            if b >= 0 and capacities[j]:
                wanted.append(j)
                wanted_bands.append(b)
                counts = bands[j]
                counts[b] = counts.get(b, 0) + 1
    order = [sorted(bs) for bs in bands]  # each position's bands, best first
    place = [0] * npos  # index into order[j] of its best band with a desirer
    top = [o[0] if o else -1 for o in order]  # that band

    def forget(s: int, kept: int) -> None:
        """s no longer desires its positions from index `kept` of its desires on."""
        for j, band in zip(desires[s][kept:], desire_bands[s][kept:], strict=True):
            counts = bands[j]
            counts[band] -= 1
            if band == top[j] and counts[band] == 0:
                o = order[j]
                while place[j] < len(o) and counts[o[place[j]]] == 0:
                    place[j] += 1
                top[j] = o[place[j]] if place[j] < len(o) else -1
        del desires[s][kept:], desire_bands[s][kept:]

    holders: list[list[int]] = [[] for _ in range(npos)]
    for s in c.by_draw:
        if held[s] >= 0:
            holders[held[s]].append(s)

    def edges(a: int) -> Iterator[tuple[int, int]]:
        for s in holders[a]:
            for j, b in zip(desires[s], desire_bands[s], strict=True):
                if b == top[j]:
                    yield j, s

    def move(s: int, b: int) -> None:
        """s leaves its position for b, which it desires: it no longer desires b or anything below b."""
        forget(s, desires[s].index(b))
        holders[held[s]].remove(s)
        bisect.insort(holders[b], s, key=c.draw_place.__getitem__)
        at[s] = targets.index(b, start[s], start[s + 1])
        held[s] = b

    moved: set[int] = set()
    searched_by_id = sorted(range(npos), key=c.position_ids.__getitem__)
    found = True
    while found:
        found = False
        state = [0] * npos  # 0 unseen, 1 on the path, 2 done (no cycle through it when it was searched)
        for root in searched_by_id:
            while state[root] == 0:
                path, labels, frames = [root], [], [edges(root)]
                state[root] = 1
                cycle = None
                while frames and cycle is None:
                    step = next(frames[-1], None)
                    if step is None:
                        state[path.pop()] = 2
                        frames.pop()
                        if labels:
                            labels.pop()
                        continue
                    j, s = step
                    if state[j] == 1:
                        first = path.index(j)
                        cycle = list(zip(path[first + 1 :] + [j], labels[first:] + [s], strict=True))
                    elif state[j] == 0:
                        state[j] = 1
                        path.append(j)
                        labels.append(s)
                        frames.append(edges(j))
                if cycle is None:
                    break
                for b, s in cycle:  # every edge was checked against the current state: none moved since
                    move(s, b)
                    moved.add(s)
                for v in path:  # the search starts again from the root on the changed matching
                    state[v] = 0
                found = True
    return len(moved)


def allocate(instance: Instance) -> Allocation:
    """The round's matching under its tie rule (see the module docstring): the student-optimal stable matching for
    the lottery's orders, and with `TieRule.IMPROVED` (the default) then improved by stable improvement cycles.

    Raises InvalidInput, with one field error per problem, when the round is inconsistent (`validate`).
    """
    c = _compile(instance)
    heaps, nxt = _deferred_acceptance(c)
    held, at = [-1] * c.n, [-1] * c.n
    for j, heap in enumerate(heaps):
        for negated in heap:
            s = c.by_draw[-negated % c.n]
            held[s], at[s] = j, nxt[s] - 1
    improved = _improve(c, held, at) if instance.tie_rule is TieRule.IMPROVED else 0
    matches: dict[StudentId, PositionId | None] = dict.fromkeys(c.student_ids)
    cutoffs = [-1] * len(heaps)
    for s, j in enumerate(held):
        if j >= 0:
            matches[c.student_ids[s]] = c.position_ids[j]
            cutoffs[j] = max(cutoffs[j], _key(c, s, j))
    filled = Counter(j for j in held if j >= 0)
    cutoffs = [k if filled[j] == c.capacities[j] else -1 for j, k in enumerate(cutoffs)]
    return Allocation(ALGORITHM_VERSIONS[instance.tie_rule], instance.seed, matches, c, cutoffs, at, improved)


# ---- comparing two runs ----


@dataclass(frozen=True, slots=True)
class Move:
    """A student whose match differs between two runs, and briefly why."""

    student_id: StudentId
    before: PositionId | None
    after: PositionId | None
    why: str


def compare(run_a: Allocation, run_b: Allocation) -> list[Move]:
    """The students whose match differs from run a to run b, by id, each with a short reason.

    Equal inputs give no moves. Otherwise the reason comes from the run that explains the move: a
    student who lost a position they rank higher gets run b's explanation for it; one who got a
    position they rank higher gets run a's explanation of why they did not have it then.
    """
    moves = []
    for sid in sorted(run_a.matches.keys() | run_b.matches.keys()):
        if sid not in run_a.matches:
            moves.append(Move(sid, None, run_b.matches[sid], "joined the round in run b"))
        elif sid not in run_b.matches:
            moves.append(Move(sid, run_a.matches[sid], None, "not in the round in run b"))
        elif (before := run_a.matches[sid]) != (after := run_b.matches[sid]):
            moves.append(Move(sid, before, after, _why_moved(run_a, run_b, sid, before, after)))
    return moves


def _why_moved(run_a: Allocation, run_b: Allocation, sid: StudentId, before: str | None, after: str | None) -> str:
    if before is not None and before not in run_b.preferences(sid):
        return f"{before} is no longer in their list"
    lost = {r.position_id: r for r in run_b.explain(sid)}
    if before is not None and before in lost:
        return f"lost {before}: {lost[before].describe()}"
    refused = {r.position_id: r for r in run_a.explain(sid)}
    if after is not None and after in refused:
        return f"got {after}, which run a refused: {refused[after].describe()}"
    return f"their list changed: {before or 'no match'} -> {after or 'no match'}"


# ---- verification ----


def check_stable(instance: Instance, matching: Mapping[StudentId, PositionId | None]) -> list[str]:
    """Every way the matching breaks the round's rules, as sentences; empty means stable.

    Checked from scratch with `preference_keys`, not the fast path: known students and positions;
    seats respected; every matched student listed their position and is accepted by it; and no
    blocking pair, i.e. a student and a position they list above their match (any listed position,
    if unmatched) that accepts them and has a free seat or holds a student it ranks below them. "Ranks below" is
    by the lottery's orders under `TieRule.LOTTERY` (deferred acceptance is stable for them), and by the bands as
    the round gave them under `TieRule.IMPROVED` (improvement cycles trade seats inside a band).
    Students missing from `matching` count as unmatched.
    """
    violations: list[str] = []
    keys = preference_keys(instance)
    positions = {p.id: p for p in instance.positions}
    students = {s.id: s for s in instance.students}
    holders: dict[PositionId, list[StudentId]] = {pid: [] for pid in positions}
    for sid, pid in matching.items():
        if sid not in students:
            violations.append(f"{sid} is not a student of the round")
        elif pid is not None and pid not in positions:
            violations.append(f"{sid} is matched to {pid}, which is not in the round")
        elif pid is not None:
            holders[pid].append(sid)
            if pid not in students[sid].preferences:
                violations.append(f"{sid} is matched to {pid}, which they did not list")
            if sid not in keys[pid]:
                violations.append(f"{sid} is matched to {pid}, which does not accept them")
    for pid, held in holders.items():
        if len(held) > positions[pid].capacity:
            violations.append(f"{pid} holds {len(held)} students for {positions[pid].capacity} seats")
    by_lottery = instance.tie_rule is TieRule.LOTTERY

    def rank(key: tuple[int, int, StudentId]) -> tuple[int, int, StudentId] | int:
        return key if by_lottery else key[0]

    lowest = {
        pid: max((rank(keys[pid][sid]) for sid in held if sid in keys[pid]), default=None)
        for pid, held in holders.items()
    }
    for student in instance.students:
        match = matching.get(student.id)
        for pid in _listed_above(student.preferences, match):
            key = keys[pid].get(student.id)
            if key is None:
                continue
            if len(holders[pid]) < positions[pid].capacity:
                violations.append(f"blocking pair: {student.id} prefers {pid} to {match}, which has a free seat")
            elif (worst := lowest[pid]) is not None and rank(key) < worst:
                violations.append(
                    f"blocking pair: {student.id} prefers {pid} to {match}, which ranks them above a holder"
                )
    return violations


def _listed_above(preferences: Sequence[PositionId], match: PositionId | None) -> Sequence[PositionId]:
    if match is None or match not in preferences:
        return preferences
    return preferences[: preferences.index(match)]
