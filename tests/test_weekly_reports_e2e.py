"""Weekly and monthly reports end to end on real processes: the student files, the placement's assigned school
mentor accepts (scored) or returns, a returned report is filed again, the enterprise mentor comments, every change
leaves as an event; the review queue, review rates and shortfalls; and who may do what (non-parties 404, parties
that are not the assigned mentor 403, bad input a 422 naming the field)."""

from __future__ import annotations

from datetime import date, timedelta

import httpx
import pytest
import pytest_asyncio
from weekly_report_world import DUTIES, FIRST, WEEKS, mentored_placement

from praxis_dev.testing.stack import Stack

SCHOOL, ENTERPRISE, STUDENT = "school-wr", "ent-wr", "stu-wr"
TAN, ANN = f"{SCHOOL}:tan", f"{ENTERPRISE}:ann"  # the assigned school mentor's and enterprise mentor's accounts
REPORT = {
    "text": "Listed 40 products and answered buyers' questions in the store's chat.",
    "evidence": ["https://drive.example.com/wr/listings"],
    "duties": ["listings", "customer chat"],
}


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def placement(stack: Stack, start_placement, assign_mentor) -> dict:
    return await mentored_placement(
        stack,
        start_placement,
        assign_mentor,
        school=SCHOOL,
        enterprise=ENTERPRISE,
        student=STUDENT,
        teacher=TAN,
        mentor=ANN,
    )


def path(placement: dict, week: date, action: str = "") -> str:
    return f"/v1/placements/{placement['id']}/weekly-reports/{week}" + (f"/{action}" if action else "")


def client(stack: Stack) -> httpx.AsyncClient:
    return httpx.AsyncClient(base_url=stack["internships"].base_url, timeout=30)


def student(stack: Stack) -> dict:
    return stack.auth(SCHOOL, "school", "student", sub=STUDENT)


def tan(stack: Stack) -> dict:
    return stack.auth(SCHOOL, "school", "teacher", sub=TAN)


async def test_the_student_files_and_the_assigned_teacher_accepts_with_a_score(stack, placement, read_event):
    week = WEEKS[0]
    async with client(stack) as c:
        filed = await c.put(path(placement, week), headers=student(stack), json=REPORT)
        assert filed.status_code == 200, filed.text
        body = filed.json()
        assert (body["status"], body["kind"], body["period_end"]) == ("submitted", "weekly", str(week + timedelta(6)))
        assert body["duties"] == REPORT["duties"] and body["evidence"] == REPORT["evidence"]
        accepted = await c.post(
            path(placement, week, "review"), headers=tan(stack), json={"decision": "accepted", "score": 88}
        )
        assert accepted.status_code == 200, accepted.text
        assert (accepted.json()["status"], accepted.json()["score"], accepted.json()["reviewed_by"]) == (
            "accepted",
            88,
            TAN,
        )
        assert accepted.json()["reviewer_mentor_id"] == placement["teacher"]["id"]
        again = await c.put(path(placement, week), headers=student(stack), json=REPORT)
        assert again.status_code == 409 and again.json()["type"].endswith("report-accepted"), again.text
        twice = await c.post(
            path(placement, week, "review"), headers=tan(stack), json={"decision": "returned", "comments": "no"}
        )
        assert twice.status_code == 409 and twice.json()["type"].endswith("report-not-submitted"), twice.text
        listed = (await c.get(f"/v1/placements/{placement['id']}/weekly-reports", headers=student(stack))).json()
        assert (listed["weekly_accepted"], listed["weekly_filed"]) == (1, 1)
    submitted = await read_event("internships.weekly_report.submitted", body["id"])
    assert (submitted["status"], submitted["studentRef"], submitted["actor"]) == ("submitted", STUDENT, STUDENT)
    assert "text" not in submitted  # the narrative stays in internships
    event = await read_event("internships.weekly_report.accepted", body["id"])
    assert (event["score"], event["mentorId"], event["periodStart"]) == (88, placement["teacher"]["id"], str(week))


