"""The reminder rules as plain functions: which facts an event makes due and when, which it settles, who receives
them, in which language, and when a digest goes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import jwt
import pytest

from notifications.domain import triggers
from notifications.domain.directory import Delivery, DirectoryUser, Preferences, language_of
from notifications.domain.reminders import Audience, NotificationStatus, next_digest, notifications_of
from notifications.domain.unsubscribe import Unsubscribe, UnsubscribeLinks
from praxis_common.errors import NotFound

RULES = triggers.Rules(
    hold_before=timedelta(hours=24),
    logbook_after=timedelta(days=3),
    agreement_before=(timedelta(days=90), timedelta(days=30), timedelta(days=7)),
)
NOW = datetime(2026, 12, 1, 9, tzinfo=UTC)
PLACEMENT = {"placement_id": "p1", "student_ref": "s1", "school_org": "sch", "enterprise_org": "ent", "starts_on": "x"}


def test_a_request_is_reminded_before_its_hold_expires_and_settled_once_answered():
    expires = NOW + timedelta(hours=72)
    [fact] = triggers.placement("requested", {**PLACEMENT, "hold_expires_at": expires.isoformat()}, RULES).facts
    assert (fact.key, fact.category, fact.due_at) == (
        "hold_expiring:p1",
        "hold_expiring",
        expires - timedelta(hours=24),
    )
    assert fact.audiences == [Audience("ent", "enterprise", roles=("hr", "admin"))]
    for kind in ("confirmed", "rejected", "withdrawn", "expired"):
        assert triggers.placement(kind, PLACEMENT, RULES).settles == ("hold_expiring:p1",)
    assert triggers.placement("requested", {**PLACEMENT, "hold_expires_at": ""}, RULES).facts == ()  # older producer


def test_a_submitted_week_is_reminded_to_its_mentor_and_settled_by_the_review():
    week = {"placement_id": "p1", "enterprise_org": "ent", "student_ref": "s1", "week_start": "2026-11-23"}
    at = NOW.isoformat()
    [fact] = triggers.logbook(
        "submitted", {**week, "submitted_at": at, "mentor_id": "m1", "mentor_account": "ann"}, RULES
    ).facts
    assert fact.due_at == NOW + timedelta(days=3) and fact.audiences == [
        Audience("ent", "enterprise", accounts=("ann",), mentor_ids=("m1",))
    ]
    assert fact.key.startswith("logbook_waiting:p1:2026-11-23:")
    [refiled] = triggers.logbook(
        "submitted", {**week, "submitted_at": (NOW + timedelta(days=1)).isoformat()}, RULES
    ).facts
    assert refiled.key != fact.key and refiled.audiences == [
        Audience("ent", "enterprise", roles=("hr", "admin"))
    ]  # no mentor yet
    for kind in ("approved", "returned"):
        assert triggers.logbook(kind, week, RULES).settles == ("logbook_waiting:p1:2026-11-23:",)


def test_a_submitted_report_is_reminded_to_the_school_mentor_and_settled_by_the_review():
    report = {"report_id": "r1", "placement_id": "p1", "school_org": "sch", "student_ref": "s1", "kind": "weekly"}
    report |= {"period_start": "2026-11-23", "occurred_at": NOW.isoformat()}
    teacher = triggers.PlacementMentor("p1", "school", "sch", "m-s", "t-wang")
    [fact] = triggers.weekly_report("submitted", report, [teacher], RULES).facts
    assert fact.due_at == NOW + timedelta(days=3) and fact.audiences == [teacher.audience]
    [unassigned] = triggers.weekly_report("submitted", report, [], RULES).facts
    assert unassigned.audiences == [Audience("sch", "school", roles=("admin",))]
    for kind in ("accepted", "returned"):
        assert triggers.weekly_report(kind, report, [], RULES).settles == ("report_waiting:r1:",)


def test_an_agreement_is_reminded_only_at_thresholds_still_ahead():
    agreement = {"agreement_id": "a1", "school_org": "sch", "enterprise_org": "ent", "valid_to": "2027-01-30"}
    facts = triggers.agreement("activated", agreement, RULES, now=NOW).facts  # 60 days left: no "90 days" mail
    assert [f.key for f in facts] == ["agreement_expiring:a1:30", "agreement_expiring:a1:7"]
    assert facts[0].due_at == datetime(2026, 12, 31, tzinfo=UTC)
    assert {(a.org, a.org_kind) for a in facts[0].audiences} == {("sch", "school"), ("ent", "enterprise")}
    assert triggers.agreement("ended", agreement, RULES, now=NOW).settles == ("agreement_expiring:a1:",)


def test_evaluation_reminders_go_to_the_parties_that_owe_scores():
    mentors = [
        triggers.PlacementMentor("p1", "school", "sch", "m-s", "t-wang"),
        triggers.PlacementMentor("p1", "enterprise", "ent", "m-e", ""),
    ]
    due = {**PLACEMENT, "window": "final", "opens_on": "a", "closes_on": "b", "parties": ["enterprise_mentor", "self"]}
    [fact] = triggers.evaluation_due(due, mentors, now=NOW).facts
    assert fact.audiences == [
        Audience("ent", "enterprise", mentor_ids=("m-e",)),
        Audience("sch", "school", accounts=("s1",)),
    ]
    assert triggers.evaluation_due({**due, "parties": ["school_mentor"]}, [], now=NOW).facts == ()


def test_overdue_guidance_goes_to_both_mentors_and_the_schools_admins_once_per_period():
    school_mentor = triggers.PlacementMentor("p1", "school", "sch", "m-s", "t-wang")
    overdue = {
        "assignment": {"assignment_id": "a1", "context_kind": "placement", "context_id": "p1", "org": "ent"}
        | {"school_org": "sch", "enterprise_org": "ent", "student_ref": "s1"},
        "mentor_id": "m-e",
        "mentor_account": "ann",
        "period_start": "2026-10-01",
    }
    [fact] = triggers.guidance_overdue(overdue, [school_mentor], now=NOW).facts
    assert fact.key == "guidance_overdue:a1:2026-10-01" and fact.due_at == NOW
    assert fact.audiences == [
        Audience("ent", "enterprise", accounts=("ann",), mentor_ids=("m-e",)),
        Audience("sch", "school", accounts=("t-wang",), mentor_ids=("m-s",)),
        Audience("sch", "school", roles=("admin",)),
    ]


def test_each_recipient_gets_one_row_in_their_language_and_digest_users_at_the_digest():
    fact = triggers.placement("requested", {**PLACEMENT, "hold_expires_at": NOW.isoformat()}, RULES).facts[0]
    users = [
        DirectoryUser("ent", "enterprise", "a", "a@x", "A", language="zh-CN", roles=["hr"]),
        DirectoryUser("ent", "enterprise", "b", "b@x", "B", roles=["admin"]),
        DirectoryUser("ent", "enterprise", "c", "c@x", "C", roles=["hr"]),
        DirectoryUser("ent", "enterprise", "d", "d@x", "D", roles=["staff"]),
        DirectoryUser("other", "enterprise", "e", "e@x", "E", roles=["hr"]),
        DirectoryUser("ent", "school", "f", "f@x", "F", roles=["hr", "admin"]),  # a school named like the enterprise
    ]
    prefs = {
        ("ent", "enterprise", "b"): Preferences(
            "ent", "enterprise", "b", delivery=Delivery.DAILY_DIGEST, language="zh-CN"
        ),
        ("ent", "enterprise", "c"): Preferences("ent", "enterprise", "c", disabled=["hold_expiring"]),
        ("ent", "school", "a"): Preferences("ent", "school", "a", disabled=["hold_expiring"]),  # not the recipient's
    }
    digest = NOW + timedelta(hours=22)
    rows = notifications_of(fact, users, prefs, now=NOW, digest_at=digest, default_language="en")
    got = {r.account: (r.language, r.status, r.next_attempt_at) for r in rows}
    assert got == {
        "a": ("zh-CN", NotificationStatus.PENDING, NOW),
        "b": ("zh-CN", NotificationStatus.PENDING, digest),
        "c": ("en", NotificationStatus.OFF, NOW),
    }
    assert {(r.org, r.org_kind) for r in rows} == {("ent", "enterprise")}
    [nobody] = notifications_of(fact, [], {}, now=NOW, digest_at=digest, default_language="en")
    assert (nobody.account, nobody.status) == ("", NotificationStatus.NO_RECIPIENT)


def test_a_fact_goes_to_the_organisation_of_the_kind_its_event_field_names():
    both = {**PLACEMENT, "school_org": "same", "enterprise_org": "same", "hold_expires_at": NOW.isoformat()}
    [fact] = triggers.placement("requested", both, RULES).facts
    assert fact.audiences == [Audience("same", "enterprise", roles=("hr", "admin"))]
    school_admin = DirectoryUser("same", "school", "adm", "adm@x", "Adm", roles=["admin"])
    [row] = notifications_of(fact, [school_admin], {}, now=NOW, digest_at=NOW, default_language="en")
    assert (row.status, row.org_kind) == (NotificationStatus.NO_RECIPIENT, "enterprise")
    assert Audience.of_json(fact.audiences[0].as_json()) == fact.audiences[0]


def test_the_digest_goes_at_the_next_digest_time():
    day, seven = timedelta(days=1), timedelta(hours=7)
    assert next_digest(NOW, period=day, offset=seven) == datetime(2026, 12, 2, 7, tzinfo=UTC)
    assert next_digest(NOW.replace(hour=6), period=day, offset=seven) == datetime(2026, 12, 1, 7, tzinfo=UTC)


def test_locales_map_to_the_supported_languages():
    assert [language_of(x) for x in ("zh", "zh-Hans-CN", "zh_TW", "en-GB", "fr", None)] == [
        "zh-CN",
        "zh-CN",
        "zh-CN",
        "en",
        None,
        None,
    ]


def test_an_unsubscribe_token_names_its_target_and_resists_tampering():
    links = UnsubscribeLinks("k" * 40, "https://praxis.example/")
    target = Unsubscribe("ent", "enterprise", "auth0|42", "hold_expiring")
    url = links.url(target)
    assert url.startswith("https://praxis.example/links/unsubscribe/ey")
    assert links.read(links.token(target)) == target
    old = jwt.encode({"purpose": "unsubscribe", "org": "ent", "acc": "a", "cat": "all"}, "k" * 40, algorithm="HS256")
    assert links.read(old) == Unsubscribe("ent", "", "a", "all")  # minted before links named the kind
    with pytest.raises(NotFound):
        UnsubscribeLinks("z" * 40, "https://praxis.example").read(links.token(target))
