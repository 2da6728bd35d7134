"""Allocation round use cases on a real, migrated PostgreSQL: seats offered at close, reproducible runs checked
against the pure algorithm, publishing through the booking function (all or nothing), and publishing while
schools keep booking the same positions."""

from __future__ import annotations

import asyncio
import itertools
import uuid
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from internships_profiles import register
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from internships import handlers
from internships.adapters.unit_of_work import InternshipsUnit
from internships.domain import allocation, commands, round_computation
from internships.domain.agreements import Status
from internships.domain.positions import Duty, DutyKind
from internships.domain.rounds import PublishRefused, RoundNotClosed, RoundNotOpen, RoundPublished
from internships.handlers import rounds
from internships.handlers.placements import BookPlacement, SeatsExhausted, book_placement
from internships.handlers.positions import CreateBase, CreatePosition, change_position, create_base, create_position
from internships.main import MIGRATIONS
from praxis_common.auth import Principal
from praxis_common.uow import UnitOfWorkFactory

START = date(2030, 3, 1)
T0 = datetime(2030, 2, 1, 8, tzinfo=UTC)
_worlds = itertools.count(1)


def clock():
    return T0


@pytest.fixture(scope="module")
def database_url(database_factory):
    url = database_factory("internships_rounds", migrated=MIGRATIONS)
    return url


@pytest.fixture
async def uow(database_url):
    engine = create_async_engine(database_url, pool_size=30)
    yield UnitOfWorkFactory(engine, event_prefix="t", unit=InternshipsUnit)
    await engine.dispose()


class World:
    """One school and one enterprise with an active agreement, a practice base and published positions."""

    def __init__(self, uow) -> None:
        n = next(_worlds)
        self.uow = uow
        self.school = Principal(sub="coord", org=f"rs{n}", org_kind="school", roles=frozenset({"coordinator"}))
        self.enterprise = Principal(sub="hr", org=f"re{n}", org_kind="enterprise", roles=frozenset({"hr"}))
        self.agreement: uuid.UUID | None = None

    async def setup(self, *, quota: int, seats: list[int], tags: list[list[str]] | None = None) -> list[uuid.UUID]:
        admin = Principal(sub="adm", org=self.school.org, org_kind="school", roles=frozenset({"admin"}))
        await register(self.uow, (self.school.org, "school"), (self.enterprise.org, "enterprise"))
        agreement = await handlers.draft_agreement(
            commands.DraftAgreement(
                school_org=self.school.org,
                enterprise_org=self.enterprise.org,
                title="",
                valid_from=START - timedelta(days=60),
                valid_to=START + timedelta(days=365),
                intern_quota=quota,
            ),
            admin,
            uow=self.uow,
            clock=clock,
        )
        for who in (admin, self.enterprise):
            signed = await handlers.sign_agreement(commands.SignAgreement(agreement.id), who, uow=self.uow, clock=clock)
        assert signed.status is Status.ACTIVE
        self.agreement = agreement.id
        base = await create_base(
            CreateBase(agreement.id, "Hub", 1, "CN", "Shenzhen", capacity=1000, staff=100_000),
            self.enterprise,
            uow=self.uow,
            clock=clock,
        )
        ids = []
        for i, n in enumerate(seats):
            position = await create_position(
                CreatePosition(
                    base_id=base.id,
                    title=f"Position {i}",
                    description="",
                    seats=n,
                    starts_on=START,
                    ends_on=START + timedelta(days=90),
                    languages=["en"],
                    competencies=(tags or [[]] * len(seats))[i],
                    duties=[Duty("listings", DutyKind.CORE)],
                    post_staff=50_000,
                    monthly_pay=Decimal("4000"),
                    reference_monthly_wage=Decimal("4500"),
                ),
                self.enterprise,
                uow=self.uow,
                clock=clock,
            )
            await change_position(position.id, "publish", self.enterprise, uow=self.uow, clock=clock)
            ids.append(position.id)
        return ids

    async def round(self, positions, students: dict[str, list[str]], **cmd) -> uuid.UUID:
        """A round with the positions and the students (ref -> competencies)."""
        rnd = await rounds.create_round(
            rounds.CreateRound(title="Spring", **cmd), self.school, uow=self.uow, clock=clock
        )
        for pid in positions:
            await rounds.add_position(rnd.id, pid, self.school, uow=self.uow, clock=clock)
        await rounds.add_students(
            rnd.id,
            [rounds.StudentEntry(ref, {"competencies": c}) for ref, c in students.items()],
            self.school,
            uow=self.uow,
            clock=clock,
        )
        return rnd.id

    async def prefer(self, round_id, ref: str, positions) -> None:
        await rounds.set_preferences(round_id, ref, list(positions), self.school, uow=self.uow, clock=clock)

    async def rank(self, round_id, position_id, groups) -> None:
        await rounds.set_ranking(
            round_id,
            position_id,
            [[(self.school.org, ref) for ref in g] for g in groups],
            self.enterprise,
            uow=self.uow,
            clock=clock,
        )

    async def scalar(self, sql: str, **params):
        async with self.uow() as u:
            return await u.connection.scalar(text(sql), params)


