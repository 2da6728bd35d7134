"""Reminder e-mails end to end, over real processes: internships publishes, notifications turns the events into
reminders and mails them to a real SMTP server (aiosmtpd) started here — an expiring placement hold to the
enterprise's HR, an overdue logbook week to the placement's enterprise mentor, each in the recipient's language, and
each once even when its event is delivered again (the same event id, and the same fact under a new event id); the
mentor's assignment and overdue on-site guidance (from the mentors service) too.

A stack of its own (destructive: its settings make reminders due at once — the hold reminder 72 h before a 72 h
hold expires, the logbook reminder 0 days after submission — and point notifications at the SMTP server)."""

from __future__ import annotations

import re
import uuid
from datetime import date, timedelta

import httpx
import nats
import pytest
import pytest_asyncio

from praxis_common.jetstream import stream_name
from praxis_dev.testing.stack import Stack, eventually

pytestmark = pytest.mark.destructive
TODAY = date.today()
MONDAY = TODAY - timedelta(days=TODAY.weekday())
SCHOOL, ENT_HOLD, ENT_LOG = "sch-rem", "ent-rem-hold", "ent-rem-log"
HR_EMAIL, ANN, ANN_EMAIL = "hr@ent-rem-hold.test", "ent-rem-log:ann", "ann@ent-rem-log.test"
SCHOOL_ADMIN_EMAIL = "admin@sch-rem.test"
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
            "LOGBOOK_REMINDER_DAYS": "0",
            "REPORT_REMINDER_DAYS": "0",
            "MAIL_POLL_SECONDS": "0.1",
            "PUBLIC_URL": "http://praxis.test",
            "INTERNSHIPS_PUBLIC_URL": "http://internships.test",  # the base of approve links (read back below)
            "OVERDUE_GUIDANCE_SCAN_SECONDS": "0.5",  # the mentors service's job
        },
    )
    try:
        yield s.start(("internships", "mentors", "notifications"))
    finally:
        s.stop()


def notifications(stack: Stack) -> httpx.AsyncClient:
    return httpx.AsyncClient(base_url=stack["notifications"].base_url, timeout=30)


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def directory(stack):
    """The hold enterprise's HR, entered by its admin, reads Chinese; the logbook enterprise's mentor Ann registers
    herself from her token (e-mail and locale claims), reading English; the school's admin reads Chinese."""
    async with notifications(stack) as n:
        hr = await n.put(
            "/v1/directory/users/hr-zhang",
            headers=stack.auth(ENT_HOLD, "enterprise", "admin"),
            json={"email": HR_EMAIL, "display_name": "张经理", "language": "zh-CN", "roles": ["hr"]},
        )
        assert hr.status_code == 200, hr.text
        token = stack.token(ENT_LOG, "enterprise", "mentor", sub=ANN, profile={"email": ANN_EMAIL, "locale": "en-GB"})
        ann = await n.put("/v1/directory/me", headers={"Authorization": f"Bearer {token}"})
        assert ann.status_code == 200, ann.text
        assert (ann.json()["email"], ann.json()["language"], ann.json()["self_registered"]) == (ANN_EMAIL, "en", True)
        admin = await n.put(
            "/v1/directory/users/sch-admin",
            headers=stack.auth(SCHOOL, "school", "admin"),
            json={"email": SCHOOL_ADMIN_EMAIL, "display_name": "王老师", "language": "zh-CN", "roles": ["admin"]},
        )
        assert admin.status_code == 200, admin.text


async def _publish_again(stack: Stack, subject: str, about: str) -> None:
    """The last event on `subject` published twice more — the same event id as a new message (JetStream's dedup does
    not stop it), and the same payload under a new event id — then waits until notifications has applied both."""
    nc = await nats.connect(stack.nats_url)
    try:
        js = nc.jetstream()
        stream = stream_name(stack.prefix, "internships")
        original = await js.get_last_msg(stream, f"{stack.prefix}.{subject}")
        assert about in original.data.decode()
        headers = dict(original.headers)
        await js.publish(original.subject, original.data, headers={**headers, "Nats-Msg-Id": str(uuid.uuid4())})
        new_id = str(uuid.uuid4())
        last = await js.publish(
            original.subject, original.data, headers={**headers, "Nats-Msg-Id": new_id, "ce-id": new_id}
        )

        async def consumed() -> bool:
            info = await js.consumer_info(stream, "notifications-internships")
            return info.ack_floor.stream_seq >= last.seq and info.num_ack_pending == 0

        await eventually(consumed, timeout=WAIT, what="notifications to apply both copies")
    finally:
        await nc.close()


