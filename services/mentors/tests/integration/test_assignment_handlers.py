"""Assignment use cases on a real PostgreSQL: automatic pairs, redelivery, capacity under concurrency,
releases that fill waiting assignments, manual reassignment with history, the sweeper."""

from __future__ import annotations

import asyncio
import dataclasses
import json
import uuid
from dataclasses import dataclass

import pytest
from sqlalchemy import func, select, text, update

from mentors.adapters.orm import assignment, mentor
from mentors.domain.mentors import DualQualificationRule, Mentor
from mentors.handlers import assignments as handlers
from mentors.handlers import mentors as mentor_handlers
from mentors.handlers.assignments import AssignMentor, MentorFull
from praxis_common.auth import Principal
from praxis_common.errors import Conflict, Forbidden, InvalidInput, NotFound

RULE = DualQualificationRule()


@dataclass
class Orgs:
    school: Principal
    enterprise: Principal

    def other(self, kind: str) -> Principal:
        return Principal(sub="x", org=f"other-{kind}", org_kind=kind, roles=frozenset({"admin"}))


@pytest.fixture
def orgs() -> Orgs:
    tag = uuid.uuid4().hex[:8]
    return Orgs(
        Principal(sub="s-admin", org=f"s-{tag}", org_kind="school", roles=frozenset({"admin"})),
        Principal(sub="e-hr", org=f"e-{tag}", org_kind="enterprise", roles=frozenset({"hr"})),
    )


async def add_mentor(uow, principal: Principal, name: str, capacity: int, **fields) -> uuid.UUID:
    details = await mentor_handlers.create_mentor(
        mentor_handlers.CreateMentor(kind=principal.org_kind, display_name=name, capacity=capacity, **fields),
        principal,
        uow=uow,
        rule=RULE,
    )
    return details.mentor.id


async def confirm(placements, orgs: Orgs, placement_id: str, student: str = "stu-1", **fields):
    event = placements.event(
        "confirmed", placement_id, school=orgs.school.org, enterprise=orgs.enterprise.org, student=student, **fields
    )
    assert await placements.deliver(event)
    return event


async def end(placements, orgs: Orgs, kind: str, placement_id: str, student: str = "stu-1"):
    event = placements.event(
        kind, placement_id, school=orgs.school.org, enterprise=orgs.enterprise.org, student=student
    )
    assert await placements.deliver(event)


async def current(uow, orgs: Orgs, student: str = "stu-1") -> dict[str, object]:
    """side → the student's current assignment view."""
    views = await handlers.student_mentors(student, orgs.school, uow=uow)
    return {v.assignment.side.value: v for v in views}


async def outbox_subjects(uow, aggregate_id) -> list[str]:
    async with uow() as u:
        rows = await u.connection.execute(
            text("SELECT subject FROM outbox WHERE aggregate_id = :id ORDER BY position"), {"id": str(aggregate_id)}
        )
        return [r.subject for r in rows]


async def loads(uow, *ids) -> list[tuple[int, int]]:
    async with uow() as u:
        rows = (await u.connection.execute(select(mentor.c.id, mentor.c.load, mentor.c.capacity))).all()
    by_id = {r.id: (r.load, r.capacity) for r in rows}
    return [by_id[i] for i in ids]


