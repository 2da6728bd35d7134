"""Weekly logbooks and the placement report through gRPC: the same use cases as REST."""

from __future__ import annotations

from datetime import date, timedelta

import grpc
import httpx
import pytest
import pytest_asyncio

from praxis.internships.v1 import internships_pb2 as pb
from praxis.internships.v1 import internships_pb2_grpc as pb_grpc
from praxis_dev.testing.stack import Stack

TODAY = date.today()
MONDAY = TODAY - timedelta(days=TODAY.weekday() + 14)  # the Monday two weeks ago
SCHOOL, ENTERPRISE = "school-glog", "ent-glog"


MENTOR = f"{ENTERPRISE}:mentor"  # the account the placement's enterprise mentor signs in with


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def placement(stack: Stack, start_placement, assign_mentor) -> dict:
    """An active placement that began three weeks ago, with one core and one peripheral duty, and its assigned
    enterprise mentor."""
    async with httpx.AsyncClient(base_url=stack["internships"].base_url) as c:
        made = await start_placement(
            c,
            SCHOOL,
            ENTERPRISE,
            "stu-glog",
            starts_on=MONDAY - timedelta(days=7),
            base={"tier": 2, "country": "MY", "city": "Kuala Lumpur", "capacity": 10, "staff": 10_000},
            duties=[{"name": "listings", "kind": "core"}, {"name": "data entry", "kind": "peripheral"}],
        )
    made["mentor"] = await assign_mentor(made, MENTOR)
    return made


@pytest.fixture
async def stub(stack):
    async with grpc.aio.insecure_channel(stack["internships"].grpc_target) as ch:
        yield pb_grpc.InternshipsServiceStub(ch)


def meta(stack: Stack, org: str, kind: str, role: str, **claims: str) -> tuple:
    return (("authorization", f"Bearer {stack.token(org, kind, role, **claims)}"),)


def day(n: int) -> str:
    return (MONDAY + timedelta(days=n)).isoformat()


async def refused(call) -> grpc.aio.AioRpcError:
    with pytest.raises(grpc.aio.AioRpcError) as err:
        await call
    return err.value


async def test_a_week_is_filed_approved_and_counted_in_the_core_work_share(stack, placement, stub):
    pid = placement["id"]
    student = meta(stack, SCHOOL, "school", "student", sub="stu-glog")
    lines = [pb.LogLine(day=day(d), duty="listings", hours="6", start="09:00", end="16:00") for d in range(5)]
    lines += [pb.LogLine(day=day(d), duty="data entry", hours="2") for d in range(5)]
    filed = (
        await stub.FileLogbookWeek(
            pb.FileLogbookWeekRequest(placement_id=pid, week_start=MONDAY.isoformat(), lines=lines),
            metadata=student,
            timeout=10,
        )
    ).week
    assert filed.status == pb.LOGBOOK_WEEK_STATUS_SUBMITTED and filed.week_start == MONDAY.isoformat()
    assert (filed.total_hours, filed.core_hours) == ("40.00", "30.00")
    assert filed.lines[0].start.startswith("09:00") and filed.lines[5].start == "" and not filed.reviewed_at

    review = pb.ReviewLogbookWeekRequest(placement_id=pid, week_start=MONDAY.isoformat(), approve=True)
    hr = meta(stack, ENTERPRISE, "enterprise", "hr")
    not_the_mentor = await refused(stub.ReviewLogbookWeek(review, metadata=hr, timeout=10))
    assert not_the_mentor.code() == grpc.StatusCode.PERMISSION_DENIED
    mentor = meta(stack, ENTERPRISE, "enterprise", "mentor", sub=MENTOR)
    approved = (await stub.ReviewLogbookWeek(review, metadata=mentor, timeout=10)).week
    assert approved.status == pb.LOGBOOK_WEEK_STATUS_APPROVED and approved.reviewed_at and approved.reviewed_by
    assert (approved.reviewed_on_behalf, approved.reviewer_mentor_id) == (False, placement["mentor"]["id"])
    again = await refused(stub.ReviewLogbookWeek(review, metadata=mentor, timeout=10))
    assert again.code() == grpc.StatusCode.FAILED_PRECONDITION

    book = await stub.GetLogbook(
        pb.GetLogbookRequest(placement_id=pid), metadata=meta(stack, SCHOOL, "school", "teacher"), timeout=10
    )
    assert book.placement_id == pid and [w.week_start for w in book.weeks] == [MONDAY.isoformat()]
    assert (book.approved_hours, book.approved_core_hours, book.core_work_share) == ("40.00", "30.00", "0.7500")
    assert book.enterprise_mentor_id == placement["mentor"]["id"]


