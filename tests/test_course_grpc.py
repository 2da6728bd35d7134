"""The internship course through gRPC (praxis.internships.v1.CourseService, and the course fields of BookPlacement and
Placement): the same use cases and the same validation as REST."""

from __future__ import annotations

from datetime import date, timedelta

import grpc
import pytest
import pytest_asyncio
from google.protobuf.field_mask_pb2 import FieldMask

from praxis.internships.v1 import course_pb2 as cpb
from praxis.internships.v1 import course_pb2_grpc as cpb_grpc
from praxis.internships.v1 import internships_pb2 as pb
from praxis.internships.v1 import internships_pb2_grpc as pb_grpc
from praxis_dev.testing.stack import Stack

SCHOOL, ENTERPRISE = "school-gcrs", "ent-gcrs"
FUTURE = date.today() + timedelta(days=30)


def meta(stack: Stack, org: str, kind: str, role: str, **claims: str) -> tuple:
    return (("authorization", f"Bearer {stack.token(org, kind, role, **claims)}"),)


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def position(stack: Stack, internships) -> dict:
    async with internships.client() as c:
        agreement = await internships.agreement(c, SCHOOL, ENTERPRISE)
        return await internships.position(c, ENTERPRISE, agreement, seats=5, starts_on=FUTURE, days=90)


@pytest.fixture
async def channel(stack):
    async with grpc.aio.insecure_channel(stack["internships"].grpc_target) as ch:
        yield ch


async def refused(call) -> grpc.aio.AioRpcError:
    with pytest.raises(grpc.aio.AioRpcError) as err:
        await call
    return err.value


async def book(stack, channel, position, student: str, **course) -> pb.Placement:
    stub = pb_grpc.InternshipsServiceStub(channel)
    request = pb.BookPlacementRequest(position_id=position["id"], student_ref=student, **course)
    return (await stub.BookPlacement(request, metadata=meta(stack, SCHOOL, "school", "admin"), timeout=10)).placement


async def test_booking_takes_the_course_fields_and_the_placement_shows_them(stack, channel, position):
    given = await book(stack, channel, position, "g-stu-1", internship_type="course_practice", cohort="2024")
    plain = await book(stack, channel, position, "g-stu-2")
    assert (given.internship_type, given.organisation_form, given.internship_mode, given.cohort) == (
        "course_practice",
        "dispersed",
        "on_site",
        "2024",
    )
    assert (plain.internship_type, plain.cohort, plain.hours_milestone) == ("post_internship", "", 0)
    bad = await refused(
        pb_grpc.InternshipsServiceStub(channel).BookPlacement(
            pb.BookPlacementRequest(position_id=position["id"], student_ref="g-stu-3", internship_mode="remote"),
            metadata=meta(stack, SCHOOL, "school", "admin"),
            timeout=10,
        )
    )
    assert bad.code() == grpc.StatusCode.INVALID_ARGUMENT and "internship_mode" in bad.details()


async def test_requirements_are_set_and_listed_for_the_school_only(stack, channel):
    stub = cpb_grpc.CourseServiceStub(channel)
    school = meta(stack, SCHOOL, "school", "coordinator")
    made = await stub.SetRequirement(
        cpb.SetRequirementRequest(
            internship_type="observation", cohort="2024", required_hours="40", min_weeks=1, min_weekly_reports=1
        ),
        metadata=school,
        timeout=10,
    )
    assert (made.requirement.internship_type, made.requirement.required_hours) == ("observation", "40.00")
    listed = await stub.ListRequirements(cpb.ListRequirementsRequest(), metadata=school, timeout=10)
    assert [(r.internship_type, r.cohort) for r in listed.requirements] == [("observation", "2024")]
    other = await stub.ListRequirements(
        cpb.ListRequirementsRequest(), metadata=meta(stack, "school-gcrs-other", "school", "admin"), timeout=10
    )
    assert list(other.requirements) == []
    bad = await refused(
        stub.SetRequirement(
            cpb.SetRequirementRequest(internship_type="observation", required_hours="-5", min_weeks=1),
            metadata=school,
            timeout=10,
        )
    )
    assert bad.code() == grpc.StatusCode.INVALID_ARGUMENT and "required_hours" in bad.details()
    by_enterprise = await refused(
        stub.SetRequirement(
            cpb.SetRequirementRequest(internship_type="observation", required_hours="5", min_weeks=1),
            metadata=meta(stack, ENTERPRISE, "enterprise", "hr"),
            timeout=10,
        )
    )
    assert by_enterprise.code() == grpc.StatusCode.PERMISSION_DENIED


async def test_amend_changes_what_the_update_mask_names(stack, channel, position):
    placement = await book(stack, channel, position, "g-stu-4", cohort="2023")
    stub = cpb_grpc.CourseServiceStub(channel)
    school = meta(stack, SCHOOL, "school", "admin")
    new_end = (FUTURE + timedelta(days=60)).isoformat()
    amended = (
        await stub.AmendPlacement(
            cpb.AmendPlacementRequest(
                id=placement.id,
                update_mask=FieldMask(paths=["ends_on", "cohort"]),
                ends_on=new_end,
                internship_mode="virtual",  # not in the mask: unchanged
            ),
            metadata=school,
            timeout=10,
        )
    ).placement
    assert (amended.ends_on, amended.cohort, amended.internship_mode) == (new_end, "", "on_site")
    for mask, field in ((["starts_on"], "starts_on"), (["student_ref"], "update_mask"), ([], "update_mask")):
        bad = await refused(
            stub.AmendPlacement(
                cpb.AmendPlacementRequest(id=placement.id, update_mask=FieldMask(paths=mask)),
                metadata=school,
                timeout=10,
            )
        )
        assert bad.code() == grpc.StatusCode.INVALID_ARGUMENT and field in bad.details(), (mask, bad.details())


async def test_progress_and_amendments_of_a_placement_are_not_found_for_non_parties(stack, channel, position):
    placement = await book(stack, channel, position, "g-stu-5")
    stub = cpb_grpc.CourseServiceStub(channel)
    progress = await stub.GetPlacementProgress(
        cpb.GetPlacementProgressRequest(placement_id=placement.id),
        metadata=meta(stack, SCHOOL, "school", "student", sub="g-stu-5"),
        timeout=10,
    )
    assert progress.status == "no_requirement" and not progress.HasField("requirement")
    assert progress.weekly_reports == 0 and progress.approved_hours == "0"
    for outsider in (
        meta(stack, "school-gcrs-other", "school", "admin"),
        meta(stack, "ent-gcrs-other", "enterprise", "hr"),
        meta(stack, SCHOOL, "school", "student", sub="g-stu-else"),
    ):
        missing = await refused(
            stub.GetPlacementProgress(
                cpb.GetPlacementProgressRequest(placement_id=placement.id), metadata=outsider, timeout=10
            )
        )
        assert missing.code() == grpc.StatusCode.NOT_FOUND
        missing = await refused(
            stub.AmendPlacement(
                cpb.AmendPlacementRequest(id=placement.id, update_mask=FieldMask(paths=["cohort"]), cohort="2020"),
                metadata=outsider,
                timeout=10,
            )
        )
        assert missing.code() == grpc.StatusCode.NOT_FOUND
