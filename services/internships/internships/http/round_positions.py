"""REST routes of an allocation round's positions and the enterprises' rankings (/v1/rounds/{id}/positions)."""

from __future__ import annotations

import asyncio
import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response

from internships.handlers import rounds as handlers
from internships.http.rounds import CONFLICTS, PREFIX, TAGS
from internships.schemas.rounds import (
    APPLICANTS_PAGE_DEFAULT,
    APPLICANTS_PAGE_MAX,
    RANKING_MAX_BYTES,
    ApplicantPage,
    RankingIn,
    RoundPositionPage,
    RoundPositionRead,
)
from praxis_common import bulk
from praxis_common.http import PrincipalDep
from praxis_common.queries import PageSize, PageToken
from praxis_common.service import Runtime


def router(rt: Runtime) -> APIRouter:
    r = APIRouter(prefix=PREFIX, tags=TAGS)
    compliance = rt.settings.compliance

    @r.get(
        "/{round_id}/positions",
        operation_id="listRoundPositions",
        response_model=RoundPositionPage,
        summary="Positions in the round",
    )
    async def positions(
        round_id: uuid.UUID, principal: PrincipalDep, page_size: PageSize = 50, page_token: PageToken = None
    ) -> RoundPositionPage:
        """By position id. A school sees the positions it may see anyway (of enterprises it holds an active
        agreement with); an enterprise, its own (`ranked` says whether it ranked one; the applicants page shows
        each applicant's place)."""
        _, items, token = await handlers.list_positions(
            round_id, principal, uow=rt.uow, page_size=page_size, page_token=page_token
        )
        return RoundPositionPage(items=[RoundPositionRead.of(p) for p in items], next_page_token=token)

    @r.put(
        "/{round_id}/positions/{position_id}",
        operation_id="addRoundPosition",
        response_model=RoundPositionRead,
        summary="Add a position to the round (school)",
        responses={**CONFLICTS, 422: {"description": "order class of another enterprise, or compliance-violation"}},
    )
    async def add_position(round_id: uuid.UUID, position_id: uuid.UUID, principal: PrincipalDep) -> RoundPositionRead:
        """A school of the round adds a published position it could book (same visibility and rules as booking);
        adding it again changes nothing. While the round is open."""
        added = await handlers.add_position(
            round_id, position_id, principal, uow=rt.uow, clock=rt.clock, compliance=compliance
        )
        return RoundPositionRead.of(added)

    @r.delete(
        "/{round_id}/positions/{position_id}",
        operation_id="removeRoundPosition",
        status_code=204,
        summary="Take a position out of the round (school)",
        responses=CONFLICTS,
    )
    async def remove_position(round_id: uuid.UUID, position_id: uuid.UUID, principal: PrincipalDep) -> Response:
        """By the school that added it or the owner, while the round is open and no student lists it."""
        await handlers.remove_position(round_id, position_id, principal, uow=rt.uow)
        return Response(status_code=204)

    @r.get(
        "/{round_id}/positions/{position_id}/applicants",
        operation_id="listApplicants",
        response_model=ApplicantPage,
        summary="Applicants of an enterprise's position",
    )
    async def applicants(
        round_id: uuid.UUID,
        position_id: uuid.UUID,
        principal: PrincipalDep,
        page_size: Annotated[int, Query(ge=1, le=APPLICANTS_PAGE_MAX)] = APPLICANTS_PAGE_DEFAULT,
        page_token: PageToken = None,
    ) -> Response:
        """A page of the students listing the enterprise's position (by school and reference), with the profile
        their school shares (not their lists, nor where they list the position) and their tie group in the
        enterprise's current ranking."""
        position, found, token = await handlers.list_applicants(
            round_id, position_id, principal, uow=rt.uow, page_size=page_size, page_token=page_token
        )
        return await bulk.json_response(lambda: ApplicantPage.of(position, found, token))

    @r.put(
        "/{round_id}/positions/{position_id}/ranking",
        operation_id="setRanking",
        max_body_size=RANKING_MAX_BYTES,
        response_model=RoundPositionRead,
        summary="Rank a position's applicants (enterprise)",
        responses={**CONFLICTS, 422: {"description": "a student who did not apply, ranked twice, or an empty group"}},
    )
    async def rank(
        round_id: uuid.UUID, position_id: uuid.UUID, body: Annotated[RankingIn, bulk.Deferred], principal: PrincipalDep
    ) -> Response:
        """Tie groups of applicants, best first (students in one group are tied; the round's lottery orders
        them). Applicants left out are not accepted. While the round is open; the position's enterprise only.
        At most 50,000 students in all, validated off the event loop."""
        ranking = await asyncio.to_thread(lambda: RankingIn.check(body).to_command())
        ranked = await handlers.set_ranking(round_id, position_id, ranking, principal, uow=rt.uow, clock=rt.clock)
        return await bulk.json_response(lambda: RoundPositionRead.of(ranked))

    @r.delete(
        "/{round_id}/positions/{position_id}/ranking",
        operation_id="clearRanking",
        response_model=RoundPositionRead,
        summary="Use the default ranking (enterprise)",
        responses=CONFLICTS,
    )
    async def unrank(round_id: uuid.UUID, position_id: uuid.UUID, principal: PrincipalDep) -> RoundPositionRead:
        """Drops the enterprise's ranking: every applicant is acceptable, ordered by competency fit (tags of the
        position the student shares), ties by the round's lottery."""
        ranked = await handlers.set_ranking(round_id, position_id, None, principal, uow=rt.uow, clock=rt.clock)
        return RoundPositionRead.of(ranked)

    return r