async def test_a_returned_report_is_filed_again_and_submitted_again(stack, placement, read_event):
    week = WEEKS[1]
    async with client(stack) as c:
        coordinator = stack.auth(SCHOOL, "school", "coordinator", sub=f"{SCHOOL}:coord")
        filed = await c.put(path(placement, week), headers=coordinator, json=REPORT)  # the school, for the student
        assert filed.status_code == 200, filed.text
        no_reason = await c.post(path(placement, week, "review"), headers=tan(stack), json={"decision": "returned"})
        assert no_reason.status_code == 422 and no_reason.json()["errors"][0]["field"] == "comments", no_reason.text
        scored = await c.post(
            path(placement, week, "review"),
            headers=tan(stack),
            json={"decision": "returned", "comments": "x", "score": 10},
        )
        assert scored.status_code == 422 and scored.json()["errors"][0]["field"] == "score", scored.text
        returned = await c.post(
            path(placement, week, "review"),
            headers=tan(stack),
            json={"decision": "returned", "comments": "Say what you did, not what the team did."},
        )
        assert returned.status_code == 200 and returned.json()["status"] == "returned", returned.text
        refiled = await c.put(path(placement, week), headers=student(stack), json=REPORT | {"text": "I listed 40."})
        assert refiled.status_code == 200, refiled.text
        assert (refiled.json()["status"], refiled.json()["review_comments"], refiled.json()["id"]) == (
            "submitted",
            None,
            filed.json()["id"],
        )
        accepted = await c.post(path(placement, week, "review"), headers=tan(stack), json={"decision": "accepted"})
        assert accepted.status_code == 200 and accepted.json()["score"] is None, accepted.text
    event = await read_event("internships.weekly_report.returned", filed.json()["id"])
    assert event["status"] == "returned" and event["actor"] == TAN


async def test_the_assigned_enterprise_mentor_comments(stack, placement, read_event):
    week = WEEKS[0]
    async with client(stack) as c:
        ann = stack.auth(ENTERPRISE, "enterprise", "mentor", sub=ANN)
        noted = await c.post(
            path(placement, week, "comments"), headers=ann, json={"text": "He trained the new intern."}
        )
        assert noted.status_code == 201, noted.text
        [comment] = noted.json()["comments"]
        assert (comment["side"], comment["author"], comment["mentor_id"]) == (
            "enterprise",
            ANN,
            placement["mentor"]["id"],
        )
        by_tan = await c.post(path(placement, week, "comments"), headers=tan(stack), json={"text": "Agreed."})
        assert by_tan.status_code == 201 and len(by_tan.json()["comments"]) == 2, by_tan.text
        for headers in (
            stack.auth(ENTERPRISE, "enterprise", "hr"),
            stack.auth(ENTERPRISE, "enterprise", "mentor", sub=f"{ENTERPRISE}:bo"),
            stack.auth(SCHOOL, "school", "teacher", sub=f"{SCHOOL}:lee"),
            student(stack),
        ):
            r = await c.post(path(placement, week, "comments"), headers=headers, json={"text": "me too"})
            assert r.status_code == 403, r.text
        missing = await c.post(path(placement, WEEKS[5], "comments"), headers=ann, json={"text": "where?"})
        assert missing.status_code == 404, missing.text
    event = await read_event("internships.weekly_report.commented", comment["id"])
    assert (event["side"], event["author"]) == ("enterprise", ANN)


async def test_only_the_assigned_school_mentor_reviews(stack, placement):
    week = WEEKS[2]
    async with client(stack) as c:
        assert (await c.put(path(placement, week), headers=student(stack), json=REPORT)).status_code == 200
        for headers, status in (
            (stack.auth(SCHOOL, "school", "admin"), 403),
            (stack.auth(SCHOOL, "school", "coordinator"), 403),
            (stack.auth(SCHOOL, "school", "teacher", sub=f"{SCHOOL}:lee"), 403),  # a teacher, not the assigned one
            (student(stack), 403),
            (stack.auth(ENTERPRISE, "enterprise", "hr"), 403),
            (stack.auth(ENTERPRISE, "enterprise", "mentor", sub=ANN), 403),  # the enterprise mentor comments only
            (stack.auth("school-wr-other", "school", "teacher", sub=TAN), 404),  # Tan's account, another school
        ):
            r = await c.post(path(placement, week, "review"), headers=headers, json={"decision": "accepted"})
            assert r.status_code == status, (headers, r.text)
            assert r.headers["content-type"] == "application/problem+json"
        report = (await c.get(f"/v1/placements/{placement['id']}/weekly-reports", headers=student(stack))).json()
        [kept] = [r for r in report["reports"] if r["period_start"] == str(week)]
        assert kept["status"] == "submitted"


