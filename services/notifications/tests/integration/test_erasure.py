"""Erasing a school's student from the notifications service, on a real PostgreSQL: after the hook a scan of every
column of the database finds neither the student's ref, name nor e-mail except in the rows of another school's
student with the same ref; the other students' rows are untouched, and a second run changes nothing."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from notifications.adapters.unit_of_work import NotificationsUnit
from notifications.consumers import internships
from notifications.domain.directory import Delivery
from notifications.domain.triggers import Rules
from notifications.handlers import directory, reminders, webhooks
from notifications.handlers.erasure import erase_student
from notifications.main import MIGRATIONS
from praxis.events.v1 import grades_pb2, placements_pb2
from praxis_common.auth import Principal
from praxis_common.erasure import ErasureRequest
from praxis_common.erasure import erase as kernel_erase
from praxis_common.events import IntegrationEvent, ReceivedEvent
from praxis_common.uow import UnitOfWorkFactory
from praxis_dev.testing.personal_data_scan import scan_database

PREFIX = "t"
RULES = Rules(hold_before=timedelta(hours=24), logbook_after=timedelta(days=3), agreement_before=(timedelta(days=30),))
NOW = datetime.now(UTC)
NAME, EMAIL = "Zoë Quarantotto", "zoe.quarantotto@mail.test"
TABLES = (
    "directory_user",
    "notification_preference",
    "notification",
    "reminder_fact",
    "webhook_delivery",
    "webhook_attempt",
    "webhook_endpoint",
    "placement_mentor",
)


@pytest.fixture(scope="module")
def database_url(database_factory):
    return database_factory("notifications", migrated=MIGRATIONS)


@pytest.fixture
async def uow(database_url):
    engine = create_async_engine(database_url, pool_size=10, max_overflow=0)
    yield UnitOfWorkFactory(engine, event_prefix=PREFIX, unit=NotificationsUnit)
    await engine.dispose()


def person(org: str, kind: str, role: str, sub: str, **claims) -> Principal:
    return Principal(sub=sub, org=org, org_kind=kind, roles=frozenset({role}), **claims)


def event(topic: str, aggregate_id: str, payload) -> ReceivedEvent:
    e = IntegrationEvent(
        source="internships",
        topic=topic,
        aggregate_type=topic.split(".")[1],
        aggregate_id=aggregate_id,
        payload=payload,
    )
    return ReceivedEvent.from_message(e.headers(), e.outbox_row(PREFIX)["payload"])


async def events_about(uow, school: str, enterprise: str, ref: str) -> None:
    """What internships tells about a student, through the service's consumer: a placement requested (a webhook
    delivery to the enterprise, a hold reminder), a logbook week submitted and an evaluation the student owes."""
    pid = f"p-{uuid.uuid4()}"
    parties = {"school_org": school, "enterprise_org": enterprise, "student_ref": ref, "placement_id": pid}
    handle = internships.subscription(RULES, clock=lambda: NOW).handler
    requested = placements_pb2.PlacementChanged(
        **parties, status="requested", hold_expires_at=(NOW + timedelta(hours=1)).isoformat()
    )
    week = placements_pb2.LogbookSubmitted(
        **parties, week_start="2026-11-23", submitted_at=(NOW - timedelta(days=4)).isoformat(), submitted_by=ref
    )
    due = grades_pb2.EvaluationDue(
        **parties, window="final", opens_on="2026-12-01", closes_on="2026-12-14", parties=["self"]
    )
    for topic, payload in (
        ("internships.placement.requested", requested),
        ("internships.logbook.submitted", week),
        ("internships.evaluation.due", due),
    ):
        await handle(event(topic, pid, payload), uow)


async def build(uow, school: str, other_school: str, enterprise: str, ref: str) -> None:
    """The student registered (name, e-mail) with preferences of their own; a schoolmate; another school's student
    with the same ref; the enterprise's reviewer and a webhook endpoint; events about each student; due facts fired
    into mails."""
    students = ((school, ref, NAME, EMAIL), (school, "stu-keep", "Kim Keeper", "kim@mail.test"))
    for org, sub, name, email in (*students, (other_school, ref, "Otto Other", "otto@mail.test")):
        me = person(org, "school", "student", sub, email=email, name=name)
        await directory.register_me(directory.RegisterMe(), me, uow=uow)
        await events_about(uow, org, enterprise, sub)
    mine = person(school, "school", "student", ref)
    await directory.set_my_preferences(
        directory.SetPreferences(["report_waiting"], Delivery.IMMEDIATE, "it"), mine, uow=uow
    )
    hr = person(enterprise, "enterprise", "admin", "e-admin")
    cmd = directory.PutUser(account="e-hr", email="hr@ent.test", display_name="HR", language="en", roles=["hr"])
    await directory.put_user(cmd, hr, uow=uow)
    endpoint = webhooks.RegisterEndpoint(
        url="http://127.0.0.1:9/hook", description="", event_types=["praxis.internships.placement.requested.v1"]
    )
    await webhooks.register_endpoint(endpoint, hr, uow=uow, allow_http=True)
    for org, sub, *_ in students:
        await events_about(uow, org, enterprise, sub)  # again, with the endpoint: deliveries (new events)
    await events_about(uow, other_school, enterprise, ref)
    fired = await reminders.fire_due(
        uow=uow,
        digest_period=timedelta(days=1),
        digest_offset=timedelta(hours=7),
        default_language="en",
        clock=lambda: NOW + timedelta(days=2),
    )
    assert fired > 0


async def snapshot(uow) -> dict[str, set[str]]:
    async with uow() as u:
        return {
            t: {r[0] for r in await u.connection.execute(text(f"SELECT to_jsonb(x)::text FROM {t} x"))} for t in TABLES
        }


def about_student(table: str, row: dict, school: str, ref: str) -> bool:
    """Whether a row (as it was before the erasure) was the erased student's: to them, about them, their own."""
    if table in ("directory_user", "notification_preference"):
        return (row["org"], row["account"]) == (school, ref)
    if table in ("notification", "reminder_fact"):
        to_them = (row.get("org"), row.get("account")) == (school, ref)
        return to_them or (row["context"]["student_ref"], row["context"].get("school_org")) == (ref, school)
    if table == "webhook_delivery":
        data = json.loads(row["body"])["data"]
        return (data["student_ref"], data["school_org"]) == (ref, school)
    return False


