"""Weekly reports through gRPC (praxis.internships.v1.WeeklyReportsService): the same use cases, validation and
refusals as REST, and the review reports."""

from __future__ import annotations

import grpc
import pytest
import pytest_asyncio
from weekly_report_world import WEEKS, mentored_placement

from praxis.internships.v1 import weekly_reports_pb2 as pb
from praxis.internships.v1 import weekly_reports_pb2_grpc as pb_grpc
from praxis_dev.testing.stack import Stack

SCHOOL, ENTERPRISE, STUDENT = "school-gwr", "ent-gwr", "stu-gwr"
TEACHER, MENTOR = f"{SCHOOL}:wu", f"{ENTERPRISE}:li"


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def placement(stack: Stack, start_placement, assign_mentor) -> dict:
    return await mentored_placement(
        stack,
        start_placement,
        assign_mentor,
        school=SCHOOL,
        enterprise=ENTERPRISE,
        student=STUDENT,
        teacher=TEACHER,
        mentor=MENTOR,
    )


@pytest.fixture
async def stub(stack):
    async with grpc.aio.insecure_channel(stack["internships"].grpc_target) as ch:
        yield pb_grpc.WeeklyReportsServiceStub(ch)


def meta(stack: Stack, org: str, kind: str, role: str, sub: str | None = None) -> tuple:
    return (("authorization", f"Bearer {stack.token(org, kind, role, sub=sub)}"),)


async def refused(call) -> grpc.aio.AioRpcError:
    with pytest.raises(grpc.aio.AioRpcError) as err:
        await call
    return err.value


def filing(placement: dict, week, **fields) -> pb.FileWeeklyReportRequest:
    return pb.FileWeeklyReportRequest(
        placement_id=placement["id"],
        week_start=fields.pop("week_start", str(week)),
        text=fields.pop("text", "Ran the spring campaign's listings."),
        evidence=fields.pop("evidence", ["https://drive.example.com/gwr"]),
        duties=fields.pop("duties", ["listings"]),
        **fields,
    )


async def test_a_report_is_filed_reviewed_commented_and_counted(stack, placement, stub):
    student = meta(stack, SCHOOL, "school", "student", STUDENT)
    teacher = meta(stack, SCHOOL, "school", "teacher", TEACHER)
    filed = (await stub.FileWeeklyReport(filing(placement, WEEKS[0]), metadata=student, timeout=10)).report
    assert filed.status == pb.WEEKLY_REPORT_STATUS_SUBMITTED and filed.kind == pb.WEEKLY_REPORT_KIND_WEEKLY
    assert list(filed.duties) == ["listings"] and not filed.HasField("score")

    review = pb.ReviewWeeklyReportRequest(
        placement_id=placement["id"],
        week_start=WEEKS[0].isoformat(),
        decision=pb.WEEKLY_REPORT_DECISION_ACCEPTED,
        score=90,
    )
    hr = meta(stack, ENTERPRISE, "enterprise", "hr")
    assert (await refused(stub.ReviewWeeklyReport(review, metadata=hr, timeout=10))).code() == (
        grpc.StatusCode.PERMISSION_DENIED
    )
    outsider = meta(stack, "school-gwr-other", "school", "teacher", TEACHER)
    assert (await refused(stub.ReviewWeeklyReport(review, metadata=outsider, timeout=10))).code() == (
        grpc.StatusCode.NOT_FOUND
    )
    accepted = (await stub.ReviewWeeklyReport(review, metadata=teacher, timeout=10)).report
    assert (accepted.status, accepted.score, accepted.reviewed_by) == (pb.WEEKLY_REPORT_STATUS_ACCEPTED, 90, TEACHER)
    again = await refused(stub.FileWeeklyReport(filing(placement, WEEKS[0]), metadata=student, timeout=10))
    assert again.code() == grpc.StatusCode.FAILED_PRECONDITION

    comment = pb.CommentWeeklyReportRequest(placement_id=placement["id"], week_start=WEEKS[0].isoformat(), text="Good")
    mentor = meta(stack, ENTERPRISE, "enterprise", "mentor", MENTOR)
    commented = (await stub.CommentWeeklyReport(comment, metadata=mentor, timeout=10)).report
    assert [(c.side, c.author) for c in commented.comments] == [("enterprise", MENTOR)]

    listed = await stub.GetWeeklyReports(
        pb.GetWeeklyReportsRequest(placement_id=placement["id"]), metadata=student, timeout=10
    )
    assert (listed.weekly_accepted, listed.weekly_filed) == (1, 1)
    assert listed.school_mentor_id == placement["teacher"]["id"]


