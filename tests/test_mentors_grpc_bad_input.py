"""The mentors gRPC API against real processes: bad requests are INVALID_ARGUMENT naming the field."""

from __future__ import annotations

import grpc
import pytest
from mentors_grpc_calls import DEADLINE, SCHOOL, TODAY, meta

from praxis.mentors.v1 import mentors_pb2 as pb

pytest_plugins = ["mentors_grpc_calls"]  # the stub fixture


@pytest.mark.parametrize(
    ("method", "request_", "field"),
    [
        ("CreateMentor", pb.CreateMentorRequest(display_name="x", capacity=1), "kind"),
        ("CreateMentor", pb.CreateMentorRequest(kind=pb.SIDE_ENTERPRISE, display_name="x", capacity=1), "kind"),
        ("CreateMentor", pb.CreateMentorRequest(kind=pb.SIDE_SCHOOL, display_name="x", capacity=-1), "capacity"),
        (
            "CreateMentor",
            pb.CreateMentorRequest(kind=pb.SIDE_SCHOOL, display_name="x" * 201, capacity=1),
            "display_name",
        ),
        ("GetMentor", pb.GetMentorRequest(id="not-a-uuid"), "id"),
        (
            "RecordSession",
            pb.RecordSessionRequest(assignment_id="nope", held_on=TODAY.isoformat(), mode=1, minutes=5),
            "assignment_id",
        ),
        ("AssignMentor", pb.AssignMentorRequest(assignment_id="nope", mentor_id="nope", reason="x"), "assignment_id"),
        ("GetAssignments", pb.GetAssignmentsRequest(student_ref=""), "student_ref"),
    ],
)
async def test_bad_requests_are_invalid_argument_naming_the_field(stack, stub, method, request_, field):
    with pytest.raises(grpc.aio.AioRpcError) as raised:
        await getattr(stub, method)(request_, metadata=meta(stack, SCHOOL, "school", "admin"), timeout=DEADLINE)
    assert raised.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert field in raised.value.details()
