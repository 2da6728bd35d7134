"""REST route for reports (/v1/reports): over the caller's own data only."""

from __future__ import annotations

from decimal import Decimal

from fastapi import APIRouter
from pydantic import BaseModel, Field

from internships.handlers import reports as handlers
from praxis_common.http import PrincipalDep
from praxis_common.service import Runtime


class PositionFillRead(BaseModel):
    position_id: str
    title: str
    seats: int
    seats_taken: int = Field(description="all seat-holding placements (enterprise view) or the school's own")
    fill_rate: Decimal


class PlacementReportRead(BaseModel):
    by_status: dict[str, int]
    by_tier: dict[int, int] = Field(description="1 flagship/regional, 2 school-level, 3 basic")
    by_country: dict[str, int]
    positions: list[PositionFillRead]
    core_share_buckets: dict[str, int] = Field(description="placements by approved core-work share")
    core_share_mean: Decimal | None
    placements_without_approved_hours: int = Field(description="started placements with no approved logbook week")
    agreements_without_placements: list[str] = Field(description="active agreements that stay on paper")


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
        report = await handlers.placement_report(principal, uow=rt.uow)
        return PlacementReportRead(
            **{k: v for k, v in vars(report).items() if k != "positions"},
            positions=[
                PositionFillRead(**vars(p), fill_rate=(Decimal(p.seats_taken) / p.seats).quantize(Decimal("0.0001")))
                for p in report.positions
            ],
        )

    return r
