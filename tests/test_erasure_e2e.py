"""Erasing a student everywhere, with proof (issue 15 item 2, docs/erasure.md), over real processes of every service
on real PostgreSQL and NATS JetStream.

A student with a roster entry (a OneRoster import, with their name), a directory entry in notifications (their
e-mail address and name), a webhook delivery naming their placement, an active placement with a school and an
enterprise mentor, a signed agreement document and insurance, a logbook week, a weekly report and its review,
attendance, a project team with a classmate (deliverables, the four parties' evaluations, peer ratings given and
received with comments, credits on completion, which reach the school's credit ledger) → the school's admin erases
the student → every service confirms → a scan of every column of every table of every service's database and of
every retained message of every stream finds neither the ref nor any of the student's values → the aggregates
(the position's seats, the school's placement report) are unchanged.

Then the classmate is erased while the mentors service is stopped: the others confirm, mentors stays pending, and
once it restarts it completes the erasure. A stack of its own (destructive: stops and restarts its mentors)."""

from __future__ import annotations

from datetime import date, timedelta

import httpx
import pytest
from weekly_report_world import FIRST, mentored_placement

from praxis_dev import oneroster_bundles as bundles
from praxis_dev.testing.personal_data_scan import scan_database, scan_streams
from praxis_dev.testing.stack import Stack, eventually

pytestmark = pytest.mark.destructive  # why: stops and restarts its stack's mentors process

TODAY = date.today()
WAIT = 60
SCHOOL, ENTERPRISE = "school-erase", "ent-erase"
STUDENT, CLASSMATE = "stu-erase-qz7", "stu-erase-mk4"
TEACHER, ANN = f"{SCHOOL}:tutor", f"{ENTERPRISE}:ann"
GIVEN, FAMILY = "Quenby", "Marchbanks-Erasa"
NAME = f"{GIVEN} {FAMILY}"
EMAIL = "quenby.erasa@school-erase.test"
CLASSMATE_NAME = "Ottoline Vantwest-Erasa"
REPORT_TEXT = "Reconciled the Glimmerquartz returns ledger with Quenby's own notes"
REVIEW_COMMENT = "Quenby should name the Tallowmere supplier call"
RATING_GIVEN = "Ottoline carried the Saltmarsh research"
RATING_RECEIVED = "Quenby kept the Fernhollow listing tidy"
# What must be gone: the ref and every value about the student. The classmate's are checked after their erasure.
NEEDLES = (STUDENT, NAME, GIVEN, FAMILY, EMAIL, REPORT_TEXT, REVIEW_COMMENT, RATING_GIVEN, RATING_RECEIVED)
CLASSMATE_NEEDLES = (CLASSMATE, CLASSMATE_NAME)
SERVICES = ("internships", "mentors", "notifications", "projects", "credentials")


def client(stack: Stack, service: str) -> httpx.AsyncClient:
    return httpx.AsyncClient(base_url=stack[service].base_url, timeout=30)


async def _roster(stack: Stack) -> None:
    users = [
        bundles.student(1, identifier=STUDENT, givenName=GIVEN, familyName=FAMILY, email=EMAIL),
        bundles.student(2, identifier=CLASSMATE, givenName="Ottoline", familyName="Vantwest-Erasa"),
    ]
    admin = stack.auth(SCHOOL, "school", "admin")
    async with client(stack, "internships") as c:
        made = await c.post(
            "/v1/imports/oneroster",
            headers={**admin, "Content-Type": "application/zip"},
            content=bundles.zipped(bundles.files(SCHOOL, 0, users=users)),
        )
        assert made.status_code == 202, made.text

        async def done():
            job = (await c.get(f"/v1/imports/{made.json()['id']}", headers=admin)).json()
            return job if job["state"] in ("succeeded", "failed") else None

        job = await eventually(done, timeout=WAIT, what="the roster import")
        assert job["state"] == "succeeded" and job["created"] == 2, job


