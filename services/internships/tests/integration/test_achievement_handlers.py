"""Achievements a school recorded in the credentials service, on a real, migrated PostgreSQL, delivered through the
inbox as the consumer does: the achievement is kept at its highest revision with its credit-ledger entry (there
while it earns credit, gone after a revision with 0 credits or a withdrawal; an older revision or a second delivery
changes nothing), a poison event is refused, and a placement's `achievements` data measure sums the points of its
student's live achievements of its school awarded in its period."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest
from google.protobuf import json_format
from internships_attendance_world import END, START, World, at, who
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from internships.adapters.unit_of_work import InternshipsUnit
from internships.consumers import credit_ledger as consumers
from internships.domain.course import InternshipType
from internships.domain.credit_ledger import LedgerFilter, SourceKind
from internships.handlers import credit_ledger, rubrics
from internships.handlers import placement_evaluations as h
from internships.main import MIGRATIONS
from praxis.events.v1 import credentials_pb2
from praxis_common.errors import InvalidInput
from praxis_common.events import ReceivedEvent
from praxis_common.uow import UnitOfWorkFactory
from praxis_evaluation import Indicator, Scorer

AWARDED = date(2030, 5, 2)


@pytest.fixture(scope="module")
def database_url(database_factory):
    return database_factory("internships_achievements", migrated=MIGRATIONS)


@pytest.fixture
async def uow(database_url):
    engine = create_async_engine(database_url, pool_size=5)
    yield UnitOfWorkFactory(engine, event_prefix="t", unit=InternshipsUnit)
    await engine.dispose()


def achievement_event(achievement_id: uuid.UUID, revision: int, *, withdrawn: bool = False, **fields) -> ReceivedEvent:
    """credentials' achievement.recorded (or .withdrawn), a new event id each time."""
    message = credentials_pb2.AchievementRecorded(
        achievement_id=str(achievement_id),
        school_org=fields.pop("school_org", "gach-1"),
        student_ref=fields.pop("student_ref", "stu-ach"),
        kind=fields.pop("kind", "certificate"),
        title=fields.pop("title", "AWS Certified Cloud Practitioner"),
        issuer_name="Amazon Web Services",
        awarded_on=fields.pop("awarded_on", AWARDED.isoformat()),
        points=fields.pop("points", "20"),
        credits=fields.pop("credits", "2"),
        withdrawn=withdrawn,
        revision=revision,
        occurred_at="2030-05-03T09:00:00+00:00",
    )
    assert not fields, fields
    kind = consumers.ACHIEVEMENT_WITHDRAWN if withdrawn else consumers.ACHIEVEMENT_RECORDED
    return ReceivedEvent(
        id=str(uuid.uuid4()), type=kind, source="credentials", subject=f"recorded_achievement/{achievement_id}",
        time="", data=json_format.MessageToJson(message).encode(),
    )  # fmt: skip


async def deliver(uow, event: ReceivedEvent) -> bool:
    """The event through the consumer's inbox, in one unit of work, as in production; whether it was applied."""
    async with uow() as u:
        claimed = await u.claim_event(consumers.ACHIEVEMENTS_DURABLE, event.id, event.type)
        if claimed:
            await consumers.apply_achievement(event, lambda: u)
        await u.commit()
    return claimed


async def ledger(uow, school: str) -> list:
    admin = who("adm", school, "school", "admin")
    return (await credit_ledger.list_ledger(credit_ledger.ListLedger(LedgerFilter()), admin, uow=uow)).entries


async def kept(uow, achievement_id: uuid.UUID):
    async with uow() as u:
        return await u.credit_ledger.achievement(achievement_id)


async def test_an_achievements_credit_follows_its_highest_revision(uow):
    school, aid = "gach-1", uuid.uuid4()
    first = achievement_event(aid, 1)
    delivered = [first]
    assert await deliver(uow, first)
    [entry] = await ledger(uow, school)
    assert (entry.source_kind, entry.source_id, entry.student_ref, entry.title, entry.enterprise_org) == (
        SourceKind.ACHIEVEMENT,
        aid,
        "stu-ach",
        "AWS Certified Cloud Practitioner",
        "",
    )
    assert (entry.credits, entry.score, entry.grade, entry.passed, entry.awarded_on, entry.revision) == (
        Decimal("2.00"),
        None,
        None,
        True,
        AWARDED,
        1,
    )
    # The same event again: the inbox applies it once; and the handler itself changes nothing with it.
    assert not await deliver(uow, first)
    await consumers.apply_achievement(first, uow)
    assert [(e.source_id, e.credits, e.revision) for e in await ledger(uow, school)] == [(aid, Decimal("2.00"), 1)]

    async def send(event: ReceivedEvent) -> None:
        delivered.append(event)
        assert await deliver(uow, event)

    # A later revision without credit: the entry goes, the achievement stays known at that revision.
    await send(achievement_event(aid, 3, credits="0"))
    assert await ledger(uow, school) == []
    assert ((a := await kept(uow, aid)).revision, a.credits, a.withdrawn) == (3, Decimal("0.00"), False)
    # An older revision, arriving late, brings nothing back.
    await send(achievement_event(aid, 2, credits="5"))
    assert await ledger(uow, school) == [] and (await kept(uow, aid)).revision == 3

    # Credit again, then withdrawn: the entry comes back, then goes for good.
    await send(achievement_event(aid, 4, credits="1.5", title="AWS Cloud Practitioner"))
    [entry] = await ledger(uow, school)
    assert (entry.credits, entry.revision, entry.title) == (Decimal("1.50"), 4, "AWS Cloud Practitioner")
    summary = await credit_ledger.student_summary("stu-ach", who("adm", school, "school", "admin"), uow=uow)
    assert (summary.total.credits, summary.total.entries, summary.total.passed) == (Decimal("1.50"), 1, 1)
    await send(achievement_event(aid, 5, withdrawn=True))
    assert await ledger(uow, school) == []
    assert ((a := await kept(uow, aid)).revision, a.withdrawn) == (5, True)
    await send(achievement_event(aid, 4, credits="1.5"))  # re-sent with a new id: still older
    assert await ledger(uow, school) == []
    async with uow() as u:
        claims = await u.connection.scalar(
            text("SELECT count(*) FROM inbox WHERE consumer = :c AND event_id = ANY(:ids)"),
            {"c": consumers.ACHIEVEMENTS_DURABLE, "ids": [e.id for e in delivered]},
        )
    assert claims == len(delivered) == 6  # one claim per distinct event


