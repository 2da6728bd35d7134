"""REST routes of an allocation round's runs and results (/v1/rounds/{id}/runs, /v1/rounds/{id}/result)."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response

from internships.handlers import rounds as handlers
from internships.http.rounds import PREFIX, TAGS
from internships.schemas.round_results import (
    RESULT_PAGE_DEFAULT,
    RESULT_PAGE_MAX,
    CompareRead,
    ResultRead,
    RunPage,
    RunRead,
)
from praxis_common import bulk
from praxis_common.http import PrincipalDep
from praxis_common.queries import PageSize, PageToken
from praxis_common.service import Runtime


def router(rt: Runtime) -> APIRouter:
    r = APIRouter(prefix=PREFIX, tags=TAGS)

    @r.get(
        "/{round_id}/runs",
        operation_id="listRuns",
        response_model=RunPage,
        summary="The round's computed runs (schools)",
    )
    async def runs(
        round_id: uuid.UUID, principal: PrincipalDep, page_size: PageSize = 50, page_token: PageToken = None
    ) -> RunPage:
        """Every run, oldest first, with its input hash, algorithm version and seed."""
        rnd, items, token = await handlers.list_runs(
            round_id, principal, uow=rt.uow, page_size=page_size, page_token=page_token
        )
        return RunPage(
            items=[RunRead.of(x, published_run_id=rnd.published_run_id) for x in items], next_page_token=token
        )

    @r.get(
        "/{round_id}/runs/compare",
        operation_id="compareRuns",
        response_model=CompareRead,
        summary="Compare two runs (schools)",
    )
    async def compare(
        round_id: uuid.UUID,
        principal: PrincipalDep,
        a: Annotated[uuid.UUID, Query(description="The earlier run")],
        b: Annotated[uuid.UUID, Query(description="The later run")],
        page_size: Annotated[int, Query(ge=1, le=RESULT_PAGE_MAX)] = RESULT_PAGE_DEFAULT,
        page_token: PageToken = None,
    ) -> Response:
        """A page of the caller school's students whose match differs from run a to run b (by student), each with
        why (from the run that explains the move). Equal inputs give no moves."""
        run_a, run_b, moves, token = await handlers.compare_runs(
            round_id, a, b, principal, uow=rt.uow, page_size=page_size, page_token=page_token
        )
        return await bulk.json_response(lambda: CompareRead.of(run_a, run_b, moves, token))

    @r.get(
        "/{round_id}/result",
        operation_id="getRoundResult",
        response_model=ResultRead,
        summary="The round's result for the caller",
    )
    async def result(
        round_id: uuid.UUID,
        principal: PrincipalDep,
        run_id: Annotated[uuid.UUID | None, Query(description="A run of the round (default: the latest)")] = None,
        page_size: Annotated[int, Query(ge=1, le=RESULT_PAGE_MAX)] = RESULT_PAGE_DEFAULT,
        page_token: PageToken = None,
    ) -> Response:
        """A school: its own students' matches (or none), each with the explanation of every position listed
        above the match: full with students it ranked higher (with where the student and the last admitted
        stood), not ranked by the enterprise, or no seats offered. A student: their own. An enterprise: the
        students matched to its positions, without explanations, once the round is published. With each, the
        seats offered and filled per position the caller may see."""
        found = await handlers.get_result(
            round_id, principal, uow=rt.uow, run_id=run_id, page_size=page_size, page_token=page_token
        )
        return await bulk.json_response(lambda: ResultRead.of(found))

    return r