async def result_of(w: World, round_id, run_id=None) -> dict[str, uuid.UUID | None]:
    result = await rounds.get_result(round_id, w.school, uow=w.uow, run_id=run_id)
    return {m.student_ref: m.position_id for m in result.matches}


async def test_preferences_in_result_out_then_placements_that_agree(uow):
    w = World(uow)
    p1, p2, p3 = await w.setup(quota=20, seats=[2, 1, 1], tags=[["ops"], ["data"], ["data", "ops"]])
    students = {"ana": ["ops"], "bo": ["data"], "cy": [], "di": ["data", "ops"], "ed": ["ops"]}
    round_id = await w.round([p1, p2, p3], students, seed=42)
    await w.prefer(round_id, "ana", [p1, p2])
    await w.prefer(round_id, "bo", [p2, p1])
    await w.prefer(round_id, "cy", [p1, p3])
    await w.prefer(round_id, "di", [p3, p1, p2])
    await w.prefer(round_id, "ed", [p2])
    await w.rank(round_id, p1, [["ana", "cy"], ["bo"]])  # di applied but is not ranked: p1 will not take her
    await w.rank(round_id, p2, [["bo", "ana"]])  # ed applied but is not ranked; p3 keeps the default ranking

    with pytest.raises(RoundNotClosed):
        await rounds.compute_round(round_id, w.school, uow=uow, clock=clock)
    closed = await rounds.close_round(round_id, w.school, uow=uow, clock=clock)
    assert closed.closed_at == T0
    with pytest.raises(RoundNotOpen):
        await w.prefer(round_id, "ed", [p1])
    _, positions, _ = await rounds.list_positions(round_id, w.school, uow=uow)
    assert {p.position_id: (p.offered_seats, p.offered_limit, p.applicants) for p in positions} == {
        p1: (2, "seats", 4),
        p2: (1, "seats", 4),
        p3: (1, "seats", 2),
    }

    run = await rounds.compute_round(round_id, w.school, uow=uow, clock=clock)
    assert (run.seq, run.students, run.seed, run.algorithm_version) == (
        1,
        5,
        42,
        allocation.ALGORITHM_VERSIONS[allocation.TieRule.IMPROVED],
    )
    result = await rounds.get_result(round_id, w.school, uow=uow)
    got = {m.student_ref: m.position_id for m in result.matches}
    # ana and cy tie at the top of p1's ranking with its two seats; di gets p3 (her first), bo p2 (his first).
    assert got == {"ana": p1, "bo": p2, "cy": p1, "di": p3, "ed": None}
    why = {m.student_ref: m.explanation for m in result.matches}
    assert [(r["position_id"], r["reason"]) for r in why["ed"]] == [(str(p2), "not-ranked")]
    assert why["ana"] == [] and why["di"] == []
    assert {f.position_id: f.filled for f in result.positions} == {p1: 2, p2: 1, p3: 1}
    assert {m.student_ref: m.choice for m in result.matches} == {"ana": 1, "bo": 1, "cy": 1, "di": 1, "ed": None}

    # The run matches the pure algorithm on the stored inputs, and passes the independent checker.
    async with uow() as u:
        inputs = await u.connection.scalar(text("SELECT inputs FROM round_run WHERE id = :id"), {"id": run.id})
    instance = round_computation.instance_of(inputs)
    pure = allocation.allocate(instance)
    assert {k.split("/", 1)[1]: v for k, v in pure.matches.items()} == {k: v and str(v) for k, v in got.items()}
    assert allocation.check_stable(instance, pure.matches) == []
    assert allocation.input_hash(instance) == run.input_hash

    again = await rounds.compute_round(round_id, w.school, uow=uow, clock=clock)
    assert (again.seq, again.input_hash) == (2, run.input_hash)
    assert await result_of(w, round_id, again.id) == got
    _, _, moves, _ = await rounds.compare_runs(round_id, run.id, again.id, w.school, uow=uow)
    assert moves == []

    taken_before = await w.scalar("SELECT sum(seats_taken) FROM position WHERE id = ANY(:ids)", ids=[p1, p2, p3])
    published = await rounds.publish_round(round_id, w.school, uow=uow, clock=clock)
    assert published.placements == 4 and published.by_position == {p1: 2, p2: 1, p3: 1}
    async with uow() as u:
        rows = (
            await u.connection.execute(
                text(
                    "SELECT position_id, student_ref, status, profile FROM placement WHERE school_org = :s "
                    "ORDER BY student_ref"
                ),
                {"s": w.school.org},
            )
        ).all()
        seats = dict(
            (
                await u.connection.execute(
                    text("SELECT id, seats_taken FROM position WHERE id = ANY(:ids)"), {"ids": [p1, p2, p3]}
                )
            ).all()
        )
        subjects = (
            await u.connection.execute(
                text("SELECT subject, aggregate_id FROM outbox WHERE aggregate_id = ANY(:ids) ORDER BY position"),
                {"ids": [str(round_id), *(str(x) for x in await placement_ids(u, w.school.org))]},
            )
        ).all()
    assert [(r.student_ref, r.position_id, r.status) for r in rows] == [
        ("ana", p1, "requested"),
        ("bo", p2, "requested"),
        ("cy", p1, "requested"),
        ("di", p3, "requested"),
    ]
    assert rows[0].profile == {"competencies": ["ops"]}
    assert seats == {p1: 2, p2: 1, p3: 1} and taken_before == 0
    assert sorted(s for s, _ in subjects) == ["t.internships.placement.requested"] * 4 + [
        "t.internships.round.published"
    ]
    assert await w.scalar("SELECT interns_placed FROM agreement WHERE id = :id", id=w.agreement) == 4

    for again_ in (rounds.publish_round, rounds.compute_round):
        with pytest.raises(RoundPublished):
            await again_(round_id, w.school, uow=uow, clock=clock)
    assert await w.scalar("SELECT count(*) FROM placement WHERE school_org = :s", s=w.school.org) == 4