async def _directory_and_webhook(stack: Stack) -> str:
    async with client(stack, "notifications") as n:
        me = await n.put(
            "/v1/directory/me",
            headers=stack.auth(SCHOOL, "school", "student", sub=STUDENT),
            json={"email": EMAIL, "display_name": NAME, "language": "en"},
        )
        assert me.status_code == 200, me.text
        hook = await n.post(
            "/v1/webhooks",
            headers=stack.auth(ENTERPRISE, "enterprise", "admin"),
            json={"url": "http://127.0.0.1:9/hooks", "event_types": ["praxis.internships.placement.requested.v1"]},
        )
        assert hook.status_code == 201, hook.text
    return hook.json()["id"]


async def _placement_records(stack: Stack, placement: dict) -> None:
    """A logbook week approved, a weekly report returned with a comment, a day of attendance."""
    pid, week = placement["id"], FIRST
    student = stack.auth(SCHOOL, "school", "student", sub=STUDENT)
    teacher = stack.auth(SCHOOL, "school", "teacher", sub=TEACHER)
    ann = stack.auth(ENTERPRISE, "enterprise", "mentor", sub=ANN)
    async with client(stack, "internships") as c:
        lines = [{"day": (week + timedelta(days=n)).isoformat(), "duty": "listings", "hours": "8"} for n in range(5)]
        filed = await c.put(f"/v1/placements/{pid}/logbook/{week}", headers=student, json={"lines": lines})
        assert filed.status_code == 200, filed.text
        assert (await c.post(f"/v1/placements/{pid}/logbook/{week}/approve", headers=ann)).status_code == 200
        report = f"/v1/placements/{pid}/weekly-reports/{week}"
        put = await c.put(report, headers=student, json={"text": REPORT_TEXT, "evidence": [], "duties": []})
        assert put.status_code == 200, put.text
        review = {"decision": "returned", "comments": REVIEW_COMMENT}
        assert (await c.post(f"{report}/review", headers=teacher, json=review)).status_code == 200
        day = (week + timedelta(days=7)).isoformat()
        present = {"status": "present", "check_in": "09:00", "check_out": "17:00"}
        attended = await c.put(f"/v1/placements/{pid}/attendance/{day}", headers=student, json=present)
        assert attended.status_code == 200, attended.text


