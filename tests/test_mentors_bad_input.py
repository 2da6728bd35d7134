"""Bad input to the mentors service gets a clear 4xx problem naming the field, never a 500 (table-driven)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import pytest_asyncio

from praxis_dev.testing.stack import Stack, eventually

TODAY = date.today()
SCHOOL, ENTERPRISE, STUDENT = "school-bad-m", "ent-bad-m", "stu-bad"
MENTOR = {"kind": "school", "display_name": "Chen Jing", "capacity": 3}
PERIOD = {"enterprise": "Sea", "role": "ops", "from": "2025-01-01", "to": "2025-03-31", "hours": 400}
SESSION = {"held_on": TODAY.isoformat(), "mode": "onsite", "minutes": 60}


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def world(stack: Stack, internships, mentors) -> dict:
    """A school mentor and an enterprise mentor assigned to a confirmed placement."""
    async with internships.client() as c, mentors.client() as m:
        teacher = await mentors.mentor(m, SCHOOL, "school", capacity=3)
        await mentors.mentor(m, ENTERPRISE, "enterprise", capacity=3)
        agreement = await internships.agreement(c, SCHOOL, ENTERPRISE)
        position = await internships.position(c, ENTERPRISE, agreement, seats=1, starts_on=TODAY + timedelta(days=10))
        booked = await internships.book(c, SCHOOL, position["id"], STUDENT)
        assert booked.status_code == 201, booked.text
        await c.post(
            f"/v1/placements/{booked.json()['id']}/confirm", headers=stack.auth(ENTERPRISE, "enterprise", "hr")
        )
        pair = await eventually(lambda: _paired(mentors, m), timeout=30, what="the placement's assignments")
    return {"teacher": teacher["id"], "school_assignment": pair["school"]["id"]}


async def _paired(mentors, m):
    pair = await mentors.of_student(m, SCHOOL, "school", STUDENT)
    return pair if len(pair) == 2 else None


def cases(ids: dict) -> list[tuple[str, str, object, str]]:
    """(method, path, JSON body, the field the problem must name)."""
    t, a = ids["teacher"], ids["school_assignment"]
    sessions = f"/v1/assignments/{a}/sessions"
    tomorrow = (TODAY + timedelta(days=1)).isoformat()
    return [
        # mentors: unknown kinds, the wrong kind, capacities, strings
        ("POST", "/v1/mentors", {**MENTOR, "kind": "robot"}, "kind"),
        ("POST", "/v1/mentors", {**MENTOR, "kind": "enterprise"}, "kind"),  # a school's mentors are school mentors
        ("POST", "/v1/mentors", {**MENTOR, "capacity": -1}, "capacity"),
        ("POST", "/v1/mentors", {**MENTOR, "capacity": 1001}, "capacity"),
        ("POST", "/v1/mentors", {**MENTOR, "capacity": "3"}, "capacity"),
        ("POST", "/v1/mentors", {**MENTOR, "capacity": 2.5}, "capacity"),
        ("POST", "/v1/mentors", {k: v for k, v in MENTOR.items() if k != "capacity"}, "capacity"),
        ("POST", "/v1/mentors", {**MENTOR, "display_name": ""}, "display_name"),
        ("POST", "/v1/mentors", {**MENTOR, "display_name": "x" * 201}, "display_name"),
        ("POST", "/v1/mentors", {**MENTOR, "display_name": "a\u0000b"}, "display_name"),
        ("POST", "/v1/mentors", {**MENTOR, "expertise": ["Not A Tag"]}, "expertise.0"),
        ("POST", "/v1/mentors", {**MENTOR, "expertise": ["x"] * 51}, "expertise"),
        ("POST", "/v1/mentors", {**MENTOR, "languages": ["english!"]}, "languages.0"),
        ("POST", "/v1/mentors", {**MENTOR, "account": "a" * 256}, "account"),
        ("POST", "/v1/mentors", {**MENTOR, "active": "yes"}, "active"),
        ("POST", "/v1/mentors", {**MENTOR, "dual_qualified": True}, "dual_qualified"),  # derived, never typed in
        ("PATCH", f"/v1/mentors/{t}", {"capacity": -1}, "capacity"),
        ("PATCH", f"/v1/mentors/{t}", {"capacity": None}, "capacity"),
        ("PATCH", f"/v1/mentors/{t}", {"display_name": " "}, "display_name"),
        ("PATCH", f"/v1/mentors/{t}", {"load": 0}, "load"),
        ("PATCH", "/v1/mentors/not-a-uuid", {"capacity": 1}, "path.mentor_id"),
        ("GET", "/v1/mentors/12345", None, "path.mentor_id"),
        # enterprise practice and certificates
        ("POST", f"/v1/mentors/{t}/practice-periods", {**PERIOD, "to": "2024-12-31"}, "to"),
        ("POST", f"/v1/mentors/{t}/practice-periods", {**PERIOD, "from": tomorrow, "to": tomorrow}, "from"),
        ("POST", f"/v1/mentors/{t}/practice-periods", {**PERIOD, "hours": -1}, "hours"),
        ("POST", f"/v1/mentors/{t}/practice-periods", {**PERIOD, "hours": 24 * 90 + 1}, "hours"),
        ("POST", f"/v1/mentors/{t}/practice-periods", {**PERIOD, "enterprise": "x" * 201}, "enterprise"),
        ("POST", f"/v1/mentors/{t}/practice-periods", {k: v for k, v in PERIOD.items() if k != "from"}, "from"),
        ("POST", f"/v1/mentors/{t}/practice-periods", {**PERIOD, "to": "31/03/2025"}, "to"),
        ("POST", f"/v1/mentors/{t}/certificates", {"name": "x", "issued_on": tomorrow}, "issued_on"),
        (
            "POST",
            f"/v1/mentors/{t}/certificates",
            {"name": "x", "issued_on": "2025-01-01", "expires_on": "2024-01-01"},
            "expires_on",
        ),
        ("DELETE", f"/v1/mentors/{t}/certificates/nope", None, "path.certificate_id"),
        # sessions: in the future, minutes, modes, notes, ids
        ("POST", sessions, {**SESSION, "held_on": tomorrow}, "held_on"),
        ("POST", sessions, {**SESSION, "held_on": "yesterday"}, "held_on"),
        ("POST", sessions, {**SESSION, "minutes": 0}, "minutes"),
        ("POST", sessions, {**SESSION, "minutes": -30}, "minutes"),
        ("POST", sessions, {**SESSION, "minutes": 1441}, "minutes"),
        ("POST", sessions, {**SESSION, "minutes": "sixty"}, "minutes"),
        ("POST", sessions, {**SESSION, "mode": "telepathy"}, "mode"),
        ("POST", sessions, {**SESSION, "notes": "x" * 4001}, "notes"),
        ("POST", sessions, {k: v for k, v in SESSION.items() if k != "mode"}, "mode"),
        ("POST", "/v1/assignments/not-a-uuid/sessions", SESSION, "path.assignment_id"),
        ("POST", f"{sessions}/not-a-uuid/confirm", None, "path.session_id"),
        # manual assignment
        ("POST", f"/v1/assignments/{a}/assign", {"mentor_id": "nope", "reason": "x"}, "mentor_id"),
        ("POST", f"/v1/assignments/{a}/assign", {"mentor_id": t, "reason": ""}, "reason"),
        ("POST", f"/v1/assignments/{a}/assign", {"mentor_id": t, "reason": "x" * 1001}, "reason"),
        ("POST", f"/v1/assignments/{a}/assign", {"mentor_id": t}, "reason"),
        (
            "POST",
            f"/v1/assignments/{a}/assign",
            {"mentor_id": "00000000-0000-0000-0000-000000000000", "reason": "x"},
            "mentor_id",
        ),
        # queries
        ("GET", "/v1/assignments?status=happy", None, "query.status"),
        ("GET", "/v1/assignments?side=middle", None, "query.side"),
        ("GET", "/v1/assignments?page_size=0", None, "query.page_size"),
        ("GET", "/v1/assignments?page_token=bm9wZQ==", None, "page_token"),
        ("GET", "/v1/assignments?student_ref=a%20b", None, "query.student_ref"),
        ("GET", "/v1/assignments?mentor_id=7", None, "query.mentor_id"),
        ("GET", "/v1/assignments/overdue-guidance?days=0", None, "query.days"),
        ("GET", "/v1/assignments/overdue-guidance?days=366", None, "query.days"),
        ("GET", "/v1/reports/guidance?from=2026-02-01&to=2026-01-01", None, "from"),
        ("GET", "/v1/reports/guidance?from=2000-01-01&to=2026-01-01", None, "from"),
        ("GET", "/v1/reports/guidance?from=soon", None, "query.from"),
        ("GET", f"/v1/students/{'x' * 129}/mentors", None, "path.student_ref"),
    ]


async def test_bad_input_is_a_422_naming_the_field(stack, mentors, world):
    headers = mentors.manager(SCHOOL, "school")
    async with mentors.client() as m:
        for method, path, body, field in cases(world):
            r = await m.request(method, path, json=body, headers=headers)
            assert r.status_code == 422, (method, path, body, r.status_code, r.text)
            assert r.headers["content-type"] == "application/problem+json"
            problem = r.json()
            assert problem["status"] == 422 and problem["type"] == "urn:praxis:problem:invalid-input"
            assert field in [e["field"] for e in problem["errors"]], (method, path, problem)


async def test_requests_the_state_refuses_are_409_problems(stack, mentors, world):
    school, host = mentors.manager(SCHOOL, "school"), mentors.manager(ENTERPRISE, "enterprise")
    async with mentors.client() as m:
        enterprise_mentor = (await m.get("/v1/mentors", headers=host)).json()["items"][0]
        not_for_them = await m.post(
            f"/v1/mentors/{enterprise_mentor['id']}/practice-periods", headers=host, json=PERIOD
        )
        assert not_for_them.status_code == 409 and "school mentors" in not_for_them.json()["detail"]
        below_load = await m.patch(f"/v1/mentors/{world['teacher']}", headers=school, json={"capacity": 0})
        assert below_load.status_code == 409 and below_load.json()["errors"][0]["field"] == "capacity"
        full = await mentors.mentor(m, SCHOOL, "school", capacity=0, display_name="Full")
        refused = await m.post(
            f"/v1/assignments/{world['school_assignment']}/assign",
            headers=school,
            json={"mentor_id": full["id"], "reason": "try"},
        )
        assert refused.status_code == 409 and refused.json()["type"] == "urn:praxis:problem:mentor-full"
        taken = await m.post("/v1/mentors", headers=school, json={**MENTOR, "account": "dup"})
        assert taken.status_code == 201
        again = await m.post("/v1/mentors", headers=school, json={**MENTOR, "account": "dup"})
        assert again.status_code == 409 and again.json()["type"] == "urn:praxis:problem:account-taken"


@pytest.mark.parametrize("raw", [b"{bad", b"", b"[1, 2", b"\xff\xfe", b"null", b"[]", b'{"capacity": 1e999}'])
async def test_malformed_json_is_a_4xx_problem(stack, mentors, world, raw):
    headers = {**mentors.manager(SCHOOL, "school"), "content-type": "application/json"}
    async with mentors.client() as m:
        for path in ("/v1/mentors", f"/v1/assignments/{world['school_assignment']}/sessions"):
            r = await m.post(path, content=raw, headers=headers)
            assert r.status_code in (400, 422), (path, raw, r.text)
            assert r.headers["content-type"] == "application/problem+json"
