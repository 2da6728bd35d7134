"""Allocation rounds without I/O: what a student is told about each position above their match is true and
singles nobody out."""

from __future__ import annotations

from hypothesis import given
from internships_allocation_rounds import PROPERTIES, assert_standing, instances, rank_in_list

from internships.domain.allocation import (
    Instance,
    Position,
    Reason,
    Student,
    TieRule,
    allocate,
    preference_keys,
    rejection,
)


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
            if instance.tie_rule is TieRule.LOTTERY:  # every holder won against the student, lottery included
                assert all(keys[position.id][h] < keys[position.id][student.id] for h in held)
            else:  # improvement cycles trade seats inside a band: no holder is in a worse band than the student
                assert all(keys[position.id][h][0] <= keys[position.id][student.id][0] for h in held)
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


@PROPERTIES
@given(instances())
def test_a_run_keeps_no_more_than_its_explanations_show(instance):
    """What a stored run keeps to explain a student (Allocation.passed_over, with positions()) rebuilds the student's
    explanation exactly, and keeps no band the explanation does not show: none where the position does not accept
    the student, 0 where it offered no seats (the student's place in an enterprise's ranking is not told there)."""
    result = allocate(instance)
    facts = result.positions()
    for student in instance.students:
        kept = result.passed_over(student.id)
        rebuilt = tuple(rejection(pid, facts[pid], band) for pid, band in kept)
        assert rebuilt == result.explain(student.id)
        for (_, band), r in zip(kept, rebuilt, strict=True):
            if r.reason is Reason.NOT_RANKED:
                assert band is None
            elif r.reason is Reason.NO_SEATS:
                assert band == 0


def test_students_who_lose_the_same_tie_are_told_the_same():
    students = tuple(Student(sid, ("P",)) for sid in ("x", "y", "z"))
    instance = Instance(students, (Position("P", 1, ranking=(("x", "y", "z"),)),), seed=11)
    result = allocate(instance)
    losers = [sid for sid, match in result.matches.items() if match is None]
    assert len(losers) == 2
    first, second = (result.explain(sid) for sid in losers)
    assert first == second and first[0].lost_on_draw
