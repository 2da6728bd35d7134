"""A round's publish decides the booking's atomic step in Python (domain.booking.decide_statements, through
PlacementRepository.book_batch) where a single booking calls the `book_placement` database function: on a real,
migrated PostgreSQL, random states of seats, intern counters, caps, quotas, agreements in and out of force and
students booking twice get the same refusal, booking by booking, from both; and where none is refused, the batch
leaves the same counters and placements as the function called once per booking."""

from __future__ import annotations

import random
import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
from internships_booking_world import START, T0, active_agreement, published_position
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from internships.adapters.placements import PlacementRepository
from internships.adapters.unit_of_work import InternshipsUnit
from internships.domain.booking import QuotaCounters, SeatCounters, Statement, decide_statements
from internships.domain.placements import Placement
from internships.main import MIGRATIONS
from praxis_common.auth import Principal
from praxis_common.uow import UnitOfWorkFactory

CASES = 150
TODAY = START - timedelta(days=10)


@pytest.fixture(scope="module")
def database_url(database_factory):
    return database_factory("internships_statements", migrated=MIGRATIONS)


@pytest.fixture
async def uow(database_url):
    engine = create_async_engine(database_url, pool_size=4)
    yield UnitOfWorkFactory(engine, event_prefix="t", unit=InternshipsUnit)
    await engine.dispose()


async def small_world(uow):
    """Two agreements of one school with two enterprises; three published positions (two at one enterprise)."""
    school = "st-school"
    ents = [Principal(sub="hr", org=f"st-ent{i}", org_kind="enterprise", roles=frozenset({"hr"})) for i in (1, 2)]
    agreements = [(await active_agreement(uow, school, e, 365)).id for e in ents]
    positions = [
        (await published_position(uow, ents[0], agreements[0], seats=3), agreements[0], ents[0].org),
        (await published_position(uow, ents[0], agreements[0], seats=3), agreements[0], ents[0].org),
        (await published_position(uow, ents[1], agreements[1], seats=3), agreements[1], ents[1].org),
    ]
    return school, agreements, positions


def placement(school: str, target, student: str, rng: random.Random) -> Placement:
    position_id, agreement_id, enterprise = target
    starts = START + timedelta(days=rng.choice([0, 0, 20, 40]))
    return Placement.request(
        position_id=position_id,
        agreement_id=agreement_id,
        school_org=school,
        enterprise_org=enterprise,
        student_ref=student,
        profile={"competencies": []},
        starts_on=starts,
        ends_on=starts + timedelta(days=15),
        now=datetime(T0.year, T0.month, T0.day, 9, tzinfo=UTC),
        hold=timedelta(days=7),
    )


async def set_state(conn, rng: random.Random, agreements, positions) -> None:
    """Counters, caps-relevant counts and agreement states drawn at random, within the tables' constraints."""
    for position_id, _, _ in positions:
        seats = rng.randint(0, 3)
        await conn.execute(
            text("UPDATE position SET seats = :s, seats_taken = :t, interns_current = :i WHERE id = :id"),
            {"s": seats, "t": rng.randint(0, seats), "i": rng.randint(0, 4), "id": position_id},
        )
    await conn.execute(
        text("UPDATE practice_base SET interns_current = :i WHERE id IN (SELECT base_id FROM position WHERE id = :p)"),
        {"i": rng.randint(0, 4), "p": positions[0][0]},
    )
    for agreement_id in agreements:
        quota = rng.randint(0, 4)
        status, valid_to = rng.choice(
            [("active", START + timedelta(days=300))] * 3
            + [("terminated", START + timedelta(days=300)), ("active", START + timedelta(days=10))]
        )
        await conn.execute(
            text(
                "UPDATE agreement SET intern_quota = :q, interns_placed = :p, status = :st, valid_to = :to "
                "WHERE id = :id"
            ),
            {"q": quota, "p": rng.randint(0, quota), "st": status, "to": valid_to, "id": agreement_id},
        )


async def counters(conn) -> list:
    rows = await conn.execute(
        text(
            "SELECT (SELECT array_agg((id, seats_taken, interns_current) ORDER BY id)::text FROM position), "
            "(SELECT array_agg((id, interns_current) ORDER BY id)::text FROM practice_base), "
            "(SELECT array_agg((id, interns_placed) ORDER BY id)::text FROM agreement), "
            "(SELECT array_agg(id ORDER BY id)::text FROM placement)"
        )
    )
    return list(rows.one())


async def no_events() -> list[dict]:
    """The batch's outbox rows, as book_batch awaits them: none (this test holds counters, not events)."""
    return []


@pytest.mark.asyncio
async def test_the_batch_decides_every_booking_as_the_database_function_does(uow):
    school, agreements, positions = await small_world(uow)
    rng = random.Random(20261201)
    seen: dict[str | None, int] = {}
    for _ in range(CASES):
        async with uow() as u:
            conn, repo = u.connection, PlacementRepository(u.connection)
            await set_state(conn, rng, agreements, positions)
            for _ in range(rng.randint(0, 2)):  # placements already held: overlaps with the batch's
                earlier = placement(school, rng.choice(positions), rng.choice("abc"), rng)
                await repo.book(earlier, [], max_at_base=None, max_in_post=None, today=TODAY)
            batch = [
                (placement(school, rng.choice(positions), rng.choice("abc"), rng), *caps)
                for caps in [(rng.choice([None, 2, 4]), rng.choice([None, 2, 4])) for _ in range(rng.randint(1, 6))]
            ]
            await conn.execute(text("SAVEPOINT one_by_one"))
            one_by_one = []
            for p, at_base, in_post in batch:
                refusal, _, _ = await repo.book(p, [], max_at_base=at_base, max_in_post=in_post, today=TODAY)
                one_by_one.append(refusal)
            after_one_by_one = await counters(conn)
            await conn.execute(text("ROLLBACK TO SAVEPOINT one_by_one"))
            decided = await repo.book_batch(batch, no_events(), today=TODAY)
            assert decided == one_by_one
            if all(d is None for d in decided):
                assert await counters(conn) == after_one_by_one
            for d in decided:
                seen[d] = seen.get(d, 0) + 1
            await conn.rollback()
    # The random states reach every refusal and bookings that go through.
    assert set(seen) == {
        None,
        "seats-exhausted",
        "intern-cap",
        "agreement-not-active",
        "quota-exhausted",
        "overlapping-placement",
    }, seen


def test_a_students_bookings_in_one_batch_see_each_other():
    """The pure step alone: the second of two overlapping bookings of one student is refused, a later one that does
    not overlap books, and every counter counts what booked."""
    base, pos, agr = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    positions = {pos: SeatCounters("published", 5, 0, 0, base)}
    bases = {base: [0]}
    agreements = {agr: QuotaCounters("active", date(2030, 1, 1), date(2030, 12, 31), 0, 10)}
    day = date(2030, 3, 1)

    def st(student: str, starts: date) -> Statement:
        return Statement(pos, agr, "s", student, starts, starts + timedelta(days=10), None, None)

    decided = decide_statements(
        [st("a", day), st("a", day + timedelta(days=5)), st("a", day + timedelta(days=20)), st("b", day)],
        positions,
        bases,
        agreements,
        {},
        date(2030, 2, 1),
    )
    assert decided == [None, "overlapping-placement", None, None]
    assert (
        positions[pos].seats_taken,
        positions[pos].interns_current,
        bases[base],
        agreements[agr].interns_placed,
    ) == (
        3,
        3,
        [3],
        3,
    )
