"""Bookings and a round's publish against an agreement that ended meanwhile, on a real, migrated PostgreSQL.

The service picks the agreement a booking counts against before the `book_placement` statement runs; the race
with a termination (or the calendar's expiry) must be decided on the agreement's locked row. Each test holds
the agreement's row lock in another transaction, lets the booking (or the publish) queue behind it, ends the
agreement and commits: the booking must then be refused with `agreement-not-active` and change nothing."""

from __future__ import annotations

import asyncio
import itertools
import time
import uuid
from datetime import timedelta

import pytest
from internships_booking_world import START, T0, active_agreement, at, published_position
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from internships.adapters.unit_of_work import InternshipsUnit
from internships.domain.booking import covering_agreement
from internships.domain.rounds import PublishRefused
from internships.handlers import rounds
from internships.handlers.placements import AgreementNotActive, BookPlacement, book_placement
from internships.main import MIGRATIONS
from praxis_common.auth import Principal
from praxis_common.errors import Conflict
from praxis_common.uow import UnitOfWorkFactory

_worlds = itertools.count(1)


@pytest.fixture(scope="module")
def database_url(database_factory):
    url = database_factory("internships_in_force", migrated=MIGRATIONS)
    return url


@pytest.fixture
async def uow(database_url):
    engine = create_async_engine(database_url, pool_size=10)
    yield UnitOfWorkFactory(engine, event_prefix="t", unit=InternshipsUnit)
    await engine.dispose()


async def world(uow, *, valid_days: int = 365):
    """A school coordinator, an enterprise, an active agreement between them (from START - 60 days, for
    `valid_days`) and one published position of 3 seats from START to START + 30 days (a shorter agreement
    covers only its start: another school's agreement covers its whole term, so that it could be published)."""
    n = next(_worlds)
    school = Principal(sub="coord", org=f"fs{n}", org_kind="school", roles=frozenset({"coordinator"}))
    enterprise = Principal(sub="hr", org=f"fe{n}", org_kind="enterprise", roles=frozenset({"hr"}))
    agreement = await active_agreement(uow, school.org, enterprise, valid_days)
    if valid_days < 90:
        await active_agreement(uow, f"fs{n}-other", enterprise, 365)
    return school, agreement.id, await published_position(uow, enterprise, agreement.id, seats=3)


async def scalar(uow, sql: str, **params):
    async with uow() as u:
        return await u.connection.scalar(text(sql), params)


