"""Outcomes routes against real processes, table-driven: another school, another enterprise, a mentor of another
placement (same account name, another enterprise), a student and the parties' non-managing staff get a 404 or 403
problem on every route and never a figure, a hire or a programme of this partnership; lists show a caller only its
own; bad input is a 4xx problem naming the field, never a 500."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

import httpx
import pytest
import pytest_asyncio

from praxis_dev.testing.stack import Stack

TODAY = date.today()
FIRST = TODAY - timedelta(days=TODAY.weekday() + 14)
SCHOOL, ENTERPRISE, STUDENT = "school-outiso", "ent-outiso", "stu-outiso"
COHORT = "2025-iso"
ANN = f"{ENTERPRISE}:ann"
SECRET_TITLE = "Secret offer title"


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def world(stack: Stack, start_placement) -> dict:
    """An active placement of SCHOOL at ENTERPRISE, a hire of its student, and a programme profile."""
    async with httpx.AsyncClient(base_url=stack["internships"].base_url, timeout=30) as c:
        placement = await start_placement(
            c, SCHOOL, ENTERPRISE, STUDENT, starts_on=FIRST, duties=[{"name": "listings", "kind": "core"}]
        )
        hire = await c.post(
            "/v1/hires",
            headers=stack.auth(ENTERPRISE, "enterprise", "hr"),
            json={"student_ref": STUDENT, "kind": "hired", "on": TODAY.isoformat(), "position_title": SECRET_TITLE},
        )
        assert hire.status_code == 201, hire.text
        put = await c.put(
            f"/v1/programmes/{COHORT}/competencies",
            headers=stack.auth(SCHOOL, "school", "admin"),
            json={"competencies": ["platform-operation"]},
        )
        assert put.status_code == 200, put.text
    return {"placement": placement, "hire": hire.json()}


OUTSIDERS = {
    "another school": ("school-outiso-other", "school", "admin", None),
    "another enterprise": ("ent-outiso-other", "enterprise", "hr", None),
    "a mentor of another placement with the same account": ("ent-outiso-other", "enterprise", "mentor", ANN),
    "a student of the school": (SCHOOL, "school", "student", "stu-outiso-other"),
    "the student hired": (SCHOOL, "school", "student", STUDENT),
    "the enterprise's mentor": (ENTERPRISE, "enterprise", "mentor", ANN),
    "the school's teacher": (SCHOOL, "school", "teacher", None),
}


def routes(world: dict) -> list[tuple[str, str, dict | None]]:
    """Routes naming this partnership's objects: none may answer an outsider with data."""
    p = world["placement"]
    return [
        ("GET", f"/v1/agreements/{p['agreement_id']}/value", None),
        (
            "POST",
            "/v1/hires",
            {"student_ref": STUDENT, "placement_id": p["id"], "kind": "hired", "on": TODAY.isoformat()},
        ),
    ]


@pytest.mark.parametrize("outsider", OUTSIDERS)
async def test_every_outcomes_route_refuses_a_non_manager_or_non_party(stack, world, outsider):
    org, kind, role, sub = OUTSIDERS[outsider]
    headers = stack.auth(org, kind, role, sub=sub)
    async with httpx.AsyncClient(base_url=stack["internships"].base_url, timeout=30) as c:
        for method, path, body in routes(world):
            r = await c.request(method, path, headers=headers, json=body)
            assert r.status_code in (403, 404), (method, path, r.text)
            assert r.headers["content-type"] == "application/problem+json"
            assert SECRET_TITLE not in r.text and "interns_hosted" not in r.text
        # lists and reports: only the caller's own, or refused
        for path in ("/v1/hires", "/v1/programmes", f"/v1/programmes/{COHORT}", f"/v1/outcomes/{TODAY.year}"):
            r = await c.get(path, headers=headers)
            assert r.status_code in (200, 403, 404), (path, r.text)
            assert SECRET_TITLE not in r.text, path
            if r.status_code == 200 and org != SCHOOL:
                assert r.json().get("school_org", org) == org and world["hire"]["id"] not in r.text, path
            if r.status_code != 200:
                assert r.headers["content-type"] == "application/problem+json"
        # a programme of the same name is the caller's own (another school's admin), or refused: never this one
        put = await c.put(f"/v1/programmes/{COHORT}/competencies", headers=headers, json={"competencies": ["x"]})
        assert put.status_code in (200, 403, 404), put.text
        if put.status_code == 200:
            assert put.json()["school_org"] == org != SCHOOL
        mine = await c.get(f"/v1/programmes/{COHORT}", headers=stack.auth(SCHOOL, "school", "admin"))
        assert mine.json()["competencies"] == ["platform-operation"]