async def placement_ids(u, school: str) -> list[uuid.UUID]:
    return list(
        (await u.connection.execute(text("SELECT id FROM placement WHERE school_org = :s"), {"s": school})).scalars()
    )


async def test_the_quota_left_is_shared_out_at_close_so_publishing_never_overdraws_it(uow):
    w = World(uow)
    p1, p2, p3 = await w.setup(quota=3, seats=[2, 2, 2])
    refs = {f"s{i}": [] for i in range(6)}
    round_id = await w.round([p1, p2, p3], refs, publish_as="confirmed")
    for i, ref in enumerate(refs):
        await w.prefer(round_id, ref, [[p1, p2, p3][i % 3], [p1, p2, p3][(i + 1) % 3]])
    await rounds.close_round(round_id, w.school, uow=uow, clock=clock)
    _, positions, _ = await rounds.list_positions(round_id, w.school, uow=uow)
    offered = {p.position_id: (p.offered_seats, p.offered_limit) for p in positions}
    assert sum(n for n, _ in offered.values()) == 3 and {lim for _, lim in offered.values()} == {"agreement-quota"}
    await rounds.compute_round(round_id, w.school, uow=uow, clock=clock)
    published = await rounds.publish_round(round_id, w.school, uow=uow, clock=clock)
    assert published.placements == 3
    assert await w.scalar("SELECT interns_placed FROM agreement WHERE id = :id", id=w.agreement) == 3
    statuses = await w.scalar("SELECT array_agg(DISTINCT status) FROM placement WHERE school_org = :s", s=w.school.org)
    assert statuses == ["confirmed"]
    async with uow() as u:
        kinds = (
            await u.connection.execute(
                text(
                    "SELECT subject FROM outbox WHERE aggregate_type = 'placement' AND aggregate_id = ANY(:ids) "
                    "ORDER BY position"
                ),
                {"ids": [str(x) for x in await placement_ids(u, w.school.org)]},
            )
        ).scalars()
        assert sorted(kinds) == ["t.internships.placement.confirmed"] * 3 + ["t.internships.placement.requested"] * 3