ROUTES = [
    ("PUT", "{week}", REPORT),
    ("POST", "{week}/review", {"decision": "accepted"}),
    ("POST", "{week}/comments", {"text": "hello"}),
    ("GET", "", None),
]
OUTSIDERS = {
    "other school": ("school-wr-other", "school", "admin", None),
    "other school's teacher": ("school-wr-other", "school", "teacher", TAN),
    "other enterprise": ("ent-wr-other", "enterprise", "hr", None),
    "other enterprise's mentor": ("ent-wr-other", "enterprise", "mentor", ANN),
    "a student of another placement": (SCHOOL, "school", "student", "stu-wr-someone-else"),
}


@pytest.mark.parametrize("who", OUTSIDERS)
async def test_every_route_is_a_404_to_non_parties(stack, placement, who):
    org, kind, role, sub = OUTSIDERS[who]
    headers = stack.auth(org, kind, role, sub=sub)
    async with client(stack) as c:
        for method, tail, body in ROUTES:
            url = f"/v1/placements/{placement['id']}/weekly-reports" + (
                "/" + tail.format(week=WEEKS[0]) if tail else ""
            )
            r = await c.request(method, url, headers=headers, json=body)
            assert r.status_code == 404, (method, url, r.text)
            assert r.headers["content-type"] == "application/problem+json"


@pytest.mark.parametrize(
    "body, week, field",
    [
        (REPORT | {"text": "x" * 10_001}, WEEKS[3], "text"),
        (REPORT | {"text": "   "}, WEEKS[3], "text"),
        (REPORT | {"evidence": ["http://drive.example.com/a"]}, WEEKS[3], "evidence.0"),
        (REPORT | {"evidence": ["javascript:alert(1)"]}, WEEKS[3], "evidence.0"),
        (REPORT | {"evidence": [f"https://e.example.com/{i}" for i in range(11)]}, WEEKS[3], "evidence"),
        (REPORT | {"duties": ["listings", "coffee runs"]}, WEEKS[3], "duties.1"),
        (REPORT | {"kind": "daily"}, WEEKS[3], "kind"),
        (REPORT, WEEKS[3] + timedelta(days=1), "week_start"),  # not a Monday
        (REPORT, FIRST - timedelta(days=7), "week_start"),  # before the placement
        (REPORT, WEEKS[5] + timedelta(days=7), "week_start"),  # next week has not begun
        (REPORT | {"kind": "monthly"}, date(FIRST.year, FIRST.month, 2), "week_start"),  # not the 1st
    ],
)
async def test_bad_input_is_a_422_naming_the_field(stack, placement, body, week, field):
    async with client(stack) as c:
        r = await c.put(path(placement, week), headers=student(stack), json=body)
        assert r.status_code == 422, r.text
        assert r.headers["content-type"] == "application/problem+json"
        assert field in [e["field"] for e in r.json()["errors"]], r.json()


async def test_bad_review_and_query_input_is_a_4xx(stack, placement):
    async with client(stack) as c:
        for body in (
            {"decision": "accepted", "score": 101},
            {"decision": "accepted", "score": 1.5},
            {"decision": "maybe"},
        ):
            r = await c.post(path(placement, WEEKS[2], "review"), headers=tan(stack), json=body)
            assert r.status_code == 422, r.text
        r = await c.post(path(placement, WEEKS[2], "comments"), headers=tan(stack), json={"text": "x" * 2001})
        assert r.status_code == 422, r.text
        admin = stack.auth(SCHOOL, "school", "admin")
        for minimum in ("0", "101", "abc"):
            r = await c.get("/v1/reports/weekly-report-shortfalls", headers=admin, params={"minimum": minimum})
            assert r.status_code == 422, r.text