async def test_a_confirmed_placement_gets_the_best_ranked_mentor_on_each_side(uow, placements, orgs):
    plain = await add_mentor(uow, orgs.school, "Plain", 5)
    expert = await add_mentor(uow, orgs.school, "Expert", 5, expertise=["logistics"])
    speaker = await add_mentor(uow, orgs.enterprise, "Speaker", 5, languages=["ms"])
    await add_mentor(uow, orgs.enterprise, "Busy", 0, expertise=["logistics"], languages=["ms"])  # no capacity
    await add_mentor(uow, orgs.enterprise, "Away", 5, expertise=["logistics"], active=False)
    await confirm(placements, orgs, "p-best", competencies=("logistics",), languages=("ms-MY",))
    pair = await current(uow, orgs)
    assert pair["school"].assignment.mentor_id == expert and pair["school"].mentor_display_name == "Expert"
    assert pair["enterprise"].assignment.mentor_id == speaker
    assert all(v.assignment.status.value == "active" for v in pair.values())
    assert pair["school"].competencies == ["logistics"]
    assert await loads(uow, plain, expert, speaker) == [(0, 5), (1, 5), (1, 5)]
    assert await outbox_subjects(uow, pair["school"].assignment.id) == ["t.mentors.mentor.assigned"]
    history, _ = await handlers.assignment_history(pair["school"].assignment.id, orgs.school, uow=uow)
    assert [(h.action, h.how, h.by) for h in history] == [("assigned", "automatic", "system")]
    assert history[0].reason.startswith("best match: expertise overlap 1")


async def test_redelivery_and_replay_create_no_second_assignment(uow, placements, orgs):
    school_mentor = await add_mentor(uow, orgs.school, "Only", 5)
    await add_mentor(uow, orgs.enterprise, "Only", 5)
    event = await confirm(placements, orgs, "p-twice")
    assert not await placements.deliver(event)  # the same event id: the inbox has it
    replay = dataclasses.replace(event, id=uuid.uuid4())  # the same payload under a new id
    assert await placements.deliver(replay)  # applied ... and opened nothing
    async with uow() as u:
        count = await u.connection.scalar(
            select(func.count()).select_from(assignment).where(assignment.c.context_id == "p-twice")
        )
    assert count == 2
    assert await loads(uow, school_mentor) == [(1, 5)]


async def test_no_free_seat_means_pending_on_that_side_only_and_listed(uow, placements, orgs):
    await add_mentor(uow, orgs.enterprise, "Host", 5)
    await confirm(placements, orgs, "p-wait")
    pair = await current(uow, orgs)
    assert pair["school"].assignment.status.value == "pending" and pair["school"].assignment.mentor_id is None
    assert pair["enterprise"].assignment.status.value == "active"
    waiting, _ = await handlers.needs_a_mentor(orgs.school, uow=uow)
    assert [v.assignment.id for v in waiting] == [pair["school"].assignment.id]
    assert (await handlers.needs_a_mentor(orgs.enterprise, uow=uow))[0] == []  # not the enterprise's to fill
    assert await outbox_subjects(uow, pair["school"].assignment.id) == ["t.mentors.mentor.pending"]


@pytest.mark.parametrize("kind", ["completed", "withdrawn", "terminated", "expired"])
async def test_every_end_of_a_placement_releases_both_seats(uow, placements, orgs, kind):
    s, e = await add_mentor(uow, orgs.school, "S", 1), await add_mentor(uow, orgs.enterprise, "E", 1)
    await confirm(placements, orgs, f"p-{kind}")
    assert await loads(uow, s, e) == [(1, 1), (1, 1)]
    await end(placements, orgs, kind, f"p-{kind}")
    assert await loads(uow, s, e) == [(0, 1), (0, 1)]
    assert await current(uow, orgs) == {}
    ended = await handlers.student_mentors("stu-1", orgs.school, uow=uow, include_ended=True)
    assert {(v.assignment.status.value, v.assignment.end_reason) for v in ended} == {("ended", kind)}
    await end(placements, orgs, kind, f"p-{kind}")  # a replayed end changes nothing
    assert await loads(uow, s, e) == [(0, 1), (0, 1)]


