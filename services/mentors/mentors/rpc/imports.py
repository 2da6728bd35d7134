"""gRPC methods of mentor imports (praxis.mentors.v1.MentorImportsService): the uploads and the job resource as
over REST (praxis_common.imports)."""

from __future__ import annotations

from mentors.schemas.import_kinds import KINDS, MENTORS, ONEROSTER
from praxis.mentors.v1 import imports_pb2 as pb
from praxis.mentors.v1 import imports_pb2_grpc as pb_grpc
from praxis_common.imports import uploads
from praxis_common.imports.rpc import ImportJobsServicer, job_to_pb
from praxis_common.rpc import principal
from praxis_common.service import Runtime


class MentorImportsServicer(ImportJobsServicer, pb_grpc.MentorImportsServiceServicer):
    """praxis.mentors.v1.MentorImportsService."""

    pb = pb

    def __init__(self, rt: Runtime) -> None:
        super().__init__(rt, KINDS)

    async def ImportOneRoster(self, request: pb.StartImportRequest, context) -> pb.StartImportResponse:
        job = await uploads.submit(
            ONEROSTER, request.content, principal(), dry_run=request.dry_run, uow=self.rt.uow, runner=self.runner
        )
        return pb.StartImportResponse(job=job_to_pb(pb, job))

    async def ImportMentors(self, request: pb.StartImportRequest, context) -> pb.StartImportResponse:
        job = await uploads.submit(
            MENTORS, request.content, principal(), dry_run=request.dry_run, uow=self.rt.uow, runner=self.runner
        )
        return pb.StartImportResponse(job=job_to_pb(pb, job))