async def _project(stack: Stack, mentors) -> None:
    """A team of the student and the classmate: every stage delivered and accepted, four parties' scores, peer
    ratings both ways with comments, then completion: credits."""
    school, hr = stack.auth(SCHOOL, "school", "admin"), stack.auth(ENTERPRISE, "enterprise", "hr")
    teacher = stack.auth(SCHOOL, "school", "teacher", sub="t-erase")
    host = stack.auth(ENTERPRISE, "enterprise", "mentor", sub="m-erase")
    me = {s: stack.auth(SCHOOL, "school", "student", sub=s) for s in (STUDENT, CLASSMATE)}
    async with mentors.client() as m, client(stack, "projects") as p:
        await mentors.mentor(m, SCHOOL, "school", capacity=5, account="t-erase", display_name="Tutor Erase")
        await mentors.mentor(m, ENTERPRISE, "enterprise", capacity=5, account="m-erase", display_name="Host Erase")

        async def partnership():
            r = await p.get("/v1/partnerships", headers=hr)
            return any(x["school_org"] == SCHOOL for x in r.json()["items"])

        await eventually(partnership, timeout=WAIT, what="the partnership in projects")
        created = await p.post(
            "/v1/projects",
            headers=hr,
            json={
                "title": "Erasure store",
                "brief": "Orders",
                "competencies": ["platform-operation"],
                "team_capacity": 1,
                "min_team_size": 2,
                "max_team_size": 2,
                "credits": 2,
                "pass_mark": 0,
                "starts_on": TODAY.isoformat(),
                "ends_on": (TODAY + timedelta(days=120)).isoformat(),
                "weights": {"teacher": 0.3, "enterprise": 0.3, "platform": 0.2, "peer": 0.2},
                "platform_targets": {"orders": {"value": 100, "unit": "count"}},
            },
        )
        assert created.status_code == 201, created.text
        project = created.json()
        pid = project["id"]
        assert (await p.post(f"/v1/projects/{pid}/publish", headers=hr)).status_code == 200
        assert (await p.put(f"/v1/projects/{pid}/schools/{SCHOOL}", headers=hr)).status_code == 200
        formed = await p.post(
            f"/v1/projects/{pid}/teams",
            headers=school,
            json={"name": "Erasers", "members": [{"student_ref": STUDENT}, {"student_ref": CLASSMATE}]},
        )
        assert formed.status_code == 201, formed.text
        tid = formed.json()["id"]

        async def paired():
            r = await m.get(f"/v1/students/{STUDENT}/mentors", headers=school)
            sides = {a["side"] for a in r.json().get("assignments", []) if a["context_id"] == tid}
            return sides == {"school", "enterprise"}

        await eventually(paired, timeout=WAIT, what="the team's mentors")
        for n, stage in enumerate(s["key"] for s in project["stages"]):
            work = {"kind": "project_report", "title": f"{stage} report", "link": f"https://drive.example.edu/{stage}"}
            submitted = await p.post(f"/v1/teams/{tid}/stages/{stage}/deliverables", headers=me[STUDENT], json=work)
            assert submitted.status_code == 201, submitted.text
            reviewed = await p.post(
                f"/v1/teams/{tid}/stages/{stage}/review",
                headers=teacher if n % 2 == 0 else host,
                json={"decision": "accepted"},
            )
            assert reviewed.status_code == 200, reviewed.text
        for student in (STUDENT, CLASSMATE):
            for who, scores in ((teacher, {"process": 80, "knowledge": 70}), (host, {"skills": 75, "qualities": 85})):
                scored = await p.post(
                    f"/v1/teams/{tid}/evaluations",
                    headers=who,
                    json={"student_ref": student, "assessment": "progress", "scores": scores},
                )
                assert scored.status_code == 201, scored.text
        for rater, ratee, comment in ((STUDENT, CLASSMATE, RATING_GIVEN), (CLASSMATE, STUDENT, RATING_RECEIVED)):
            rated = await p.post(
                f"/v1/teams/{tid}/peer-ratings",
                headers=me[rater],
                json={"stage": "market-research", "ratee_ref": ratee, "score": 90, "comments": comment},
            )
            assert rated.status_code == 201, rated.text
        metric = {
            "name": "orders",
            "value": 80,
            "unit": "count",
            "period_start": "2027-04-01",
            "period_end": "2027-04-30",
        }
        assert (await p.post(f"/v1/teams/{tid}/metrics", headers=hr, json={"metrics": [metric]})).status_code == 201
        completed = await p.post(f"/v1/projects/{pid}/complete", headers=hr)
        assert completed.status_code == 200 and completed.json()["credits_awarded"] == 2, completed.text


async def _aggregates(stack: Stack, placement: dict) -> dict:
    async with client(stack, "internships") as c:
        position = await c.get(
            f"/v1/positions/{placement['position_id']}", headers=stack.auth(ENTERPRISE, "enterprise", "hr")
        )
        report = await c.get("/v1/reports/placements", headers=stack.auth(SCHOOL, "school", "admin"))
    assert position.status_code == report.status_code == 200, (position.text, report.text)
    seats = {k: position.json()[k] for k in ("seats", "seats_taken", "open_seats")}
    return {"position": seats, "report": report.json()}


async def _scan(stack: Stack, needles: tuple[str, ...], services=SERVICES) -> dict:
    found = {name: await scan_database(stack[name].database_url, needles) for name in services}
    found["streams"] = await scan_streams(stack.nats_url, needles)
    return {k: v for k, v in found.items() if v}