async def test_a_freed_seat_goes_to_the_oldest_waiting_assignment(uow, placements, orgs):
    s = await add_mentor(uow, orgs.school, "S", 1)
    await add_mentor(uow, orgs.enterprise, "E", 10)
    for n in range(3):
        await confirm(placements, orgs, f"p-fill-{n}", student=f"stu-{n}")
    assert (await current(uow, orgs, "stu-0"))["school"].assignment.mentor_id == s
    assert [(await current(uow, orgs, f"stu-{n}"))["school"].assignment.status.value for n in (1, 2)] == [
        "pending",
        "pending",
    ]
    await end(placements, orgs, "completed", "p-fill-0", student="stu-0")
    filled = (await current(uow, orgs, "stu-1"))["school"].assignment
    assert filled.mentor_id == s and filled.status.value == "active"
    assert (await current(uow, orgs, "stu-2"))["school"].assignment.status.value == "pending"
    history, _ = await handlers.assignment_history(filled.id, orgs.school, uow=uow)
    assert [(h.action, h.how) for h in history] == [("pending", None), ("assigned", "filled")]
    assert history[1].reason == "capacity freed: placement completed"
    assert await outbox_subjects(uow, filled.id) == ["t.mentors.mentor.pending", "t.mentors.mentor.assigned"]
    assert await loads(uow, s) == [(1, 1)]


async def test_an_end_that_overtakes_its_confirmation_opens_nothing(uow, placements, orgs):
    await add_mentor(uow, orgs.school, "S", 3)
    await end(placements, orgs, "withdrawn", "p-late")
    await confirm(placements, orgs, "p-late")
    assert await handlers.student_mentors("stu-1", orgs.school, uow=uow, include_ended=True) == []


async def test_new_mentor_raised_capacity_and_reactivation_fill_waiting_assignments(uow, placements, orgs):
    for n in range(4):
        await confirm(placements, orgs, f"p-trig-{n}", student=f"stu-{n}")
    waiting = lambda: handlers.needs_a_mentor(orgs.school, uow=uow)  # noqa: E731
    assert len((await waiting())[0]) == 4
    first = await add_mentor(uow, orgs.school, "New", 1)  # created: takes the oldest
    assert (await current(uow, orgs, "stu-0"))["school"].assignment.mentor_id == first
    await mentor_handlers.update_mentor(first, {"capacity": 2}, orgs.school, uow=uow, rule=RULE)  # raised
    assert (await current(uow, orgs, "stu-1"))["school"].assignment.mentor_id == first
    off = await add_mentor(uow, orgs.school, "Off", 3, active=False)  # inactive: takes nobody
    assert len((await waiting())[0]) == 2
    await mentor_handlers.update_mentor(off, {"active": True}, orgs.school, uow=uow, rule=RULE)  # re-activated
    assert (await waiting())[0] == []
    assert await loads(uow, first, off) == [(2, 2), (2, 3)]
    history, _ = await handlers.assignment_history(
        (await current(uow, orgs, "stu-3"))["school"].assignment.id, orgs.school, uow=uow
    )
    assert history[-1].reason == "capacity freed: mentor re-activated"


async def test_capacity_cannot_drop_below_the_load(uow, placements, orgs):
    s = await add_mentor(uow, orgs.school, "S", 2)
    await confirm(placements, orgs, "p-low")
    with pytest.raises(Conflict):
        await mentor_handlers.update_mentor(s, {"capacity": 0}, orgs.school, uow=uow, rule=RULE)
    details = await mentor_handlers.update_mentor(s, {"capacity": 1}, orgs.school, uow=uow, rule=RULE)
    assert (details.mentor.load, details.mentor.capacity) == (1, 1)


