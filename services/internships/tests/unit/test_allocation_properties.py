"""Allocation rounds without I/O, as properties: every result stable and independent of input order; on tiny rounds
brute force confirms the student-optimal stable matching (the lottery alone) and that improvement cycles leave no
stable matching better for the students; at 5,000 students no stable improvement cycle remains."""

from __future__ import annotations

import dataclasses
import random

from hypothesis import given, settings
from hypothesis import strategies as st
from internships_allocation_rounds import (
    BRUTE_FORCE,
    PROPERTIES,
    contested_rounds,
    has_improvement_cycle,
    instances,
    large_tied_round,
    rank_in_list,
    shuffled,
    stable_matchings,
    tied_rounds,
)

from internships.domain.allocation import ALGORITHM_VERSIONS, TieRule, allocate, check_stable, compare, input_hash

# ---- properties ----


@PROPERTIES
@given(instances())
def test_every_result_is_stable_and_covers_every_student(instance):
    result = allocate(instance)
    assert check_stable(instance, result.matches) == []
    assert set(result.matches) == {s.id for s in instance.students}
    assert all(result.filled()[p.id] <= p.capacity for p in instance.positions)
    assert result.algorithm_version == ALGORITHM_VERSIONS[instance.tie_rule] and result.seed == instance.seed


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
    instance = dataclasses.replace(instance, tie_rule=TieRule.LOTTERY)
    result = allocate(instance)
    stable = list(stable_matchings(instance))
    assert dict(result.matches) in stable
    for other in stable:
        for student in instance.students:
            assert rank_in_list(instance, student.id, result.matches[student.id]) <= rank_in_list(
                instance, student.id, other[student.id]
            ), f"{student.id} does better in another stable matching: {other}"


def ranks(instance, matching) -> list[int]:
    return [rank_in_list(instance, s.id, matching[s.id]) for s in instance.students]


@BRUTE_FORCE
@given(st.one_of(tied_rounds(), instances(max_students=5, max_positions=3, max_capacity=2)))
def test_with_ties_no_stable_matching_is_better_for_the_students_than_the_improved_one(instance):
    """Stable for the orders as given (ties and all), at least as good as the lottery's matching for every student,
    and not Pareto-dominated by any stable matching: brute force over every assignment."""
    improved = allocate(dataclasses.replace(instance, tie_rule=TieRule.IMPROVED))
    lottery = allocate(dataclasses.replace(instance, tie_rule=TieRule.LOTTERY))
    stable = list(stable_matchings(instance, by_band=True))
    assert dict(improved.matches) in stable
    mine = ranks(instance, improved.matches)
    assert all(a <= b for a, b in zip(mine, ranks(instance, lottery.matches), strict=True))
    moved = [s for s in instance.students if improved.matches[s.id] != lottery.matches[s.id]]
    assert improved.improved == len(moved)
    for other in stable:
        theirs = ranks(instance, other)
        dominates = all(t <= m for t, m in zip(theirs, mine, strict=True)) and theirs != mine
        assert not dominates, f"{other} is stable and better for some students, worse for none, than {improved.matches}"


@settings(max_examples=4, database=None, deadline=None)
@given(st.integers(0, 2**32))
def test_at_5000_students_no_stable_improvement_cycle_remains(seed):
    instance = large_tied_round(random.Random(seed))
    lottery = allocate(dataclasses.replace(instance, tie_rule=TieRule.LOTTERY))
    improved = allocate(instance)
    assert check_stable(instance, improved.matches) == []
    assert not has_improvement_cycle(instance, improved.matches)
    assert has_improvement_cycle(instance, lottery.matches) == (improved.improved > 0)
    better = [
        s.id
        for s in instance.students
        if rank_in_list(instance, s.id, improved.matches[s.id]) < rank_in_list(instance, s.id, lottery.matches[s.id])
    ]
    worse = [
        s.id
        for s in instance.students
        if rank_in_list(instance, s.id, improved.matches[s.id]) > rank_in_list(instance, s.id, lottery.matches[s.id])
    ]
    assert worse == [] and len(better) == improved.improved
