"""Attendance through gRPC (praxis.internships.v1.AttendanceService): the same use cases as REST, the same refusals
mapped to status codes (INVALID_ARGUMENT naming the field, PERMISSION_DENIED, NOT_FOUND, FAILED_PRECONDITION)."""

from __future__ import annotations

from datetime import date, timedelta

import grpc
import httpx
import pytest
import pytest_asyncio

from praxis.internships.v1 import attendance_pb2 as pb
from praxis.internships.v1 import attendance_pb2_grpc as pb_grpc
from praxis_dev.testing.stack import Stack

TODAY = date.today()
FIRST = TODAY - timedelta(days=TODAY.weekday() + 14)  # the Monday two weeks ago
SCHOOL, ENTERPRISE, STUDENT = "school-gatt", "ent-gatt", "stu-gatt"
ANN = f"{ENTERPRISE}:ann"


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def placement(stack: Stack, start_placement, assign_mentor) -> dict:
    async with httpx.AsyncClient(base_url=stack["internships"].base_url, timeout=30) as c:
        made = await start_placement(
            c, SCHOOL, ENTERPRISE, STUDENT, starts_on=FIRST, duties=[{"name": "listings", "kind": "core"}]
        )
    made["ann"] = await assign_mentor(made, ANN)
    return made


@pytest.fixture
async def stub(stack):
    async with grpc.aio.insecure_channel(stack["internships"].grpc_target) as ch:
        yield pb_grpc.AttendanceServiceStub(ch)


def meta(stack: Stack, org: str, kind: str, role: str, sub: str | None = None) -> tuple:
    return (("authorization", f"Bearer {stack.token(org, kind, role, sub=sub)}"),)


def day(n: int) -> str:
    return (FIRST + timedelta(days=n)).isoformat()


async def refused(call) -> grpc.aio.AioRpcError:
    with pytest.raises(grpc.aio.AioRpcError) as err:
        await call
    return err.value


async def test_days_recorded_a_week_attested_and_reported(stack, placement, stub):
    pid = placement["id"]
    student = meta(stack, SCHOOL, "school", "student", STUDENT)
    for n in range(5):
        r = await stub.RecordAttendanceDay(
            pb.RecordAttendanceDayRequest(
                placement_id=pid,
                day=day(n),
                status=pb.ATTENDANCE_DAY_STATUS_PRESENT,
                check_in="09:00",
                check_out="16:30",
            ),
            metadata=student,
        )
        assert (r.day.status, r.day.hours) == (pb.ATTENDANCE_DAY_STATUS_PRESENT, "7.50")
    request = pb.AttestAttendanceWeekRequest(
        placement_id=pid, week_start=day(0), disputed_days=[pb.DisputedDay(day=day(4), reason="left early")]
    )
    for who, code in (
        (meta(stack, ENTERPRISE, "enterprise", "mentor", f"{ENTERPRISE}:bo"), grpc.StatusCode.PERMISSION_DENIED),
        (meta(stack, SCHOOL, "school", "admin"), grpc.StatusCode.PERMISSION_DENIED),
        (meta(stack, "ent-gatt-other", "enterprise", "mentor", ANN), grpc.StatusCode.NOT_FOUND),
        (meta(stack, SCHOOL, "school", "student", "stu-gatt-other"), grpc.StatusCode.NOT_FOUND),
    ):
        assert (await refused(stub.AttestAttendanceWeek(request, metadata=who))).code() == code
    ann = meta(stack, ENTERPRISE, "enterprise", "mentor", ANN)
    week = (await stub.AttestAttendanceWeek(request, metadata=ann)).week
    assert (week.present_days, week.present_hours, week.revision) == (4, "30.00", 1)
    assert week.mentor_id == placement["ann"]["id"] and [d.day for d in week.disputed_days] == [day(4)]
    seen = await stub.GetAttendance(pb.GetAttendanceRequest(placement_id=pid), metadata=student)
    assert len(seen.days) == 5 and seen.summary.present_days == 4 and len(seen.weeks) == 1
    hr = meta(stack, ENTERPRISE, "enterprise", "hr")
    report = await stub.ListPlacementAttendance(pb.ListPlacementAttendanceRequest(), metadata=hr)
    assert [p.placement_id for p in report.placements] == [pid] and report.next_page_token == ""
    unattested = await stub.ListUnattestedWeeks(pb.ListUnattestedWeeksRequest(page_size=1), metadata=hr)
    assert [w.week_start for w in unattested.weeks] == [day(7)]
    anomalies = await stub.ListAttendanceAnomalies(pb.ListAttendanceAnomaliesRequest(), metadata=hr)
    assert list(anomalies.anomalies) == []


async def test_leave_over_grpc_with_an_idempotency_key(stack, placement, stub):
    pid = placement["id"]
    student = meta(stack, SCHOOL, "school", "student", STUDENT)
    ask = pb.RequestLeaveRequest(placement_id=pid, first_day=day(8), last_day=day(8), reason="exam")
    keyed = (*student, ("idempotency-key", "leave-gatt-1"))
    first = (await stub.RequestLeave(ask, metadata=keyed)).leave_request
    again = (await stub.RequestLeave(ask, metadata=keyed)).leave_request
    assert first.id == again.id and first.status == pb.LEAVE_REQUEST_STATUS_PENDING
    decide = pb.DecideLeaveRequestRequest(placement_id=pid, request_id=first.id, approve=False)
    ann = meta(stack, ENTERPRISE, "enterprise", "mentor", ANN)
    err = await refused(stub.DecideLeaveRequest(decide, metadata=ann))
    assert err.code() == grpc.StatusCode.INVALID_ARGUMENT and "comments" in err.details()
    decide.comments = "the store launch is that day"
    decided = (await stub.DecideLeaveRequest(decide, metadata=ann)).leave_request
    assert decided.status == pb.LEAVE_REQUEST_STATUS_REJECTED and decided.mentor_id == placement["ann"]["id"]
    again = await refused(stub.DecideLeaveRequest(decide, metadata=ann))
    assert again.code() == grpc.StatusCode.FAILED_PRECONDITION
    got = await stub.GetLeaveRequest(pb.GetLeaveRequestRequest(placement_id=pid, request_id=first.id), metadata=student)
    assert got.leave_request.comments == "the store launch is that day"


@pytest.mark.parametrize(
    ("request_", "field"),
    [
        (dict(day="2020-01-06", status=pb.ATTENDANCE_DAY_STATUS_ABSENT, reason="x"), "day"),  # before the placement
        (dict(day="someday", status=pb.ATTENDANCE_DAY_STATUS_ABSENT, reason="x"), "day"),
        (dict(day=day(1), status=pb.ATTENDANCE_DAY_STATUS_UNSPECIFIED, reason="x"), "status"),
        (dict(day=day(1), status=pb.ATTENDANCE_DAY_STATUS_LEAVE), "status"),
        (dict(day=day(1), status=pb.ATTENDANCE_DAY_STATUS_ABSENT), "reason"),
        (dict(day=day(1), status=pb.ATTENDANCE_DAY_STATUS_PRESENT, check_in="9 am", check_out="17:00"), "check_in"),
    ],
)
async def test_bad_input_is_invalid_argument_naming_the_field(stack, placement, stub, request_, field):
    err = await refused(
        stub.RecordAttendanceDay(
            pb.RecordAttendanceDayRequest(placement_id=placement["id"], **request_),
            metadata=meta(stack, SCHOOL, "school", "student", STUDENT),
        )
    )
    assert err.code() == grpc.StatusCode.INVALID_ARGUMENT and field in err.details(), err.details()
