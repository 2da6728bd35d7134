"""What the projects isolation tests share: the owners and the outsiders, a project shared with a school, a team, the
`owned` fixture (a project with a team and all its records) and the calls an outsider must be refused."""

from __future__ import annotations

from datetime import date, timedelta

import httpx
import pytest_asyncio

from praxis_dev.testing.stack import Stack, eventually

TODAY = date.today()
SCHOOL, ENTERPRISE = "school-iso", "ent-iso"
OTHER_SCHOOL, OTHER_ENTERPRISE = "school-iso-else", "ent-iso-else"
MEMBERS, OTHER_TEAM = ["stu-a", "stu-b"], ["stu-c", "stu-d"]
OUTSIDERS = {
    "another school": (OTHER_SCHOOL, "school", "admin", None),
    "another school's teacher": (OTHER_SCHOOL, "school", "teacher", None),
    "another enterprise": (OTHER_ENTERPRISE, "enterprise", "hr", None),
    "another enterprise's mentor": (OTHER_ENTERPRISE, "enterprise", "mentor", None),
    "the owner school's id used by an enterprise": (SCHOOL, "enterprise", "hr", None),
    "the owner enterprise's id used by a school": (ENTERPRISE, "school", "admin", None),
    "platform staff": ("platform", "platform", "ops", None),
}
OTHER_STUDENT = (SCHOOL, "school", "student", "stu-c")


def auth(stack: Stack, org: str, kind: str, role: str, sub: str | None = None) -> dict[str, str]:
    return {"Authorization": f"Bearer {stack.token(org, kind, role, sub=sub)}"}


def project_body(**fields) -> dict:
    return {
        "title": "Amazon listing optimisation",
        "starts_on": TODAY.isoformat(),
        "ends_on": (TODAY + timedelta(days=90)).isoformat(),
        "min_team_size": 2,
        "platform_targets": {"orders": {"value": 10, "unit": "count"}},
        **fields,
    }


async def shared_project(p: httpx.AsyncClient, enterprise: dict, school: str, **fields) -> str:
    made = await p.post("/v1/projects", headers=enterprise, json=project_body(**fields))
    assert made.status_code == 201, made.text
    pid = made.json()["id"]
    assert (await p.post(f"/v1/projects/{pid}/publish", headers=enterprise)).status_code == 200

    async def share():
        return (await p.put(f"/v1/projects/{pid}/schools/{school}", headers=enterprise)).status_code == 200

    await eventually(share, timeout=30, what=f"the partnership with {school} in projects")
    return pid


async def form(p: httpx.AsyncClient, school: dict, pid: str, members: list[str]) -> str:
    r = await p.post(
        f"/v1/projects/{pid}/teams",
        headers=school,
        json={"name": "Team", "members": [{"student_ref": s} for s in members]},
    )
    assert r.status_code == 201, r.text
    return r.json()["id"]


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def owned(stack: Stack, internships, mentors) -> dict:
    """A project of ENTERPRISE shared with SCHOOL, a team with mentors, a deliverable reviewed, scores, a peer
    rating, metrics and material; a second team of the same school; the outsiders' own partnerships and project."""
    school, enterprise = auth(stack, SCHOOL, "school", "admin"), auth(stack, ENTERPRISE, "enterprise", "hr")
    async with (
        internships.client() as i,
        mentors.client() as m,
        httpx.AsyncClient(base_url=stack["projects"].base_url, timeout=30) as p,
    ):
        for s, e in ((SCHOOL, ENTERPRISE), (OTHER_SCHOOL, ENTERPRISE), (SCHOOL, OTHER_ENTERPRISE)):
            await internships.agreement(i, s, e)
        await mentors.mentor(m, SCHOOL, "school", capacity=5, account="t-iso")
        await mentors.mentor(m, ENTERPRISE, "enterprise", capacity=5, account="m-iso")
        pid = await shared_project(p, enterprise, SCHOOL)
        await shared_project(p, auth(stack, OTHER_ENTERPRISE, "enterprise", "hr"), SCHOOL)  # their own
        material = await p.post(
            f"/v1/projects/{pid}/material",
            headers=enterprise,
            json={"title": "Listings", "kind": "file", "uri": "https://files.example.com/listings-anon.xlsx"},
        )
        tid = await form(p, school, pid, MEMBERS)
        other_tid = await form(p, school, pid, OTHER_TEAM)

        async def paired():
            r = await m.get("/v1/students/stu-a/mentors", headers=mentors.manager(SCHOOL, "school"))
            return r.status_code == 200 and sum(a["status"] == "active" for a in r.json()["assignments"]) == 2

        await eventually(paired, timeout=30, what="the team's mentors")
        teacher = auth(stack, SCHOOL, "school", "teacher", "t-iso")
        host = auth(stack, ENTERPRISE, "enterprise", "mentor", "m-iso")
        steps = [
            (
                auth(stack, SCHOOL, "school", "student", "stu-a"),
                f"/v1/teams/{tid}/stages/market-research/deliverables",
                {"kind": "plan", "title": "Plan", "link": "https://drive.example.edu/plan"},
            ),
            (teacher, f"/v1/teams/{tid}/stages/market-research/review", {"decision": "accepted"}),
            (
                teacher,
                f"/v1/teams/{tid}/evaluations",
                {"student_ref": "stu-a", "scores": {"process": 70, "knowledge": 80}},
            ),
            (host, f"/v1/teams/{tid}/evaluations", {"student_ref": "stu-a", "scores": {"skills": 70, "qualities": 80}}),
            (
                auth(stack, SCHOOL, "school", "student", "stu-b"),
                f"/v1/teams/{tid}/peer-ratings",
                {"stage": "market-research", "ratee_ref": "stu-a", "score": 90},
            ),
            (
                enterprise,
                f"/v1/teams/{tid}/metrics",
                {
                    "metrics": [
                        {
                            "name": "orders",
                            "value": 7,
                            "unit": "count",
                            "period_start": "2027-01-01",
                            "period_end": "2027-01-31",
                        }
                    ]
                },
            ),
        ]
        for headers, path, body in steps:
            r = await p.post(path, headers=headers, json=body)
            assert r.status_code in (200, 201), (path, r.text)
    return {"project": pid, "team": tid, "other_team": other_tid, "material": material.json()["id"]}


