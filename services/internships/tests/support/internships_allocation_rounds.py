"""What the allocation tests share: random rounds (Hypothesis strategies), rounds written as strings, a
brute-force enumeration of the stable matchings and the checks of a student's standing."""

from __future__ import annotations

import itertools
from collections.abc import Mapping

from hypothesis import settings
from hypothesis import strategies as st

from internships.domain.allocation import Instance, Position, Student, TieRule, preference_keys, strict_ranking

# database=None: no example database under .hypothesis/ (Hypothesis still caches source constants there).
PROPERTIES = settings(max_examples=250, database=None, deadline=None)
BRUTE_FORCE = settings(max_examples=400, database=None, deadline=None)
COMPETENCIES = ("sql", "java", "welding", "cad", "nursing")


# ---- random rounds ----


def most_of(n: int) -> st.SearchStrategy[int]:
    """A length from 0 to n, n half the time: dense rounds have contested seats and several stable matchings."""
    return st.one_of(st.just(n), st.integers(0, n))


@st.composite
def rankings(draw, student_ids: list[str], applicants: list[str]):
    """None (the default ranking applies), or tie groups over some applicants and maybe a non-applicant."""
    if draw(st.booleans()):
        return None
    others = [sid for sid in student_ids if sid not in applicants]
    candidates = applicants + draw(st.lists(st.sampled_from(others), max_size=1)) if others else applicants
    ranked = draw(st.permutations(candidates))[: draw(most_of(len(candidates)))]
    ties = draw(st.lists(st.booleans(), min_size=len(ranked), max_size=len(ranked)))
    groups: list[list[str]] = []
    for sid, tie_with_previous in zip(ranked, ties, strict=True):
        if groups and tie_with_previous:
            groups[-1].append(sid)
        else:
            groups.append([sid])
    return tuple(tuple(group) for group in groups)


@st.composite
def instances(draw, max_students: int = 9, max_positions: int = 5, max_capacity: int = 3) -> Instance:
    """Rounds with empty lists, positions nobody lists, zero seats, ties, missing and empty rankings."""
    student_ids = [f"s{i}" for i in range(draw(most_of(max_students)))]
    position_ids = [f"p{j}" for j in range(draw(most_of(max_positions)))]
    students = []
    for sid in student_ids:
        listed = draw(st.permutations(position_ids))[: draw(most_of(len(position_ids)))]
        competencies = draw(st.frozensets(st.sampled_from(COMPETENCIES)))
        students.append(Student(sid, tuple(listed), competencies))
    positions = []
    for pid in position_ids:
        applicants = [s.id for s in students if pid in s.preferences]
        positions.append(
            Position(
                pid,
                capacity=draw(st.one_of(st.just(1), st.integers(0, max_capacity))),
                tags=draw(st.frozensets(st.sampled_from(COMPETENCIES))),
                ranking=draw(rankings(student_ids, applicants)),
            )
        )
    tie_rule = draw(st.sampled_from(TieRule))
    return Instance(tuple(students), tuple(positions), seed=draw(st.integers(0, 2**32)), tie_rule=tie_rule)


@st.composite
def tied_rounds(draw) -> Instance:
    """Tiny dense rounds with coarse ties (every ranking in one or two groups, or the default ranking): the rounds
    where the lottery's matching can most often be improved."""
    position_ids = [f"p{j}" for j in range(draw(st.integers(2, 3)))]
    student_ids = [f"s{i}" for i in range(draw(st.integers(2, 5)))]
    students = [
        Student(sid, tuple(draw(st.permutations(position_ids)))[: draw(st.integers(1, len(position_ids)))])
        for sid in student_ids
    ]
    positions = []
    for pid in position_ids:
        order = draw(st.permutations(student_ids))
        cut = draw(st.integers(0, len(order)))
        ranking = tuple(g for g in (tuple(order[:cut]), tuple(order[cut:])) if g)
        tags = draw(st.frozensets(st.sampled_from(COMPETENCIES)))
        positions.append(Position(pid, draw(st.integers(1, 2)), tags, draw(st.sampled_from([ranking, None]))))
    return Instance(tuple(students), tuple(positions), seed=draw(st.integers(0, 2**32)))