async def test_the_parties_managers_see_their_own(stack, world):
    async with httpx.AsyncClient(base_url=stack["internships"].base_url, timeout=30) as c:
        for org, kind, role in ((SCHOOL, "school", "coordinator"), (ENTERPRISE, "enterprise", "admin")):
            hires = await c.get("/v1/hires", headers=stack.auth(org, kind, role))
            assert [h["id"] for h in hires.json()["items"]] == [world["hire"]["id"]]
        teacher = stack.auth(SCHOOL, "school", "teacher")
        assert (await c.get(f"/v1/programmes/{COHORT}", headers=teacher)).json()["competencies"] == [
            "platform-operation"
        ]
        unknown = await c.get(f"/v1/agreements/{uuid.uuid4()}/value", headers=stack.auth(SCHOOL, "school", "admin"))
        assert unknown.status_code == 404


BAD = [
    ("POST", "/v1/hires", {"student_ref": STUDENT, "kind": "poached", "on": "2026-01-01"}, "kind"),
    ("POST", "/v1/hires", {"student_ref": STUDENT, "kind": "hired", "on": "2026-02-30"}, "on"),
    ("POST", "/v1/hires", {"student_ref": STUDENT, "kind": "hired"}, "on"),
    ("POST", "/v1/hires", {"student_ref": "", "kind": "hired", "on": "2026-01-01"}, "student_ref"),
    (
        "POST",
        "/v1/hires",
        {"student_ref": STUDENT, "kind": "hired", "on": "2026-01-01", "placement_id": "x"},
        "placement_id",
    ),
    ("POST", "/v1/hires", {"student_ref": STUDENT, "kind": "hired", "on": "2026-01-01", "extra": 1}, "extra"),
    ("PUT", f"/v1/programmes/{COHORT}/competencies", {"competencies": []}, "competencies"),
    ("PUT", f"/v1/programmes/{COHORT}/competencies", {"competencies": ["UPPER"]}, "competencies"),
    ("PUT", "/v1/programmes/has space/competencies", {"competencies": ["x"]}, "cohort"),
    ("PUT", f"/v1/programmes/{'c' * 17}/competencies", {"competencies": ["x"]}, "cohort"),
    ("GET", "/v1/outcomes/20250", None, "year"),
    ("GET", "/v1/agreements/not-a-uuid/value", None, "agreement_id"),
]


@pytest.mark.parametrize(("method", "path", "body", "field"), BAD)
async def test_bad_input_is_a_problem_naming_the_field(stack, world, method, path, body, field):
    role = ("enterprise", "hr") if path == "/v1/hires" else ("school", "admin")
    org = ENTERPRISE if role[0] == "enterprise" else SCHOOL
    async with httpx.AsyncClient(base_url=stack["internships"].base_url, timeout=30) as c:
        r = await c.request(method, path, headers=stack.auth(org, *role), json=body)
    assert r.status_code == 422, r.text
    assert r.headers["content-type"] == "application/problem+json"
    fields = [e["field"].removeprefix("path.").removeprefix("query.") for e in r.json()["errors"]]
    assert any(f.split(".")[0] == field for f in fields), fields
