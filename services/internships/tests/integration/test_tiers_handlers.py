"""The feedback survey and base tier use cases on a real, migrated PostgreSQL: who answers and who reads the answers,
the survey's window and its one answer, who confirms a base's tier (never the enterprise), the decisions' history
with their evidence, the evidence computed from the base's placements (logbooks, attendance, guidance sessions,
completions, answers), the events in the outbox, and the placement report counting confirmed tiers only."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

import pytest
from internships_attendance_world import END, START, World, at, who
from internships_course_start import ready_to_start
from internships_profiles import register
from sqlalchemy.ext.asyncio import create_async_engine

from internships import handlers
from internships.adapters.unit_of_work import InternshipsUnit
from internships.domain import commands
from internships.domain.attendance import DayStatus
from internships.domain.feedback import Answers, FeedbackGivenAlready, FeedbackNotOpen
from internships.domain.guidance import GuidanceRecord
from internships.domain.positions import Tier
from internships.handlers import attendance, base_tiers, feedback, reports
from internships.handlers.placements import BookPlacement, book_placement, change_placement
from internships.main import MIGRATIONS
from praxis_common.errors import Forbidden, NotFound
from praxis_common.uow import UnitOfWorkFactory

OPENS = END - timedelta(days=7)


@pytest.fixture(scope="module")
def database_url(database_factory):
    return database_factory("internships_tiers", migrated=MIGRATIONS)


@pytest.fixture
async def world(database_url):
    engine = create_async_engine(database_url)
    w = World(UnitOfWorkFactory(engine, event_prefix="t", unit=InternshipsUnit))
    await w.setup()
    yield w
    await engine.dispose()


def give(pid, work=4, guidance=4, recommend=True, offer=False, comment=None) -> feedback.GiveFeedback:
    return feedback.GiveFeedback(pid, Answers(work, guidance, recommend, offer, comment))


async def test_the_student_answers_once_when_the_survey_is_open_and_nobody_else_does(world):
    pid = await world.placement("stu-a")
    student = world.student("stu-a")
    with pytest.raises(FeedbackNotOpen):
        await feedback.give_feedback(give(pid), student, uow=world.uow, clock=at(OPENS - timedelta(days=1)))
    with pytest.raises(NotFound):  # another student of the same school: not their placement
        await feedback.give_feedback(give(pid), world.student("stu-b"), uow=world.uow, clock=at(OPENS))
    for staff in (world.school, world.hr, world.mentor):  # the answers are the student's own
        with pytest.raises(Forbidden):
            await feedback.give_feedback(give(pid), staff, uow=world.uow, clock=at(OPENS))
    for stranger in (world.other_school, world.other_enterprise):
        with pytest.raises(NotFound):
            await feedback.give_feedback(give(pid), stranger, uow=world.uow, clock=at(OPENS))
    given = await feedback.give_feedback(
        give(pid, work=5, guidance=3, offer=True, comment="real store work"), student, uow=world.uow, clock=at(OPENS)
    )
    assert (given.base_id, given.work_match, given.return_offer) == (world.base_id, 5, True)
    with pytest.raises(FeedbackGivenAlready):
        await feedback.give_feedback(give(pid), student, uow=world.uow, clock=at(OPENS + timedelta(days=1)))
    assert (await world.subjects(pid))[-1] == "t.internships.placement.feedback_given"


async def test_the_student_and_the_school_read_the_answers_the_enterprise_never_does(world):
    pid = await world.placement("stu-a")
    with pytest.raises(NotFound):  # not answered yet
        await feedback.get_feedback(pid, world.school, uow=world.uow)
    await feedback.give_feedback(
        give(pid, comment="the mentor never came"), world.student("stu-a"), uow=world.uow, clock=at(END)
    )
    for reader in (world.student("stu-a"), world.school, world.teacher):
        assert (await feedback.get_feedback(pid, reader, uow=world.uow)).comment == "the mentor never came"
    for enterprise in (world.hr, world.mentor):
        with pytest.raises(Forbidden):
            await feedback.get_feedback(pid, enterprise, uow=world.uow)
    for stranger in (world.student("stu-b"), world.other_school, world.other_enterprise):
        with pytest.raises(NotFound):
            await feedback.get_feedback(pid, stranger, uow=world.uow)


def confirm(world, tier=2, reason="school-level: guidance twice a month") -> base_tiers.ConfirmTier:
    return base_tiers.ConfirmTier(world.base_id, tier, reason)


async def test_the_enterprise_proposes_and_only_the_schools_admin_or_a_platform_authority_confirms(world):
    admin = who("adm", world.school_org, "school", "admin")
    platform = who("auth-1", "praxis-platform", "platform", "admin")
    for refused in (world.hr, who("boss", world.enterprise_org, "enterprise", "admin"), world.school, world.teacher):
        with pytest.raises(Forbidden):
            await base_tiers.confirm_tier(confirm(world), refused, uow=world.uow, clock=at(START))
    with pytest.raises(Forbidden):  # the platform's operators are not an authority on tiers
        await base_tiers.confirm_tier(
            confirm(world), who("ops", "praxis-platform", "platform", "ops"), uow=world.uow, clock=at(START)
        )
    for stranger in (world.other_school, world.other_enterprise):
        with pytest.raises(NotFound):
            await base_tiers.confirm_tier(confirm(world), stranger, uow=world.uow, clock=at(START))
    history = await base_tiers.tier_history(world.base_id, world.hr, uow=world.uow)
    assert history[0].tier_confirmed is False and history[0].tier is Tier.FLAGSHIP and history[1] == []

    base, decision = await base_tiers.confirm_tier(confirm(world), admin, uow=world.uow, clock=at(START))
    assert (base.tier, base.proposed_tier, base.tier_confirmed) == (Tier.SCHOOL, Tier.FLAGSHIP, True)
    assert (decision.from_tier, decision.from_confirmed, decision.to_tier) == (Tier.FLAGSHIP, False, Tier.SCHOOL)
    assert decision.recommended_tier is None and decision.evidence["needed"] == 3  # no placements yet
    later = at(START + timedelta(days=1))
    await base_tiers.confirm_tier(confirm(world, 3, "no on-site guidance"), platform, uow=world.uow, clock=later)

    base, decisions = await base_tiers.tier_history(world.base_id, world.hr, uow=world.uow)  # the enterprise sees it
    assert base.tier is Tier.BASIC and [(d.to_tier, d.decided_by_kind) for d in decisions] == [
        (Tier.BASIC, "platform"),
        (Tier.SCHOOL, "school"),
    ]
    assert decisions[0].from_confirmed and decisions[1].reason == "school-level: guidance twice a month"
    async with world.uow() as u:
        assert (await u.bases.get(world.base_id)).tier_confirmed_by == "auth-1"
        rows = await u.connection.exec_driver_sql(
            "SELECT subject, payload FROM outbox WHERE aggregate_id = $1 ORDER BY position", (str(world.base_id),)
        )
        subjects = [r.subject for r in rows]
    assert subjects == ["t.internships.base.created", *["t.internships.base.tier_confirmed"] * 2]


async def test_the_evidence_comes_from_the_bases_placements_and_the_enterprise_sees_ratings_only_over_three(world):
    students = ["stu-1", "stu-2", "stu-3"]
    pids = [await world.placement(s) for s in students]
    monday = START
    for pid, s in zip(pids, students, strict=True):
        await world.assign_mentor(pid, s)
        await world.approved_logbook_week(pid, s, monday, "8")  # every hour on the core duty "listings"
        for d in range(5):
            day = monday + timedelta(days=d)
            await attendance.record_day(
                attendance.RecordDay(pid, day, DayStatus.PRESENT, time(9), time(17)),
                world.student(s),
                uow=world.uow,
                clock=at(day),
            )
    async with world.uow() as u:
        for pid, s in zip(pids, students, strict=True):
            for n in range(3):
                await u.guidance.add(
                    GuidanceRecord(
                        session_id=uuid.uuid4(),
                        context_kind="placement",
                        context_id=str(pid),
                        side="enterprise",
                        school_org=world.school_org,
                        enterprise_org=world.enterprise_org,
                        student_ref=s,
                        mode="onsite" if n else "online",
                        minutes=60,
                        held_on=START + timedelta(days=n),
                        recorded_at=datetime.now(UTC),
                    )
                )
        await u.commit()
    # two complete, one is terminated
    for pid in pids[:2]:
        await change_placement(pid, "complete", world.school, uow=world.uow, clock=at(END))
    await change_placement(pids[2], "terminate", world.school, uow=world.uow, clock=at(END), reason="moved away")
    for pid, s in zip(pids[:2], students[:2], strict=True):
        await feedback.give_feedback(give(pid, work=5, guidance=4), world.student(s), uow=world.uow, clock=at(END))

    found = await base_tiers.tier_evidence(world.base_id, world.hr, uow=world.uow, clock=at(END + timedelta(days=1)))
    items = {i.measure.value: i for i in found.recommendation.items}
    assert found.recommendation.started_placements == 3
    assert (items["core_work_share"].value, items["core_work_share"].rests_on) == (Decimal("1.0000"), 3)
    assert items["completion_rate"].value == Decimal("0.6667") and items["completion_rate"].meets is Tier.BASIC
    assert items["attendance_rate"].rests_on == 3 and items["attendance_rate"].value is not None
    assert "6 on-site sessions" in items["onsite_guidance_per_month"].note
    assert (items["student_rating"].value, items["student_rating"].rests_on) == (None, 2)  # withheld under 3
    assert found.recommendation.tier is Tier.BASIC  # completion 2 of 3

    await feedback.give_feedback(
        give(pids[2], work=2, guidance=1), world.student("stu-3"), uow=world.uow, clock=at(END)
    )
    found = await base_tiers.tier_evidence(world.base_id, world.school, uow=world.uow, clock=at(END))
    rating = next(i for i in found.recommendation.items if i.measure.value == "student_rating")
    assert (rating.value, rating.rests_on) == (Decimal("3.50"), 3)  # (5+4+5+4+2+1) / 6

    for refused in (world.other_school, world.other_enterprise):
        with pytest.raises(NotFound):
            await base_tiers.tier_evidence(world.base_id, refused, uow=world.uow)
    with pytest.raises(Forbidden):
        await base_tiers.tier_evidence(world.base_id, world.student("stu-1"), uow=world.uow)

    admin = who("adm", world.school_org, "school", "admin")
    _, decision = await base_tiers.confirm_tier(confirm(world, 3, "completion"), admin, uow=world.uow, clock=at(END))
    assert decision.recommended_tier is Tier.BASIC and decision.evidence["started_placements"] == 3


async def test_the_placement_report_counts_confirmed_tiers_and_unconfirmed_ones_by_proposal(world):
    await world.placement("stu-r")
    before = await reports.placement_report(world.school, uow=world.uow)
    assert (before.by_tier, before.by_proposed_tier) == ({}, {1: 1})
    admin = who("adm", world.school_org, "school", "admin")
    await base_tiers.confirm_tier(confirm(world, 2), admin, uow=world.uow, clock=at(START))
    after = await reports.placement_report(world.hr, uow=world.uow)
    assert (after.by_tier, after.by_proposed_tier) == ({2: 1}, {})


async def _another_schools_placement(world, school_org: str, student: str) -> uuid.UUID:
    """A placement of another school at the world's base: that school holds an agreement of its own with the
    enterprise, and any school with one may book the enterprise's published positions, whichever base they are at."""
    admin = who("adm", school_org, "school", "admin")
    await register(world.uow, (school_org, "school"))
    a = await handlers.draft_agreement(
        commands.DraftAgreement(
            school_org=school_org,
            enterprise_org=world.enterprise_org,
            title="",
            valid_from=START - timedelta(days=30),
            valid_to=END + timedelta(days=30),
            intern_quota=20,
        ),
        admin,
        uow=world.uow,
        clock=at(START - timedelta(days=40)),
    )
    for p in (admin, world.hr):
        await handlers.sign_agreement(commands.SignAgreement(a.id), p, uow=world.uow, clock=at(START - timedelta(30)))
    booked = await book_placement(
        BookPlacement(world.position_id, student, birth_date=date(2008, 1, 1), study_year=2),
        admin,
        uow=world.uow,
        clock=at(START - timedelta(days=10)),
    )
    await change_placement(booked.id, "confirm", world.hr, uow=world.uow, clock=at(START - timedelta(days=9)))
    await ready_to_start(booked.id, school=admin, enterprise=world.hr, uow=world.uow, clock=at(START, 7))
    await change_placement(booked.id, "start", admin, uow=world.uow, clock=at(START, 8))
    return booked.id


async def test_the_evidence_rests_on_the_placements_of_the_bases_school_only_never_another_schools(world):
    """The base hangs off the agreement of one school with the enterprise; another school's students placed at it
    are that school's record: neither their number, their hours, their attendance nor their survey answers reach
    the evidence the base's parties read (and the recommendation it gives)."""
    other = f"{world.school_org}-y"
    theirs = [await _another_schools_placement(world, other, f"stu-y{i}") for i in range(3)]
    for i, pid in enumerate(theirs):
        await feedback.give_feedback(give(pid, work=1, guidance=1), who(f"stu-y{i}", other, "school", "student"),
                                     uow=world.uow, clock=at(OPENS))  # fmt: skip
    mine = await world.placement("stu-own")
    for reader in (world.school, world.hr):
        found = await base_tiers.tier_evidence(world.base_id, reader, uow=world.uow, clock=at(OPENS))
        assert found.recommendation.started_placements == 1, "another school's placements were counted"
        assert all(i.rests_on <= 1 for i in found.recommendation.items), found.recommendation.items
    assert mine not in theirs
