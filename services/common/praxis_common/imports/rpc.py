"""gRPC twins of the job resource, shared by the importing services. Each service's proto declares the same
messages (ImportJob, ImportRowError, StartImportRequest/Response, GetImportJob…, ListImportJobs…) in its own
package; `ImportJobsServicer` answers GetImportJob and ListImportJobs from the same use cases as the REST routes
(uploads.py), and a service's upload methods call `uploads.submit` and `job_to_pb`."""

from __future__ import annotations

from types import ModuleType
from typing import Any

from praxis_common import pages
from praxis_common.imports import uploads
from praxis_common.imports.jobs import ImportJob
from praxis_common.imports.runner import ImportKind, ImportRunner
from praxis_common.rpc import principal


def _ts(value) -> str:
    return value.isoformat() if value else ""


def job_to_pb(pb: ModuleType, job: ImportJob):
    return pb.ImportJob(
        id=str(job.id),
        kind=job.kind,
        state=job.state.value,
        dry_run=job.dry_run,
        file_sha256=job.file_sha256,
        total=-1 if job.total is None else job.total,
        processed=job.processed,
        created=job.created,
        updated=job.updated,
        unchanged=job.unchanged,
        failed=job.failed,
        errors=[pb.ImportRowError(file=e.file, line=e.line, field=e.field, message=e.message) for e in job.errors],
        errors_more=job.errors_more,
        detail=job.detail or "",
        created_by=job.created_by,
        created_at=_ts(job.created_at),
        started_at=_ts(job.started_at),
        finished_at=_ts(job.finished_at),
    )


class ImportJobsServicer:
    """GetImportJob and ListImportJobs of a service's imports service (mixed in before its generated base)."""

    pb: ModuleType  # the service's imports_pb2

    def __init__(self, rt: Any, kinds: list[ImportKind]) -> None:
        self.rt = rt
        self.kinds = kinds
        self.runner = ImportRunner.of(rt, kinds)

    async def GetImportJob(self, request, context):
        job = await uploads.get_job(request.job_id, principal(), uow=self.rt.uow, kinds=self.kinds)
        return self.pb.GetImportJobResponse(job=job_to_pb(self.pb, job))

    async def ListImportJobs(self, request, context):
        jobs, token = await uploads.list_jobs(
            principal(),
            uow=self.rt.uow,
            kinds=self.kinds,
            page_size=pages.page_size(request.page_size),
            page_token=request.page_token or None,
        )
        return self.pb.ListImportJobsResponse(jobs=[job_to_pb(self.pb, j) for j in jobs], next_page_token=token or "")
