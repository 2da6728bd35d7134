"""Mail use cases on a real, migrated PostgreSQL, sending to a real SMTP server (aiosmtpd, the smtp_sink fixture):
the directory and preferences per organisation, a fact mailed once per recipient however often its event arrives or
the timer fires, settled facts never mailed, digests, unsubscribe links, retries on SMTP failure, templates in the
recipient's language, and pruning."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import create_async_engine

from notifications.adapters.orm import notification, reminder_fact
from notifications.adapters.smtp import SmtpServer
from notifications.adapters.templates import Templates
from notifications.adapters.unit_of_work import NotificationsUnit
from notifications.domain.deliveries import Backoff
from notifications.domain.directory import CATEGORIES, Delivery
from notifications.domain.orgs import Org
from notifications.domain.reminders import NotificationStatus
from notifications.domain.triggers import Rules, Triggered, logbook, placement
from notifications.domain.unsubscribe import UnsubscribeLinks
from notifications.handlers import directory, reminders
from notifications.handlers.mailer import Mailer, MailSettings
from notifications.main import MIGRATIONS
from praxis_common.auth import Principal
from praxis_common.errors import Forbidden, InvalidInput, NotFound
from praxis_common.uow import UnitOfWorkFactory

RULES = Rules(hold_before=timedelta(hours=24), logbook_after=timedelta(days=3), agreement_before=(timedelta(days=30),))
DAY = timedelta(days=1)
T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def admin(org: str, kind: str = "enterprise", role: str = "admin", **claims) -> Principal:
    return Principal(sub=f"{org}-{role}", org=org, org_kind=kind, roles=frozenset({role}), **claims)


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture(scope="module")
def database_url(database_factory):
    return database_factory("notifications", migrated=MIGRATIONS)


@pytest.fixture
async def uow(database_url):
    engine = create_async_engine(database_url, pool_size=10, max_overflow=0)
    yield UnitOfWorkFactory(engine, event_prefix="t", unit=NotificationsUnit)
    await engine.dispose()


LINKS = UnsubscribeLinks("test-secret-of-unsubscribe-links-0123456789", "http://praxis.test")


def mailer(uow, sink, clock: Clock) -> Mailer:
    server = SmtpServer(
        host=sink.host, port=sink.port, username=None, password=None, starttls=False, sender="Praxis <p@x>"
    )
    settings = MailSettings(
        backoff=Backoff(base=timedelta(minutes=1), cap=timedelta(minutes=10), horizon=timedelta(hours=1)),
        poll_seconds=0.05,
        retention=timedelta(days=30),
        digest_period=DAY,
        digest_offset=timedelta(hours=7),
        default_language="en",
    )
    return Mailer(uow, server.send, templates=Templates(), links=LINKS, settings=settings, clock=clock)


async def put(uow, org: str, account: str, *, language: str = "en", roles=("hr",), kind: str = "enterprise") -> str:
    email = f"{account}@{org}.test"
    cmd = directory.PutUser(
        account=account, email=email, display_name=account.title(), language=language, roles=list(roles)
    )
    await directory.put_user(cmd, admin(org, kind), uow=uow)
    return email


def requested(org: str, placement_id: str, expires: datetime) -> Triggered:
    payload = {
        "placement_id": placement_id,
        "student_ref": "stu-9",
        "school_org": "sch-m",
        "enterprise_org": org,
        "starts_on": "2027-01-04",
        "hold_expires_at": expires.isoformat(),
    }
    return placement("requested", payload, RULES)


async def apply(uow, triggered: Triggered, now: datetime) -> None:
    async with uow() as u:
        await reminders.apply(triggered, u=u, now=now)
        await u.commit()


async def count(uow, org: str, status: str | None = None) -> int:
    query = select(func.count()).select_from(notification).where(notification.c.org == org)
    if status:
        query = query.where(notification.c.status == status)
    async with uow() as u:
        return (await u.connection.execute(query)).scalar_one()


async def test_the_directory_is_the_organisations_own(uow):
    await put(uow, "ent-d1", "li")
    found = await directory.get_user("li", admin("ent-d1", role="hr"), uow=uow)
    assert found.email == "li@ent-d1.test" and found.roles == ["hr"]
    with pytest.raises(NotFound):
        await directory.get_user("li", admin("ent-d2"), uow=uow)
    with pytest.raises(NotFound):
        await directory.delete_user("li", admin("ent-d2"), uow=uow)
    with pytest.raises(Forbidden):  # a school's hr does not maintain it; a student never
        await directory.list_users(admin("sch-d1", "school", "hr"), uow=uow)
    with pytest.raises(Forbidden):
        await directory.list_users(admin("ent-d1", role="student"), uow=uow)
    users, _ = await directory.list_users(admin("ent-d1"), uow=uow)
    assert [u.account for u in users] == ["li"]
    await directory.delete_user("li", admin("ent-d1"), uow=uow)
    assert (await directory.list_users(admin("ent-d1"), uow=uow))[0] == []


async def test_a_user_registers_from_the_tokens_claims(uow):
    me = Principal(
        sub="auth0|42",
        org="ent-r",
        org_kind="enterprise",
        roles=frozenset({"mentor"}),
        email="w@r.test",
        locale="zh-Hans",
    )
    user = await directory.register_me(directory.RegisterMe(), me, uow=uow)
    assert (user.email, user.language, user.roles, user.self_registered) == ("w@r.test", "zh-CN", ["mentor"], True)
    user = await directory.register_me(directory.RegisterMe(display_name="Wang"), me, uow=uow)
    assert user.display_name == "Wang" and user.language == "zh-CN"
    nobody = Principal(sub="x", org="ent-r", org_kind="enterprise", roles=frozenset())
    with pytest.raises(InvalidInput) as refused:
        await directory.register_me(directory.RegisterMe(), nobody, uow=uow)
    assert refused.value.errors[0].field == "email"


async def test_a_fact_is_mailed_once_per_recipient_in_their_language(uow, smtp_sink):
    org = "ent-once"
    en, zh = await put(uow, org, "hr-en"), await put(uow, org, "hr-zh", language="zh-CN")
    await put(uow, org, "clerk", roles=("staff",))  # not an audience of the reminder
    clock = Clock(T0)
    fact = requested(org, "p-once", T0 + 72 * 60 * 60 * timedelta(seconds=1))
    await apply(uow, fact, T0)
    await apply(uow, fact, T0)  # the event redelivered
    m = mailer(uow, smtp_sink, clock)
    assert await m.pass_once() == 0  # due 24 h before the hold expires: not yet
    clock.now = T0 + 48 * timedelta(hours=1)
    assert await m.pass_once() == 2
    await apply(uow, fact, clock.now)  # redelivered after it fired: nothing new
    assert await m.pass_once() == 0
    [mail_en], [mail_zh] = await smtp_sink.wait_for(en), await smtp_sink.wait_for(zh)
    assert mail_en.subject.startswith("Placement request for stu-9 expires")
    assert mail_zh.subject.startswith("学生 stu-9 的实习申请")
    assert "保留期" in mail_zh.body("plain") and "<strong>stu-9</strong>" in mail_zh.body("html")
    assert mail_en.message["Content-Language"] == "en" and mail_zh.message["Content-Language"] == "zh-CN"
    assert mail_en.message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert mail_en.message["List-Unsubscribe"].startswith("<http://praxis.test/links/unsubscribe/")
    assert await count(uow, org) == 2 and await count(uow, org, "sent") == 2


async def test_a_settled_fact_is_never_mailed(uow, smtp_sink):
    org = "ent-settled"
    email = await put(uow, org, "hr")
    await apply(uow, requested(org, "p-settled", T0 + timedelta(hours=10)), T0)
    await apply(uow, placement("confirmed", {"placement_id": "p-settled"}, RULES), T0)
    # A week submitted, then approved before the reminder is due: nothing either.
    week = {"placement_id": "p-w", "enterprise_org": org, "student_ref": "s", "week_start": "2026-11-23"}
    await apply(uow, logbook("submitted", {**week, "submitted_at": T0.isoformat()}, RULES), T0)
    await apply(uow, logbook("approved", week, RULES), T0)
    assert await mailer(uow, smtp_sink, Clock(T0 + 10 * DAY)).pass_once() == 0
    assert smtp_sink.to(email) == [] and await count(uow, org) == 0


async def test_a_fact_with_nobody_to_tell_is_recorded_as_such(uow, smtp_sink):
    await apply(uow, requested("ent-empty", "p-empty", T0), T0)
    await mailer(uow, smtp_sink, Clock(T0)).pass_once()
    assert await count(uow, "ent-empty", "no_recipient") == 1


async def test_a_digest_recipient_gets_one_mail_per_day_listing_the_facts(uow, smtp_sink):
    org = "ent-digest"
    email = await put(uow, org, "hr")
    me = Principal(sub="hr", org=org, org_kind="enterprise", roles=frozenset({"hr"}))
    prefs = directory.SetPreferences(disabled=[], delivery=Delivery.DAILY_DIGEST, language=None)
    await directory.set_my_preferences(prefs, me, uow=uow)
    clock = Clock(T0)  # 09:00 UTC; the digest goes at 07:00 UTC
    for p in ("p-d1", "p-d2"):
        await apply(uow, requested(org, p, T0), T0)
    m = mailer(uow, smtp_sink, clock)
    assert await m.pass_once() == 0 and smtp_sink.to(email) == []
    clock.now = T0 + timedelta(hours=22)  # 07:00 the next day
    assert await m.pass_once() == 1
    [digest] = await smtp_sink.wait_for(email)
    assert digest.subject == "Praxis: 2 reminders for you"
    assert digest.body().count("Placement request for stu-9") == 2
    assert digest.message["List-Unsubscribe"]  # a digest's link turns every category off


async def test_unsubscribing_turns_the_category_off_and_only_the_post_does(uow, smtp_sink):
    org = "ent-unsub"
    email = await put(uow, org, "hr")
    clock = Clock(T0)
    await apply(uow, requested(org, "p-u1", T0), T0)
    await mailer(uow, smtp_sink, clock).pass_once()
    [mail] = await smtp_sink.wait_for(email)
    token = mail.message["List-Unsubscribe"].split("/links/unsubscribe/")[1].rstrip(">")
    me = Principal(sub="hr", org=org, org_kind="enterprise", roles=frozenset({"hr"}))
    target = directory.unsubscribe_target(token, links=LINKS)  # what the GET page shows
    assert (target.org, target.account, target.category) == (org, "hr", "hold_expiring")
    assert (await directory.get_my_preferences(me, uow=uow)).wants("hold_expiring")
    await directory.unsubscribe(token, links=LINKS, uow=uow)
    assert not (await directory.get_my_preferences(me, uow=uow)).wants("hold_expiring")
    await apply(uow, requested(org, "p-u2", T0), T0)
    await mailer(uow, smtp_sink, clock).pass_once()
    assert len(smtp_sink.to(email)) == 1 and await count(uow, org, "off") == 1
    with pytest.raises(NotFound):
        directory.unsubscribe_target(token[:-2] + "xx", links=LINKS)


async def test_smtp_failures_are_retried_with_back_off(uow, smtp_sink):
    org = "ent-retry"
    email = await put(uow, org, "hr")
    clock = Clock(T0)
    await apply(uow, requested(org, "p-r", T0), T0)
    smtp_sink.refuse(1)
    m = mailer(uow, smtp_sink, clock)
    assert await m.pass_once() == 0
    async with uow() as u:
        [row] = await u.notifications.of_recipient(Org(org, "enterprise"), "hr")
    assert row.status is NotificationStatus.PENDING and row.attempts == 1 and "451" in row.last_error
    assert row.next_attempt_at > T0
    assert await m.pass_once() == 0  # not due again yet
    clock.now = row.next_attempt_at
    assert await m.pass_once() == 1
    assert len(await smtp_sink.wait_for(email)) == 1


async def test_old_rows_are_pruned(uow, smtp_sink):
    org = "ent-prune"
    await put(uow, org, "hr")
    await apply(uow, requested(org, "p-old", T0), T0)
    await mailer(uow, smtp_sink, Clock(T0)).pass_once()
    assert await count(uow, org, "sent") == 1
    await mailer(uow, smtp_sink, Clock(T0 + 31 * DAY)).pass_once()
    assert await count(uow, org) == 0
    async with uow() as u:
        facts = await u.connection.execute(select(reminder_fact.c.key).where(reminder_fact.c.key.like("%p-old")))
    assert facts.all() == []


def test_templates_render_every_category_in_both_languages():
    t = Templates()
    base = {"recipient_name": "<Li>", "unsubscribe_url": "http://x/?a=1&b=2", "approve_url": None}
    contexts = {
        "hold_expiring": {
            "student_ref": "s",
            "school_org": "a",
            "starts_on": "d",
            "hold_expires_at": T0.isoformat(),
            "placement_id": "p",
        },
        "logbook_waiting": {"student_ref": "s", "week_start": "w", "submitted_at": T0.isoformat(), "placement_id": "p"},
        "agreement_expiring": {
            "agreement_id": "g",
            "school_org": "a",
            "enterprise_org": "b",
            "valid_to": "v",
            "days_left": 30,
        },
        "webhook_disabled": {"endpoint_id": "e", "url": "https://h", "reason": "r", "disabled_at": T0.isoformat()},
        "mentor_assigned": {
            "student_ref": "s",
            "side": "enterprise",
            "context_kind": "placement",
            "context_id": "p",
            "school_org": "a",
            "enterprise_org": "b",
            "mentor_name": "m",
        },
        "report_waiting": {
            "placement_id": "p",
            "student_ref": "s",
            "kind": "weekly",
            "period_start": "w",
            "submitted_at": T0.isoformat(),
        },
        "guidance_overdue": {
            "student_ref": "s",
            "context_kind": "placement",
            "context_id": "p",
            "enterprise_org": "b",
            "school_org": "a",
            "last_onsite_session": "",
            "overdue_since": "o",
        },
        "evaluation_due": {
            "placement_id": "p",
            "student_ref": "s",
            "window": "final",
            "opens_on": "o",
            "closes_on": "c",
        },
    }
    assert set(contexts) == set(CATEGORIES)
    for category, context in contexts.items():
        for language in ("en", "zh-CN"):
            r = t.render(category, language, {**base, **context, "id": str(uuid.uuid4())})
            assert r.subject and r.summary and "<Li>" in r.text
            assert "&lt;Li&gt;" in r.html and "a=1&amp;b=2" in r.html  # autoescaped
            assert any("\u4e00" <= ch <= "\u9fff" for ch in r.subject) == (language == "zh-CN")