async def test_bad_input_is_invalid_argument_naming_the_field(stack, placement, stub):
    student = meta(stack, SCHOOL, "school", "student", STUDENT)
    for request, field in (
        (filing(placement, WEEKS[1], text="x" * 10_001), "text"),
        (filing(placement, WEEKS[1], evidence=["http://plain.example.com"]), "evidence.0"),
        (filing(placement, WEEKS[1], duties=["coffee runs"]), "duties.0"),
        (filing(placement, WEEKS[1], kind=7), "kind"),
        (filing(placement, WEEKS[1], week_start="2027-02-30"), "week_start"),
    ):
        err = await refused(stub.FileWeeklyReport(request, metadata=student, timeout=10))
        assert err.code() == grpc.StatusCode.INVALID_ARGUMENT and field in err.details(), (field, err.details())
    undecided = pb.ReviewWeeklyReportRequest(placement_id=placement["id"], week_start=WEEKS[0].isoformat())
    err = await refused(
        stub.ReviewWeeklyReport(undecided, metadata=meta(stack, SCHOOL, "school", "teacher", TEACHER), timeout=10)
    )
    assert err.code() == grpc.StatusCode.INVALID_ARGUMENT and "decision" in err.details()
    admin = meta(stack, SCHOOL, "school", "admin")
    err = await refused(
        stub.GetWeeklyReportShortfalls(pb.GetWeeklyReportShortfallsRequest(minimum=0), metadata=admin, timeout=10)
    )
    assert err.code() == grpc.StatusCode.INVALID_ARGUMENT and "minimum" in err.details()


async def test_the_review_reports(stack, placement, stub):
    student = meta(stack, SCHOOL, "school", "student", STUDENT)
    await stub.FileWeeklyReport(filing(placement, WEEKS[2]), metadata=student, timeout=10)
    teacher = meta(stack, SCHOOL, "school", "teacher", TEACHER)
    queue = await stub.GetReviewQueue(pb.GetReviewQueueRequest(), metadata=teacher, timeout=10)
    assert [(p.placement_id, p.period_start) for p in queue.pending] == [(placement["id"], WEEKS[2].isoformat())]
    assert float(queue.pending[0].waiting_hours) >= 0 and not queue.teachers
    admin = meta(stack, SCHOOL, "school", "admin")
    school_queue = await stub.GetReviewQueue(pb.GetReviewQueueRequest(), metadata=admin, timeout=10)
    assert [(t.mentor_account, t.pending) for t in school_queue.teachers] == [(TEACHER, 1)]
    rates = await stub.GetReviewRates(pb.GetReviewRatesRequest(), metadata=admin, timeout=10)
    assert (rates.school.filed, rates.school.accepted, rates.school.rate) == (2, 1, "0.5000")
    short = await stub.GetWeeklyReportShortfalls(pb.GetWeeklyReportShortfallsRequest(), metadata=admin, timeout=10)
    assert not short.HasField("minimum") and {p.minimum for p in short.placements} == {12}
    assert [(s.placement_id, s.accepted, s.missing) for s in short.placements] == [(placement["id"], 1, 11)]
    hr = meta(stack, ENTERPRISE, "enterprise", "hr")
    err = await refused(stub.GetReviewQueue(pb.GetReviewQueueRequest(), metadata=hr, timeout=10))
    assert err.code() == grpc.StatusCode.PERMISSION_DENIED
