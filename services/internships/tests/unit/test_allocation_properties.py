"""Allocation rounds without I/O, as properties: every result stable and independent of input order, and on tiny
rounds brute force confirms the student-optimal stable matching."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from internships_allocation_rounds import (
    BRUTE_FORCE,
    PROPERTIES,
    contested_rounds,
    instances,
    rank_in_list,
    shuffled,
    stable_matchings,
)

from internships.domain.allocation import ALGORITHM_VERSION, allocate, check_stable, compare, input_hash

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
