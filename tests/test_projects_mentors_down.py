"""With the mentors service down, projects refuses mentor scores and stage reviews with a 503 problem (gRPC:
UNAVAILABLE) and records nothing unchecked; everything that needs no mentor check keeps working.

This module has its own stack (it is marked destructive): stopping its mentors process affects no other test."""

from __future__ import annotations

from datetime import date, timedelta

import grpc
import httpx
import pytest
import pytest_asyncio

from praxis.projects.v1 import projects_pb2 as pb
from praxis.projects.v1 import projects_pb2_grpc as pb_grpc
from praxis_dev.testing.stack import eventually

pytestmark = pytest.mark.destructive  # stops its stack's mentors process
TODAY = date.today()
SCHOOL, ENTERPRISE = "school-down", "ent-down"


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def team(stack, internships):
    """A published project shared with the school, and a team on it; then the mentors process stops."""
    school = {"Authorization": f"Bearer {stack.token(SCHOOL, 'school', 'admin')}"}
    enterprise = {"Authorization": f"Bearer {stack.token(ENTERPRISE, 'enterprise', 'hr')}"}
    async with internships.client() as i, httpx.AsyncClient(base_url=stack["projects"].base_url, timeout=30) as p:
        await internships.agreement(i, SCHOOL, ENTERPRISE)
        made = await p.post(
            "/v1/projects",
            headers=enterprise,
            json={
                "title": "Shopee fulfilment",
                "starts_on": TODAY.isoformat(),
                "ends_on": (TODAY + timedelta(days=60)).isoformat(),
            },
        )
        pid = made.json()["id"]
        await p.post(f"/v1/projects/{pid}/publish", headers=enterprise)

        async def shared():
            return (await p.put(f"/v1/projects/{pid}/schools/{SCHOOL}", headers=enterprise)).status_code == 200

        await eventually(shared, timeout=30, what="the partnership in projects, so the project can be shared")
        formed = await p.post(
            f"/v1/projects/{pid}/teams",
            headers=school,
            json={"name": "Team Down", "members": [{"student_ref": "stu-x"}, {"student_ref": "stu-y"}]},
        )
        assert formed.status_code == 201, formed.text
        tid = formed.json()["id"]
        submitted = await p.post(
            f"/v1/teams/{tid}/stages/market-research/deliverables",
            headers=school,
            json={"kind": "plan", "title": "Plan", "file_ref": "upload:plan-1"},
        )
        assert submitted.status_code == 201, submitted.text
    stack["mentors"].stop()
    return tid


async def test_scores_and_reviews_fail_clearly_while_mentors_is_down(stack, team):
    teacher = {"Authorization": f"Bearer {stack.token(SCHOOL, 'school', 'teacher', sub='t-down')}"}
    host = {"Authorization": f"Bearer {stack.token(ENTERPRISE, 'enterprise', 'mentor', sub='m-down')}"}
    async with httpx.AsyncClient(base_url=stack["projects"].base_url, timeout=30) as p:
        for who, scores in ((teacher, {"process": 90, "knowledge": 90}), (host, {"skills": 90, "qualities": 90})):
            r = await p.post(
                f"/v1/teams/{team}/evaluations", headers=who, json={"student_ref": "stu-x", "scores": scores}
            )
            assert r.status_code == 503, r.text
            assert r.headers["content-type"] == "application/problem+json"
            assert r.json()["type"] == "urn:praxis:problem:unavailable" and "mentors" in r.json()["detail"]
        review = await p.post(
            f"/v1/teams/{team}/stages/market-research/review", headers=teacher, json={"decision": "accepted"}
        )
        assert review.status_code == 503, review.text
        # Nothing was recorded unchecked; what needs no mentor check still works.
        assert (await p.get(f"/v1/teams/{team}/evaluations", headers=teacher)).json()["items"] == []
        milestones = (await p.get(f"/v1/teams/{team}/milestones", headers=teacher)).json()
        assert milestones["milestones"][0]["status"] == "submitted" and milestones["reviews"] == []
        card = await p.get(f"/v1/teams/{team}/scorecards/stu-x", headers=teacher)
        assert card.status_code == 200 and card.json()["weighted_total"] == "0.00"
        assert (await p.get("/readyz")).status_code == 200  # projects itself is healthy


async def test_grpc_evaluation_is_unavailable_too(stack, team):
    token = stack.token(SCHOOL, "school", "teacher", sub="t-down")
    async with grpc.aio.insecure_channel(stack["projects"].grpc_target) as channel:
        stub = pb_grpc.ProjectsServiceStub(channel)
        with pytest.raises(grpc.aio.AioRpcError) as failed:
            await stub.RecordEvaluation(
                pb.RecordEvaluationRequest(
                    team_id=team, student_ref="stu-y", scores={"process": "80", "knowledge": "80"}
                ),
                metadata=(("authorization", f"Bearer {token}"),),
                timeout=10,
            )
    assert failed.value.code() == grpc.StatusCode.UNAVAILABLE
