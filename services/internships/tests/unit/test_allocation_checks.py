"""Allocation rounds without I/O: comparing two runs, the stability checker and inconsistent rounds refused."""

from __future__ import annotations

import pytest
from internships_allocation_rounds import round_of

from internships.domain.allocation import (
    Allocation,
    Instance,
    Position,
    Student,
    allocate,
    check_stable,
    compare,
    validate,
)
from praxis_common.errors import InvalidInput

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
