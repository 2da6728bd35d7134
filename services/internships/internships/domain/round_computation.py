"""A round's computation on its frozen inputs (handlers.rounds.compute.round_inputs): the allocation, its
independent stability check, and what a run stores. Pure and picklable both ways, so that it runs in a worker
process of its own (praxis_common.worker_process)."""

from __future__ import annotations

import json
from dataclasses import dataclass

from internships.domain import allocation
from internships.domain.rounds import split_student_key


def instance_of(inputs: dict) -> allocation.Instance:
    return allocation.Instance(
        students=tuple(allocation.Student(sid, tuple(prefs), frozenset(c)) for sid, prefs, c in inputs["students"]),
        positions=tuple(
            allocation.Position(pid, seats, frozenset(tags), None if r is None else tuple(map(tuple, r)))
            for pid, seats, tags, r in inputs["positions"]
        ),
        seed=inputs["seed"],
        tie_rule=inputs.get("tie_rule", allocation.TieRule.LOTTERY),  # runs stored before tie rules: the lottery
    )


@dataclass(frozen=True)
class Computed:
    input_hash: str
    algorithm_version: str
    inputs_json: str
    matches: list[tuple]  # (school_org, student_ref, position_id, choice, passed_over, bands): RunRepository.add_run
    positions: list[tuple]  # (position_id, seats, tags, ranked, cutoff): domain.allocation.PositionFacts
    students: int
    matched: int
    violations: list[str]


def compute(inputs: dict) -> Computed:
    """The CPU-bound part: allocate the inputs (round_inputs), verify independently, and lay
    out what is stored: each student's match with the positions they were passed over at and their band there, and
    each position's facts. A student's explanation is built from these when it is read (results.explained)."""
    instance = instance_of(inputs)
    result = allocation.allocate(instance)
    violations = allocation.check_stable(instance, result.matches)
    matches, matched = [], 0
    for sid, pid in result.matches.items():
        school, ref = split_student_key(sid)
        above = result.passed_over(sid)
        choice = None
        if pid is not None:
            matched += 1
            choice = len(above) + 1
        matches.append((school, ref, pid, choice, [p for p, _ in above], [band for _, band in above]))
    return Computed(
        allocation.input_hash(instance),
        result.algorithm_version,
        json.dumps(inputs),
        matches,
        [(pid, *facts) for pid, facts in result.positions().items()],
        len(instance.students),
        matched,
        violations,
    )


def compare(inputs_a: dict, inputs_b: dict) -> list[allocation.Move]:
    """Each student whose match differs between two runs' inputs, with why (allocation.compare)."""
    return allocation.compare(allocation.allocate(instance_of(inputs_a)), allocation.allocate(instance_of(inputs_b)))