@pytest.mark.asyncio(loop_scope="module")
async def test_an_expiring_hold_is_mailed_once_to_hr_in_chinese(stack, internships, smtp_sink, directory):
    async with internships.client() as c:
        agreement = await internships.agreement(c, SCHOOL, ENT_HOLD)
        position = await internships.position(c, ENT_HOLD, agreement, seats=2, starts_on=TODAY + timedelta(days=20))
        booked = await internships.book(c, SCHOOL, position["id"], "stu-rem-1", birth_date="2004-01-01")
        assert booked.status_code == 201, booked.text
    [mail] = await smtp_sink.wait_for(HR_EMAIL, timeout=WAIT)
    assert mail.subject.startswith("学生 stu-rem-1 的实习申请将于") and mail.subject.endswith("UTC 过期")
    assert "张经理，您好" in mail.body() and booked.json()["id"] in mail.body()
    assert mail.message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    await _publish_again(stack, "internships.placement.requested", booked.json()["id"])
    # A later request is the barrier: by the time its reminder arrives, a copy of the first would have come before.
    async with internships.client() as c:
        later = await internships.book(c, SCHOOL, position["id"], "stu-rem-3", birth_date="2004-01-01")
        assert later.status_code == 201, later.text
    mails = await smtp_sink.wait_for(HR_EMAIL, 2, timeout=WAIT)
    assert [("stu-rem-1" in m.subject, "stu-rem-3" in m.subject) for m in mails] == [(True, False), (False, True)]


@pytest.mark.asyncio(loop_scope="module")
async def test_an_overdue_logbook_week_is_mailed_once_to_the_mentor_in_english(
    stack, internships, start_placement, assign_mentor, smtp_sink, directory, steps
):
    async with internships.client() as c:
        placement = await start_placement(
            c,
            SCHOOL,
            ENT_LOG,
            "stu-rem-2",
            starts_on=MONDAY - timedelta(days=14),
            duties=[{"name": "listings", "kind": "core"}],
        )
        steps["placement"] = placement
        await assign_mentor(placement, ANN)  # internships knows Ann reviews
        [assigned] = await mails(smtp_sink, ANN_EMAIL, "You now mentor", 1)  # the mentors service's assignment
        assert assigned.subject == "You now mentor stu-rem-2"
        first, second = MONDAY - timedelta(days=14), MONDAY - timedelta(days=7)
        await file_week(stack, c, placement, first)
        [mail] = await mails(smtp_sink, ANN_EMAIL, "Logbook week", 1)
        assert mail.subject == f"Logbook week of {first} by stu-rem-2 is waiting for your review"
        assert "please approve it or return it" in mail.body() and "<strong>stu-rem-2</strong>" in mail.body("html")
        # The mail carries a link approving the week as Ann, without signing in (docs/action-links.md).
        [token] = re.findall(r"http://internships\.test/links/(\S+)", mail.body())
        approved = await c.post(f"/links/{token}", data={"decision": "approve"})
        assert approved.status_code == 200, approved.text
        book = await c.get(f"/v1/placements/{placement['id']}/logbook", headers=stack.auth(SCHOOL, "school", "admin"))
        [week] = [w for w in book.json()["weeks"] if w["week_start"] == first.isoformat()]
        assert (week["status"], week["reviewed_by"]) == ("approved", ANN)
        await _publish_again(stack, "internships.logbook.submitted", placement["id"])
        await file_week(stack, c, placement, second)  # the barrier, as above
    weeks = await mails(smtp_sink, ANN_EMAIL, "Logbook week", 2)
    assert [str(first) in m.subject for m in weeks] == [True, False] and str(second) in weeks[1].subject
    assert len([m for m in smtp_sink.to(ANN_EMAIL) if m.subject.startswith("Logbook week")]) == 2