async def _waiting_on_a_lock(uow) -> int:
    async with uow.engine.connect() as probe:  # a fresh transaction: pg_stat_activity is a per-transaction snapshot
        return await probe.scalar(
            text(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
        )


async def ended_while_queued(uow, agreement_id: uuid.UUID, work):
    """Run `work` while another transaction holds the agreement's row lock; once `work` waits for that lock,
    terminate the agreement in the holding transaction and commit. Returns what `work` returned or raised."""
    async with uow.engine.connect() as holder:
        await holder.execute(text("SELECT 1 FROM agreement WHERE id = :id FOR UPDATE"), {"id": agreement_id})
        task = asyncio.create_task(work())
        deadline = time.monotonic() + 20
        while not await _waiting_on_a_lock(uow):
            assert not task.done(), f"the work finished without waiting for the agreement's lock: {task.result()!r}"
            assert time.monotonic() < deadline, "the work never queued behind the agreement's lock"
            await asyncio.sleep(0.02)  # polling interval, bounded by the deadline above
        await holder.execute(
            text(
                "UPDATE agreement SET status = 'terminated', ended_at = now(), termination_reason = 'closed', "
                "terminated_by_org = school_org, version = version + 1 WHERE id = :id"
            ),
            {"id": agreement_id},
        )
        await holder.commit()
    try:
        return await asyncio.wait_for(task, timeout=20)
    except Exception as exc:
        return exc


async def test_a_booking_queued_behind_a_termination_is_refused_agreement_not_active(uow):
    school, agreement, position = await world(uow)
    outcome = await ended_while_queued(
        uow,
        agreement,
        lambda: book_placement(BookPlacement(position, "ana"), school, uow=uow, clock=at(START - timedelta(days=5))),
    )
    assert isinstance(outcome, AgreementNotActive) and isinstance(outcome, Conflict), outcome  # 409 on REST
    assert outcome.code == "agreement-not-active"
    assert await scalar(uow, "SELECT count(*) FROM placement WHERE agreement_id = :a", a=agreement) == 0
    assert await scalar(uow, "SELECT seats_taken FROM position WHERE id = :p", p=position) == 0
    assert await scalar(uow, "SELECT interns_placed FROM agreement WHERE id = :a", a=agreement) == 0
    assert await scalar(uow, "SELECT count(*) FROM outbox WHERE aggregate_type = 'placement'") == 0


async def test_a_booking_after_the_agreements_last_day_is_refused_before_the_calendar_expires_it(uow):
    # The agreement runs until START + 10 days; the calendar has not run yet, so its row still says active.
    school, agreement, position = await world(uow, valid_days=70)
    assert await scalar(uow, "SELECT status FROM agreement WHERE id = :a", a=agreement) == "active"
    with pytest.raises(AgreementNotActive):
        await book_placement(BookPlacement(position, "bo"), school, uow=uow, clock=at(START + timedelta(days=11)))
    booked = await book_placement(
        BookPlacement(position, "bo"), school, uow=uow, clock=at(START + timedelta(days=10))
    )  # its last day still counts
    assert booked.agreement_id == agreement


async def test_a_round_publish_queued_behind_a_termination_is_refused_and_publishes_nothing(uow):
    school, agreement, position = await world(uow)
    clock = at(T0.date())
    rnd = await rounds.create_round(rounds.CreateRound(title="Spring"), school, uow=uow, clock=clock)
    await rounds.add_position(rnd.id, position, school, uow=uow, clock=clock)
    await rounds.add_students(
        rnd.id, [rounds.StudentEntry(ref, {"competencies": []}) for ref in ("ana", "bo")], school, uow=uow, clock=clock
    )
    for ref in ("ana", "bo"):
        await rounds.set_preferences(rnd.id, ref, [position], school, uow=uow, clock=clock)
    await rounds.close_round(rnd.id, school, uow=uow, clock=clock)
    await rounds.compute_round(rnd.id, school, uow=uow, clock=clock)

    outcome = await ended_while_queued(
        uow, agreement, lambda: rounds.publish_round(rnd.id, school, uow=uow, clock=clock)
    )
    assert isinstance(outcome, PublishRefused), outcome
    assert {r["refusal"] for r in outcome.extensions["refusals"]} == {"agreement-not-active"}
    assert outcome.extensions["positions"] == [str(position)]
    assert await scalar(uow, "SELECT count(*) FROM placement WHERE agreement_id = :a", a=agreement) == 0
    assert await scalar(uow, "SELECT status FROM allocation_round WHERE id = :r", r=rnd.id) == "computed"


async def test_with_equal_agreements_every_booking_counts_against_the_one_the_booking_rule_picks(uow):
    """A school with several active agreements with one enterprise, on the same dates: every booking, at whichever
    base, counts against the agreement domain.booking.covering_agreement picks (the latest-ending, ties to the greater
    id) — the same one rounds use; the query had no tie-break and took whichever the database found first."""
    school, first, _ = await world(uow)
    enterprise = Principal(sub="hr", org=school.org.replace("fs", "fe"), org_kind="enterprise", roles=frozenset({"hr"}))
    others = [await active_agreement(uow, school.org, enterprise, 365) for _ in range(3)]
    async with uow() as u:
        agreements = [await u.agreements.get(a) for a in (first, *(o.id for o in others))]
    picked = covering_agreement(agreements, school.org, enterprise.org, START)
    for agreement, student in zip((first, *(o.id for o in others)), ("cy", "di", "ed", "fa"), strict=True):
        position = await published_position(uow, enterprise, agreement, seats=1)
        booked = await book_placement(
            BookPlacement(position, student), school, uow=uow, clock=at(START - timedelta(days=5))
        )
        assert booked.agreement_id == picked.id