async def _erase(stack: Stack, student: str) -> dict:
    async with client(stack, "internships") as c:
        asked = await c.post(f"/v1/students/{student}/erasure", headers=stack.auth(SCHOOL, "school", "admin"))
    assert asked.status_code == 202, asked.text
    assert asked.json()["state"] == "pending" and set(asked.json()["services"]) == set(SERVICES), asked.text
    return asked.json()


async def _erasure(stack: Stack, erasure_id: str) -> dict:
    async with client(stack, "internships") as c:
        r = await c.get(f"/v1/erasures/{erasure_id}", headers=stack.auth(SCHOOL, "school", "admin"))
    assert r.status_code == 200, r.text
    return r.json()


async def _completed(stack: Stack, erasure_id: str, timeout: float = WAIT) -> dict:
    async def done():
        found = await _erasure(stack, erasure_id)
        return found if found["state"] == "completed" else None

    return await eventually(done, timeout=timeout, what=f"erasure {erasure_id} to complete")


async def test_1_a_student_with_records_in_every_service(
    stack, internships, mentors, start_placement, assign_mentor, steps
):
    hook = await _directory_and_webhook(stack)
    await _roster(stack)
    placement = await mentored_placement(
        stack, start_placement, assign_mentor, school=SCHOOL, enterprise=ENTERPRISE, student=STUDENT, teacher=TEACHER,
        mentor=ANN,
    )  # fmt: skip
    await _placement_records(stack, placement)
    await _project(stack, mentors)
    admin = stack.auth(ENTERPRISE, "enterprise", "admin")
    async with client(stack, "notifications") as n:

        async def delivered():
            items = (await n.get(f"/v1/webhooks/{hook}/deliveries", headers=admin)).json()["items"]
            return items or None

        await eventually(delivered, timeout=WAIT, what="the booking's webhook delivery")
    async with client(stack, "internships") as c:

        async def credited():
            r = await c.get(f"/v1/credit-ledger/students/{STUDENT}", headers=stack.auth(SCHOOL, "school", "admin"))
            return r.status_code == 200 and r.json()

        await eventually(credited, timeout=WAIT, what="the project's credits in the school's ledger")
    # the scan sees the student everywhere before: what it finds nothing of afterwards was there
    before = await _scan(stack, NEEDLES)
    assert set(SERVICES) <= set(before), before
    steps["placement"] = placement
    steps["aggregates"] = await _aggregates(stack, placement)


async def test_2_the_school_erases_the_student_and_every_service_confirms(stack, steps):
    steps.after("placement")
    asked = await _erase(stack, STUDENT)
    done = await _completed(stack, asked["id"])
    assert done["services"] == dict.fromkeys(SERVICES, "erased")
    assert done["student_ref"] is None and done["completed_at"]
    assert set(done["rows_changed"]) == set(SERVICES)
    steps["erasure"] = done


async def test_3_no_database_and_no_stream_holds_anything_of_the_student(stack, steps):
    steps.after("erasure")
    assert await _scan(stack, NEEDLES) == {}


async def test_4_the_aggregates_are_unchanged(stack, steps):
    steps.after("erasure")
    assert await _aggregates(stack, steps["placement"]) == steps["aggregates"]


async def test_5_a_service_down_during_the_request_completes_it_when_it_returns(stack, steps):
    steps.after("erasure")
    stack["mentors"].stop()
    try:
        asked = await _erase(stack, CLASSMATE)

        async def others_confirmed():
            found = await _erasure(stack, asked["id"])
            return found if sum(s == "erased" for s in found["services"].values()) == len(SERVICES) - 1 else None

        waiting = await eventually(others_confirmed, timeout=WAIT, what="the other running services to confirm")
        assert (waiting["state"], waiting["services"]["mentors"], waiting["student_ref"]) == (
            "pending",
            "pending",
            CLASSMATE,
        )
    finally:
        stack["mentors"].start()
    done = await _completed(stack, asked["id"])
    assert done["services"] == dict.fromkeys(SERVICES, "erased")
    assert await _scan(stack, CLASSMATE_NEEDLES) == {}