async def test_the_students_account_mails_reminders_and_deliveries_go_within_the_school(uow, database_url):
    tag = uuid.uuid4().hex[:8]
    school, other_school, enterprise, ref = f"s-{tag}", f"s2-{tag}", f"e-{tag}", f"stu-{tag}"
    await build(uow, school, other_school, enterprise, ref)
    before = await snapshot(uow)
    request = ErasureRequest(uuid.uuid4(), school, ref)

    changed = await kernel_erase(uow, erase_student, request)

    assert {k: v for k, v in changed.items() if v} == {
        "directory_user": 1,
        "notification_preference": 1,
        "notification": 6,  # per round of events: the evaluation they owe (to them), hold and logbook (to the hr)
        "reminder_fact": 6,  # hold, logbook and evaluation facts of both rounds of events
        "webhook_delivery": 1,
    }
    hits = await scan_database(database_url, [ref, NAME, EMAIL])
    # The outbox is the kernel's part: no value of the student there; the ref there may be the other school's
    # student's (whether their unsent events keep it is the kernel's rule), so it is left out of the list below.
    assert not [h for h in hits if h.table == "public.outbox" and h.needle != ref], hits
    hits = [h for h in hits if h.table != "public.outbox"]
    # Only the other school's student with the same ref is left.
    assert sorted((h.table, h.column, h.needle, h.count) for h in hits) == [
        ("public.directory_user", "account", ref, 1),
        ("public.notification", "account", ref, 2),  # the evaluations they owe
        ("public.notification", "context", ref, 6),
        ("public.reminder_fact", "audiences", ref, 2),  # the evaluations: to the student themselves
        ("public.reminder_fact", "context", ref, 6),
        ("public.webhook_delivery", "body", ref, 1),
    ]
    after = await snapshot(uow)
    for t in TABLES:  # every row gone was the erased student's
        for row in before[t] - after[t]:
            assert about_student(t, json.loads(row), school, ref), (t, row)
        assert after[t] <= before[t], t  # and nothing was changed in place

    assert set((await kernel_erase(uow, erase_student, request)).values()) == {0}
    assert await snapshot(uow) == after
