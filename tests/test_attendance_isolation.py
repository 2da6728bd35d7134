"""Attendance routes against real processes: every route answers a non-party (another school, another enterprise, a
student of another placement) 404, the reports show a caller only its own placements, and bad input is a 4xx
problem naming the field, never a 500."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

import httpx
import pytest
import pytest_asyncio

from praxis_dev.testing.stack import Stack

TODAY = date.today()
FIRST = TODAY - timedelta(days=TODAY.weekday() + 14)  # the Monday two weeks ago
SCHOOL, ENTERPRISE, STUDENT = "school-atiso", "ent-atiso", "stu-atiso"
ANN = f"{ENTERPRISE}:ann"


def named(problem: dict) -> list[str]:
    """The fields a problem names; a path parameter's is `path.<name>` (the house's names), compared by its name."""
    return [e["field"].removeprefix("path.") for e in problem["errors"]]


def day(n: int) -> str:
    return (FIRST + timedelta(days=n)).isoformat()


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def placement(stack: Stack, start_placement, assign_mentor) -> dict:
    async with httpx.AsyncClient(base_url=stack["internships"].base_url, timeout=30) as c:
        made = await start_placement(
            c, SCHOOL, ENTERPRISE, STUDENT, starts_on=FIRST, duties=[{"name": "listings", "kind": "core"}]
        )
        made["ann"] = await assign_mentor(made, ANN)
        asked = await c.post(
            f"/v1/placements/{made['id']}/leave-requests",
            headers=stack.auth(SCHOOL, "school", "teacher"),
            json={"first_day": day(3), "last_day": day(3), "reason": "exam"},
        )
        assert asked.status_code == 201, asked.text
        made["leave"] = asked.json()["id"]
    return made


def routes(pid: str, rid: str) -> list[tuple[str, str, dict | None]]:
    present = {"status": "present", "check_in": "09:00", "check_out": "17:00"}
    return [
        ("PUT", f"/v1/placements/{pid}/attendance/{day(1)}", present),
        ("GET", f"/v1/placements/{pid}/attendance", None),
        ("POST", f"/v1/placements/{pid}/attendance/weeks/{day(0)}/attestation", {"disputed_days": []}),
        ("POST", f"/v1/placements/{pid}/leave-requests", {"first_day": day(4), "last_day": day(4), "reason": "x"}),
        ("GET", f"/v1/placements/{pid}/leave-requests/{rid}", None),
        ("POST", f"/v1/placements/{pid}/leave-requests/{rid}/decision", {"approve": True}),
    ]


OUTSIDERS = {
    "another school": ("school-atiso-other", "school", "admin", None),
    "another enterprise": ("ent-atiso-other", "enterprise", "hr", None),
    "another enterprise's mentor with the same account": ("ent-atiso-other", "enterprise", "mentor", ANN),
    "a student of another placement": (SCHOOL, "school", "student", "stu-atiso-other"),
}


@pytest.mark.parametrize("outsider", OUTSIDERS)
async def test_every_attendance_route_answers_a_non_party_404(stack, placement, outsider):
    org, kind, role, sub = OUTSIDERS[outsider]
    headers = stack.auth(org, kind, role, sub=sub)
    async with httpx.AsyncClient(base_url=stack["internships"].base_url, timeout=30) as c:
        for method, path, body in routes(placement["id"], placement["leave"]):
            r = await c.request(method, path, headers=headers, json=body)
            assert r.status_code == 404, (method, path, r.text)
            assert r.headers["content-type"] == "application/problem+json"
        for path in ("/v1/reports/attendance", "/v1/reports/unattested-weeks", "/v1/reports/attendance-anomalies"):
            r = await c.get(path, headers=headers)
            assert r.status_code in (200, 403), (path, r.text)
            if r.status_code == 200:
                assert all(i["placement_id"] != placement["id"] for i in r.json()["items"]), path
        unknown = await c.get(
            f"/v1/placements/{placement['id']}/leave-requests/{uuid.uuid4()}",
            headers=stack.auth(SCHOOL, "school", "admin"),
        )
        assert unknown.status_code == 404


async def test_a_week_attested_by_anyone_but_the_assigned_enterprise_mentor_is_refused(stack, placement):
    path = f"/v1/placements/{placement['id']}/attendance/weeks/{day(0)}/attestation"
    async with httpx.AsyncClient(base_url=stack["internships"].base_url, timeout=30) as c:
        for headers in (
            stack.auth(ENTERPRISE, "enterprise", "mentor", sub=f"{ENTERPRISE}:bo"),
            stack.auth(ENTERPRISE, "enterprise", "hr"),
            stack.auth(ENTERPRISE, "enterprise", "admin"),
            stack.auth(SCHOOL, "school", "admin"),
            stack.auth(SCHOOL, "school", "student", sub=STUDENT),
        ):
            r = await c.post(path, headers=headers, json={"disputed_days": []})
            assert r.status_code == 403, r.text
            assert "assigned enterprise mentor" in r.json()["detail"]
        on_behalf = await c.post(
            path, headers=stack.auth(ENTERPRISE, "enterprise", "hr"), json={"on_behalf_of_mentor": True}
        )
        assert on_behalf.status_code == 200 and on_behalf.json()["attested_on_behalf"] is True, on_behalf.text


BAD_DAYS = [
    (day(-1), {"status": "present", "check_in": "09:00", "check_out": "17:00"}, "day"),  # before the placement
    ((TODAY + timedelta(days=1)).isoformat(), {"status": "absent", "reason": "x"}, "day"),  # the future
    ("2026-02-30", {"status": "absent", "reason": "x"}, "day"),
    (day(1), {"status": "present", "check_in": "17:00", "check_out": "09:00"}, "check_out"),
    (day(1), {"status": "present", "check_in": "25:00", "check_out": "26:00"}, "check_in"),
    (day(1), {"status": "present", "check_in": "09:00+08:00", "check_out": "17:00"}, "check_in"),
    (day(1), {"status": "absent"}, "reason"),
    (day(1), {"status": "absent", "reason": "x" * 501}, "reason"),
    (day(1), {"status": "leave"}, "status"),
    (day(1), {"status": "present", "check_in": "09:00", "check_out": "17:00", "extra": 1}, "extra"),
]


@pytest.mark.parametrize(("when", "body", "field"), BAD_DAYS)
async def test_a_bad_day_is_a_422_naming_the_field(stack, placement, when, body, field):
    async with httpx.AsyncClient(base_url=stack["internships"].base_url, timeout=30) as c:
        r = await c.put(
            f"/v1/placements/{placement['id']}/attendance/{when}",
            headers=stack.auth(SCHOOL, "school", "student", sub=STUDENT),
            json=body,
        )
    assert r.status_code == 422, r.text
    assert r.headers["content-type"] == "application/problem+json"
    assert field in named(r.json()), r.json()


BAD_WEEKS = [
    (day(1), {}, "week_start"),  # a Tuesday
    (day(-14), {}, "week_start"),  # before the placement
    ("not-a-date", {}, "week_start"),
    (day(0), {"disputed_days": [{"day": day(7), "reason": "x"}]}, "disputed_days.0.day"),
    (day(0), {"disputed_days": [{"day": day(1), "reason": ""}]}, "disputed_days.0.reason"),
    (day(0), {"disputed_days": [{"day": day(1), "reason": "x"}] * 8}, "disputed_days"),
    (day(0), {"on_behalf_of_mentor": "yes"}, "on_behalf_of_mentor"),
]


@pytest.mark.parametrize(("week", "body", "field"), BAD_WEEKS)
async def test_a_bad_attestation_is_a_422_naming_the_field(stack, placement, week, body, field):
    async with httpx.AsyncClient(base_url=stack["internships"].base_url, timeout=30) as c:
        r = await c.post(
            f"/v1/placements/{placement['id']}/attendance/weeks/{week}/attestation",
            headers=stack.auth(ENTERPRISE, "enterprise", "mentor", sub=ANN),
            json=body,
        )
    assert r.status_code == 422, r.text
    assert field in named(r.json()), r.json()


async def test_bad_leave_and_report_input_is_a_4xx_problem(stack, placement):
    pid = placement["id"]
    student = stack.auth(SCHOOL, "school", "student", sub=STUDENT)
    async with httpx.AsyncClient(base_url=stack["internships"].base_url, timeout=30) as c:
        for body, field in (
            ({"first_day": day(5), "last_day": day(4), "reason": "x"}, "last_day"),
            ({"first_day": day(-3), "last_day": day(4), "reason": "x"}, "first_day"),
            ({"first_day": day(4), "last_day": day(4)}, "reason"),
        ):
            r = await c.post(f"/v1/placements/{pid}/leave-requests", headers=student, json=body)
            assert r.status_code == 422 and field in [e["field"] for e in r.json()["errors"]], r.text
        overlapping = await c.post(
            f"/v1/placements/{pid}/leave-requests",
            headers=student,
            json={"first_day": day(3), "last_day": day(3), "reason": "again"},
        )
        assert overlapping.status_code == 409 and overlapping.json()["type"].endswith("leave-overlaps")
        reject = await c.post(
            f"/v1/placements/{pid}/leave-requests/{placement['leave']}/decision",
            headers=stack.auth(ENTERPRISE, "enterprise", "mentor", sub=ANN),
            json={"approve": False},
        )
        assert reject.status_code == 422 and "comments" in [e["field"] for e in reject.json()["errors"]]
        hr = stack.auth(ENTERPRISE, "enterprise", "hr")
        for path in ("/v1/reports/attendance", "/v1/reports/unattested-weeks", "/v1/reports/attendance-anomalies"):
            r = await c.get(path, headers=hr, params={"page_token": "forged.token"})
            assert r.status_code == 422 and r.json()["errors"][0]["field"] == "page_token", r.text
            r = await c.get(path, headers=hr, params={"page_size": 0})
            assert r.status_code == 422, r.text
            r = await c.get(path, headers=student)
            assert r.status_code == 403, r.text
