"""Rubric and placement evaluation use cases on a real, migrated PostgreSQL: the evaluation calendar announces each
window once (also with two runners at once) with its evaluation.due event; scores are taken only once their window
is open; a placement is bound to the rubric version of its first score and keeps it when a later version is agreed;
a version in use cannot be revised; `scorecard_of` inside a caller's unit of work."""

from __future__ import annotations

import asyncio
import json
from datetime import timedelta
from decimal import Decimal

import pytest
from internships_attendance_world import START, World, at, who
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from internships.adapters.unit_of_work import InternshipsUnit
from internships.domain.course import InternshipType
from internships.domain.evaluation_windows import Window, WindowNotOpen
from internships.domain.rubrics import RubricInUse
from internships.handlers import placement_evaluations as h
from internships.handlers import rubrics
from internships.handlers.evaluation_windows import open_windows
from internships.main import MIGRATIONS
from praxis_common.errors import InvalidInput
from praxis_common.uow import UnitOfWorkFactory
from praxis_evaluation import Indicator, Scorer

MID = START + timedelta(days=45)  # the attendance world's placements run 90 days
END = START + timedelta(days=90)


@pytest.fixture(scope="module")
def database_url(database_factory):
    return database_factory("internships_evaluation", migrated=MIGRATIONS)


@pytest.fixture
async def world(database_url):
    engine = create_async_engine(database_url, pool_size=10)
    w = World(UnitOfWorkFactory(engine, event_prefix="t", unit=InternshipsUnit))
    await w.setup()
    yield w
    await engine.dispose()


class NoMentors:
    """The mentors directory for parties that need no mentor check: asking it is a test failure."""

    async def role_of_caller(self, token, *, student_ref, placement_id):
        raise AssertionError("the mentors service was asked about a self-assessment")


async def due_events(w: World, placement_id) -> list[str]:
    """The windows of the placement's evaluation.due events in its outbox, in order."""
    async with w.uow() as u:
        rows = await u.connection.execute(
            text(
                "SELECT payload FROM outbox WHERE aggregate_id = :id AND subject LIKE '%evaluation.due' ORDER BY position"
            ),
            {"id": str(placement_id)},
        )
        return [json.loads(bytes(r.payload))["window"] for r in rows]


async def self_score(w: World, pid, student: str, window: Window, day, scores: dict):
    cmd = h.RecordPlacementEvaluation(window, {k: Decimal(v) for k, v in scores.items()})
    principal = w.student(student)
    evaluator = await h.confirm_evaluator(pid, cmd, principal, token="t", uow=w.uow, mentors=NoMentors(), clock=at(day))
    return await h.record_placement_evaluation(pid, cmd, principal, evaluator, uow=w.uow, clock=at(day))


async def test_windows_are_announced_once_each_at_the_mid_point_and_the_end(world: World):
    pid = await world.placement("stu-win-1")
    assert await open_windows(uow=world.uow, clock=at(MID - timedelta(days=1))) == 0
    runs = await asyncio.gather(*(open_windows(uow=world.uow, clock=at(MID)) for _ in range(2)))
    assert sum(runs) >= 1 and await due_events(world, pid) == ["midterm"]
    await open_windows(uow=world.uow, clock=at(MID + timedelta(days=3)))
    assert await due_events(world, pid) == ["midterm"]
    await asyncio.gather(*(open_windows(uow=world.uow, clock=at(END)) for _ in range(2)))
    assert await due_events(world, pid) == ["midterm", "final"]


async def test_a_score_is_taken_only_once_its_window_is_open(world: World):
    pid = await world.placement("stu-win-2")
    with pytest.raises(WindowNotOpen, match=MID.isoformat()):
        await self_score(world, pid, "stu-win-2", Window.MIDTERM, MID - timedelta(days=1), {"self_assessment": 70})
    with pytest.raises(WindowNotOpen):
        await self_score(world, pid, "stu-win-2", Window.FINAL, END - timedelta(days=8), {"self_assessment": 70})
    e = await self_score(world, pid, "stu-win-2", Window.FINAL, END - timedelta(days=7), {"self_assessment": 70})
    assert (e.scorer, e.rubric_id, e.rubric_version) == (Scorer.SELF, "default:post_internship", 1)