async def test_manual_reassignment_by_the_owning_side_with_reason_and_history(uow, placements, orgs):
    a1, a2 = await add_mentor(uow, orgs.school, "A1", 1), await add_mentor(uow, orgs.school, "A2", 1)
    await add_mentor(uow, orgs.enterprise, "E", 5)
    await confirm(placements, orgs, "p-man-0", student="stu-0")
    await confirm(placements, orgs, "p-man-1", student="stu-1")
    await confirm(placements, orgs, "p-man-2", student="stu-2")  # both school mentors full: pending
    moved = (await current(uow, orgs, "stu-0"))["school"].assignment
    other = a2 if moved.mentor_id == a1 else a1
    enterprise_side = (await current(uow, orgs, "stu-0"))["enterprise"].assignment

    with pytest.raises(MentorFull):  # the other mentor is full
        await handlers.assign_mentor(AssignMentor(moved.id, other, "swap"), orgs.school, uow=uow)
    with pytest.raises(Forbidden):  # the enterprise does not pick the school mentor
        await handlers.assign_mentor(AssignMentor(moved.id, other, "x"), orgs.enterprise, uow=uow)
    with pytest.raises(NotFound):  # another school does not even see it
        await handlers.assign_mentor(AssignMentor(moved.id, other, "x"), orgs.other("school"), uow=uow)
    with pytest.raises(InvalidInput):  # a mentor of another organisation
        await handlers.assign_mentor(AssignMentor(enterprise_side.id, other, "x"), orgs.enterprise, uow=uow)
    with pytest.raises(InvalidInput):  # no reason
        await handlers.assign_mentor(AssignMentor(moved.id, other, "  "), orgs.school, uow=uow)

    fresh = await add_mentor(uow, orgs.school, "Fresh", 1)  # takes the waiting stu-2 at once
    assert (await current(uow, orgs, "stu-2"))["school"].assignment.mentor_id == fresh
    await mentor_handlers.update_mentor(fresh, {"capacity": 2}, orgs.school, uow=uow, rule=RULE)
    view = await handlers.assign_mentor(
        AssignMentor(moved.id, fresh, "speaks the student's dialect"), orgs.school, uow=uow
    )
    assert view.assignment.mentor_id == fresh and view.mentor_display_name == "Fresh"
    history, _ = await handlers.assignment_history(moved.id, orgs.school, uow=uow)
    assert [(h.action, h.how, h.by, h.previous_mentor_id) for h in history] == [
        ("assigned", "automatic", "system", None),
        ("reassigned", "manual", "s-admin", moved.mentor_id),
    ]
    assert history[-1].reason == "speaks the student's dialect"
    assert await loads(uow, moved.mentor_id, fresh) == [(0, 1), (2, 2)]
    with pytest.raises(Conflict):
        await handlers.assign_mentor(AssignMentor(moved.id, fresh, "again"), orgs.school, uow=uow)


async def test_a_pending_assignment_can_be_filled_by_hand(uow, placements, orgs):
    await confirm(placements, orgs, "p-hand")
    waiting = (await current(uow, orgs))["enterprise"].assignment
    assert waiting.status.value == "pending"
    async with uow() as u:  # a mentor that arrived without the fill (e.g. restored from a backup)
        await u.mentors.add(
            Mentor.create(
                org=orgs.enterprise.org,
                org_kind="enterprise",
                kind="enterprise",
                display_name="Quiet",
                expertise=[],
                languages=[],
                capacity=1,
                now=waiting.created_at,
            )
        )
        await u.commit()
    quiet = (await mentor_handlers.list_mentors(orgs.enterprise, uow=uow, rule=RULE))[0][0].mentor.id
    view = await handlers.assign_mentor(AssignMentor(waiting.id, quiet, "our best"), orgs.enterprise, uow=uow)
    assert view.assignment.status.value == "active"
    assert [h.action for h in (await handlers.assignment_history(waiting.id, orgs.enterprise, uow=uow))[0]] == [
        "pending",
        "assigned",
    ]


async def test_the_sweeper_fills_what_a_race_left_waiting(uow, placements, orgs):
    await confirm(placements, orgs, "p-race")
    async with uow() as u:  # capacity that appeared without a fill, as a concurrent release could leave it
        await u.mentors.add(
            Mentor.create(
                org=orgs.school.org,
                org_kind="school",
                kind="school",
                display_name="Late",
                expertise=[],
                languages=[],
                capacity=1,
                now=(await current(uow, orgs))["school"].assignment.created_at,
            )
        )
        await u.commit()
    assert await handlers.sweep_pending(uow=uow) >= 1
    assert (await current(uow, orgs))["school"].assignment.status.value == "active"