@st.composite
def contested_rounds(draw) -> Instance:
    """Tiny balanced rounds (as many students as seats) where everyone lists every position and every
    enterprise ranks everyone strictly: the rounds most likely to have several stable matchings."""
    position_ids = [f"p{j}" for j in range(draw(st.integers(2, 3)))]
    capacities = [draw(st.integers(1, 2)) for _ in position_ids]
    student_ids = [f"s{i}" for i in range(min(5, sum(capacities)))]
    students = [Student(sid, tuple(draw(st.permutations(position_ids)))) for sid in student_ids]
    positions = [
        Position(pid, seats, ranking=strict_ranking(draw(st.permutations(student_ids))))
        for pid, seats in zip(position_ids, capacities, strict=True)
    ]
    return Instance(tuple(students), tuple(positions), seed=draw(st.integers(0, 2**32)))


def shuffled(instance: Instance, data: st.DataObject) -> Instance:
    """The same round with every collection in another order (students, positions, tie-group members)."""

    def reorder_ranking(position: Position) -> Position:
        if position.ranking is None:
            return position
        groups = tuple(tuple(data.draw(st.permutations(group))) for group in position.ranking)
        return Position(position.id, position.capacity, position.tags, groups)

    students = data.draw(st.permutations(instance.students))
    positions = [reorder_ranking(p) for p in data.draw(st.permutations(instance.positions))]
    return Instance(tuple(students), tuple(positions), instance.seed, instance.tie_rule)


def rank_in_list(instance: Instance, student_id: str, position_id: str | None) -> int:
    """Where a position sits in the student's list; unmatched is worse than any listed position."""
    prefs = next(s.preferences for s in instance.students if s.id == student_id)
    return len(prefs) if position_id is None else prefs.index(position_id)


def stable_matchings(instance: Instance, *, by_band: bool = False):
    """Every stable matching, by enumerating every assignment of students to positions they could hold: stable for
    the lottery's orders, or (`by_band`) for the orders as the round gave them, ties and all."""
    keys = preference_keys(instance)
    if by_band:  # a student's standing without the lottery: their tie group or competency fit
        keys = {pid: {sid: key[0] for sid, key in standing.items()} for pid, standing in keys.items()}
    capacity = {p.id: p.capacity for p in instance.positions}
    options = [
        [None] + [pid for pid in s.preferences if s.id in keys[pid] and capacity[pid] > 0] for s in instance.students
    ]
    ids = [s.id for s in instance.students]
    for choice in itertools.product(*options):
        matching = dict(zip(ids, choice, strict=True))
        if is_stable_by_definition(instance, keys, matching):
            yield matching


def is_stable_by_definition(instance: Instance, keys: Mapping, matching: Mapping[str, str | None]) -> bool:
    """Seats respected and no student and position that would both rather have each other (a third implementation)."""
    holders = {p.id: [sid for sid, pid in matching.items() if pid == p.id] for p in instance.positions}
    capacity = {p.id: p.capacity for p in instance.positions}
    if any(len(held) > capacity[pid] for pid, held in holders.items()):
        return False
    for student in instance.students:
        current = rank_in_list(instance, student.id, matching[student.id])
        for pid in student.preferences[:current]:
            if student.id not in keys[pid]:
                continue
            if len(holders[pid]) < capacity[pid]:
                return False
            if any(keys[pid][student.id] < keys[pid][holder] for holder in holders[pid]):
                return False
    return True


def assert_standing(standing, instance: Instance, position: Position, student_id: str) -> None:
    """The standing is the student's band at the position: tie group or competency fit, and nothing else."""
    assert standing._fields == ("group", "shared_tags")
    if position.ranking is None:
        student = next(s for s in instance.students if s.id == student_id)
        assert standing.group is None and standing.shared_tags == len(student.competencies & position.tags)
    else:
        group = next(g for g, members in enumerate(position.ranking, start=1) if student_id in members)
        assert standing.group == group and standing.shared_tags is None


# ---- worked rounds ----


