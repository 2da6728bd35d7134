"""gRPC methods of imports and the student roster (praxis.internships.v1.ImportsService): the uploads and the job
resource as over REST (praxis_common.imports), the roster through handlers.roster."""

from __future__ import annotations

from internships.handlers import roster
from internships.rpc.messages import ts
from internships.schemas.import_kinds import KINDS, ONEROSTER, POSITIONS
from praxis.internships.v1 import imports_pb2 as pb
from praxis.internships.v1 import imports_pb2_grpc as pb_grpc
from praxis_common import pages
from praxis_common.imports import uploads
from praxis_common.imports.rpc import ImportJobsServicer, job_to_pb
from praxis_common.rpc import principal
from praxis_common.service import Runtime


class ImportsServicer(ImportJobsServicer, pb_grpc.ImportsServiceServicer):
    """praxis.internships.v1.ImportsService."""

    pb = pb

    def __init__(self, rt: Runtime) -> None:
        super().__init__(rt, KINDS)

    async def ImportOneRoster(self, request: pb.StartImportRequest, context) -> pb.StartImportResponse:
        job = await uploads.submit(
            ONEROSTER, request.content, principal(), dry_run=request.dry_run, uow=self.rt.uow, runner=self.runner
        )
        return pb.StartImportResponse(job=job_to_pb(pb, job))

    async def ImportPositions(self, request: pb.StartImportRequest, context) -> pb.StartImportResponse:
        job = await uploads.submit(
            POSITIONS, request.content, principal(), dry_run=request.dry_run, uow=self.rt.uow, runner=self.runner
        )
        return pb.StartImportResponse(job=job_to_pb(pb, job))

    async def ListStudents(self, request: pb.ListStudentsRequest, context) -> pb.ListStudentsResponse:
        found, token = await roster.list_students(
            principal(),
            uow=self.rt.uow,
            page_size=pages.page_size(request.page_size),
            page_token=request.page_token or None,
        )
        return pb.ListStudentsResponse(
            students=[
                pb.RosterStudent(
                    student_ref=s.student_ref,
                    display_name=s.display_name or "",
                    programme=s.programme or "",
                    competencies=list(s.competencies),
                    languages=list(s.languages),
                    study_year=s.study_year or 0,
                    created_at=ts(s.created_at),
                    updated_at=ts(s.updated_at),
                )
                for s in found
            ],
            next_page_token=token or "",
        )
