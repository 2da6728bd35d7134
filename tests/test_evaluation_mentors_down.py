"""With the mentors service down, internships refuses a mentor's placement score with a 503 problem (gRPC:
UNAVAILABLE) and records nothing — with or without an Idempotency-Key, and the key is not used up: once mentors is
back, the same request with the same key records the score. The student's self-assessment needs no mentor check and
keeps working.

The calendar, run at internships' start, announces the placement's open midterm window (evaluation.due).

This module has its own stack (it is marked destructive): stopping its processes affects no other test."""

from __future__ import annotations

import asyncio

import grpc
import httpx
import pytest
import pytest_asyncio
from evaluation_world import evaluated_placement

from praxis.internships.v1 import evaluation_pb2 as pb
from praxis.internships.v1 import evaluation_pb2_grpc as pb_grpc
from praxis_dev.testing.stack import eventually

pytestmark = pytest.mark.destructive  # stops and restarts its stack's mentors process
SCHOOL, ENTERPRISE, STUDENT = "school-evdown", "ent-evdown", "stu-evdown"
TEACHER, ANN = f"{SCHOOL}:wang", f"{ENTERPRISE}:ann"
SCHOOL_SCORE = {"window": "midterm", "scores": {"professional_knowledge": 80, "learning_attitude": 75}}


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def placement(stack, start_placement, assign_mentor) -> dict:
    """A placement with both mentors assigned (default rubric); then the mentors process stops."""
    made = await evaluated_placement(
        stack,
        start_placement,
        assign_mentor,
        school=SCHOOL,
        enterprise=ENTERPRISE,
        student=STUDENT,
        teacher=TEACHER,
        mentor=ANN,
    )
    stack["mentors"].stop()
    return made


async def test_mentor_scores_fail_clearly_nothing_is_recorded_and_the_key_is_not_used_up(stack, placement):
    pid = placement["id"]
    wang = stack.auth(SCHOOL, "school", "teacher", sub=TEACHER)
    ann = stack.auth(ENTERPRISE, "enterprise", "mentor", sub=ANN)
    student = stack.auth(SCHOOL, "school", "student", sub=STUDENT)
    enterprise_score = {"window": "midterm", "scores": {"job_skills": 80, "work_quality": 80, "professionalism": 80}}
    async with httpx.AsyncClient(base_url=stack["internships"].base_url, timeout=30) as c:
        for headers, body in (
            (wang, SCHOOL_SCORE),
            ({**wang, "Idempotency-Key": "evdown-wang-1"}, SCHOOL_SCORE),
            (ann, enterprise_score),
            ({**ann, "Idempotency-Key": "evdown-ann-1"}, enterprise_score),
        ):
            r = await c.post(f"/v1/placements/{pid}/evaluations", headers=headers, json=body)
            assert r.status_code == 503, r.text
            assert r.headers["content-type"] == "application/problem+json"
            assert r.json()["type"] == "urn:praxis:problem:unavailable" and "mentors" in r.json()["detail"]
        card = (await c.get(f"/v1/placements/{pid}/scorecard", headers=wang)).json()
        assert card["evaluations"] == [] and card["rubric_bound"] is False  # nothing recorded, nothing bound
        # The student's self-assessment needs no mentor check.
        own = await c.post(
            f"/v1/placements/{pid}/evaluations",
            headers=student,
            json={"window": "midterm", "scores": {"self_assessment": 70}},
        )
        assert own.status_code == 201, own.text
        assert (await c.get("/readyz")).status_code == 200  # internships itself is healthy

        await asyncio.to_thread(stack["mentors"].start)

        async def recorded():  # the client retries with its key until internships' channel to mentors is back
            r = await c.post(
                f"/v1/placements/{pid}/evaluations",
                headers={**wang, "Idempotency-Key": "evdown-wang-1"},
                json=SCHOOL_SCORE,
            )
            assert r.status_code in (201, 503), r.text
            return r if r.status_code == 201 else None

        again = await eventually(recorded, timeout=30, what="the score recorded once mentors is back")
        assert again.status_code == 201, again.text
        assert again.headers.get("idempotent-replayed") is None  # the refusal was not stored under the key
        assert again.json()["mentor_id"] == placement["teacher"]["id"]
        replay = await c.post(
            f"/v1/placements/{pid}/evaluations", headers={**wang, "Idempotency-Key": "evdown-wang-1"}, json=SCHOOL_SCORE
        )
        assert replay.headers.get("idempotent-replayed") == "true" and replay.json()["id"] == again.json()["id"]
        stack["mentors"].stop()


async def test_grpc_mentor_score_is_unavailable_too(stack, placement):
    if stack["mentors"].proc.poll() is None:
        stack["mentors"].stop()
    token = stack.token(SCHOOL, "school", "teacher", sub=TEACHER)
    async with grpc.aio.insecure_channel(stack["internships"].grpc_target) as channel:
        stub = pb_grpc.EvaluationServiceStub(channel)
        with pytest.raises(grpc.aio.AioRpcError) as failed:
            await stub.RecordPlacementEvaluation(
                pb.RecordPlacementEvaluationRequest(
                    placement_id=placement["id"],
                    window="final",
                    scores={"professional_knowledge": "80", "learning_attitude": "80"},
                ),
                metadata=(("authorization", f"Bearer {token}"), ("idempotency-key", "evdown-grpc-1")),
                timeout=10,
            )
    assert failed.value.code() == grpc.StatusCode.UNAVAILABLE


async def test_the_calendar_announces_the_open_midterm_window(stack, placement, read_event):
    """Internships' calendar job runs at start (then every 5 minutes): restarting it announces the placement's
    midterm window, due at its mid-point, with the parties that owe a score; the final is not due yet."""
    internships = stack["internships"]
    internships.stop()
    await asyncio.to_thread(internships.start)
    event = await read_event("internships.evaluation.due", placement["id"])
    assert event["window"] == "midterm" and event["studentRef"] == STUDENT
    assert set(event["parties"]) == {"school_mentor", "enterprise_mentor", "self"}
    assert event["opensOn"] <= event["closesOn"]
