"""A round's results as each party may see them, and what moved between two runs."""

from __future__ import annotations

import asyncio
import uuid
from dataclasses import replace

from internships import policy
from internships.domain import allocation, round_computation
from internships.domain.round_views import Match, Run
from internships.domain.rounds import (
    RoundNotComputed,
    split_student_key,
    student_key,
)
from internships.handlers.rounds.access import Result, party, shown
from praxis_common import pages
from praxis_common.auth import Principal
from praxis_common.bulk import bulk_step
from praxis_common.errors import (
    Conflict,
    Forbidden,
    NotFound,
)
from praxis_common.uow import UowFactory
from praxis_common.worker_process import in_worker_process


@bulk_step
async def get_result(
    round_id: uuid.UUID,
    principal: Principal,
    *,
    uow: UowFactory,
    run_id: uuid.UUID | None = None,
    page_size: int = 500,
    page_token: str | None = None,
) -> Result:
    """A run's result as the caller may see it: a school, its own students' matches with explanations (any run,
    the latest by default); a student, their own; an enterprise, the students matched to its positions, once
    the round is published (the published run only)."""
    after = pages.decode_page_token(page_token, str, str) if page_token else None
    async with uow() as u:
        repo = u.rounds
        rnd = await repo.get(round_id)
        side = await party(repo, rnd, principal)
        if side == "enterprise":
            if rnd.published_run_id is None:
                raise Conflict("enterprises see the result once the round is published")
            if run_id is not None and run_id != rnd.published_run_id:
                raise NotFound("no such run")
            run_id = rnd.published_run_id
        run_id = run_id or rnd.latest_run_id
        if run_id is None:
            raise RoundNotComputed("the round has not been computed yet")
        run = await u.runs.run(round_id, run_id)
        if run is None:
            raise NotFound("no such run")
        if side == "school":  # explanations are the schools' and students' only (see the package's docstring)
            own = policy.own_student_ref(principal)
            matches = await u.runs.matches(
                run, school=principal.org, student_ref=own, passed_over=True, after=after, limit=page_size + 1
            )
            matches, token = pages.next_page(matches, page_size, lambda m: (m.school_org, m.student_ref))
            facts = await u.runs.positions(run.id, sorted({pid for m in matches for pid, _ in m.passed_over}))
            matches = [replace(m, explanation=explained(m, facts)) for m in matches]
            positions = await u.runs.fill(run, school=principal.org)
        else:
            matches = await u.runs.matches(run, enterprise=principal.org, after=after, limit=page_size + 1)
            matches, token = pages.next_page(matches, page_size, lambda m: (m.school_org, m.student_ref))
            positions = await u.runs.fill(run, enterprise=principal.org)
    return Result(
        round=shown(principal, rnd),
        run=shown(principal, run),
        published=run.id == rnd.published_run_id,
        matches=matches,
        positions=positions,
        next_page_token=token,
    )


def explained(m: Match, positions: dict[uuid.UUID, allocation.PositionFacts]) -> list[dict]:
    """The student's explanation, built from what their run stored: why not each position listed above the match."""
    return [rejection_json(allocation.rejection(str(pid), positions[pid], band)) for pid, band in m.passed_over]


def rejection_json(r: allocation.Rejection) -> dict:
    return {
        "position_id": r.position_id,
        "reason": r.reason.value,
        "seats": r.seats,
        "position_tags": r.position_tags,
        "you": _standing(r.you),
        "cutoff": _standing(r.cutoff),
        "lost_on_draw": r.lost_on_draw,
        "text": r.describe(),
    }


def _standing(s: allocation.Standing | None) -> dict | None:
    return None if s is None else {"group": s.group, "shared_tags": s.shared_tags}


@bulk_step
async def compare_runs(
    round_id: uuid.UUID,
    run_a: uuid.UUID,
    run_b: uuid.UUID,
    principal: Principal,
    *,
    uow: UowFactory,
    page_size: int = pages.DEFAULT_PAGE_SIZE,
    page_token: str | None = None,
) -> tuple[Run, Run, list[allocation.Move], str | None]:
    """Who moved from run a to run b, and why, for the caller school's students: a page of them, by student.
    Both runs are recomputed from their stored inputs (the same inputs give the same matching); runs of an older
    algorithm version are compared by their stored matches."""
    if page_token:
        pages.decode_page_token(page_token, str)  # refused before the work
    async with uow() as u:
        repo = u.rounds
        rnd = await repo.get(round_id)
        if await party(repo, rnd, principal) != "school":
            raise Forbidden("runs are the schools' working material; enterprises see the published result")
        runs = [await u.runs.run(round_id, r) for r in (run_a, run_b)]
        if None in runs:
            raise NotFound("no such run")
        a, b = runs
        own = policy.own_student_ref(principal)
        if all(r.algorithm_version in allocation.ALGORITHM_VERSIONS.values() for r in runs):
            inputs = [await u.runs.run_inputs(r.id) for r in runs]
        else:
            inputs = None
            stored = [await u.runs.matches(r, school=principal.org, student_ref=own) for r in runs]
    if inputs is not None:
        moves = await in_worker_process(round_computation.compare, *inputs)
    else:
        before = {(m.school_org, m.student_ref): m.position_id for m in stored[0]}
        after = {(m.school_org, m.student_ref): m.position_id for m in stored[1]}
        moves = [
            allocation.Move(
                student_key(*k),
                None if before.get(k) is None else str(before[k]),
                None if after.get(k) is None else str(after[k]),
                "computed by another algorithm version",
            )
            for k in sorted(before.keys() | after.keys())
            if before.get(k) != after.get(k)
        ]
    page, token = await asyncio.to_thread(_moves_page, moves, principal.org, own, page_size, page_token)
    return shown(principal, a), shown(principal, b), page, token


def _moves_page(
    moves: list[allocation.Move], school: str, own: str | None, page_size: int, page_token: str | None
) -> tuple[list[allocation.Move], str | None]:
    """The school's students' moves (a signed-in student's own), by student: one page of them."""
    mine = []
    for m in moves:
        m_school, m_ref = split_student_key(m.student_id)
        if m_school == school and own in (None, m_ref):
            mine.append(m)
    mine.sort(key=lambda m: m.student_id)
    return pages.page_of(mine, page_size, page_token, lambda m: (m.student_id,), str)
