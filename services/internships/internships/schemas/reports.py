"""Response body of the placement report, shared by the REST and gRPC edges."""

from decimal import Decimal

from pydantic import BaseModel, Field

from internships.handlers.reports import PlacementReport


class PositionFillRead(BaseModel):
    # Two response models are named PositionFillRead, so OpenAPI names each component after the model's module.
    # This one keeps the module it had before the schemas moved (internships.http.reports), so the published
    # component names stay. Hence no `from __future__ import annotations` in this file: pydantic would resolve
    # the annotations in that module.
    __module__ = "internships.http.reports"

    position_id: str
    title: str
    seats: int
    seats_taken: int = Field(description="all seat-holding placements (enterprise view) or the school's own")
    fill_rate: Decimal


class PlacementReportRead(BaseModel):
    by_status: dict[str, int]
    by_tier: dict[int, int] = Field(
        description="placements by their base's confirmed tier: 1 flagship/regional, 2 school-level, 3 basic"
    )
    by_proposed_tier: dict[int, int] = Field(
        description="placements at bases whose tier is not confirmed yet, by the enterprise's proposed tier"
    )
    by_country: dict[str, int]
    positions: list[PositionFillRead]
    core_share_buckets: dict[str, int] = Field(description="placements by approved core-work share")
    core_share_mean: Decimal | None
    placements_without_approved_hours: int = Field(description="started placements with no approved logbook week")
    agreements_without_placements: list[str] = Field(description="active agreements that stay on paper")

    @classmethod
    def of(cls, report: PlacementReport) -> "PlacementReportRead":
        return cls(
            **{k: v for k, v in vars(report).items() if k != "positions"},
            positions=[
                PositionFillRead(**vars(p), fill_rate=fill_rate(p.seats_taken, p.seats)) for p in report.positions
            ],
        )


def fill_rate(seats_taken: int, seats: int) -> Decimal | None:
    """Seats taken per seat, to four places (None for a position without seats)."""
    return (Decimal(seats_taken) / seats).quantize(Decimal("0.0001")) if seats else None
