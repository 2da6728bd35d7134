"""Logs carry no personal data, over real processes: an end-to-end run with distinctive profile values — an HR
user's name and e-mail address in notifications' directory, a mentor's name in the mentors service, a student's
weekly report text and a mentor's review comment in internships — including requests refused 422 with those values
in their bodies and a reminder mail the SMTP server first refuses (the mailer logs the failure), then a scan of every
service's log file for the values (docs/security.md, "Personal data in logs"), and a check that every line says what
it belongs to: a request's id, or a background task's name (docs/observability.md).

A stack of its own (destructive: its settings make hold reminders due at once, retry mail quickly, and point
notifications at a real SMTP server started here)."""

from __future__ import annotations

from datetime import date, timedelta

import httpx
import pytest
from weekly_report_world import mentored_placement

from praxis_dev.testing.stack import Stack, eventually

pytestmark = pytest.mark.destructive
SCHOOL, ENTERPRISE, STUDENT = "sch-pii", "ent-pii", "stu-pii"
TEACHER, ANN = f"{SCHOOL}:tan", f"{ENTERPRISE}:ann"
HR_NAME, HR_EMAIL = "Zyx Qwerty-Unique", "zyx.qwerty-unique@ent-pii.test"
MENTOR_NAME = "Vorpal Snickersnee-Teacher"
REPORT_TEXT = "Catalogued the Xylocarp shipment for the Quillfeather account"
COMMENT = "Mention the Brindlewood supplier call next time"
BAD_EMAIL = "Plumbago-Unique-at-nowhere"  # not an e-mail address: refused 422
# Refs are opaque ids, but they name a person to whoever holds the mapping: the logs carry none either.
VALUES = (HR_NAME, HR_EMAIL, MENTOR_NAME, REPORT_TEXT, COMMENT, BAD_EMAIL, STUDENT, TEACHER, ANN)
WAIT = 30


@pytest.fixture(scope="module")
def stack(nats_server, event_prefix, database_factory, tmp_path_factory, smtp_sink):
    s = Stack(
        nats_server,
        event_prefix,
        tmp_path_factory.mktemp("stack"),
        database_factory,
        settings={
            **smtp_sink.settings,
            "HOLD_REMINDER_HOURS": "72",
            "MAIL_POLL_SECONDS": "0.1",
            "MAIL_RETRY_BASE_SECONDS": "0.5",
            "PUBLIC_URL": "http://praxis.test",
        },
    )
    try:
        yield s.start(("internships", "mentors", "notifications"))
    finally:
        s.stop()


def _client(stack: Stack, service: str) -> httpx.AsyncClient:
    return httpx.AsyncClient(base_url=stack[service].base_url, timeout=30)


@pytest.mark.asyncio(loop_scope="module")
async def test_an_end_to_end_run_leaves_none_of_its_profile_values_in_any_service_log(
    stack, internships, start_placement, assign_mentor, smtp_sink
):
    hr_admin = stack.auth(ENTERPRISE, "enterprise", "admin")
    async with _client(stack, "notifications") as n:
        refused = await n.put(
            "/v1/directory/users/hr-pii",
            headers=hr_admin,
            json={"email": BAD_EMAIL, "display_name": HR_NAME, "language": "en", "roles": ["hr"]},
        )
        assert refused.status_code == 422, refused.text
        hr = await n.put(
            "/v1/directory/users/hr-pii",
            headers=hr_admin,
            json={"email": HR_EMAIL, "display_name": HR_NAME, "language": "en", "roles": ["hr"]},
        )
        assert hr.status_code == 200, hr.text

    placement = await mentored_placement(
        stack,
        start_placement,
        assign_mentor,
        school=SCHOOL,
        enterprise=ENTERPRISE,
        student=STUDENT,
        teacher=TEACHER,
        mentor=ANN,
    )
    school_admin = stack.auth(SCHOOL, "school", "admin")
    async with _client(stack, "mentors") as m:
        path = f"/v1/mentors/{placement['teacher']['id']}"
        too_small = await m.patch(path, headers=school_admin, json={"display_name": MENTOR_NAME, "capacity": -1})
        assert too_small.status_code == 422, too_small.text
        renamed = await m.patch(path, headers=school_admin, json={"display_name": MENTOR_NAME})
        assert renamed.status_code == 200 and renamed.json()["display_name"] == MENTOR_NAME, renamed.text

    week = date.fromisoformat(placement["starts_on"])
    report = f"/v1/placements/{placement['id']}/weekly-reports/{week}"
    student = stack.auth(SCHOOL, "school", "student", sub=STUDENT)
    teacher = stack.auth(SCHOOL, "school", "teacher", sub=TEACHER)
    async with _client(stack, "internships") as c:
        bad = await c.put(report, headers=student, json={"text": REPORT_TEXT, "evidence": ["not a url"], "duties": 7})
        assert bad.status_code == 422, bad.text
        filed = await c.put(report, headers=student, json={"text": REPORT_TEXT, "evidence": [], "duties": []})
        assert filed.status_code == 200, filed.text
        unknown = await c.post(f"{report}/review", headers=teacher, json={"decision": "maybe", "comments": COMMENT})
        assert unknown.status_code == 422, unknown.text
        returned = await c.post(f"{report}/review", headers=teacher, json={"decision": "returned", "comments": COMMENT})
        assert returned.status_code == 200, returned.text

        # A hold reminder to the HR user: the SMTP server refuses the first attempt, the mailer logs that and retries.
        smtp_sink.refuse(1)
        agreement = await internships.agreement(c, SCHOOL, ENTERPRISE)
        position = await internships.position(c, ENTERPRISE, agreement, seats=1, starts_on=date.today() + timedelta(20))
        booked = await internships.book(c, SCHOOL, position["id"], "stu-pii-2", birth_date="2004-01-01")
        assert booked.status_code == 201, booked.text
    await smtp_sink.wait_for(HR_EMAIL, timeout=WAIT)

    async def mail_failure_logged() -> bool:
        return any(r.get("message") == "mail not sent" for r in stack["notifications"].log_records())

    await eventually(mail_failure_logged, timeout=WAIT, what="notifications to log the refused mail")

    leaks = {
        name: [value for value in VALUES if value.lower() in service.log_path.read_text(errors="replace").lower()]
        for name, service in stack.services.items()
    }
    assert all(service.log_path.stat().st_size > 0 for service in stack.services.values())
    assert leaks == {name: [] for name in stack.services}

    records = {name: service.log_records() for name, service in stack.services.items()}
    unplaced = {
        name: [r for r in rs if not (r.get("request_id") or (r.get("task") and not r["task"].startswith("Task-")))]
        for name, rs in records.items()
    }
    assert unplaced == {name: [] for name in stack.services}
    assert not any("\x1b" in service.log_path.read_text(errors="replace") for service in stack.services.values())
    # One access line per request, by the route's template: the refused 422s and the mentor renamed over REST.
    mentors_access = [r for r in records["mentors"] if r.get("logger") == "praxis.access"]
    assert {(r["method"], r["route"], r["status"]) for r in mentors_access} >= {
        ("PATCH", "/v1/mentors/{mentor_id}", 422),
        ("PATCH", "/v1/mentors/{mentor_id}", 200),
    }
    assert all(r["request_id"] and r["duration_ms"] >= 0 for r in mentors_access)