async def test_a_monthly_report_is_filed_for_a_calendar_month(stack, placement):
    month = date(FIRST.year, FIRST.month, 1)
    async with client(stack) as c:
        r = await c.put(path(placement, month), headers=student(stack), json=REPORT | {"kind": "monthly"})
        assert r.status_code == 200, r.text
        assert (r.json()["kind"], r.json()["period_start"]) == ("monthly", str(month))
        reviewed = await c.post(
            path(placement, month, "review"), headers=tan(stack), json={"kind": "monthly", "decision": "accepted"}
        )
        assert reviewed.status_code == 200 and reviewed.json()["kind"] == "monthly", reviewed.text
        listed = (await c.get(f"/v1/placements/{placement['id']}/weekly-reports", headers=student(stack))).json()
        assert listed["weekly_accepted"] == 2  # a monthly report does not count towards the weekly minimum


async def test_queue_rates_and_shortfalls(stack, placement, start_placement):
    """Tan's queue holds the reports waiting on Tan only; the school sees every pending report with a line per teacher
    (an unassigned placement's too); rates per teacher and school; shortfalls against the minimum."""
    async with client(stack) as c:
        other = await start_placement(c, SCHOOL, "ent-wr2", "stu-wr2", starts_on=FIRST, duties=DUTIES)
        assert (
            await c.put(path(other, WEEKS[4]), headers=stack.auth(SCHOOL, "school", "admin"), json=REPORT)
        ).status_code == 200
        queue = await c.get("/v1/reports/review-queue", headers=tan(stack))
        assert queue.status_code == 200, queue.text
        mine = queue.json()["pending"]
        assert {p["placement_id"] for p in mine} == {placement["id"]} and queue.json()["teachers"] == []
        assert [p["period_start"] for p in mine] == [str(WEEKS[2])] and float(mine[0]["waiting_hours"]) >= 0
        school = (await c.get("/v1/reports/review-queue", headers=stack.auth(SCHOOL, "school", "admin"))).json()
        assert [p["placement_id"] for p in school["pending"]] == [placement["id"], other["id"]]  # oldest first
        lines = {t["mentor_id"]: t["pending"] for t in school["teachers"]}
        assert lines == {placement["teacher"]["id"]: 1, None: 1}
        rates = (await c.get("/v1/reports/review-rates", headers=stack.auth(SCHOOL, "school", "coordinator"))).json()
        by = {t["mentor_id"]: t for t in rates["teachers"]}
        tan_line = by[placement["teacher"]["id"]]
        assert (tan_line["filed"], tan_line["accepted"], tan_line["pending"], tan_line["mentor_account"]) == (
            4,
            3,
            1,
            TAN,
        )
        assert tan_line["rate"] == "0.7500"
        assert (rates["school"]["filed"], rates["school"]["pending"], rates["school"]["rate"]) == (5, 2, "0.6000")
        short = await c.get(
            "/v1/reports/weekly-report-shortfalls",
            headers=stack.auth(SCHOOL, "school", "admin"),
            params={"minimum": 3},
        )
        assert short.status_code == 200, short.text
        rows = {s["placement_id"]: s for s in short.json()["placements"]}
        assert (rows[other["id"]]["accepted"], rows[other["id"]]["missing"]) == (0, 3)
        assert (rows[placement["id"]]["accepted"], rows[placement["id"]]["missing"]) == (2, 1)
        default = (
            await c.get("/v1/reports/weekly-report-shortfalls", headers=stack.auth(SCHOOL, "school", "admin"))
        ).json()
        assert default["minimum"] is None  # each placement's programme minimum (12 where none applies)
        assert {p["minimum"] for p in default["placements"]} == {12}
        for headers in (stack.auth(ENTERPRISE, "enterprise", "hr"), student(stack)):
            for report in ("review-queue", "review-rates", "weekly-report-shortfalls"):
                assert (await c.get(f"/v1/reports/{report}", headers=headers)).status_code == 403
        elsewhere = await c.get("/v1/reports/review-queue", headers=stack.auth("school-wr-other", "school", "admin"))
        assert elsewhere.json() == {"pending": [], "teachers": []}
