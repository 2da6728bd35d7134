"""Imports through gRPC (praxis.internships.v1.ImportsService, praxis.mentors.v1.MentorImportsService) against
real processes: the same use cases as REST — a OneRoster bundle queued, its job read until it ends, the roster
listed; teachers imported into mentors; a bundle of another school INVALID_ARGUMENT, another organisation's job
NOT_FOUND, an enterprise PERMISSION_DENIED for the roster."""

from __future__ import annotations

import grpc
import pytest

from praxis.internships.v1 import imports_pb2 as pb
from praxis.internships.v1 import imports_pb2_grpc as pb_grpc
from praxis.mentors.v1 import imports_pb2 as mpb
from praxis.mentors.v1 import imports_pb2_grpc as mpb_grpc
from praxis_dev import oneroster_bundles as bundles
from praxis_dev.testing.stack import eventually

SCHOOL = "school-gimports"


def meta(stack, org: str, kind: str = "school", role: str = "admin") -> tuple:
    return (("authorization", f"Bearer {stack.token(org, kind, role)}"),)


async def refused(call) -> grpc.aio.AioRpcError:
    with pytest.raises(grpc.aio.AioRpcError) as err:
        await call
    return err.value


async def test_a_roster_imported_over_grpc_is_followed_to_its_end_and_listed(stack):
    data = bundles.bundle(SCHOOL, 30, teachers=2)
    async with (
        grpc.aio.insecure_channel(stack["internships"].grpc_target) as ch,
        grpc.aio.insecure_channel(stack["mentors"].grpc_target) as mch,
    ):
        imports, mentors = pb_grpc.ImportsServiceStub(ch), mpb_grpc.MentorImportsServiceStub(mch)
        started = await imports.ImportOneRoster(
            pb.StartImportRequest(content=data), metadata=meta(stack, SCHOOL), timeout=30
        )
        assert started.job.state == "queued" and started.job.total == -1

        async def ended():
            job = (
                await imports.GetImportJob(pb.GetImportJobRequest(job_id=started.job.id), metadata=meta(stack, SCHOOL))
            ).job
            return job if job.state in ("succeeded", "failed") else None

        job = await eventually(ended, timeout=30, what="the import job to end")
        assert (job.state, job.total, job.created, job.failed, job.processed) == ("succeeded", 30, 30, 0, 30)
        listed = await imports.ListImportJobs(pb.ListImportJobsRequest(), metadata=meta(stack, SCHOOL))
        assert [j.id for j in listed.jobs] == [job.id]
        page = await imports.ListStudents(pb.ListStudentsRequest(page_size=5), metadata=meta(stack, SCHOOL))
        assert [s.student_ref for s in page.students] == [f"S{i:06d}" for i in range(5)] and page.next_page_token
        assert page.students[0].programme == "Cross-border e-commerce"

        teachers = await mentors.ImportOneRoster(
            mpb.StartImportRequest(content=data, dry_run=True), metadata=meta(stack, SCHOOL)
        )

        async def counted():
            j = (
                await mentors.GetImportJob(
                    mpb.GetImportJobRequest(job_id=teachers.job.id), metadata=meta(stack, SCHOOL)
                )
            ).job
            return j if j.state == "succeeded" else None

        counted_job = await eventually(counted, timeout=30, what="the teachers' dry run to end")
        assert (counted_job.dry_run, counted_job.total, counted_job.created) == (True, 2, 2)

        other = await refused(
            imports.GetImportJob(pb.GetImportJobRequest(job_id=job.id), metadata=meta(stack, SCHOOL + "-other"))
        )
        assert other.code() == grpc.StatusCode.NOT_FOUND
        bad = await refused(imports.GetImportJob(pb.GetImportJobRequest(job_id="nope"), metadata=meta(stack, SCHOOL)))
        assert bad.code() == grpc.StatusCode.INVALID_ARGUMENT
        foreign = await refused(
            imports.ImportOneRoster(
                pb.StartImportRequest(content=bundles.bundle("else", 1)), metadata=meta(stack, SCHOOL)
            )
        )
        assert foreign.code() == grpc.StatusCode.INVALID_ARGUMENT and "another school" in foreign.details()
        enterprise = await refused(
            imports.ListStudents(pb.ListStudentsRequest(), metadata=meta(stack, "ent-gimports", "enterprise"))
        )
        assert enterprise.code() == grpc.StatusCode.PERMISSION_DENIED
