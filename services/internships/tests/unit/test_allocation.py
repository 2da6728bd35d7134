"""Allocation rounds without I/O: deferred acceptance against the stability checker, brute force and worked rounds."""

from __future__ import annotations

import itertools
from collections.abc import Mapping

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from internships.domain.allocation import (
    ALGORITHM_VERSION,
    Allocation,
    Instance,
    Position,
    Reason,
    Student,
    allocate,
    check_stable,
    compare,
    input_hash,
    lottery_draw,
    preference_keys,
    strict_ranking,
    validate,
)
from praxis_common.errors import InvalidInput

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
    return Instance(tuple(students), tuple(positions), instance.seed)


def rank_in_list(instance: Instance, student_id: str, position_id: str | None) -> int:
    """Where a position sits in the student's list; unmatched is worse than any listed position."""
    prefs = next(s.preferences for s in instance.students if s.id == student_id)
    return len(prefs) if position_id is None else prefs.index(position_id)


# ---- properties ----


@PROPERTIES
@given(instances())
def test_every_result_is_stable_and_covers_every_student(instance):
    result = allocate(instance)
    assert check_stable(instance, result.matches) == []
    assert set(result.matches) == {s.id for s in instance.students}
    assert all(result.filled()[p.id] <= p.capacity for p in instance.positions)
    assert result.algorithm_version == ALGORITHM_VERSION and result.seed == instance.seed


@PROPERTIES
@given(instances(), st.data())
def test_the_result_depends_on_the_inputs_not_on_their_order(instance, data):
    other = shuffled(instance, data)
    a, b = allocate(instance), allocate(other)
    assert allocate(instance).matches == a.matches == b.matches
    assert a.explanations() == b.explanations()
    assert input_hash(instance) == input_hash(other)
    assert compare(a, b) == []


@BRUTE_FORCE
@given(st.one_of(instances(max_students=5, max_positions=3, max_capacity=2), contested_rounds()))
def test_on_tiny_rounds_brute_force_confirms_the_student_optimal_stable_matching(instance):
    result = allocate(instance)
    stable = list(stable_matchings(instance))
    assert dict(result.matches) in stable
    for other in stable:
        for student in instance.students:
            assert rank_in_list(instance, student.id, result.matches[student.id]) <= rank_in_list(
                instance, student.id, other[student.id]
            ), f"{student.id} does better in another stable matching: {other}"


def stable_matchings(instance: Instance):
    """Every stable matching, by enumerating every assignment of students to positions they could hold."""
    keys = preference_keys(instance)
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


@PROPERTIES
@given(instances())
def test_every_explanation_is_true(instance):
    result = allocate(instance)
    keys = preference_keys(instance)
    positions = {p.id: p for p in instance.positions}
    holders = {pid: [sid for sid, m in result.matches.items() if m == pid] for pid in positions}
    for student in instance.students:
        match = result.matches[student.id]
        above = student.preferences[: rank_in_list(instance, student.id, match)]
        rejections = result.explain(student.id)
        assert [r.position_id for r in rejections] == list(above)
        for r in rejections:
            position = positions[r.position_id]
            assert r.seats == position.capacity and r.position_tags == len(position.tags)
            assert r.describe().startswith(r.position_id)
            if r.reason is Reason.NOT_RANKED:
                assert position.ranking is not None and student.id not in keys[position.id]
                continue
            assert student.id in keys[position.id]
            if r.reason is Reason.NO_SEATS:
                assert position.capacity == 0
                continue
            assert r.reason is Reason.FULL
            held = holders[position.id]
            assert len(held) == position.capacity > 0
            assert all(keys[position.id][h] < keys[position.id][student.id] for h in held)
            last = max(held, key=keys[position.id].__getitem__)
            assert_standing(r.cutoff, instance, position, last)
            assert_standing(r.you, instance, position, student.id)
            assert r.lost_on_draw == (keys[position.id][last][0] == keys[position.id][student.id][0])


@PROPERTIES
@given(instances())
def test_no_explanation_singles_out_a_student(instance):
    """What a student is told about a position depends on the position and on the student's own facts there (the
    reason, their tie band) only: two students of one band turned away by the same position for the same reason are
    told exactly the same thing, and everyone turned away
    by a full position is told the same cutoff band. So no explanation carries anything unique to one student (a
    lottery place would be: with the seed and the students' ids it names who was admitted last)."""
    result = allocate(instance)
    told: dict[tuple, set] = {}
    cutoffs: dict[str, set] = {}
    for rejections in result.explanations().values():
        for r in rejections:
            band = None if r.you is None else (r.you.group, r.you.shared_tags)
            told.setdefault((r.position_id, r.reason, band), set()).add(r)
            if r.reason is Reason.FULL:
                cutoffs.setdefault(r.position_id, set()).add(r.cutoff)
    assert all(len(same) == 1 for same in told.values()), told
    assert all(len(same) == 1 for same in cutoffs.values()), cutoffs