async def test_a_withdrawn_event_withdraws_even_without_the_flag_and_a_bad_one_is_refused(uow):
    school, aid = "gach-2", uuid.uuid4()
    await deliver(uow, achievement_event(aid, 1, school_org=school))
    assert len(await ledger(uow, school)) == 1
    event = achievement_event(aid, 2, school_org=school)
    withdrawal = replace(event, type=consumers.ACHIEVEMENT_WITHDRAWN)  # withdrawn: false in its payload
    await deliver(uow, withdrawal)
    assert await ledger(uow, school) == [] and (await kept(uow, aid)).withdrawn
    for bad in (
        {"kind": "diploma"},
        {"student_ref": ""},
        {"points": "101"},
        {"credits": "lots"},
        {"awarded_on": "soon"},
        {"school_org": ""},
    ):
        with pytest.raises(InvalidInput):
            await consumers.apply_achievement(achievement_event(uuid.uuid4(), 1, **bad), uow)
    with pytest.raises(InvalidInput):
        await consumers.apply_achievement(achievement_event("nope", 1), uow)  # type: ignore[arg-type]


async def test_the_achievements_measure_counts_the_students_live_achievements_of_its_school_in_its_period(uow):
    world = World(uow)
    await world.setup()
    pid = await world.placement("stu-ach-m")
    admin = who("adm", world.school_org, "school", "admin")
    version = await rubrics.propose_rubric(
        world.agreement_id,
        rubrics.ProposeRubric(
            InternshipType.POST_INTERNSHIP,
            [
                Indicator("reflection", "自评", "Self", Scorer.SELF, Decimal("0.5")),
                Indicator("achievements", "成果", "Achievements", Scorer.DATA, Decimal("0.5")),
            ],
        ),
        admin,
        uow=uow,
        clock=at(START),
    )
    await rubrics.accept_rubric(world.agreement_id, version.version, world.hr, uow=uow, clock=at(START))

    async def scorecard() -> tuple[Decimal | None, Decimal | None]:
        card = await h.get_scorecard(pid, admin, uow=uow, clock=at(END))
        parts = {p.party: p for p in card.scorecard.parts}
        return card.data["achievements"], parts["data"].score

    assert await scorecard() == (Decimal("0.00"), Decimal("0.00"))  # none yet: 0, not missing

    def recorded(points: str, awarded_on: date, **fields) -> ReceivedEvent:
        fields = {"school_org": world.school_org, "student_ref": "stu-ach-m"} | fields
        return achievement_event(uuid.uuid4(), 1, points=points, awarded_on=awarded_on.isoformat(), **fields)

    for event in (
        recorded("30", START + timedelta(days=10)),
        recorded("25", END),  # the period's last day counts
        recorded("40", START - timedelta(days=1)),  # before the placement
        recorded("40", END + timedelta(days=1)),  # after it
        recorded("60", START + timedelta(days=3), school_org=f"{world.school_org}x"),  # the same ref, another school
        recorded("70", START + timedelta(days=3), student_ref="stu-ach-other"),  # a classmate's
    ):
        await deliver(uow, event)
    withdrawn = uuid.uuid4()
    for event in (
        achievement_event(withdrawn, 1, school_org=world.school_org, student_ref="stu-ach-m", points="50"),
        achievement_event(withdrawn, 2, school_org=world.school_org, student_ref="stu-ach-m", withdrawn=True),
    ):
        await deliver(uow, event)
    assert await scorecard() == (Decimal("55.00"), Decimal("55.00"))

    await deliver(uow, recorded("80", START + timedelta(days=20)))
    assert await scorecard() == (Decimal("100.00"), Decimal("100.00"))  # at most 100
