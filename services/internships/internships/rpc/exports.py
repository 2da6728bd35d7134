"""gRPC methods of organisation exports (praxis.internships.v1.ExportsService), through the same use cases as the REST
routes (handlers/exports.py); the archive streams in chunks of at most 1 MiB."""

from __future__ import annotations

from internships.handlers import exports
from internships.rpc.messages import ts
from internships.schemas.exports import ExportJobRead
from praxis.internships.v1 import exports_pb2 as pb
from praxis.internships.v1 import exports_pb2_grpc as pb_grpc
from praxis_common import pages
from praxis_common.auth import bearer_token
from praxis_common.rpc import principal
from praxis_common.service import Runtime

CHUNK_BYTES = 1 << 20


def job_to_pb(job: ExportJobRead) -> pb.ExportJob:
    return pb.ExportJob(
        id=str(job.id),
        state=job.state,
        services=job.services,
        progress=job.progress,
        created_at=ts(job.created_at),
        expires_at=ts(job.expires_at),
        ready_at=ts(job.ready_at),
        requested_by=job.requested_by,
    )


class ExportsServicer(pb_grpc.ExportsServiceServicer):
    def __init__(self, rt: Runtime, setup) -> None:
        self.rt = rt
        self.setup = setup

    def _pb(self, job) -> pb.ExportJob:
        return job_to_pb(ExportJobRead.of(job, self.rt.clock()))

    async def StartExport(self, request, context) -> pb.StartExportResponse:
        job = await exports.start_export(principal(), uow=self.rt.uow, policy=self.setup.policy(), clock=self.rt.clock)
        return pb.StartExportResponse(job=self._pb(job))

    async def GetExport(self, request, context) -> pb.GetExportResponse:
        return pb.GetExportResponse(
            job=self._pb(await exports.get_export(request.job_id, principal(), uow=self.rt.uow))
        )

    async def ListExports(self, request, context) -> pb.ListExportsResponse:
        jobs, token = await exports.list_exports(
            principal(),
            uow=self.rt.uow,
            page_size=pages.page_size(request.page_size),
            page_token=request.page_token or None,
        )
        return pb.ListExportsResponse(jobs=[self._pb(j) for j in jobs], next_page_token=token or "")

    async def GetExportArchive(self, request, context):
        _, archive = await exports.export_archive(
            request.job_id,
            principal(),
            token=bearer_token(dict(context.invocation_metadata() or ()).get("authorization")),
            uow=self.rt.uow,
            sources=self.setup.sources(),
            clock=self.rt.clock,
        )
        try:
            while data := archive.read(CHUNK_BYTES):
                yield pb.ExportArchiveChunk(data=data)
        finally:
            archive.close()
