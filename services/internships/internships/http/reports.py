"""REST route for reports (/v1/reports): over the caller's own data only."""

from __future__ import annotations

from fastapi import APIRouter

from internships.handlers import reports as handlers
from internships.schemas.reports import PlacementReportRead
from praxis_common.http import PrincipalDep
from praxis_common.service import Runtime


def router(rt: Runtime) -> APIRouter:
    r = APIRouter(prefix="/v1/reports", tags=["reports"])

    @r.get(
        "/placements",
        operation_id="getPlacementReport",
        response_model=PlacementReportRead,
        summary="Placement report of the caller's organisation",
    )
    async def placements(principal: PrincipalDep) -> PlacementReportRead:
        """Placements by state, base tier and country; seat fill per position; the core-work share
        distribution; active agreements without any placement. A school's report covers its students;
        an enterprise's covers its positions and the students placed with it."""
        return PlacementReportRead.of(await handlers.placement_report(principal, uow=rt.uow))

    return r
