"""The agreement state machine, without I/O."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from internships.domain.agreements import (
    Agreement,
    AgreementActivated,
    AgreementEnded,
    EndReason,
    Side,
    Status,
)
from praxis_common.errors import Conflict, Forbidden, InvalidInput

TODAY = date(2026, 11, 22)
NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)


def draft(**overrides) -> Agreement:
    args = dict(
        drafter_org="s1",
        drafter_side=Side.SCHOOL,
        school_org="s1",
        enterprise_org="e1",
        title="t",
        valid_from=TODAY,
        valid_to=TODAY + timedelta(days=365),
        intern_quota=10,
        today=TODAY,
        now=NOW,
    )
    return Agreement.draft(**(args | overrides))


def test_signed_by_both_on_or_after_valid_from_is_active_with_one_activation_event():
    a = draft()
    a.sign(Side.SCHOOL, "alice", today=TODAY, now=NOW)
    assert a.status is Status.DRAFT and a.pull_events() == []
    a.sign(Side.ENTERPRISE, "bob", today=TODAY, now=NOW)
    assert a.status is Status.ACTIVE and a.activated_at == NOW
    assert [type(e) for e in a.pull_events()] == [AgreementActivated]


def test_signed_before_the_period_waits_then_the_calendar_activates_it():
    a = draft(valid_from=TODAY + timedelta(days=10))
    a.sign(Side.ENTERPRISE, "bob", today=TODAY, now=NOW)
    a.sign(Side.SCHOOL, "alice", today=TODAY, now=NOW)
    assert a.status is Status.SIGNED and a.pull_events() == []
    a.advance(today=TODAY + timedelta(days=9), now=NOW)
    assert a.status is Status.SIGNED
    a.advance(today=TODAY + timedelta(days=10), now=NOW)
    assert a.status is Status.ACTIVE and len(a.pull_events()) == 1


def test_active_agreement_expires_after_valid_to_and_says_so():
    a = draft(valid_to=TODAY + timedelta(days=1))
    a.sign(Side.SCHOOL, "alice", today=TODAY, now=NOW)
    a.sign(Side.ENTERPRISE, "bob", today=TODAY, now=NOW)
    a.pull_events()
    a.advance(today=TODAY + timedelta(days=1), now=NOW)  # valid_to is inclusive
    assert a.status is Status.ACTIVE
    a.advance(today=TODAY + timedelta(days=2), now=NOW)
    assert a.status is Status.EXPIRED
    [ended] = a.pull_events()
    assert isinstance(ended, AgreementEnded) and ended.reason is EndReason.EXPIRED


def test_unsigned_draft_expires_silently():
    a = draft(valid_to=TODAY)
    a.advance(today=TODAY + timedelta(days=1), now=NOW)
    assert a.status is Status.EXPIRED and a.pull_events() == []


def test_signing_twice_for_the_same_side_is_a_no_op():
    a = draft()
    a.sign(Side.SCHOOL, "alice", today=TODAY, now=NOW)
    a.sign(Side.SCHOOL, "carol", today=TODAY, now=NOW + timedelta(hours=1))
    assert a.school_signed_by == "alice" and a.school_signed_at == NOW and a.status is Status.DRAFT


def test_terminating_an_active_agreement_ends_it_once():
    a = draft()
    a.sign(Side.SCHOOL, "alice", today=TODAY, now=NOW)
    a.sign(Side.ENTERPRISE, "bob", today=TODAY, now=NOW)
    a.pull_events()
    a.terminate("e1", "moved abroad", now=NOW)
    assert a.status is Status.TERMINATED and a.terminated_by_org == "e1"
    [ended] = a.pull_events()
    assert ended.reason is EndReason.TERMINATED
    with pytest.raises(Conflict):
        a.terminate("s1", "again", now=NOW)
    with pytest.raises(Conflict):
        a.sign(Side.SCHOOL, "alice", today=TODAY, now=NOW)


def test_terminating_a_draft_emits_nothing():
    a = draft()
    a.terminate("s1", "changed our mind", now=NOW)
    assert a.status is Status.TERMINATED and a.pull_events() == []


def test_cannot_sign_after_the_period():
    a = draft(valid_to=TODAY)
    with pytest.raises(Conflict):
        a.sign(Side.SCHOOL, "alice", today=TODAY + timedelta(days=1), now=NOW)


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"enterprise_org": "s1"}, "enterprise_org"),
        ({"valid_to": TODAY - timedelta(days=1)}, "valid_to"),
        ({"valid_from": TODAY - timedelta(days=30), "valid_to": TODAY - timedelta(days=1)}, "valid_to"),
        ({"intern_quota": -1}, "intern_quota"),
        ({"valid_to": TODAY + timedelta(days=366 * 11)}, "valid_to"),
    ],
)
def test_invalid_drafts_name_the_field(overrides, field):
    with pytest.raises(InvalidInput) as err:
        draft(**overrides)
    assert field in [e.field for e in err.value.errors]


def test_a_party_drafts_only_for_itself():
    with pytest.raises(Forbidden):
        draft(drafter_org="s2")
    assert draft(drafter_org="e1", drafter_side=Side.ENTERPRISE).drafted_by_org == "e1"


def test_side_of_requires_matching_kind():
    a = draft()
    assert a.side_of("s1", "school") is Side.SCHOOL
    assert a.side_of("s1", "enterprise") is None
    assert a.side_of("x", "school") is None