def test_students_who_lose_the_same_tie_are_told_the_same():
    students = tuple(Student(sid, ("P",)) for sid in ("x", "y", "z"))
    instance = Instance(students, (Position("P", 1, ranking=(("x", "y", "z"),)),), seed=11)
    result = allocate(instance)
    losers = [sid for sid, match in result.matches.items() if match is None]
    assert len(losers) == 2
    first, second = (result.explain(sid) for sid in losers)
    assert first == second and first[0].lost_on_draw


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


def test_gale_and_shapleys_cyclic_round_has_three_stable_matchings_and_students_get_their_first_choices():
    # Gale & Shapley (1962), example 2: every student first choice, every position first choice, or in between.
    instance = round_of({"a": "ABC", "b": "BCA", "c": "CAB"}, {"A": "bca", "B": "cab", "C": "abc"})
    assert allocate(instance).matches == {"a": "A", "b": "B", "c": "C"}
    stable = list(stable_matchings(instance))
    assert len(stable) == 3
    assert {"a": "B", "b": "C", "c": "A"} in stable and {"a": "C", "b": "A", "c": "B"} in stable


def test_opposed_preferences_give_the_students_their_choice_not_the_positions():
    instance = round_of({"a": "AB", "b": "BA"}, {"A": "ba", "B": "ab"})
    result = allocate(instance)
    assert result.matches == {"a": "A", "b": "B"}
    assert len(list(stable_matchings(instance))) == 2


def test_a_rejection_chain_with_two_seats():
    # P (2 seats) ranks d > c > a > b; a, b, c, d all want P first. b, then a, are pushed out of P;
    # a moves on to Q, b has nowhere left.
    instance = round_of({"a": "PQ", "b": "P", "c": "PQ", "d": "PQ"}, {"P": "dcab", "Q": "adc"}, capacity={"P": 2})
    result = allocate(instance)
    assert result.matches == {"a": "Q", "b": None, "c": "P", "d": "P"}
    assert check_stable(instance, result.matches) == []
    (rejected,) = result.explain("b")
    assert (rejected.reason, rejected.seats, rejected.you.group, rejected.cutoff.group) == (Reason.FULL, 2, 4, 2)
    assert "group 2" in rejected.describe() and "group 4" in rejected.describe()
    assert [r.cutoff.group for r in result.explain("a")] == [2]
    assert result.explain("c") == () and result.filled() == {"P": 2, "Q": 1}


def test_a_tie_is_broken_by_the_lottery_and_the_loser_is_told_so():
    students = (Student("x", ("P",)), Student("y", ("P",)))
    instance = Instance(students, (Position("P", 1, ranking=(("x", "y"),)),), seed=7)
    winner, loser = sorted("xy", key=lambda sid: lottery_draw(7, sid))
    result = allocate(instance)
    assert result.matches == {winner: "P", loser: None}
    (rejection,) = result.explain(loser)
    assert rejection.lost_on_draw and "lost its lottery" in rejection.describe()
    assert rejection.you == rejection.cutoff == (1, None)  # the band, not who in it won


def test_without_an_enterprise_ranking_competency_fit_decides():
    tags = frozenset({"sql", "java", "cad"})
    students = (
        Student("one-tag", ("P",), frozenset({"sql", "welding"})),
        Student("two-tags", ("P",), frozenset({"sql", "java"})),
        Student("no-tag", ("P",), frozenset()),
    )
    result = allocate(Instance(students, (Position("P", 1, tags=tags),)))
    assert result.matches == {"one-tag": None, "two-tags": "P", "no-tag": None}
    (rejection,) = result.explain("one-tag")
    assert (rejection.you.shared_tags, rejection.cutoff.shared_tags) == (1, 2)
    assert "competency fit 2/3" in rejection.describe() and "competency fit 1/3" in rejection.describe()


def test_an_empty_ranking_accepts_nobody_and_zero_seats_take_nobody():
    students = (Student("s", ("EMPTY", "NONE", "OPEN")),)
    positions = (Position("EMPTY", 3, ranking=()), Position("NONE", 0), Position("OPEN", 1))
    result = allocate(Instance(students, positions))
    assert result.matches == {"s": "OPEN"}
    assert [(r.position_id, r.reason) for r in result.explain("s")] == [
        ("EMPTY", Reason.NOT_RANKED),
        ("NONE", Reason.NO_SEATS),
    ]


