"""Computing a round: run the allocation on the frozen inputs and store the run, reproducibly."""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Sequence

from internships import policy
from internships.domain import round_computation
from internships.domain.round_views import RoundPosition, RoundStudent, Run
from internships.domain.rounds import Round, UnstableAllocation, student_key
from internships.handlers.rounds.access import party, school_round, shown
from praxis_common import metrics, pages
from praxis_common.auth import Principal
from praxis_common.bulk import bulk_step
from praxis_common.errors import (
    Forbidden,
)
from praxis_common.uow import Clock, UowFactory, utc_clock
from praxis_common.worker_process import in_worker_process

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
            computed = await in_worker_process(round_computation.compute, inputs)
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
