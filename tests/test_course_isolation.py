"""Tenant isolation over every route the internship course added (organisation profiles, programme requirements,
amendments and progress, the tripartite document, insurance, attendance and leave, weekly reports, the course's
reports and the ministry report), table-driven: a route about one placement (or one policy, one profile) answers
another school, another enterprise, a student of another placement and a student of another school with 404 —
never the object, never a hint of it. Routes over the caller's own data (lists, reports, templates, requirements)
answer with the caller's own data only: none of the owner's ids appear.

The table must name every course route the service serves: a route added later without a row fails the test."""

from __future__ import annotations

from datetime import date, timedelta

import httpx
import pytest
import pytest_asyncio

from praxis_dev.testing.apps import build_app
from praxis_dev.testing.stack import Stack

TODAY = date.today()
MONDAY = TODAY - timedelta(days=TODAY.weekday() + 7)  # last week's Monday: the placement ran then
OWNER_SCHOOL, OWNER_ENTERPRISE, STUDENT = "school-ciso", "ent-ciso", "stu-ciso"
OUTSIDERS = {
    "another school": ("school-ciso-else", "school", "admin", None),
    "another enterprise": ("ent-ciso-else", "enterprise", "hr", None),
    "another enterprise's mentor": ("ent-ciso-else", "enterprise", "mentor", f"{OWNER_ENTERPRISE}:ann"),
    "a student of another placement": (OWNER_SCHOOL, "school", "student", "stu-ciso-other"),
    "a student of another school": ("school-ciso-else", "school", "student", STUDENT),
}
# The families of routes issue 12 added (the rest of the API has its own isolation tests).
COURSE_PREFIXES = (
    "/v1/organisations",
    "/v1/programme-requirements",
    "/v1/agreement-templates",
    "/v1/insurance-policies",
    "/v1/reports/ministry",
    "/v1/reports/attendance",
    "/v1/reports/unattested-weeks",
    "/v1/reports/insurance-gaps",
    "/v1/reports/review-",
    "/v1/reports/weekly-report-shortfalls",
)
PLACEMENT_FAMILIES = ("document", "insurance", "attendance", "leave-requests", "weekly-reports", "progress")


def is_course_route(method: str, path: str) -> bool:
    if path.startswith(COURSE_PREFIXES):
        return True
    if path == "/v1/placements/{placement_id}":
        return method == "PATCH"
    rest = path.removeprefix("/v1/placements/{placement_id}/")
    return rest != path and rest.split("/")[0].split(".")[0] in PLACEMENT_FAMILIES


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def owned(stack: Stack, start_placement) -> dict:
    """An active placement of the owners (signed, insured, started last week) with a recorded day, a leave request
    and a weekly report; the outsiders have a placement of their own."""
    async with httpx.AsyncClient(base_url=stack["internships"].base_url, timeout=30) as c:
        duties = [{"name": "orders", "kind": "core"}]
        made = await start_placement(c, OWNER_SCHOOL, OWNER_ENTERPRISE, STUDENT, starts_on=MONDAY, duties=duties)
        await start_placement(c, "school-ciso-else", "ent-ciso-else", "stu-ciso-else", starts_on=MONDAY, duties=duties)
        pid, student = made["id"], stack.auth(OWNER_SCHOOL, "school", "student", sub=STUDENT)
        day = await c.put(
            f"/v1/placements/{pid}/attendance/{MONDAY}",
            headers=student,
            json={"status": "present", "check_in": "09:00", "check_out": "17:00"},
        )
        assert day.status_code == 200, day.text
        leave = await c.post(
            f"/v1/placements/{pid}/leave-requests",
            headers=student,
            json={
                "first_day": str(MONDAY + timedelta(days=1)),
                "last_day": str(MONDAY + timedelta(days=1)),
                "reason": "ill",
            },
        )
        assert leave.status_code == 201, leave.text
        report = await c.put(
            f"/v1/placements/{pid}/weekly-reports/{MONDAY}", headers=student, json={"text": "Packed orders."}
        )
        assert report.status_code == 200, report.text
        insurance = await c.get(f"/v1/placements/{pid}/insurance", headers=student)
        assert insurance.status_code == 200, insurance.text
    return {
        "placement": pid,
        "leave": leave.json()["id"],
        "policy": insurance.json()["policies"][0]["id"],
        "report": report.json()["id"],
    }