def test_an_empty_round():
    result = allocate(Instance((), ()))
    assert result.matches == {} and result.explanations() == {} and check_stable(Instance((), ()), {}) == []


def test_a_changed_seed_or_input_changes_the_hash():
    instance = round_of({"a": "AB", "b": "BA"}, {"A": "ba", "B": "ab"})
    reseeded = Instance(instance.students, instance.positions, seed=1)
    reordered = round_of({"a": "BA", "b": "BA"}, {"A": "ba", "B": "ab"})
    assert len({input_hash(instance), input_hash(reseeded), input_hash(reordered)}) == 3


# ---- comparing runs ----


def test_compare_says_who_moved_and_why():
    before = round_of({"a": "PQ", "b": "QP"}, {"P": "ab", "Q": "ba"})
    # c joins and P ranks c first: a loses P and takes Q, which ranks a above b, who is pushed out.
    after = round_of({"a": "PQ", "b": "QP", "c": "P"}, {"P": "cab", "Q": "ab"})
    moves = {m.student_id: m for m in compare(allocate(before), allocate(after))}
    assert set(moves) == {"a", "b", "c"}
    assert (moves["a"].before, moves["a"].after) == ("P", "Q") and moves["a"].why.startswith("lost P: P: all 1 seat")
    assert (moves["b"].before, moves["b"].after) == ("Q", None) and moves["b"].why.startswith("lost Q")
    assert moves["c"].why == "joined the round in run b"


def test_compare_explains_a_student_who_got_a_better_position():
    before = round_of({"a": "PQ", "b": "P"}, {"P": "ba", "Q": "a"})
    after = round_of({"a": "PQ", "b": "Q"}, {"P": "ba", "Q": "ab"})
    moves = {m.student_id: m for m in compare(allocate(before), allocate(after))}
    assert moves["a"].why.startswith("got P, which run a refused: P: all 1 seat")
    assert moves["b"].why == "P is no longer in their list"


# ---- the checker and bad input ----


def test_check_stable_reports_each_kind_of_violation():
    instance = round_of({"a": "PQ", "b": "P", "c": "Q"}, {"P": "ab", "Q": "c"})
    assert check_stable(instance, {"a": "P", "b": None, "c": "Q"}) == []
    found = check_stable(instance, {"a": "P", "b": "P", "c": "Q", "z": None})
    assert any("not a student" in v for v in found) and any("2 students for 1 seats" in v for v in found)
    assert any("which they did not list" in v for v in check_stable(instance, {"a": "P", "b": "Q", "c": None}))
    assert any("does not accept" in v for v in check_stable(instance, {"a": "Q", "b": "P", "c": None}))
    assert any("which has a free seat" in v for v in check_stable(instance, {"a": "P", "b": None, "c": None}))
    assert any("ranks them above a holder" in v for v in check_stable(instance, {"a": None, "b": "P", "c": "Q"}))


@pytest.mark.parametrize(
    ("students", "positions", "field", "message"),
    [
        ([Student("s", ("X",))], [Position("P", 1)], "students[s].preferences", "not in the round: ['X']"),
        ([Student("s", ("P", "P"))], [Position("P", 1)], "students[s].preferences", "listed twice"),
        ([Student("s"), Student("s")], [], "students", "more than once"),
        ([], [Position("P", 1), Position("P", 2)], "positions", "more than once"),
        ([], [Position("P", -1)], "positions[P].capacity", "negative"),
        ([Student("s")], [Position("P", 1, ranking=(("s",), ("s",)))], "positions[P].ranking", "ranked twice"),
        ([Student("s")], [Position("P", 1, ranking=(("s",), ()))], "positions[P].ranking", "empty"),
        ([Student("s")], [Position("P", 1, ranking=(("t",),))], "positions[P].ranking", "not in the round: ['t']"),
    ],
)
def test_inconsistent_rounds_are_refused_field_by_field(students, positions, field, message):
    instance = Instance(tuple(students), tuple(positions))
    for run in (validate, allocate):
        with pytest.raises(InvalidInput) as refused:
            run(instance)
        assert [(e.field, message in e.message) for e in refused.value.errors] == [(field, True)]


def test_a_student_ranked_without_applying_changes_nothing():
    instance = round_of({"a": "P", "b": ""}, {"P": "ba"})
    result: Allocation = allocate(instance)
    assert result.matches == {"a": "P", "b": None} and result.explain("b") == ()
