"""gRPC methods of the monthly ministry report (MinistryReportService): the same handlers as REST."""

from __future__ import annotations

from internships.handlers import ministry_report as handlers
from internships.schemas.ministry_report import DownloadIn, MinistryReportPreview, month_of
from praxis.internships.v1 import ministry_pb2 as pb
from praxis.internships.v1 import ministry_pb2_grpc as pb_grpc
from praxis_common.rpc import principal
from praxis_common.service import Runtime
from praxis_common.validation import validate


class MinistryReportServicer(pb_grpc.MinistryReportServiceServicer):
    def __init__(self, rt: Runtime) -> None:
        self.rt = rt

    async def PreviewMinistryReport(
        self, request: pb.PreviewMinistryReportRequest, context
    ) -> pb.MinistryReportPreview:
        p = MinistryReportPreview.of(await handlers.preview(month_of(request.month), principal(), uow=self.rt.uow))
        return pb.MinistryReportPreview(
            month=p.month,
            placements=p.placements,
            ready=p.ready,
            problems=[
                pb.MinistryReportRowProblem(
                    placement_id=x.placement_id, student_ref=x.student_ref or "", missing=x.missing
                )
                for x in p.problems
            ],
            previous_month=p.previous_month,
            previous_month_downloaded=p.previous_month_downloaded,
            changes_since_previous_month=[
                pb.MinistryReportChange(placement_id=c.placement_id, kind=c.kind, fields=c.fields)
                for c in p.changes_since_previous_month
            ],
        )

    async def DownloadMinistryReport(self, request: pb.DownloadMinistryReportRequest, context) -> pb.MinistryReportFile:
        body = validate(DownloadIn, {"format": request.format} if request.format else {})
        d = await handlers.download(
            month_of(request.month), body.format, principal(), uow=self.rt.uow, clock=self.rt.clock
        )
        return pb.MinistryReportFile(
            month=str(d.month),
            format=d.fmt,
            media_type=d.media_type,
            filename=d.filename,
            sha256=d.sha256,
            placements=d.placements,
            content=d.content,
        )
