"""gRPC method of the placement report."""

from __future__ import annotations

from internships.handlers import reports as report_handlers
from internships.rpc.messages import Servicer, decimal
from internships.schemas.reports import fill_rate
from praxis.internships.v1 import internships_pb2 as pb
from praxis_common.rpc import principal


class ReportsServicer(Servicer):
    async def GetPlacementReport(self, request: pb.GetPlacementReportRequest, context) -> pb.GetPlacementReportResponse:
        report = await report_handlers.placement_report(principal(), uow=self.rt.uow)
        return pb.GetPlacementReportResponse(
            by_status=report.by_status,
            by_tier=report.by_tier,
            by_proposed_tier=report.by_proposed_tier,
            by_country=report.by_country,
            positions=[
                pb.PositionFill(
                    position_id=p.position_id,
                    title=p.title,
                    seats=p.seats,
                    seats_taken=p.seats_taken,
                    fill_rate=decimal(fill_rate(p.seats_taken, p.seats)),
                )
                for p in report.positions
            ],
            core_share_buckets=report.core_share_buckets,
            core_share_mean=decimal(report.core_share_mean),
            placements_without_approved_hours=report.placements_without_approved_hours,
            agreements_without_placements=report.agreements_without_placements,
        )