def project_calls(ids: dict) -> list[tuple[str, str, dict | None]]:
    pid, mid = ids["project"], ids["material"]
    return [
        ("GET", f"/v1/projects/{pid}", None),
        ("PATCH", f"/v1/projects/{pid}", {"title": "Mine now"}),
        ("POST", f"/v1/projects/{pid}/publish", None),
        ("POST", f"/v1/projects/{pid}/complete", None),
        ("PUT", f"/v1/projects/{pid}/platform-targets", {"targets": {"orders": {"value": 1, "unit": "count"}}}),
        ("GET", f"/v1/projects/{pid}/schools", None),
        ("PUT", f"/v1/projects/{pid}/schools/{OTHER_SCHOOL}", None),
        ("DELETE", f"/v1/projects/{pid}/schools/{SCHOOL}", None),
        ("POST", f"/v1/projects/{pid}/material", {"title": "x", "kind": "link", "uri": "https://x.example"}),
        ("GET", f"/v1/projects/{pid}/material", None),
        ("DELETE", f"/v1/projects/{pid}/material/{mid}", None),
        ("PUT", f"/v1/projects/{pid}/terms", {"text": "Mine now"}),
        ("GET", f"/v1/projects/{pid}/terms", None),
        ("POST", f"/v1/projects/{pid}/terms/acceptance", {"version": 1}),
        (
            "POST",
            f"/v1/projects/{pid}/teams",
            {"name": "Sneaky", "members": [{"student_ref": "x1"}, {"student_ref": "x2"}]},
        ),
    ]


def team_calls(ids: dict) -> list[tuple[str, str, dict | None]]:
    tid = ids["team"]
    return [
        ("GET", f"/v1/teams/{tid}", None),
        ("POST", f"/v1/teams/{tid}/dissolve", {"reason": "x"}),
        ("GET", f"/v1/teams/{tid}/milestones", None),
        (
            "POST",
            f"/v1/teams/{tid}/stages/product-selection/deliverables",
            {"kind": "plan", "title": "x", "file_ref": "upload:1"},
        ),
        ("POST", f"/v1/teams/{tid}/stages/product-selection/review", {"decision": "accepted"}),
        (
            "POST",
            f"/v1/teams/{tid}/metrics",
            {
                "metrics": [
                    {
                        "name": "orders",
                        "value": 1,
                        "unit": "count",
                        "period_start": "2027-02-01",
                        "period_end": "2027-02-28",
                    }
                ]
            },
        ),
        ("GET", f"/v1/teams/{tid}/metrics", None),
        ("POST", f"/v1/teams/{tid}/evaluations", {"student_ref": "stu-a", "scores": {"skills": 1, "qualities": 1}}),
        ("GET", f"/v1/teams/{tid}/evaluations", None),
        ("POST", f"/v1/teams/{tid}/peer-ratings", {"stage": "market-research", "ratee_ref": "stu-a", "score": 1}),
        ("GET", f"/v1/teams/{tid}/peer-ratings", None),
        ("GET", f"/v1/teams/{tid}/scorecards", None),
        ("GET", f"/v1/teams/{tid}/scorecards/stu-a", None),
        ("GET", f"/v1/teams/{tid}/scorecards/stu-b", None),
    ]


def lists(ids: dict) -> list[str]:
    return [
        "/v1/projects",
        "/v1/teams",
        f"/v1/teams?project_id={ids['project']}",
        f"/v1/projects/{ids['project']}/teams",
        "/v1/credits",
        "/v1/credits/export?format=json",
    ]


async def _check_refused(p, headers, calls, expected, who, owned):
    for method, path, body in calls:
        r = await p.request(method, path, json=body, headers=headers)
        assert r.status_code == expected, (who, method, path, r.status_code, r.text)
        assert r.headers["content-type"] == "application/problem+json"
        assert owned["team"] not in r.text.replace(path, "") and "stu-a" not in r.text.replace(path, "")
