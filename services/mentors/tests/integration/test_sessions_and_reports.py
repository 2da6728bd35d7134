"""Guidance sessions, the overdue-guidance list and the reports, on a real PostgreSQL."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from mentors.domain.mentors import DualQualificationRule
from mentors.handlers import assignments as assignment_handlers
from mentors.handlers import mentors as mentor_handlers
from mentors.handlers import reports
from mentors.handlers import sessions as handlers
from mentors.handlers.sessions import RecordSession
from praxis_common.auth import Principal
from praxis_common.errors import Conflict, Forbidden, InvalidInput, NotFound
from praxis_common.outbox import outbox

TODAY = date.today()
RULE = DualQualificationRule(min_months=6, window_years=5, certificates=frozenset({"Practice Instructor"}))


def principal(org: str, kind: str, *roles: str, sub: str = "u") -> Principal:
    return Principal(sub=sub, org=org, org_kind=kind, roles=frozenset(roles))


@pytest.fixture
def world():
    tag = uuid.uuid4().hex[:8]
    return {
        "school": principal(f"s-{tag}", "school", "admin", sub="s-admin"),
        "enterprise": principal(f"e-{tag}", "enterprise", "hr", sub="e-hr"),
    }


async def mentor(uow, who: Principal, name: str, capacity: int = 5, **fields) -> uuid.UUID:
    cmd = mentor_handlers.CreateMentor(kind=who.org_kind, display_name=name, capacity=capacity, **fields)
    return (await mentor_handlers.create_mentor(cmd, who, uow=uow, rule=RULE)).mentor.id


async def placement(placements, world, pid: str, student: str, *, starts_on: date = TODAY, kind="confirmed"):
    event = placements.event(
        kind,
        pid,
        school=world["school"].org,
        enterprise=world["enterprise"].org,
        student=student,
        starts_on=starts_on,
    )
    assert await placements.deliver(event)


async def pair(uow, world, student: str) -> dict:
    views = await assignment_handlers.student_mentors(student, world["school"], uow=uow)
    return {v.assignment.side.value: v.assignment for v in views}


def session(days_ago: int, mode: str = "onsite", minutes: int = 60) -> RecordSession:
    return RecordSession(held_on=TODAY - timedelta(days=days_ago), mode=mode, minutes=minutes)


async def test_who_records_and_who_confirms(uow, placements, world):
    await mentor(uow, world["school"], "T")
    await mentor(uow, world["enterprise"], "E", account="e-mentor")
    await placement(placements, world, f"p-{uuid.uuid4()}", "stu-1")
    a = await pair(uow, world, "stu-1")
    enterprise_side = a["enterprise"].id
    mentor_principal = principal(world["enterprise"].org, "enterprise", "mentor", sub="e-mentor")
    recorded = await handlers.record_session(enterprise_side, session(1), mentor_principal, uow=uow)
    assert recorded.recorded_by == "e-mentor" and recorded.mentor_id == a["enterprise"].mentor_id
    with pytest.raises(InvalidInput):  # in the future
        await handlers.record_session(enterprise_side, session(-1), world["enterprise"], uow=uow)
    with pytest.raises(Forbidden):  # the school does not record the enterprise mentor's sessions
        await handlers.record_session(enterprise_side, session(1), world["school"], uow=uow)
    student = principal(world["school"].org, "school", "student", sub="stu-1")
    with pytest.raises(Forbidden):
        await handlers.record_session(a["school"].id, session(1), student, uow=uow)
    with pytest.raises(NotFound):  # another enterprise's mentor
        await handlers.record_session(enterprise_side, session(1), principal("e-x", "enterprise", "mentor"), uow=uow)
    with pytest.raises(Forbidden):
        await handlers.confirm_session(enterprise_side, recorded.id, world["enterprise"], uow=uow)
    with pytest.raises(NotFound):
        await handlers.confirm_session(enterprise_side, uuid.uuid4(), world["school"], uow=uow)
    confirmed = await handlers.confirm_session(enterprise_side, recorded.id, student, uow=uow)
    assert confirmed.confirmed_by == "stu-1"
    again = await handlers.confirm_session(enterprise_side, recorded.id, world["school"], uow=uow)
    assert again.confirmed_by == "stu-1"  # the first confirmation stands
    listed, _ = await handlers.list_sessions(enterprise_side, world["school"], uow=uow)
    assert [s.id for s in listed] == [recorded.id]


async def test_no_session_for_an_assignment_still_waiting(uow, placements, world):
    await mentor(uow, world["school"], "T")
    await placement(placements, world, f"p-{uuid.uuid4()}", "stu-1")  # no enterprise mentor: pending
    with pytest.raises(Conflict):
        await handlers.record_session(
            (await pair(uow, world, "stu-1"))["enterprise"].id, session(0), world["enterprise"], uow=uow
        )


async def test_the_overdue_list_wants_recent_on_site_enterprise_guidance(uow, placements, world):
    await mentor(uow, world["school"], "T")
    await mentor(uow, world["enterprise"], "E")
    started_long_ago = TODAY - timedelta(days=60)
    for student in ("stu-never", "stu-old", "stu-online", "stu-recent"):
        await placement(placements, world, f"p-{student}-{uuid.uuid4()}", student, starts_on=started_long_ago)
    await placement(placements, world, f"p-new-{uuid.uuid4()}", "stu-new", starts_on=TODAY - timedelta(days=5))
    e = world["enterprise"]
    side = {s: (await pair(uow, world, s))["enterprise"].id for s in ("stu-old", "stu-online", "stu-recent")}
    await handlers.record_session(side["stu-old"], session(20), e, uow=uow)
    await handlers.record_session(side["stu-online"], session(20), e, uow=uow)
    await handlers.record_session(side["stu-online"], session(2, mode="online"), e, uow=uow)
    await handlers.record_session(side["stu-recent"], session(20), e, uow=uow)
    await handlers.record_session(side["stu-recent"], session(3), e, uow=uow)
    for who in (world["school"], world["enterprise"]):
        overdue, _ = await handlers.overdue_guidance(who, uow=uow, days=14)
        found = {o.assignment.assignment.student_ref: o.last_onsite for o in overdue}
        assert found == {
            "stu-never": None,
            "stu-old": TODAY - timedelta(days=20),
            "stu-online": TODAY - timedelta(days=20),
        }
    assert len((await handlers.overdue_guidance(world["school"], uow=uow, days=30))[0]) == 1  # only stu-never
    assert await handlers.overdue_guidance(principal("s-other", "school", "admin"), uow=uow, days=1) == ([], None)


async def told(uow, assignment_id) -> int:
    async with uow() as u:
        query = select(func.count()).where(
            outbox.c.aggregate_id == str(assignment_id), outbox.c.subject.endswith(".mentors.guidance.overdue")
        )
        return (await u.connection.execute(query)).scalar_one()


async def test_overdue_guidance_is_told_once_per_period(uow, placements, world):
    await mentor(uow, world["school"], "T")
    await mentor(uow, world["enterprise"], "E")
    await placement(placements, world, f"p-late-{uuid.uuid4()}", "stu-late", starts_on=TODAY - timedelta(days=60))
    late = (await pair(uow, world, "stu-late"))["enterprise"].id
    await handlers.tell_overdue_guidance(uow=uow, days=14)
    await handlers.tell_overdue_guidance(uow=uow, days=14)  # the job again (or another process): nothing new
    assert await told(uow, late) == 1
    await handlers.record_session(late, session(20), world["enterprise"], uow=uow)  # a visit, and a new period
    await handlers.tell_overdue_guidance(uow=uow, days=14)
    assert await told(uow, late) == 2
    await handlers.record_session(late, session(1), world["enterprise"], uow=uow)  # visited: not overdue
    await handlers.tell_overdue_guidance(uow=uow, days=14)
    assert await told(uow, late) == 2


async def test_reports(uow, placements, world):
    school = world["school"]
    qualified = await mentor(uow, school, "Practised", capacity=2)
    certified = await mentor(uow, school, "Certified", capacity=1)
    await mentor(uow, school, "New", capacity=0)
    await mentor(uow, school, "Retired", capacity=0, active=False)
    await mentor_handlers.record_practice(
        qualified,
        mentor_handlers.RecordPractice("Sea", "ops", TODAY - timedelta(days=400), TODAY - timedelta(days=200), 1200),
        school,
        uow=uow,
        rule=RULE,
    )
    await mentor_handlers.record_certificate(
        certified, mentor_handlers.RecordCertificate("practice  instructor", "x", TODAY), school, uow=uow, rule=RULE
    )
    dual = await reports.dual_qualified_report(school, uow=uow, rule=RULE)
    assert (dual.mentors_total, dual.dual_qualified, str(dual.ratio)) == (3, 2, "0.6667")
    why = {m.display_name: q for m, q in dual.mentors}
    assert why["Practised"].practice_days == 201 and why["Certified"].qualifying_certificates == [
        "practice  instructor"
    ]
    assert not why["New"].dual_qualified and "Retired" not in why
    with pytest.raises(Forbidden):
        await reports.dual_qualified_report(world["enterprise"], uow=uow, rule=RULE)

    await mentor(uow, world["enterprise"], "E", capacity=1)
    for n in range(4):
        await placement(placements, world, f"p-r{n}-{uuid.uuid4()}", f"stu-{n}")
    load = await reports.load_report(school, uow=uow)
    assert (load.total_capacity, load.total_load, str(load.utilisation)) == (3, 3, "1.0000")
    assert load.buckets == {"idle": 0, "partly": 0, "full": 2, "no-capacity": 1}
    assert load.by_load == {0: 1, 1: 1, 2: 1}
    pending = await reports.pending_report(school, uow=uow)
    assert (pending.total, pending.by_side) == (4, {"school": 1, "enterprise": 3})
    assert pending.oldest_since == pending.items[0].assignment.created_at
    host_view = await reports.pending_report(world["enterprise"], uow=uow)
    assert host_view.by_side == pending.by_side  # the same contexts, seen from the other party

    first = (await pair(uow, world, "stu-0"))["enterprise"].id
    await handlers.record_session(first, session(1, minutes=30), world["enterprise"], uow=uow)
    await handlers.record_session(first, session(2, mode="online", minutes=15), world["enterprise"], uow=uow)
    await handlers.record_session(first, session(200), world["enterprise"], uow=uow)  # outside the default 90 days
    guidance = await reports.guidance_report(school, uow=uow, from_date=None, to_date=None)
    per_mentor = {m.display_name: m for m in guidance.per_mentor}
    assert (per_mentor["E"].sessions, per_mentor["E"].onsite_sessions, per_mentor["E"].minutes) == (2, 1, 45)
    assert per_mentor["Practised"].sessions == 0 and per_mentor["Practised"].current_mentees == 2  # zeros shown
    per_student = {s.student_ref: s for s in guidance.per_student}
    assert per_student["stu-0"].sessions == 2 and per_student["stu-0"].last_held_on == TODAY - timedelta(days=1)
    assert per_student["stu-3"].sessions == 0  # no enterprise mentor yet: no guidance, and it shows
    year = await reports.guidance_report(school, uow=uow, from_date=TODAY - timedelta(days=365), to_date=TODAY)
    assert {m.display_name: m.sessions for m in year.per_mentor}["E"] == 3
    with pytest.raises(InvalidInput):
        await reports.guidance_report(school, uow=uow, from_date=TODAY, to_date=TODAY - timedelta(days=1))


async def test_a_recorded_session_is_published_with_its_context(uow, placements, world):
    """guidance.recorded leaves through the outbox in the session's transaction, naming the placement, both parties,
    the mode and the minutes: what internships' value ledger counts."""
    from google.protobuf import json_format
    from sqlalchemy import text

    from praxis.events.v1 import guidance_pb2

    await mentor(uow, world["school"], "T")
    await mentor(uow, world["enterprise"], "E")
    pid = str(uuid.uuid4())
    await placement(placements, world, pid, "stu-g")
    a = await pair(uow, world, "stu-g")
    recorded = await handlers.record_session(a["enterprise"].id, session(2, minutes=45), world["enterprise"], uow=uow)
    async with uow() as u:
        rows = (
            await u.connection.execute(
                text("SELECT subject, payload FROM outbox WHERE aggregate_id = :id AND subject LIKE '%guidance%'"),
                {"id": str(a["enterprise"].id)},
            )
        ).all()
    assert [r.subject for r in rows] == ["t.mentors.guidance.recorded"]
    e = json_format.Parse(bytes(rows[0].payload), guidance_pb2.GuidanceRecorded())
    assert (e.session_id, e.context_kind, e.context_id, e.side) == (str(recorded.id), "placement", pid, "enterprise")
    assert (e.school_org, e.enterprise_org, e.student_ref) == (world["school"].org, world["enterprise"].org, "stu-g")
    assert (e.mode, e.minutes, e.held_on) == ("onsite", 45, (TODAY - timedelta(days=2)).isoformat())
    assert e.mentor_id == str(a["enterprise"].mentor_id)
    with pytest.raises(InvalidInput):  # a refused session publishes nothing
        await handlers.record_session(a["enterprise"].id, session(-1), world["enterprise"], uow=uow)
