"""Attendance attested by the enterprise, end to end on real processes over REST: the student records days, the
placement's assigned enterprise mentor (assigned in the mentors service; internships learns it from its events)
attests the week disputing a day, the approved logbook hours exceed the attested presence and the week is flagged,
leave is asked and approved, the reports list it all, and the events leave through the outbox."""

from __future__ import annotations

from datetime import date, timedelta

import httpx
import pytest_asyncio

from praxis_dev.testing.stack import Stack

TODAY = date.today()
FIRST = TODAY - timedelta(days=TODAY.weekday() + 21)  # the Monday three weeks ago: the placement's first day
SCHOOL, ENTERPRISE, STUDENT = "school-att", "ent-att", "stu-att"
ANN, BO = f"{ENTERPRISE}:ann", f"{ENTERPRISE}:bo"


def day(n: int) -> str:
    return (FIRST + timedelta(days=n)).isoformat()


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def placement(stack: Stack, start_placement, assign_mentor) -> dict:
    """An active placement that began three weeks ago; Ann is its enterprise mentor and internships knows it."""
    async with httpx.AsyncClient(base_url=stack["internships"].base_url, timeout=30) as c:
        made = await start_placement(
            c, SCHOOL, ENTERPRISE, STUDENT, starts_on=FIRST, duties=[{"name": "listings", "kind": "core"}]
        )
    made["ann"] = await assign_mentor(made, ANN)
    return made


def client(stack: Stack) -> httpx.AsyncClient:
    return httpx.AsyncClient(base_url=stack["internships"].base_url, timeout=30)


async def test_a_week_recorded_attested_with_a_dispute_and_flagged_against_the_logbook(stack, placement, read_event):
    pid = placement["id"]
    student = stack.auth(SCHOOL, "school", "student", sub=STUDENT)
    ann = stack.auth(ENTERPRISE, "enterprise", "mentor", sub=ANN)
    async with client(stack) as c:
        for n in range(5):
            body = (
                {"status": "absent", "reason": "ill"}
                if n == 2
                else {"status": "present", "check_in": "09:00", "check_out": "17:00"}
            )
            r = await c.put(f"/v1/placements/{pid}/attendance/{day(n)}", headers=student, json=body)
            assert r.status_code == 200, r.text
        assert r.json()["hours"] == "8.00" and r.json()["recorded_by"] == STUDENT
        lines = [{"day": day(n), "duty": "listings", "hours": "8"} for n in range(5)]
        filed = await c.put(f"/v1/placements/{pid}/logbook/{day(0)}", headers=student, json={"lines": lines})
        assert filed.status_code == 200, filed.text
        approved = await c.post(f"/v1/placements/{pid}/logbook/{day(0)}/approve", headers=ann)
        assert approved.status_code == 200, approved.text

        attested = await c.post(
            f"/v1/placements/{pid}/attendance/weeks/{day(0)}/attestation",
            headers=ann,
            json={"disputed_days": [{"day": day(1), "reason": "not on site"}]},
        )
        assert attested.status_code == 200, attested.text
        week = attested.json()
        assert (week["present_days"], week["present_hours"], week["logbook_hours"]) == (3, "24.00", "40.00")
        assert week["anomaly"] is True and week["mentor_id"] == placement["ann"]["id"]

        seen = (await c.get(f"/v1/placements/{pid}/attendance", headers=student)).json()
        assert [d["status"] for d in seen["days"]] == ["present", "present", "absent", "present", "present"]
        assert seen["summary"]["disputed_days"] == 1 and seen["enterprise_mentor_id"] == placement["ann"]["id"]
        relocked = await c.put(
            f"/v1/placements/{pid}/attendance/{day(1)}",
            headers=student,
            json={"status": "present", "check_in": "09:00", "check_out": "18:00"},
        )
        assert relocked.status_code == 409 and relocked.json()["type"].endswith("week-attested"), relocked.text

        hr = stack.auth(ENTERPRISE, "enterprise", "hr")
        anomalies = (await c.get("/v1/reports/attendance-anomalies", headers=hr)).json()
        assert [(a["placement_id"], a["week_start"]) for a in anomalies["items"]] == [(pid, day(0))]
        unattested = (await c.get("/v1/reports/unattested-weeks", headers=hr)).json()
        assert [w["week_start"] for w in unattested["items"] if w["placement_id"] == pid] == [day(7), day(14)]
        report = (await c.get("/v1/reports/attendance", headers=stack.auth(SCHOOL, "school", "admin"))).json()
        [row] = [r for r in report["items"] if r["placement_id"] == pid]
        assert row["summary"]["present_days"] == 3 and row["summary"]["attested_weeks"] == 1

    event = await read_event("internships.attendance.week_attested", pid)
    assert event["disputedDays"] == [{"day": day(1), "reason": "not on site"}] and event["presentDays"] == 3
    flagged = await read_event("internships.attendance.anomaly_flagged", pid)
    assert (flagged["presentHours"], flagged["logbookHours"]) == ("24.00", "40.00")
    recorded = await read_event("internships.attendance.day_recorded", pid)
    assert recorded["studentRef"] == STUDENT


async def test_leave_is_asked_by_the_student_and_approved_only_by_the_assigned_mentor(stack, placement, read_event):
    pid = placement["id"]
    async with client(stack) as c:
        asked = await c.post(
            f"/v1/placements/{pid}/leave-requests",
            headers=stack.auth(SCHOOL, "school", "student", sub=STUDENT),
            json={"first_day": day(8), "last_day": day(9), "reason": "exam"},
        )
        assert asked.status_code == 201, asked.text
        rid = asked.json()["id"]
        assert (await c.get(asked.headers["location"], headers=stack.auth(SCHOOL, "school", "teacher"))).json()[
            "status"
        ] == "pending"
        decision = f"/v1/placements/{pid}/leave-requests/{rid}/decision"
        for headers, status in (
            (stack.auth(ENTERPRISE, "enterprise", "mentor", sub=BO), 403),  # a mentor of the enterprise, not this one
            (stack.auth(ENTERPRISE, "enterprise", "hr"), 403),  # HR only explicitly on the mentor's behalf
            (stack.auth(SCHOOL, "school", "admin"), 403),
            (stack.auth("ent-att-other", "enterprise", "mentor", sub=ANN), 404),
        ):
            r = await c.post(decision, headers=headers, json={"approve": True})
            assert r.status_code == status, r.text
            assert r.headers["content-type"] == "application/problem+json"
        refused = await c.post(
            decision, headers=stack.auth(ENTERPRISE, "enterprise", "mentor", sub=BO), json={"approve": True}
        )
        assert "assigned enterprise mentor" in refused.json()["detail"]
        ann = stack.auth(ENTERPRISE, "enterprise", "mentor", sub=ANN)
        approved = await c.post(decision, headers=ann, json={"approve": True})
        assert approved.status_code == 200 and approved.json()["status"] == "approved", approved.text
        again = await c.post(decision, headers=ann, json={"approve": False, "comments": "changed my mind"})
        assert again.status_code == 409, again.text
        days = {d["day"]: d for d in (await c.get(f"/v1/placements/{pid}/attendance", headers=ann)).json()["days"]}
        assert days[day(8)]["status"] == days[day(9)]["status"] == "leave"
    event = await read_event("internships.leave.approved", rid)
    assert (event["firstDay"], event["lastDay"], event["mentorId"]) == (day(8), day(9), placement["ann"]["id"])