def round_of(
    prefs: dict[str, str], rankings: dict[str, str | None], capacity: dict[str, int] | None = None
) -> Instance:
    """Students and strict rankings written as strings of one-letter ids, e.g. {"a": "PQ"}, {"P": "dcab"}."""
    students = tuple(Student(sid, tuple(listed)) for sid, listed in prefs.items())
    positions = tuple(
        Position(pid, (capacity or {}).get(pid, 1), ranking=None if order is None else strict_ranking(order))
        for pid, order in rankings.items()
    )
    return Instance(students, positions)


# ---- stable improvement cycles, from their definition ----


def has_improvement_cycle(instance: Instance, matching: Mapping[str, str | None]) -> bool:
    """Whether the matching admits a stable improvement cycle (Erdil & Ergin 2008), decided from the definition and
    independently of the allocation's own search: a position points to each position one of its holders would
    rather have and is among the best-placed (by band, no lottery) students who would; a cycle of pointers exists
    iff a topological order of the positions does not (Kahn's algorithm)."""
    keys = preference_keys(instance)
    capacity = {p.id: p.capacity for p in instance.positions}
    desirers: dict[str, list[str]] = {p.id: [] for p in instance.positions}
    for student in instance.students:
        prefs, match = student.preferences, matching.get(student.id)
        above = prefs if match is None else prefs[: prefs.index(match)]
        for pid in above:
            if student.id in keys[pid] and capacity[pid] > 0:
                desirers[pid].append(student.id)
    points_to: dict[str, set[str]] = {p.id: set() for p in instance.positions}
    for pid, wanting in desirers.items():
        if wanting:
            best = min(keys[pid][sid][0] for sid in wanting)
            for sid in wanting:
                if keys[pid][sid][0] == best and matching.get(sid) is not None:
                    points_to[matching[sid]].add(pid)
    indegree = {pid: 0 for pid in points_to}
    for targets in points_to.values():
        for pid in targets:
            indegree[pid] += 1
    ready = [pid for pid, d in indegree.items() if d == 0]
    removed = 0
    while ready:
        pid = ready.pop()
        removed += 1
        for target in points_to[pid]:
            indegree[target] -= 1
            if indegree[target] == 0:
                ready.append(target)
    return removed < len(points_to)


def large_tied_round(rng, students: int = 5_000, positions: int = 500) -> Instance:
    """A round at scale where ties matter: lists of 5 skewed toward popular positions, enterprise rankings of a
    common merit in bands of 25 students (ties inside a band), a fifth of the positions on the default ranking."""
    student_ids = [f"s{i:05}" for i in range(students)]
    position_ids = [f"p{j:04}" for j in range(positions)]
    popularity = list(itertools.accumulate(1 / (rank + 1) ** 0.8 for rank in range(positions)))
    merit = {sid: rng.random() for sid in student_ids}
    lists = {sid: [] for sid in student_ids}
    for sid in student_ids:
        while len(lists[sid]) < 5:
            pid = rng.choices(position_ids, cum_weights=popularity)[0]
            if pid not in lists[sid]:
                lists[sid].append(pid)
    applicants: dict[str, list[str]] = {pid: [] for pid in position_ids}
    for sid, listed in lists.items():
        for pid in listed:
            applicants[pid].append(sid)
    built = []
    for pid in position_ids:
        tags = frozenset(rng.sample(COMPETENCIES, 2))
        if rng.random() < 0.2:
            built.append(Position(pid, rng.randint(1, 15), tags))
            continue
        ordered = sorted(applicants[pid], key=lambda sid: -merit[sid])
        built.append(
            Position(
                pid, rng.randint(1, 15), tags, tuple(tuple(ordered[i : i + 25]) for i in range(0, len(ordered), 25))
            )
        )
    competencies = {sid: frozenset(rng.sample(COMPETENCIES, rng.randint(0, 3))) for sid in student_ids}
    return Instance(
        tuple(Student(sid, tuple(lists[sid]), competencies[sid]) for sid in student_ids),
        tuple(built),
        seed=rng.randrange(2**32),
    )
