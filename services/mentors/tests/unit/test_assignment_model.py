"""Assignments, guidance sessions and mentors as plain objects: state changes, their events, their refusals."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest

from mentors.domain.assignments import (
    Assignment,
    AssignmentEnded,
    AssignmentStatus,
    ContextKind,
    How,
    MentorAssigned,
    MentoringContext,
    MentorPending,
)
from mentors.domain.mentors import Mentor, Side
from mentors.domain.sessions import GuidanceSession, SessionMode, overdue_since
from praxis_common.errors import Conflict, InvalidInput

NOW = datetime(2026, 11, 22, 9, tzinfo=UTC)
TODAY = NOW.date()
CONTEXT = MentoringContext(
    kind=ContextKind.PLACEMENT, id="p1", school_org="s1", enterprise_org="e1", student_ref="stu-1", opened_at=NOW
)
M1, M2 = uuid.UUID(int=1), uuid.UUID(int=2)


def test_each_side_belongs_to_its_organisation():
    school, enterprise = (
        Assignment.open(CONTEXT, Side.SCHOOL, now=NOW),
        Assignment.open(CONTEXT, Side.ENTERPRISE, now=NOW),
    )
    assert (school.org, enterprise.org) == ("s1", "e1")
    assert school.status is AssignmentStatus.PENDING and school.mentor_id is None and not school.events


def test_assign_reassign_end_each_record_one_event():
    a = Assignment.open(CONTEXT, Side.SCHOOL, now=NOW)
    a.assign(M1, now=NOW, how=How.AUTOMATIC, reason="best match")
    a.assign(M2, now=NOW + timedelta(days=1), how=How.MANUAL, reason="speaks Malay", by="admin-1")
    assert a.end(now=NOW + timedelta(days=2), reason="completed") == M2
    first, second, ended = a.pull_events()
    assert isinstance(first, MentorAssigned) and first.previous_mentor_id is None and first.by == "system"
    assert isinstance(second, MentorAssigned) and second.previous_mentor_id == M1 and second.how is How.MANUAL
    assert isinstance(ended, AssignmentEnded) and ended.mentor_id == M2 and ended.reason == "completed"
    assert a.status is AssignmentStatus.ENDED and a.pull_events() == []


def test_a_pending_assignment_ends_without_releasing_anyone():
    a = Assignment.open(CONTEXT, Side.ENTERPRISE, now=NOW)
    a.wait_for_mentor()
    assert a.end(now=NOW, reason="withdrawn") is None
    pending, ended = a.pull_events()
    assert isinstance(pending, MentorPending) and ended.mentor_id is None
    assert a.end(now=NOW, reason="again") is None and a.pull_events() == []  # ending twice changes nothing


def test_refusals():
    a = Assignment.open(CONTEXT, Side.SCHOOL, now=NOW)
    a.assign(M1, now=NOW, how=How.AUTOMATIC, reason="x")
    with pytest.raises(Conflict):
        a.assign(M1, now=NOW, how=How.MANUAL, reason="same mentor")
    a.end(now=NOW, reason="completed")
    with pytest.raises(Conflict):
        a.assign(M2, now=NOW, how=How.MANUAL, reason="too late")


def active() -> Assignment:
    a = Assignment.open(CONTEXT, Side.ENTERPRISE, now=NOW)
    a.assign(M1, now=NOW, how=How.AUTOMATIC, reason="x")
    return a


def record(a: Assignment, **overrides) -> GuidanceSession:
    fields = dict(held_on=TODAY, mode="onsite", minutes=60, notes="", by="u1", today=TODAY, now=NOW)
    return GuidanceSession.record(a, **(fields | overrides))


def test_a_session_is_the_current_mentor_s_and_is_confirmed_once():
    s = record(active())
    assert s.mentor_id == M1 and s.side is Side.ENTERPRISE and s.mode is SessionMode.ONSITE
    assert s.confirm(by="school-admin", now=NOW) and not s.confirm(by="other", now=NOW)
    assert s.confirmed_by == "school-admin"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"held_on": TODAY + timedelta(days=1)}, "held_on"),
        ({"minutes": 0}, "minutes"),
        ({"minutes": -5}, "minutes"),
        ({"minutes": 1441}, "minutes"),
        ({"mode": "telepathy"}, "mode"),
    ],
)
def test_bad_sessions_name_the_field(overrides, field):
    with pytest.raises(InvalidInput) as raised:
        record(active(), **overrides)
    assert [e.field for e in raised.value.errors] == [field]


def test_no_session_without_a_mentor_nor_after_the_end():
    with pytest.raises(Conflict):
        record(Assignment.open(CONTEXT, Side.SCHOOL, now=NOW))
    ended = active()
    ended.end(now=NOW - timedelta(days=3), reason="completed")
    with pytest.raises(Conflict):
        record(ended, held_on=TODAY - timedelta(days=1))
    assert record(ended, held_on=TODAY - timedelta(days=5)).mentor_id == M1  # held before the end


def test_overdue_threshold():
    assert overdue_since(date(2026, 11, 22), 14) == date(2026, 11, 8)


def make(kind="school", org_kind="school", capacity=3, **kw) -> Mentor:
    return Mentor.create(
        org="s1",
        org_kind=org_kind,
        kind=kind,
        display_name=" Chen ",
        expertise=["Logistics", "logistics"],
        languages=["EN"],
        capacity=capacity,
        now=NOW,
        **kw,
    )


def test_a_mentor_is_of_the_organisation_s_kind_with_sane_capacity():
    m = make()
    assert (m.display_name, m.expertise, m.languages, m.load, m.free_seats) == ("Chen", ["logistics"], ["en"], 0, 3)
    for kind, org_kind, capacity, field in (
        ("enterprise", "school", 3, "kind"),
        ("robot", "school", 3, "kind"),
        ("school", "school", -1, "capacity"),
        ("school", "school", 100_000, "capacity"),
    ):
        with pytest.raises(InvalidInput) as raised:
            make(kind, org_kind, capacity)
        assert [e.field for e in raised.value.errors] == [field]


def test_updates_say_when_they_free_capacity():
    m = make(capacity=2)
    m.load = 2
    assert not m.update(now=NOW, display_name="Chen Jing")
    assert m.update(now=NOW, capacity=3)
    assert not m.update(now=NOW, active=False) and m.free_seats == 0
    assert m.update(now=NOW, active=True)
    with pytest.raises(Conflict):
        m.update(now=NOW, capacity=1)  # below the load
    with pytest.raises(InvalidInput):
        m.update(now=NOW, capacity=-1)
