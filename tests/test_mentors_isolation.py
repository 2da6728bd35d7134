"""Tenant isolation over every mentors endpoint (table-driven), and who may do what inside a mentoring context.

A mentor of another school or enterprise, another school's or enterprise's managers, and an enterprise
using the owner school's id get 404 for mentors, assignments and sessions that are not theirs (platform
staff, who may never call these, get 403 before any lookup); their lists and reports never show the owners'
rows. Inside the context: both parties see both assignments, only the owning side changes one, only the
assignment's side records sessions, only the student's school confirms them, a mentor sees only their own."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import pytest_asyncio

from praxis_dev.testing.stack import Stack, eventually

TODAY = date.today()
SCHOOL, ENTERPRISE, STUDENT = "school-own-m", "ent-own-m", "stu-own"
OUTSIDERS = {
    "a mentor of another school": ("school-else-m", "school", "mentor"),
    "a teacher of another school": ("school-else-m", "school", "teacher"),
    "a mentor of another enterprise": ("ent-else-m", "enterprise", "mentor"),
    "another school": ("school-else-m", "school", "admin"),
    "another enterprise": ("ent-else-m", "enterprise", "hr"),
    "the owner school's id used by an enterprise": (SCHOOL, "enterprise", "hr"),
    "the owner enterprise's id used by a school": (ENTERPRISE, "school", "admin"),
    "platform staff": ("platform", "platform", "ops"),
}


async def mentoring_world(stack: Stack, internships, mentors, school: str, enterprise: str, student: str) -> dict:
    """A confirmed placement with both mentors assigned, a practice period, a certificate and one session."""
    s_admin, e_hr = mentors.manager(school, "school"), mentors.manager(enterprise, "enterprise")
    async with internships.client() as c, mentors.client() as m:
        teacher = await mentors.mentor(m, school, "school", capacity=3, account=f"{school}-teacher")
        spare = await mentors.mentor(m, school, "school", capacity=3, active=False)
        host = await mentors.mentor(m, enterprise, "enterprise", capacity=3, account=f"{enterprise}-mentor")
        period = await m.post(
            f"/v1/mentors/{teacher['id']}/practice-periods",
            headers=s_admin,
            json={"enterprise": "Sea", "role": "ops", "from": "2025-01-01", "to": "2025-08-31", "hours": 900},
        )
        certificate = await m.post(
            f"/v1/mentors/{teacher['id']}/certificates",
            headers=s_admin,
            json={"name": "Forklift licence", "issued_on": "2024-01-01"},
        )
        assert period.status_code == certificate.status_code == 201, (period.text, certificate.text)
        agreement = await internships.agreement(c, school, enterprise, valid_from=TODAY - timedelta(days=40))
        position = await internships.position(c, enterprise, agreement, seats=1, starts_on=TODAY - timedelta(days=30))
        booked = await internships.book(c, school, position["id"], student, birth_date="2004-01-01")
        assert booked.status_code == 201, booked.text
        confirmed = await c.post(
            f"/v1/placements/{booked.json()['id']}/confirm", headers=stack.auth(enterprise, "enterprise", "hr")
        )
        assert confirmed.status_code == 200, confirmed.text

        async def paired():
            pair = await mentors.of_student(m, school, "school", student)
            return pair if len(pair) == 2 and all(a["status"] == "active" for a in pair.values()) else None

        pair = await eventually(paired, timeout=30, what="both mentors assigned")
        session = await m.post(
            f"/v1/assignments/{pair['enterprise']['id']}/sessions",
            headers=e_hr,
            json={"held_on": (TODAY - timedelta(days=2)).isoformat(), "mode": "onsite", "minutes": 60},
        )
        assert session.status_code == 201, session.text
    return {
        "teacher": teacher["id"],
        "spare": spare["id"],
        "host": host["id"],
        "period": period.json()["id"],
        "certificate": certificate.json()["id"],
        "school_assignment": pair["school"]["id"],
        "enterprise_assignment": pair["enterprise"]["id"],
        "session": session.json()["id"],
        "placement": pair["school"]["context_id"],
    }


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def owned(stack: Stack, internships, mentors) -> dict:
    ids = await mentoring_world(stack, internships, mentors, SCHOOL, ENTERPRISE, STUDENT)
    await mentoring_world(stack, internships, mentors, "school-else-m", "ent-else-m", "stu-else")  # lives of their own
    return ids


def calls(ids: dict) -> list[tuple[str, str, dict | None]]:
    t, h, sa, ea = ids["teacher"], ids["host"], ids["school_assignment"], ids["enterprise_assignment"]
    period = {"enterprise": "x", "role": "x", "from": "2025-01-01", "to": "2025-01-31", "hours": 1}
    return [
        ("GET", f"/v1/mentors/{t}", None),
        ("PATCH", f"/v1/mentors/{t}", {"capacity": 9}),
        ("POST", f"/v1/mentors/{t}/practice-periods", period),
        ("DELETE", f"/v1/mentors/{t}/practice-periods/{ids['period']}", None),
        ("POST", f"/v1/mentors/{t}/certificates", {"name": "x", "issued_on": "2024-01-01"}),
        ("DELETE", f"/v1/mentors/{t}/certificates/{ids['certificate']}", None),
        ("GET", f"/v1/mentors/{h}", None),
        ("PATCH", f"/v1/mentors/{h}", {"active": False}),
        *[("GET", f"/v1/assignments/{a}", None) for a in (sa, ea)],
        *[("GET", f"/v1/assignments/{a}/history", None) for a in (sa, ea)],
        ("POST", f"/v1/assignments/{sa}/assign", {"mentor_id": ids["spare"], "reason": "x"}),
        ("POST", f"/v1/assignments/{ea}/assign", {"mentor_id": h, "reason": "x"}),
        *[("GET", f"/v1/assignments/{a}/sessions", None) for a in (sa, ea)],
        *[
            ("POST", f"/v1/assignments/{a}/sessions", {"held_on": TODAY.isoformat(), "mode": "online", "minutes": 5})
            for a in (sa, ea)
        ],
        ("POST", f"/v1/assignments/{ea}/sessions/{ids['session']}/confirm", None),
        ("GET", f"/v1/students/{STUDENT}/mentors", None),
        ("GET", f"/v1/students/{STUDENT}/mentors?include_ended=true", None),
    ]


LISTS = [
    "/v1/mentors",
    "/v1/assignments",
    f"/v1/assignments?student_ref={STUDENT}",
    "/v1/assignments/pending",
    "/v1/assignments/overdue-guidance?days=1",
    "/v1/reports/dual-qualified",
    "/v1/reports/mentor-load",
    "/v1/reports/guidance",
    "/v1/reports/pending-assignments",
]


@pytest.mark.parametrize("outsider", list(OUTSIDERS))
async def test_outsiders_get_404_on_every_endpoint_and_see_nothing_in_lists_and_reports(
    stack, mentors, owned, outsider
):
    org, kind, role = OUTSIDERS[outsider]
    headers = stack.auth(org, kind, role)
    async with mentors.client() as m:
        for method, path, body in calls(owned):
            r = await m.request(method, path, json=body, headers=headers)
            expected = 403 if kind == "platform" else 404
            assert r.status_code == expected, (outsider, method, path, r.status_code, r.text)
            assert r.headers["content-type"] == "application/problem+json"
            assert not any(value in r.text.replace(path, "") for value in owned.values())  # nothing leaks
        for path in LISTS:
            r = await m.get(path, headers=headers)
            assert r.status_code in (200, 403), (outsider, path, r.text)
            assert not any(value in r.text for value in owned.values()), (outsider, path)
            assert STUDENT not in r.text, (outsider, path)


async def test_inside_the_context_each_side_does_only_its_own_part(stack, mentors, owned):
    sa, ea, session = owned["school_assignment"], owned["enterprise_assignment"], owned["session"]
    school, host = mentors.manager(SCHOOL, "school"), mentors.manager(ENTERPRISE, "enterprise")
    async with mentors.client() as m:
        for headers in (school, host):  # both parties see both assignments
            for a in (sa, ea):
                assert (await m.get(f"/v1/assignments/{a}", headers=headers)).status_code == 200
        # Only the owning side assigns: the enterprise may not pick the school mentor, nor the reverse.
        r = await m.post(f"/v1/assignments/{sa}/assign", headers=host, json={"mentor_id": owned["host"], "reason": "x"})
        assert r.status_code == 403, r.text
        r = await m.post(
            f"/v1/assignments/{ea}/assign", headers=school, json={"mentor_id": owned["spare"], "reason": "x"}
        )
        assert r.status_code == 403, r.text
        # Only the assignment's side records its sessions; only the student's school confirms them.
        body = {"held_on": TODAY.isoformat(), "mode": "online", "minutes": 30}
        assert (await m.post(f"/v1/assignments/{ea}/sessions", headers=school, json=body)).status_code == 403
        assert (await m.post(f"/v1/assignments/{ea}/sessions/{session}/confirm", headers=host)).status_code == 403
        confirmed = await m.post(f"/v1/assignments/{ea}/sessions/{session}/confirm", headers=school)
        assert confirmed.status_code == 200 and confirmed.json()["confirmed_by"], confirmed.text
        # The enterprise mentor, signed in, sees and records for their own assignment only.
        mentor = {
            "Authorization": f"Bearer {stack.token(ENTERPRISE, 'enterprise', 'mentor', sub=f'{ENTERPRISE}-mentor')}"
        }
        assert (await m.get(f"/v1/assignments/{ea}", headers=mentor)).status_code == 200
        assert (await m.get(f"/v1/assignments/{sa}", headers=mentor)).status_code == 404
        own = await m.post(f"/v1/assignments/{ea}/sessions", headers=mentor, json=body)
        assert own.status_code == 201 and own.json()["recorded_by"] == f"{ENTERPRISE}-mentor", own.text
        listed = (await m.get("/v1/assignments", headers=mentor)).json()["items"]
        assert [a["id"] for a in listed] == [ea]
        # A teacher of the owner school who mentors nobody sees no assignment, and manages no mentor.
        stranger = {"Authorization": f"Bearer {stack.token(SCHOOL, 'school', 'teacher', sub='someone-else')}"}
        for a in (sa, ea):
            assert (await m.get(f"/v1/assignments/{a}", headers=stranger)).status_code == 404
        assert (await m.get(f"/v1/mentors/{owned['teacher']}", headers=stranger)).status_code == 200
        assert (
            await m.patch(f"/v1/mentors/{owned['teacher']}", headers=stranger, json={"capacity": 1})
        ).status_code == 403
        # The student sees their own mentors and confirms their own sessions.
        student = {"Authorization": f"Bearer {stack.token(SCHOOL, 'school', 'student', sub=STUDENT)}"}
        mine = await m.get(f"/v1/students/{STUDENT}/mentors", headers=student)
        assert {a["side"] for a in mine.json()["assignments"]} == {"school", "enterprise"}
        assert (await m.get("/v1/students/stu-other/mentors", headers=student)).status_code == 404
        by_student = await m.post(f"/v1/assignments/{ea}/sessions/{own.json()['id']}/confirm", headers=student)
        assert by_student.status_code == 200 and by_student.json()["confirmed_by"] == STUDENT


async def test_the_owners_reports_count_their_own_rows(stack, mentors, owned):
    school, host = mentors.manager(SCHOOL, "school"), mentors.manager(ENTERPRISE, "enterprise")
    async with mentors.client() as m:
        dual = (await m.get("/v1/reports/dual-qualified", headers=school)).json()
        assert (dual["mentors_total"], dual["dual_qualified"], dual["ratio"]) == (1, 1, "1.0000")  # 243 days
        assert dual["mentors"][0]["qualification"]["practice_days"] == 243
        assert (await m.get("/v1/reports/dual-qualified", headers=host)).status_code == 403  # a school's report
        guidance = (await m.get("/v1/reports/guidance", headers=host)).json()
        students = {(s["school_org"], s["student_ref"]): s for s in guidance["per_student"]}
        assert set(students) == {(SCHOOL, STUDENT)} and students[(SCHOOL, STUDENT)]["onsite_sessions"] >= 1
        mentor_ids = {g["mentor_id"] for g in guidance["per_mentor"]}
        assert mentor_ids == {owned["teacher"], owned["host"]}
        overdue = (await m.get("/v1/assignments/overdue-guidance", params={"days": 1}, headers=school)).json()
        assert [o["assignment"]["id"] for o in overdue["items"]] == [owned["enterprise_assignment"]]
        assert (await m.get("/v1/assignments/overdue-guidance", params={"days": 14}, headers=school)).json()[
            "items"
        ] == []