def calls(ids: dict) -> list[tuple[str, str, str, dict | None, str]]:
    """(method, route template, path, body, expected): `404` — the outsider must not learn the object exists;
    `own` — the route answers about the caller's own organisation (2xx or 403), never with the owner's ids."""
    pl, week, day = ids["placement"], str(MONDAY), str(MONDAY)
    p = f"/v1/placements/{pl}"
    return [
        ("GET", "/v1/organisations/{org}", f"/v1/organisations/{OWNER_ENTERPRISE}", None, "404"),
        ("GET", "/v1/organisations/me", "/v1/organisations/me", None, "own"),
        ("PUT", "/v1/organisations/me", "/v1/organisations/me", {"name_en": "x"}, "own"),
        ("PATCH", "/v1/placements/{placement_id}", p, {"cohort": "2030"}, "404"),
        ("GET", "/v1/placements/{placement_id}/progress", f"{p}/progress", None, "404"),
        ("GET", "/v1/programme-requirements", "/v1/programme-requirements", None, "own"),
        (
            "PUT",
            "/v1/programme-requirements/{internship_type}",
            "/v1/programme-requirements/post_internship",
            {"required_hours": "1", "min_weeks": 1},
            "own",
        ),
        ("GET", "/v1/agreement-templates/{locale}", "/v1/agreement-templates/en", None, "own"),
        (
            "PUT",
            "/v1/agreement-templates/{locale}",
            "/v1/agreement-templates/en",
            {"source": "# {{ school.name }}"},
            "own",
        ),
        ("GET", "/v1/placements/{placement_id}/document", f"{p}/document", None, "404"),
        ("GET", "/v1/placements/{placement_id}/document.pdf", f"{p}/document.pdf", None, "404"),
        (
            "POST",
            "/v1/placements/{placement_id}/document/signatures",
            f"{p}/document/signatures",
            {"document_sha256": "0" * 64},
            "404",
        ),
        ("GET", "/v1/placements/{placement_id}/insurance", f"{p}/insurance", None, "404"),
        ("POST", "/v1/insurance-policies", "/v1/insurance-policies", None, "own"),
        ("GET", "/v1/insurance-policies", "/v1/insurance-policies", None, "own"),
        ("GET", "/v1/insurance-policies/{policy_id}", f"/v1/insurance-policies/{ids['policy']}", None, "404"),
        (
            "POST",
            "/v1/insurance-policies/{policy_id}/placements",
            f"/v1/insurance-policies/{ids['policy']}/placements",
            {"placement_ids": [pl]},
            "404",
        ),
        ("GET", "/v1/placements/{placement_id}/attendance", f"{p}/attendance", None, "404"),
        (
            "PUT",
            "/v1/placements/{placement_id}/attendance/{day}",
            f"{p}/attendance/{day}",
            {"status": "absent", "reason": "x"},
            "404",
        ),
        (
            "POST",
            "/v1/placements/{placement_id}/attendance/weeks/{week_start}/attestation",
            f"{p}/attendance/weeks/{week}/attestation",
            None,
            "404",
        ),
        (
            "POST",
            "/v1/placements/{placement_id}/leave-requests",
            f"{p}/leave-requests",
            {"first_day": day, "last_day": day, "reason": "x"},
            "404",
        ),
        (
            "GET",
            "/v1/placements/{placement_id}/leave-requests/{request_id}",
            f"{p}/leave-requests/{ids['leave']}",
            None,
            "404",
        ),
        (
            "POST",
            "/v1/placements/{placement_id}/leave-requests/{request_id}/decision",
            f"{p}/leave-requests/{ids['leave']}/decision",
            {"approve": True},
            "404",
        ),
        ("GET", "/v1/placements/{placement_id}/weekly-reports", f"{p}/weekly-reports", None, "404"),
        (
            "PUT",
            "/v1/placements/{placement_id}/weekly-reports/{week_start}",
            f"{p}/weekly-reports/{week}",
            {"text": "x"},
            "404",
        ),
        (
            "POST",
            "/v1/placements/{placement_id}/weekly-reports/{week_start}/review",
            f"{p}/weekly-reports/{week}/review",
            {"decision": "accepted"},
            "404",
        ),
        (
            "POST",
            "/v1/placements/{placement_id}/weekly-reports/{week_start}/comments",
            f"{p}/weekly-reports/{week}/comments",
            {"text": "x"},
            "404",
        ),
        *[
            ("GET", f"/v1/reports/{name}", f"/v1/reports/{name}", None, "own")
            for name in (
                "attendance",
                "attendance-anomalies",
                "unattested-weeks",
                "insurance-gaps",
                "review-queue",
                "review-rates",
                "weekly-report-shortfalls",
            )
        ],
        ("GET", "/v1/reports/ministry/{month}", f"/v1/reports/ministry/{TODAY:%Y-%m}", None, "own"),
        (
            "POST",
            "/v1/reports/ministry/{month}/downloads",
            f"/v1/reports/ministry/{TODAY:%Y-%m}/downloads",
            {"format": "csv"},
            "own",
        ),
    ]


def test_the_table_names_every_course_route():
    spec = build_app("internships")[0].openapi()
    served = {(m.upper(), path) for path, ops in spec["paths"].items() for m in ops if is_course_route(m.upper(), path)}
    named = {(method, template) for method, template, *_ in calls({"placement": "p", "leave": "l", "policy": "i"})}
    assert served - named == set(), "course routes without a row in the isolation table"
    assert named - served == set(), "rows for routes the service does not serve"


@pytest.mark.parametrize("outsider", list(OUTSIDERS))
async def test_outsiders_get_404_on_every_course_route(stack: Stack, owned: dict, outsider: str):
    org, kind, role, sub = OUTSIDERS[outsider]
    headers = stack.auth(org, kind, role, sub=sub)
    secrets = set(owned.values())
    async with httpx.AsyncClient(base_url=stack["internships"].base_url, timeout=30) as c:
        for method, template, path, body, expected in calls(owned):
            if method == "POST" and template == "/v1/insurance-policies":
                continue  # creating one's own policy needs a full body; listing covers the route's visibility
            r = await c.request(method, path, json=body, headers=headers)
            seen = r.text.replace(path, "")
            if expected == "404":
                assert r.status_code == 404, (outsider, method, path, r.status_code, r.text)
                assert r.headers["content-type"] == "application/problem+json"
            else:
                assert r.status_code < 500, (outsider, method, path, r.status_code, r.text)
            assert not any(secret in seen for secret in secrets), (outsider, method, path, r.text)
