"""Allocation rounds without I/O: worked rounds (Gale and Shapley's, rejection chains, lotteries, competency fit)."""

from __future__ import annotations

from internships_allocation_rounds import round_of, stable_matchings

from internships.domain.allocation import (
    Instance,
    Position,
    Reason,
    Student,
    allocate,
    check_stable,
    input_hash,
    lottery_draw,
)

# ---- worked rounds ----


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
    assert rejection.lost_on_draw and "lost its tie-break" in rejection.describe()
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