@pytest.mark.asyncio(loop_scope="module")
async def test_overdue_on_site_guidance_is_mailed_to_the_mentor_and_the_schools_admin(smtp_sink, directory):
    """The placement above began two weeks ago and its enterprise mentor never visited: the mentors service's job
    (every 0.5 s here) tells it once, and notifications mails Ann and the school's admin, each in their language."""
    [ann] = await mails(smtp_sink, ANN_EMAIL, "On-site guidance", 1)
    assert ann.subject == "On-site guidance of stu-rem-2 is overdue" and "since the placement began" in ann.body()
    [admin] = await mails(smtp_sink, SCHOOL_ADMIN_EMAIL, "学生 stu-rem-2 的现场指导已逾期", 1)
    assert "请尽快安排现场指导" in admin.body()


@pytest.mark.asyncio(loop_scope="module")
async def test_a_weekly_report_waiting_for_review_is_mailed_to_the_school(stack, internships, smtp_sink, steps):
    """The placement has no school mentor yet: the school's admin is told, in Chinese."""
    placement, week = steps["placement"], MONDAY - timedelta(days=7)
    async with internships.client() as c:
        filed = await c.put(
            f"/v1/placements/{placement['id']}/weekly-reports/{week}",
            headers=stack.auth(SCHOOL, "school", "student", sub="stu-rem-2"),
            json={"kind": "weekly", "text": "Listed 40 products.", "evidence": [], "duties": ["listings"]},
        )
        assert filed.status_code == 200, filed.text
    [mail] = await mails(smtp_sink, SCHOOL_ADMIN_EMAIL, "学生 stu-rem-2 的周报", 1)
    assert mail.subject == f"学生 stu-rem-2 的周报（{week}）等待您审阅" and "王老师，您好" in mail.body()


async def mails(smtp_sink, address: str, subject: str, count: int) -> list:
    """The mails to `address` whose subject starts with `subject`, once there are `count` of them."""

    async def arrived():
        found = [m for m in smtp_sink.to(address) if m.subject.startswith(subject)]
        return found if len(found) >= count else None

    return await eventually(arrived, timeout=WAIT, what=f"{count} mails '{subject}…' to {address}")


async def file_week(stack: Stack, c: httpx.AsyncClient, placement: dict, week: date) -> None:
    filed = await c.put(
        f"/v1/placements/{placement['id']}/logbook/{week}",
        headers=stack.auth(SCHOOL, "school", "student", sub="stu-rem-2"),
        json={"lines": [{"day": week.isoformat(), "duty": "listings", "hours": "6"}]},
    )
    assert filed.status_code == 200, filed.text


@pytest.mark.asyncio(loop_scope="module")
async def test_the_unsubscribe_link_changes_nothing_on_get_and_turns_the_category_off_on_post(
    stack, smtp_sink, directory
):
    mail = (await smtp_sink.wait_for(HR_EMAIL, timeout=WAIT))[0]
    link = mail.message["List-Unsubscribe"].strip("<>")
    assert link.startswith("http://praxis.test/links/unsubscribe/")
    path = link.removeprefix("http://praxis.test")
    me = stack.auth(ENT_HOLD, "enterprise", "hr", sub="hr-zhang")
    async with notifications(stack) as n:
        shown = await n.get(path)  # a mail scanner prefetching the link
        assert shown.status_code == 200 and '<form method="post"' in shown.text
        prefs = await n.get("/v1/notification-preferences/me", headers=me)
        assert prefs.json()["categories"]["hold_expiring"] is True
        done = await n.post(path, content="List-Unsubscribe=One-Click")  # RFC 8058 one-click
        assert done.status_code == 200, done.text
        prefs = await n.get("/v1/notification-preferences/me", headers=me)
        assert prefs.json()["categories"]["hold_expiring"] is False
        forged = await n.post(path[:-3] + "abc")
        assert forged.status_code == 404
        assert (await n.get(path[:-3] + "abc")).status_code == 404
        missing = await n.get("/links/unsubscribe/")
        assert missing.status_code == 404 and missing.headers["content-type"] == "application/problem+json"
