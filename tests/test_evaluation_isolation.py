"""Tenant isolation over every route of rubrics and placement evaluations, table-driven: another school, another
enterprise, another enterprise's mentor signing in with the same account, a student of another placement, and an
enterprise mentor of another placement get a 404/403 problem and never the data (the scorecard, the rubric's
indicators, the evaluations). A check that the table names every route of the feature keeps it complete."""

from __future__ import annotations

import httpx
import pytest
import pytest_asyncio
from evaluation_world import SCHOOL_RUBRIC, evaluated_placement

from praxis_dev.testing.apps import build_app
from praxis_dev.testing.stack import Stack

SCHOOL, ENTERPRISE, STUDENT = "school-eviso", "ent-eviso", "stu-eviso"
TEACHER, ANN, BO = f"{SCHOOL}:wang", f"{ENTERPRISE}:ann", f"{ENTERPRISE}:bo"

OUTSIDERS = {  # (org, kind, role, sub) -> what the outsider may get: 404 always, or 403 on a write
    "another school": ("school-eviso-other", "school", "admin", None),
    "another enterprise": ("ent-eviso-other", "enterprise", "hr", None),
    "another enterprise's mentor with the same account": ("ent-eviso-other", "enterprise", "mentor", ANN),
    "a student of another placement": (SCHOOL, "school", "student", "stu-eviso-other"),
    "an enterprise mentor of another placement": (ENTERPRISE, "enterprise", "mentor", BO),
}
MENTOR_OF_ANOTHER = "an enterprise mentor of another placement"


def calls(pid: str, agreement: str, version: int) -> list[tuple[str, str, str, dict | None]]:
    """(method, route template, path, body): every route of the feature but the defaults everyone may read."""
    score = {"window": "midterm", "scores": {"job_skills": 50, "work_quality": 50, "professionalism": 50}}
    return [
        ("POST", "/v1/agreements/{agreement_id}/rubrics", f"/v1/agreements/{agreement}/rubrics", SCHOOL_RUBRIC),
        ("GET", "/v1/agreements/{agreement_id}/rubrics", f"/v1/agreements/{agreement}/rubrics", None),
        (
            "GET",
            "/v1/agreements/{agreement_id}/rubrics/{version}",
            f"/v1/agreements/{agreement}/rubrics/{version}",
            None,
        ),
        (
            "PUT",
            "/v1/agreements/{agreement_id}/rubrics/{version}",
            f"/v1/agreements/{agreement}/rubrics/{version}",
            SCHOOL_RUBRIC,
        ),
        (
            "POST",
            "/v1/agreements/{agreement_id}/rubrics/{version}/acceptance",
            f"/v1/agreements/{agreement}/rubrics/{version}/acceptance",
            None,
        ),
        ("POST", "/v1/placements/{placement_id}/evaluations", f"/v1/placements/{pid}/evaluations", score),
        ("GET", "/v1/placements/{placement_id}/scorecard", f"/v1/placements/{pid}/scorecard", None),
    ]


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def owned(stack: Stack, start_placement, assign_mentor) -> dict:
    """The owners' placement with a proposed rubric version and a recorded self-assessment; Bo mentors another
    placement of the same enterprise."""
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
    await evaluated_placement(
        stack,
        start_placement,
        assign_mentor,
        school=SCHOOL,
        enterprise=ENTERPRISE,
        student="stu-eviso-other",
        teacher=f"{SCHOOL}:li",
        mentor=BO,
    )
    async with httpx.AsyncClient(base_url=stack["internships"].base_url, timeout=30) as c:
        v = await c.post(
            f"/v1/agreements/{made['agreement_id']}/rubrics",
            headers=stack.auth(SCHOOL, "school", "admin"),
            json=SCHOOL_RUBRIC,
        )
        assert v.status_code == 201, v.text
        made["version"] = v.json()["version"]
        own = await c.post(
            f"/v1/placements/{made['id']}/evaluations",
            headers=stack.auth(SCHOOL, "school", "student", sub=STUDENT),
            json={"window": "midterm", "scores": {"self_assessment": 71.5}, "comments": "secret-self-comment"},
        )
        assert own.status_code == 201, own.text
        made["evaluation"] = own.json()["id"]
    return made


def test_the_table_names_every_evaluation_route():
    spec = build_app("internships")[0].openapi()
    served = {
        (m.upper(), path)
        for path, ops in spec["paths"].items()
        for m in ops
        if "/rubrics" in path or path.endswith(("/evaluations", "/scorecard"))
    }
    assert served == {(method, template) for method, template, *_ in calls("p", "a", 1)}


@pytest.mark.parametrize("outsider", list(OUTSIDERS))
async def test_outsiders_get_a_problem_and_never_the_data(stack: Stack, owned: dict, outsider: str):
    org, kind, role, sub = OUTSIDERS[outsider]
    headers = stack.auth(org, kind, role, sub=sub)
    secrets = {owned["evaluation"], "secret-self-comment", "71.50", STUDENT}
    async with httpx.AsyncClient(base_url=stack["internships"].base_url, timeout=30) as c:
        for method, _template, path, body in calls(owned["id"], owned["agreement_id"], owned["version"]):
            r = await c.request(method, path, json=body, headers=headers)
            # Bo belongs to the agreement's enterprise: he may read its rubrics, not propose or accept them (403),
            # and the mentors service tells internships he does not mentor this placement (403).
            allowed = (
                {404}
                if outsider != MENTOR_OF_ANOTHER
                else ({200} if method == "GET" and "rubrics" in path else {403, 404})
            )
            assert r.status_code in allowed, (outsider, method, path, r.status_code, r.text)
            if r.status_code >= 400:
                assert r.headers["content-type"] == "application/problem+json"
            seen = r.text.replace(path, "")
            assert not any(s in seen for s in secrets), (outsider, method, path, r.text)
        # The defaults are everyone's.
        assert (await c.get("/v1/rubric-defaults", headers=headers)).status_code == 200


async def test_the_parties_and_the_student_see_the_scorecard(stack: Stack, owned: dict):
    async with httpx.AsyncClient(base_url=stack["internships"].base_url, timeout=30) as c:
        for headers in (
            stack.auth(SCHOOL, "school", "admin"),
            stack.auth(SCHOOL, "school", "teacher", sub=TEACHER),
            stack.auth(ENTERPRISE, "enterprise", "hr"),
            stack.auth(ENTERPRISE, "enterprise", "mentor", sub=ANN),
            stack.auth(SCHOOL, "school", "student", sub=STUDENT),
        ):
            r = await c.get(f"/v1/placements/{owned['id']}/scorecard", headers=headers)
            assert r.status_code == 200, r.text
            assert [e["id"] for e in r.json()["evaluations"]] == [owned["evaluation"]]
