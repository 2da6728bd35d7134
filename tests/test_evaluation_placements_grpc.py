"""Placement evaluation through gRPC (praxis.internships.v1.EvaluationService) against real processes (internships
and the real mentors service): the same use cases and rules as REST — a rubric proposed once per idempotency key and
accepted by the other party, the school mentor's score confirmed by mentors, the student's self-assessment, the
scorecard; refused: weights not summing to 1 and a score of 101 (INVALID_ARGUMENT naming the field), a mentor of
another placement (PERMISSION_DENIED), a student scoring another student's placement and outsiders (NOT_FOUND), a
version with scores changed (FAILED_PRECONDITION)."""

from __future__ import annotations

import grpc
import pytest
import pytest_asyncio
from evaluation_world import SCHOOL_RUBRIC, evaluated_placement

from praxis.internships.v1 import evaluation_pb2 as pb
from praxis.internships.v1 import evaluation_pb2_grpc as pb_grpc
from praxis_dev.testing.stack import Stack

pytestmark = pytest.mark.asyncio(loop_scope="module")  # the channel fixture lives in the module's loop
SCHOOL, ENTERPRISE = "school-evgrpc", "ent-evgrpc"
STUDENT, OTHER = "stu-evgrpc-1", "stu-evgrpc-2"
TEACHER, ANN, BO = f"{SCHOOL}:wang", f"{ENTERPRISE}:ann", f"{ENTERPRISE}:bo"


def meta(stack: Stack, org: str, kind: str, role: str, *, key: str | None = None, **claims) -> tuple:
    found = (("authorization", f"Bearer {stack.token(org, kind, role, **claims)}"),)
    return found + ((("idempotency-key", key),) if key else ())


def rubric_pb(body: dict, **fields) -> list[pb.RubricIndicator]:
    return [
        pb.RubricIndicator(
            key=i["key"],
            name_zh=i["name_zh"],
            name_en=i["name_en"],
            scorer=i["scorer"],
            weight=i["weight"],
            competencies=i.get("competencies", []),
        )
        for i in body["indicators"]
    ]


async def refused(call) -> grpc.aio.AioRpcError:
    with pytest.raises(grpc.aio.AioRpcError) as err:
        await call
    return err.value


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def world(stack: Stack, start_placement, assign_mentor) -> dict:
    one = await evaluated_placement(
        stack,
        start_placement,
        assign_mentor,
        school=SCHOOL,
        enterprise=ENTERPRISE,
        student=STUDENT,
        teacher=TEACHER,
        mentor=ANN,
    )
    two = await evaluated_placement(
        stack,
        start_placement,
        assign_mentor,
        school=SCHOOL,
        enterprise=ENTERPRISE,
        student=OTHER,
        teacher=f"{SCHOOL}:li",
        mentor=BO,
    )
    return {"one": one, "two": two}


@pytest_asyncio.fixture(loop_scope="module")
async def stub(stack: Stack):
    async with grpc.aio.insecure_channel(stack["internships"].grpc_target) as channel:
        yield pb_grpc.EvaluationServiceStub(channel)