async def test_a_placement_keeps_the_rubric_version_of_its_first_score(world: World):
    pid = await world.placement("stu-bind-1")
    async with world.uow() as u:
        agreement = (await u.placements.get(pid)).agreement_id
    admin = who("adm", world.school_org, "school", "admin")

    def body(self_key: str) -> rubrics.ProposeRubric:
        return rubrics.ProposeRubric(
            InternshipType.POST_INTERNSHIP,
            [
                Indicator("knowledge", "知识", "Knowledge", Scorer.SCHOOL_MENTOR, Decimal("0.4")),
                Indicator("skills", "技能", "Skills", Scorer.ENTERPRISE_MENTOR, Decimal("0.4")),
                Indicator(self_key, "自评", "Self", Scorer.SELF, Decimal("0.2")),
            ],
        )

    v1 = await rubrics.propose_rubric(agreement, body("reflection"), admin, uow=world.uow, clock=at(START))
    await rubrics.accept_rubric(agreement, v1.version, world.hr, uow=world.uow, clock=at(START))
    await self_score(world, pid, "stu-bind-1", Window.MIDTERM, MID, {"reflection": 60})
    with pytest.raises(RubricInUse, match="propose a new version"):
        await rubrics.revise_rubric(agreement, v1.version, body("reflection"), admin, uow=world.uow, clock=at(MID))

    v2 = await rubrics.propose_rubric(agreement, body("self_review"), admin, uow=world.uow, clock=at(MID))
    await rubrics.accept_rubric(agreement, v2.version, world.hr, uow=world.uow, clock=at(MID))
    final = await self_score(world, pid, "stu-bind-1", Window.FINAL, END, {"reflection": 90})  # still v1's keys
    assert final.rubric_version == v1.version
    fresh = await world.placement("stu-bind-2")
    first = await self_score(world, fresh, "stu-bind-2", Window.MIDTERM, MID, {"self_review": 75})
    assert first.rubric_version == v2.version  # a new placement's first score binds the agreed version

    async with world.uow() as u:  # the grading hook, inside the caller's unit of work
        card = await h.scorecard_of(u, await u.placements.get(pid), at(END)(), pass_mark=Decimal(50))
    parts = {p.party: p for p in card.parts}
    assert parts["self"].score == Decimal("90.00") and parts["school_mentor"].score is None
    assert card.value_added.absolute == Decimal("30.00") and card.pass_mark == Decimal(50)


async def _waiting_on_a_lock_or_done(w: World, task: asyncio.Task, *, deadline: float = 15.0) -> None:
    """Until `task` waits on a row lock in the database, or has finished (a poll with a deadline)."""
    loop = asyncio.get_running_loop()
    until = loop.time() + deadline
    while not task.done():
        async with w.uow() as u:
            waiting = await u.connection.scalar(
                text(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                    "AND wait_event_type = 'Lock'"
                )
            )
        if waiting:
            return
        assert loop.time() < until, "the score neither finished nor waited on a lock"
        await asyncio.sleep(0.02)


async def test_a_first_score_and_a_revision_of_its_version_at_the_same_moment_never_bind_a_changed_rubric(
    world: World,
):
    """The proposer revises the agreed version (no score uses it yet) while a placement's first score is being
    recorded on it: either the score binds first and the revision is refused (rubric-in-use), or the revision
    commits first and the score is checked against what is agreed then — never a placement bound to a version
    whose indicators changed under its score."""
    pid = await world.placement("stu-race-1")
    async with world.uow() as u:
        agreement = (await u.placements.get(pid)).agreement_id
    admin = who("adm", world.school_org, "school", "admin")

    def body(self_key: str) -> rubrics.ProposeRubric:
        return rubrics.ProposeRubric(
            InternshipType.POST_INTERNSHIP,
            [
                Indicator("knowledge", "知识", "Knowledge", Scorer.SCHOOL_MENTOR, Decimal("0.5")),
                Indicator(self_key, "自评", "Self", Scorer.SELF, Decimal("0.5")),
            ],
        )

    v1 = await rubrics.propose_rubric(agreement, body("reflection"), admin, uow=world.uow, clock=at(START))
    await rubrics.accept_rubric(agreement, v1.version, world.hr, uow=world.uow, clock=at(START))

    async with world.uow() as u:  # the revision, as revise_rubric runs it, held open at its check of use
        found = await u.evaluations.version(agreement, v1.version, for_update=True)
        assert not await u.evaluations.in_use(str(agreement), v1.version)
        scoring = asyncio.create_task(self_score(world, pid, "stu-race-1", Window.MIDTERM, MID, {"reflection": 60}))
        await _waiting_on_a_lock_or_done(world, scoring)
        found.revise(body("self_review").indicators, side="school", base=(), in_use=False, by="adm", now=at(MID)())
        await u.evaluations.save_version(found)
        await u.commit()
    try:
        e = await scoring
    except InvalidInput:  # checked against the default rubric once v1 waited for acceptance again: no `reflection`
        e = None
    async with world.uow() as u:
        bound = await u.evaluations.bound(pid)
        if e is not None:
            kept = await u.evaluations.version(agreement, e.rubric_version)
            assert kept.accepted_at is not None and "reflection" in {i.key for i in kept.indicators}, (
                f"the score was bound to version {e.rubric_version}, changed under it to {kept.indicators}"
            )
        else:
            assert bound is None