async def test_100_confirmations_at_once_for_60_seats(uow, placements, orgs, engine):
    seats = [10, 15, 15, 20]
    school_mentors = [await add_mentor(uow, orgs.school, f"T{n}", c) for n, c in enumerate(seats)]
    await add_mentor(uow, orgs.enterprise, "Host", 100)
    events = [
        placements.event(
            "confirmed", f"p-storm-{n}", school=orgs.school.org, enterprise=orgs.enterprise.org, student=f"stu-{n}"
        )
        for n in range(100)
    ]
    gate = asyncio.Semaphore(20)  # as many at once as the pool allows

    async def one(event):
        async with gate:
            assert await placements.deliver(event)

    await asyncio.gather(*(one(e) for e in events))
    async with uow() as u:
        by_status = dict(
            (
                await u.connection.execute(
                    select(assignment.c.status, func.count())
                    .where(assignment.c.org == orgs.school.org)
                    .group_by(assignment.c.status)
                )
            ).all()
        )
        per_mentor = dict(
            (
                await u.connection.execute(
                    select(assignment.c.mentor_id, func.count())
                    .where(assignment.c.org == orgs.school.org, assignment.c.status == "active")
                    .group_by(assignment.c.mentor_id)
                )
            ).all()
        )
    assert by_status == {"active": 60, "pending": 40}
    assert len((await handlers.needs_a_mentor(orgs.school, uow=uow))[0]) == 40
    assert await loads(uow, *school_mentors) == [(c, c) for c in seats]
    assert [per_mentor[m] for m in school_mentors] == seats


async def test_the_database_refuses_a_load_above_capacity(uow, orgs):
    s = await add_mentor(uow, orgs.school, "S", 1)
    async with uow() as u:
        with pytest.raises(Exception, match="ck_mentor_load"):
            await u.connection.execute(update(mentor).where(mentor.c.id == s).values(load=2))


async def test_assignments_name_the_mentors_account_and_a_changed_mentor_is_published(uow, placements, orgs):
    """Other services authorise the assigned mentor by the account they sign in with (internships: logbook
    reviews) and name them (the ministry report's guidance teacher): mentor.assigned carries both with the record's
    version, mentor.updated every later change."""
    host = await add_mentor(uow, orgs.enterprise, "Ann", 2, account="ann@ent")
    await confirm(placements, orgs, "p-account")
    enterprise_side = (await current(uow, orgs))["enterprise"].assignment
    async with uow() as u:
        payloads = [
            json.loads(r.payload)
            for r in await u.connection.execute(
                text("SELECT payload FROM outbox WHERE aggregate_id = :id AND subject LIKE '%.mentor.assigned'"),
                {"id": str(enterprise_side.id)},
            )
        ]
    assert [(p["mentorId"], p["mentorAccount"], p["mentorName"]) for p in payloads] == [(str(host), "ann@ent", "Ann")]
    await mentor_handlers.update_mentor(
        host, {"account": "ann.li@ent", "display_name": "Ann Li"}, orgs.enterprise, uow=uow, rule=RULE
    )
    async with uow() as u:
        [updated] = [
            json.loads(r.payload)
            for r in await u.connection.execute(
                text("SELECT payload FROM outbox WHERE aggregate_id = :id AND subject LIKE '%.mentor.updated'"),
                {"id": str(host)},
            )
        ]
    assert (updated["account"], updated["org"], updated["kind"], updated["displayName"]) == (
        "ann.li@ent",
        orgs.enterprise.org,
        "enterprise",
        "Ann Li",
    )
    assert updated["version"] > payloads[0].get("mentorVersion", 0)