async def test_a_seat_taken_after_closing_refuses_publishing_and_changes_nothing(uow):
    w = World(uow)
    p1, p2 = await w.setup(quota=20, seats=[1, 2])
    round_id = await w.round([p1, p2], {"ana": [], "bo": [], "cy": []})
    for ref in ("ana", "bo", "cy"):
        await w.prefer(round_id, ref, [p1, p2])
    await rounds.close_round(round_id, w.school, uow=uow, clock=clock)
    await rounds.compute_round(round_id, w.school, uow=uow, clock=clock)
    # Meanwhile the school books p1's only seat first-come for another student.
    await book_placement(BookPlacement(p1, "walk-in"), w.school, uow=uow, clock=clock)
    with pytest.raises(PublishRefused) as refused:
        await rounds.publish_round(round_id, w.school, uow=uow, clock=clock)
    assert refused.value.extensions["positions"] == [str(p1)]
    assert [r["refusal"] for r in refused.value.extensions["refusals"]] == ["seats-exhausted"]
    assert await w.scalar("SELECT count(*) FROM placement WHERE school_org = :s", s=w.school.org) == 1
    assert await w.scalar("SELECT seats_taken FROM position WHERE id = :id", id=p2) == 0
    assert await w.scalar("SELECT status FROM allocation_round WHERE id = :id", id=round_id) == "computed"

    await rounds.reopen_round(round_id, w.school, uow=uow)
    await rounds.close_round(round_id, w.school, uow=uow, clock=clock)  # p1 now offers no seat
    run = await rounds.compute_round(round_id, w.school, uow=uow, clock=clock)
    assert run.seq == 2 and run.matched == 2
    result = await rounds.get_result(round_id, w.school, uow=uow)
    unmatched = [m for m in result.matches if m.position_id is None]
    assert len(unmatched) == 1
    assert [r["reason"] for r in unmatched[0].explanation] == ["no-seats", "full"]
    first, second = (await rounds.list_runs(round_id, w.school, uow=uow))[1]
    _, _, moves, _ = await rounds.compare_runs(round_id, first.id, second.id, w.school, uow=uow)
    assert [m.before for m in moves if m.before == str(p1)] and all(m.why for m in moves)
    assert (await rounds.publish_round(round_id, w.school, uow=uow, clock=clock)).placements == 2


async def test_publishing_while_the_school_keeps_booking_the_same_positions(uow):
    """The round takes its locks in the booking function's order: concurrent bookings wait or fail cleanly,
    nothing deadlocks, and the counters agree with the placements afterwards."""
    w = World(uow)
    ids = await w.setup(quota=500, seats=[3] * 10)
    refs = {f"r{i}": [] for i in range(20)}
    round_id = await w.round(ids, refs)
    for i, ref in enumerate(refs):
        await w.prefer(round_id, ref, [ids[i % 10], ids[(i + 3) % 10]])
    await rounds.close_round(round_id, w.school, uow=uow, clock=clock)
    await rounds.compute_round(round_id, w.school, uow=uow, clock=clock)

    async def walk_in(i: int):
        try:
            return await book_placement(BookPlacement(ids[i % 10], f"walk-{i}"), w.school, uow=uow, clock=clock)
        except SeatsExhausted as exc:
            return exc

    async def publish():
        try:
            return await rounds.publish_round(round_id, w.school, uow=uow, clock=clock)
        except PublishRefused as exc:
            return exc

    outcomes = await asyncio.wait_for(asyncio.gather(publish(), *(walk_in(i) for i in range(25))), timeout=60)
    published = outcomes[0]
    assert isinstance(published, (rounds.Published, PublishRefused))
    async with uow() as u:
        mismatched = await u.connection.scalar(
            text(
                "SELECT count(*) FROM position p WHERE p.id = ANY(:ids) AND p.seats_taken <> (SELECT count(*) "
                "FROM placement pl WHERE pl.position_id = p.id AND pl.status IN ('requested','confirmed','active'))"
            ),
            {"ids": ids},
        )
        from_round = await u.connection.scalar(
            text("SELECT count(*) FROM placement WHERE school_org = :s AND student_ref LIKE 'r%'"),
            {"s": w.school.org},
        )
    assert mismatched == 0
    assert from_round == (published.placements if isinstance(published, rounds.Published) else 0)


async def test_an_empty_round_and_empty_lists_compute_and_publish_nothing(uow):
    w = World(uow)
    [p1] = await w.setup(quota=5, seats=[2])
    empty = await w.round([], {})
    await rounds.close_round(empty, w.school, uow=uow, clock=clock)
    run = await rounds.compute_round(empty, w.school, uow=uow, clock=clock)
    assert (run.students, run.matched) == (0, 0)
    assert (await rounds.publish_round(empty, w.school, uow=uow, clock=clock)).placements == 0

    idle = await w.round([p1], {"lazy": []})  # a student who lists nothing stays unmatched, with nothing to explain
    await rounds.close_round(idle, w.school, uow=uow, clock=clock)
    await rounds.compute_round(idle, w.school, uow=uow, clock=clock)
    [entry] = (await rounds.get_result(idle, w.school, uow=uow)).matches
    assert (entry.student_ref, entry.position_id, entry.choice, entry.explanation) == ("lazy", None, None, [])
    assert (await rounds.publish_round(idle, w.school, uow=uow, clock=clock)).placements == 0
    assert await w.scalar("SELECT seats_taken FROM position WHERE id = :id", id=p1) == 0