async def test_hr_reviews_on_the_mentors_behalf_only_explicitly_and_it_is_recorded(stack, placement, stub):
    week = MONDAY + timedelta(days=14)
    filed = pb.FileLogbookWeekRequest(
        placement_id=placement["id"],
        week_start=week.isoformat(),
        lines=[pb.LogLine(day=day(14), duty="listings", hours="4")],
    )
    host = meta(stack, ENTERPRISE, "enterprise", "admin")
    filing = await refused(stub.FileLogbookWeek(filed, metadata=host, timeout=10))
    assert filing.code() == grpc.StatusCode.PERMISSION_DENIED  # the host enterprise files nothing
    await stub.FileLogbookWeek(filed, metadata=meta(stack, SCHOOL, "school", "teacher"), timeout=10)
    review = pb.ReviewLogbookWeekRequest(placement_id=placement["id"], week_start=week.isoformat(), approve=True)
    hr = meta(stack, ENTERPRISE, "enterprise", "hr")
    assert (await refused(stub.ReviewLogbookWeek(review, metadata=hr, timeout=10))).code() == (
        grpc.StatusCode.PERMISSION_DENIED
    )
    review.on_behalf_of_mentor = True
    approved = (await stub.ReviewLogbookWeek(review, metadata=hr, timeout=10)).week
    assert approved.status == pb.LOGBOOK_WEEK_STATUS_APPROVED
    assert (approved.reviewed_on_behalf, approved.reviewer_mentor_id) == (True, placement["mentor"]["id"])


async def test_a_week_that_breaks_the_rules_is_invalid_argument_naming_the_rule(stack, placement, stub):
    week = MONDAY + timedelta(days=7)
    err = await refused(
        stub.FileLogbookWeek(
            pb.FileLogbookWeekRequest(
                placement_id=placement["id"],
                week_start=week.isoformat(),
                lines=[pb.LogLine(day=day(7), duty="listings", hours="9")],
            ),
            metadata=meta(stack, SCHOOL, "school", "coordinator"),
            timeout=10,
        )
    )
    assert err.code() == grpc.StatusCode.INVALID_ARGUMENT and "hours-per-day" in err.details(), err.details()


async def test_bad_input_is_invalid_argument_naming_the_field(stack, placement, stub):
    coordinator = meta(stack, SCHOOL, "school", "coordinator")
    week = (MONDAY + timedelta(days=7)).isoformat()
    for request, field in (
        (pb.FileLogbookWeekRequest(placement_id=placement["id"], week_start="soon", lines=[]), "week_start"),
        (
            pb.FileLogbookWeekRequest(
                placement_id=placement["id"], week_start=week, lines=[pb.LogLine(day=day(7), duty="listings")]
            ),
            "lines.0.hours",
        ),
        (pb.FileLogbookWeekRequest(placement_id="nope", week_start=week), "placement_id"),
    ):
        err = await refused(stub.FileLogbookWeek(request, metadata=coordinator, timeout=10))
        assert err.code() == grpc.StatusCode.INVALID_ARGUMENT and field in err.details(), err.details()


async def test_a_foreign_school_gets_not_found(stack, placement, stub):
    foreign = meta(stack, "school-glog-other", "school", "admin")
    pid = placement["id"]
    missing = await refused(stub.GetLogbook(pb.GetLogbookRequest(placement_id=pid), metadata=foreign, timeout=10))
    assert missing.code() == grpc.StatusCode.NOT_FOUND
    filing = await refused(
        stub.FileLogbookWeek(
            pb.FileLogbookWeekRequest(
                placement_id=pid,
                week_start=MONDAY.isoformat(),
                lines=[pb.LogLine(day=day(0), duty="listings", hours="1")],
            ),
            metadata=foreign,
            timeout=10,
        )
    )
    assert filing.code() == grpc.StatusCode.NOT_FOUND


async def test_the_placement_report_counts_the_active_placement(stack, placement, stub):
    school = await stub.GetPlacementReport(
        pb.GetPlacementReportRequest(), metadata=meta(stack, SCHOOL, "school", "admin"), timeout=10
    )
    assert dict(school.by_status) == {"active": 1}
    # the base's tier is the enterprise's proposal, not confirmed by the school: counted by proposal
    assert dict(school.by_tier) == {} and dict(school.by_proposed_tier) == {2: 1}
    assert dict(school.by_country) == {"MY": 1}
    enterprise = await stub.GetPlacementReport(
        pb.GetPlacementReportRequest(), metadata=meta(stack, ENTERPRISE, "enterprise", "hr"), timeout=10
    )
    assert dict(enterprise.by_status) == {"active": 1}
    [fill] = enterprise.positions
    assert (fill.seats, fill.seats_taken, fill.fill_rate) == (2, 1, "0.5000")
