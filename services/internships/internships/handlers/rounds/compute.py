"""Computing a round: run the allocation on the frozen inputs and store the run, reproducibly."""

from __future__ import annotations

import asyncio
import json
import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from internships import policy
from internships.domain import allocation
from internships.domain.round_views import RoundPosition, RoundStudent, Run
from internships.domain.rounds import (
    Round,
    UnstableAllocation,
    split_student_key,
    student_key,
)
from internships.handlers.rounds.access import party, school_round, shown
from praxis_common import metrics, pages
from praxis_common.auth import Principal
from praxis_common.bulk import bulk_step
from praxis_common.errors import (
    Forbidden,
)
from praxis_common.uow import Clock, UowFactory, utc_clock

log = logging.getLogger("praxis.internships.rounds")


def round_inputs(rnd: Round, positions: Sequence[RoundPosition], students: Sequence[RoundStudent]) -> dict:
    """The frozen inputs as stored with a run (JSON), sorted so equal inputs give equal documents. A ranked
    student who has left the round is dropped from the ranking (and a group left empty with them). Each student's key
    and each position's id is one string however often it appears (half a million list entries, a quarter million
    ranking entries on a national round)."""
    members = {(s.school_org, s.student_ref): student_key(s.school_org, s.student_ref) for s in students}
    ids = {p.position_id: str(p.position_id) for p in positions}

    def ranking(stored):
        if stored is None:
            return None
        groups = [[k for k in (members.get(tuple(entry)) for entry in group) if k is not None] for group in stored]
        return [sorted(g) for g in groups if g]

    return {
        "seed": rnd.seed,
        "tie_rule": rnd.tie_rule.value,
        "students": sorted(
            [
                members[s.school_org, s.student_ref],
                [ids.get(p) or str(p) for p in s.preferences],
                sorted(s.profile.get("competencies", [])),
            ]
            for s in students
        ),
        "positions": sorted(
            [str(p.position_id), p.offered_seats or 0, sorted(p.tags or []), ranking(p.ranking)] for p in positions
        ),
    }


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
class _Computed:
    input_hash: str
    algorithm_version: str
    inputs_json: str
    matches: list[tuple]  # (school_org, student_ref, position_id, choice, passed_over, bands): RunRepository.add_run
    positions: list[tuple]  # (position_id, seats, tags, ranked, cutoff): domain.allocation.PositionFacts
    students: int
    matched: int
    violations: list[str]


def _compute(inputs: dict) -> _Computed:
    """The CPU-bound part, run off the event loop: allocate the inputs (round_inputs), verify independently, and lay
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
    return _Computed(
        allocation.input_hash(instance),
        result.algorithm_version,
        json.dumps(inputs),
        matches,
        [(pid, *facts) for pid, facts in result.positions().items()],
        len(instance.students),
        matched,
        violations,
    )


@bulk_step
async def compute_round(round_id: uuid.UUID, principal: Principal, *, uow: UowFactory, clock: Clock = utc_clock) -> Run:
    """Run the allocation on the frozen inputs and store the run: its input hash, the algorithm version, the seed,
    the matches and what explains them. Every result is re-verified by the independent stability checker; a
    failure is a bug, logged and answered 500, and nothing is stored."""
    policy.manager(principal, "school")
    async with uow() as u:
        repo = u.rounds
        rnd = await school_round(repo, round_id, principal, lock="update", owner=True)
        rnd.require_computable()
        positions, students = await repo.positions(round_id), await u.round_students.students(round_id)
        with metrics.allocation_runs.time():
            inputs = await asyncio.to_thread(round_inputs, rnd, positions, students)
            del positions, students  # the rows as read: not kept while the round is allocated
            computed = await asyncio.to_thread(_compute, inputs)
        if computed.violations:
            log.error(
                "allocation failed its stability check",
                extra={
                    "round_id": str(round_id),
                    "input_hash": computed.input_hash,
                    "violations": computed.violations[:20],
                },
            )
            raise UnstableAllocation(
                f"the computed matching broke {len(computed.violations)} stability rule(s); nothing was stored "
                "(a bug: see the server log)"
            )
        now = clock()
        run = Run(
            id=uuid.uuid4(),
            round_id=round_id,
            seq=await u.runs.next_seq(round_id),
            input_hash=computed.input_hash,
            algorithm_version=computed.algorithm_version,
            seed=rnd.seed,
            computed_at=now,
            computed_by=principal.sub,
            students=computed.students,
            matched=computed.matched,
        )
        await u.runs.add_run(run, computed.inputs_json, computed.matches, computed.positions)
        rnd.computed(run.id, now=now)
        await repo.save(rnd)
        await u.commit()
    return run


async def list_runs(
    round_id: uuid.UUID,
    principal: Principal,
    *,
    uow: UowFactory,
    page_size: int = pages.DEFAULT_PAGE_SIZE,
    page_token: str | None = None,
) -> tuple[Round, list[Run], str | None]:
    """A page of the round's runs, oldest first."""
    after = pages.decode_page_token(page_token, int)[0] if page_token else None
    async with uow() as u:
        repo = u.rounds
        rnd = await repo.get(round_id)
        if await party(repo, rnd, principal) != "school":
            raise Forbidden("runs are the schools' working material; enterprises see the published result")
        found = await u.runs.runs(round_id, after=after, limit=page_size + 1)
    page, token = pages.next_page(found, page_size, lambda r: (r.seq,))
    return rnd, [shown(principal, r) for r in page], token