async def test_rubric_scores_and_scorecard_over_grpc(stack, world, stub):
    one = world["one"]
    agreement, pid = one["agreement_id"], one["id"]
    school = meta(stack, SCHOOL, "school", "admin", key="evgrpc-rubric-1")
    request = pb.ProposeRubricRequest(
        agreement_id=agreement, internship_type="post_internship", indicators=rubric_pb(SCHOOL_RUBRIC)
    )
    first = await stub.ProposeRubric(request, metadata=school, timeout=10)
    again = await stub.ProposeRubric(request, metadata=school, timeout=10)
    assert first.rubric.version == again.rubric.version == 1  # one version per idempotency key
    err = await refused(stub.AcceptRubric(pb.AcceptRubricRequest(agreement_id=agreement, version=1), metadata=school))
    assert err.code() == grpc.StatusCode.PERMISSION_DENIED
    hr = meta(stack, ENTERPRISE, "enterprise", "hr")
    accepted = await stub.AcceptRubric(pb.AcceptRubricRequest(agreement_id=agreement, version=1), metadata=hr)
    assert accepted.rubric.accepted_by
    listed = await stub.ListRubrics(pb.ListRubricsRequest(agreement_id=agreement), metadata=hr)
    assert dict(listed.agreed) == {"post_internship": 1}

    wang = meta(stack, SCHOOL, "school", "teacher", sub=TEACHER, key="evgrpc-wang-1")
    scored = await stub.RecordPlacementEvaluation(
        pb.RecordPlacementEvaluationRequest(placement_id=pid, window="final", scores={"knowledge": "88"}),
        metadata=wang,
        timeout=10,
    )
    assert (scored.evaluation.scorer, scored.evaluation.mentor_id) == ("school_mentor", one["teacher"]["id"])
    student = meta(stack, SCHOOL, "school", "student", sub=STUDENT)
    await stub.RecordPlacementEvaluation(
        pb.RecordPlacementEvaluationRequest(placement_id=pid, window="midterm", scores={"reflection": "70"}),
        metadata=student,
        timeout=10,
    )
    card = await stub.GetPlacementScorecard(pb.GetPlacementScorecardRequest(placement_id=pid), metadata=student)
    parts = {p.party: p for p in card.parts}
    assert (parts["school_mentor"].score, parts["self"].score) == ("88.00", "70.00")
    assert parts["enterprise_mentor"].missing == "no evaluation by the enterprise mentor yet"
    assert (card.rubric_id, card.rubric_version, card.rubric_bound) == (agreement, 1, True)
    assert {e.scorer for e in card.evaluations} == {"school_mentor", "self"}

    err = await refused(
        stub.ReviseRubric(
            pb.ReviseRubricRequest(
                agreement_id=agreement,
                version=1,
                internship_type="post_internship",
                indicators=rubric_pb(SCHOOL_RUBRIC),
            ),
            metadata=meta(stack, SCHOOL, "school", "admin"),
        )
    )
    assert err.code() == grpc.StatusCode.FAILED_PRECONDITION and "new version" in err.details()


async def test_refusals_over_grpc(stack, world, stub):
    one = world["one"]
    pid, agreement = one["id"], one["agreement_id"]
    uneven = pb.ProposeRubricRequest(
        agreement_id=agreement,
        internship_type="post_internship",
        indicators=[pb.RubricIndicator(key="a", name_zh="甲", name_en="A", scorer="school_mentor", weight="0.7")],
    )
    err = await refused(stub.ProposeRubric(uneven, metadata=meta(stack, SCHOOL, "school", "admin")))
    assert err.code() == grpc.StatusCode.INVALID_ARGUMENT and "sum to 1" in err.details()
    student = meta(stack, SCHOOL, "school", "student", sub=STUDENT)
    too_high = pb.RecordPlacementEvaluationRequest(
        placement_id=pid, window="final", scores={"self_assessment": "101", "reflection": "101"}
    )
    err = await refused(stub.RecordPlacementEvaluation(too_high, metadata=student))
    assert err.code() == grpc.StatusCode.INVALID_ARGUMENT
    other_student = meta(stack, SCHOOL, "school", "student", sub=OTHER)
    err = await refused(
        stub.RecordPlacementEvaluation(
            pb.RecordPlacementEvaluationRequest(placement_id=pid, window="final", scores={"reflection": "90"}),
            metadata=other_student,
        )
    )
    assert err.code() == grpc.StatusCode.NOT_FOUND
    bo = meta(stack, ENTERPRISE, "enterprise", "mentor", sub=BO)
    # Both placements' agreements are between the same school and enterprise on the same dates: each counts against
    # the one the booking rule picks, whose rubric the other test may have agreed; else the default one applies.
    agreed = await stub.ListRubrics(pb.ListRubricsRequest(agreement_id=world["two"]["agreement_id"]), metadata=bo)
    keys = ["skills"] if agreed.agreed else ["job_skills", "work_quality", "professionalism"]
    err = await refused(
        stub.RecordPlacementEvaluation(
            pb.RecordPlacementEvaluationRequest(
                placement_id=world["two"]["id"], window="final", scores=dict.fromkeys(keys, "90")
            ),
            metadata=meta(stack, ENTERPRISE, "enterprise", "mentor", sub=ANN),
        )
    )
    assert err.code() == grpc.StatusCode.PERMISSION_DENIED  # Ann mentors placement one, not two
    for who in (
        bo,
        meta(stack, "ent-evgrpc-other", "enterprise", "hr"),
        meta(stack, "school-evgrpc-other", "school", "admin"),
    ):
        err = await refused(stub.GetPlacementScorecard(pb.GetPlacementScorecardRequest(placement_id=pid), metadata=who))
        assert err.code() == grpc.StatusCode.NOT_FOUND
