"""A hypothesis state machine over the REAL placement handlers on a real, migrated PostgreSQL.

Each example sets up one active agreement (small intern quota) and one or two published positions with
few seats, then interleaves bookings (a small pool of students, so overlaps and full positions are hit)
with every transition, consent recording and hold expiry, applied by a randomly chosen party: the school,
the enterprise, a school user without a managing role, another school, another enterprise, and an
enterprise named like the school. A plain model (written from the issue, not from the domain's TRANSITIONS
table) says what each call should do. The default (CN) compliance policy is in force; the positions declare
figures that pass its ratio and pay rules, so of it only the consents needed before the start are in play.

After every step the database must agree: seats_taken of each position and interns_placed of the
agreement equal the number of seat-holding placements (requested, confirmed, active, completed,
terminated), the current-intern counters of positions and base equal the requested, confirmed and active
ones, the quota is never exceeded, every status is a known one with the timestamps of the way there,
no student holds two overlapping requested/confirmed/active placements, and each placement's outbox events
are exactly its successful transitions. A call the model calls illegal must raise the expected error and
change nothing; its REST problem (through the edge's own mapping) is 409 for IllegalTransition and the
booking conflicts, 403 / 404 for a wrong or foreign party, 422 for a start without the consents.

Hypothesis's explain phase is off: it replays many variants of a failure on the database (minutes), while
shrinking alone prints the minimal sequence in well under a minute.
"""

from __future__ import annotations

import asyncio
import itertools
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    initialize,
    invariant,
    multiple,
    rule,
    run_state_machine_as_test,
)
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine
from starlette.requests import Request

from internships import handlers
from internships.adapters.unit_of_work import InternshipsUnit
from internships.domain import commands
from internships.domain.agreements import Status
from internships.domain.compliance import ComplianceViolation
from internships.domain.placements import CompletionBeforeEnd, IllegalTransition, PlacementStatus
from internships.domain.positions import Duty, DutyKind
from internships.handlers.placements import (
    BookPlacement,
    OverlappingPlacement,
    QuotaExhausted,
    SeatsExhausted,
    TermEnded,
    book_placement,
    change_placement,
    expire_holds,
)
from internships.handlers.placements import record_consent as handle_consent
from internships.handlers.positions import CreateBase, CreatePosition, change_position, create_base, create_position
from internships.main import MIGRATIONS
from praxis_common import problems
from praxis_common.auth import Principal
from praxis_common.errors import Conflict, Forbidden, InvalidInput, NotFound, PraxisError
from praxis_common.uow import UnitOfWorkFactory

pytestmark = pytest.mark.slow

START = date(2030, 3, 1)  # first position starts here
T0 = datetime(2030, 2, 25, 8, tzinfo=UTC)  # the machine's clock starts a few days before
HOLD = timedelta(hours=72)
PREFIX = "t"

# The model, written from the description rather than copied from the domain:
# action -> (from, to, parties allowed)
R, C, RJ, A, CO, W, T, E = (
    "requested",
    "confirmed",
    "rejected",
    "active",
    "completed",
    "withdrawn",
    "terminated",
    "expired",
)
ALL_STATUSES = {R, C, RJ, A, CO, W, T, E}
SEAT_HOLDING = {R, C, A, CO, T}  # the seat (and quota) is given back only on rejected / withdrawn / expired
OVERLAP_BLOCKING = {R, C, A}
MODEL = {
    "confirm": ({R}, C, {"school": False, "enterprise": True}),
    "reject": ({R}, RJ, {"school": False, "enterprise": True}),
    "withdraw": ({R, C}, W, {"school": True, "enterprise": False}),
    "start": ({C}, A, {"school": True, "enterprise": True}),
    "complete": ({A}, CO, {"school": True, "enterprise": True}),
    "terminate": ({A}, T, {"school": True, "enterprise": True}),
    "expire": ({R}, E, {"school": False, "enterprise": False}),  # the clock's, never a party's
}
EVENT = {C: "confirmed", RJ: "rejected", A: "started", CO: "completed", W: "withdrawn", T: "terminated", E: "expired"}
ACTIONS = [*MODEL, "archive"]  # "archive" is no action at all
ACTORS = ["school", "enterprise", "school_viewer", "foreign_school", "foreign_enterprise", "impostor"]
REASONS = [None, "", "the student moved away"]
STUDENTS = ["ana", "bo", "cy"]
BORN = {"ana": date(2008, 1, 1), "bo": date(2009, 5, 1), "cy": date(2012, 12, 1)}  # cy is 17 all of 2030
MINORS = {"cy"}

_examples = itertools.count(1)


@pytest.fixture(scope="module")
def database_url(database_factory):
    url = database_factory("internships_placement_sm", migrated=MIGRATIONS)
    return url


@dataclass
class Expected:
    position: int
    student: str
    starts_on: date
    ends_on: date
    hold_expires_at: datetime
    status: str = R
    events: list[str] = field(default_factory=lambda: ["requested"])
    student_consent: bool = False
    guardian_consent: bool = False


def problem_of(exc: PraxisError, path: str) -> dict:
    """What the REST edge answers for this error: the same mapping function its exception handler uses."""
    request = Request({"type": "http", "method": "POST", "path": path, "headers": [], "query_string": b""})
    return problems.of(exc, request.url.path).to_json()


class PlacementMachine(RuleBasedStateMachine):
    database_url: str = ""
    placements = Bundle("placements")

    def __init__(self) -> None:
        super().__init__()
        self.loop = asyncio.new_event_loop()
        self.engine = create_async_engine(self.database_url, pool_size=2, max_overflow=0)
        self.uow = UnitOfWorkFactory(self.engine, event_prefix=PREFIX, unit=InternshipsUnit)
        n = next(_examples)
        self.school, self.enterprise = f"s{n}", f"e{n}"
        self.actors = {
            "school": Principal(sub="coord", org=self.school, org_kind="school", roles=frozenset({"coordinator"})),
            "enterprise": Principal(sub="hr", org=self.enterprise, org_kind="enterprise", roles=frozenset({"hr"})),
            "school_viewer": Principal(sub="view", org=self.school, org_kind="school", roles=frozenset({"viewer"})),
            "foreign_school": Principal(sub="x", org=f"xs{n}", org_kind="school", roles=frozenset({"admin"})),
            "foreign_enterprise": Principal(sub="x", org=f"xe{n}", org_kind="enterprise", roles=frozenset({"hr"})),
            # an enterprise that happens to carry the school's org id: not the school
            "impostor": Principal(sub="x", org=self.school, org_kind="enterprise", roles=frozenset({"admin"})),
        }
        self.now = T0
        self.positions: list[tuple[uuid.UUID, int, date, date]] = []  # id, seats, starts_on, ends_on
        self.expected: dict[uuid.UUID, Expected] = {}
        self.quota = 0
        self.agreement_id: uuid.UUID | None = None
        self.errors_seen: dict[str, int] = {}

    def run(self, coro):
        return self.loop.run_until_complete(coro)

    def teardown(self) -> None:
        try:
            self.run(self.engine.dispose())
        finally:
            self.loop.close()

    # ---- setup through the real handlers -------------------------------------------------------------

    @initialize(
        target=placements,
        quota=st.integers(1, 5),
        seats=st.lists(st.integers(1, 2), min_size=1, max_size=2),
        second_starts_after=st.sampled_from([0, 30, 90]),  # 0/30: overlaps the first position; 90: does not
        first_bookings=st.lists(st.tuples(st.integers(0, 1), st.sampled_from(STUDENTS)), max_size=3),
    )
    def setup(self, quota, seats, second_starts_after, first_bookings):
        self.quota = quota
        self.run(self._setup(quota, seats, second_starts_after))
        booked = (self._book(position, student, "school") for position, student in first_bookings)
        return multiple(*(pid for pid in booked if pid is not None))

    async def _setup(self, quota, seats, second_starts_after):
        enterprise = self.actors["enterprise"]
        async with self.engine.begin() as conn:  # each example starts from empty tables (DELETE: a TRUNCATE costs more)
            for table in ("outbox", "placement", "position", "practice_base", "agreement"):
                await conn.execute(text(f"DELETE FROM {table}"))
        clock = lambda: T0 - timedelta(days=5)  # noqa: E731
        admin = Principal(sub="adm", org=self.school, org_kind="school", roles=frozenset({"admin"}))
        agreement = await handlers.draft_agreement(
            commands.DraftAgreement(
                school_org=self.school,
                enterprise_org=self.enterprise,
                title="",
                valid_from=START - timedelta(days=60),
                valid_to=START + timedelta(days=365),
                intern_quota=quota,
            ),
            admin,
            uow=self.uow,
            clock=clock,
        )
        for who in (admin, enterprise):
            signed = await handlers.sign_agreement(commands.SignAgreement(agreement.id), who, uow=self.uow, clock=clock)
        assert signed.status is Status.ACTIVE
        self.agreement_id = agreement.id
        base = await create_base(
            CreateBase(agreement.id, "Hub", 1, "CN", "Shenzhen", capacity=10, staff=1000),
            enterprise,
            uow=self.uow,
            clock=clock,
        )
        for i, n in enumerate(seats):
            starts_on = START + timedelta(days=second_starts_after * i)
            ends_on = starts_on + timedelta(days=59)
            position = await create_position(
                CreatePosition(
                    base_id=base.id,
                    title=f"Position {i}",
                    description="",
                    seats=n,
                    starts_on=starts_on,
                    ends_on=ends_on,
                    languages=["en"],
                    competencies=["ops"],
                    duties=[Duty("listings", DutyKind.CORE)],
                    # figures that pass the default (CN) policy's ratio and pay rules, which have their own tests
                    post_staff=100,
                    monthly_pay=Decimal("4000"),
                    reference_monthly_wage=Decimal("4500"),
                ),
                enterprise,
                uow=self.uow,
                clock=clock,
            )
            await change_position(position.id, "publish", enterprise, uow=self.uow, clock=clock)
            self.positions.append((position.id, n, starts_on, ends_on))

    # ---- rules ---------------------------------------------------------------------------------------

    @rule(hours=st.sampled_from([1, 12, 24, 73]))
    def tick(self, hours):
        self.now += timedelta(hours=hours)

    @rule(
        target=placements,
        position=st.integers(0, 1),
        student=st.sampled_from(STUDENTS),
        actor=st.sampled_from(["school"] * 8 + ACTORS),
    )
    def book(self, position, student, actor):
        placement_id = self._book(position, student, actor)
        return multiple() if placement_id is None else placement_id

    def _book(self, position: int, student: str, actor: str) -> uuid.UUID | None:
        index = position % len(self.positions)
        position_id, seats, starts_on, ends_on = self.positions[index]
        expected_error = self._expected_booking_error(index, student, actor)
        now = self.now
        before = self.run(self._snapshot()) if expected_error else None
        try:
            placement = self.run(
                book_placement(
                    BookPlacement(
                        position_id, student, {"display_name": student}, birth_date=BORN[student], study_year=2
                    ),
                    self.actors[actor],
                    uow=self.uow,
                    clock=lambda: now,
                    hold=HOLD,
                )
            )
        except PraxisError as exc:
            self._check_refusal(exc, expected_error, before, "/v1/placements")
            return None
        assert expected_error is None, f"booking by {actor} should have failed with {expected_error.__name__}"
        assert placement.status is PlacementStatus.REQUESTED
        assert (placement.starts_on, placement.ends_on, placement.agreement_id) == (
            starts_on,
            ends_on,
            self.agreement_id,
        )
        self.expected[placement.id] = Expected(index, student, starts_on, ends_on, now + HOLD)
        return placement.id

    @rule(
        placement=placements,
        action=st.sampled_from(ACTIONS),
        actor=st.sampled_from(ACTORS),
        reason=st.sampled_from(REASONS),
    )
    def change(self, placement, action, actor, reason):
        self._change(placement, action, actor, reason)

    # Focused rules, so the legal paths are walked often enough (the general rule mostly hits refusals).
    @rule(placement=placements, actor=st.sampled_from(["enterprise"] * 3 + ["school", "foreign_enterprise"]))
    def confirm(self, placement, actor):
        self._change(placement, "confirm", actor, None)

    @rule(placement=placements, actor=st.sampled_from(["enterprise", "school"]))
    def reject(self, placement, actor):
        self._change(placement, "reject", actor, None)

    @rule(placement=placements, actor=st.sampled_from(["school", "enterprise", "foreign_school"]))
    def withdraw(self, placement, actor):
        self._change(placement, "withdraw", actor, None)

    @rule(placement=placements, actor=st.sampled_from(["school", "enterprise"]), on_time=st.booleans())
    def start(self, placement, actor, on_time):
        """on_time: the clock first moves to the placement's first day (if it is not there yet)."""
        if on_time:
            first_day = self.expected[placement].starts_on
            self.now = max(self.now, datetime(first_day.year, first_day.month, first_day.day, 8, tzinfo=UTC))
        self._change(placement, "start", actor, None)

    @rule(
        placement=placements,
        actor=st.sampled_from(["school", "enterprise", "impostor"]),
        force=st.booleans(),
        near_the_end=st.booleans(),
    )
    def complete(self, placement, actor, force, near_the_end):
        """force: with a reason (what completing more than a week before the end date needs); near_the_end: the
        clock first moves to a week before the placement's last day (if it is not there yet)."""
        if near_the_end:
            last = self.expected[placement].ends_on - timedelta(days=7)
            self.now = max(self.now, datetime(last.year, last.month, last.day, 8, tzinfo=UTC))
        self._change(placement, "complete", actor, "the store closed early" if force else None, force=force)

    @rule(placement=placements, actor=st.sampled_from(["school", "enterprise"]), reason=st.sampled_from(REASONS))
    def terminate(self, placement, actor, reason):
        self._change(placement, "terminate", actor, reason)

    @rule(
        placement=placements,
        actor=st.sampled_from(["school"] * 4 + ["enterprise", "foreign_school", "school_viewer"]),
        student=st.booleans(),
        guardian=st.booleans(),
    )
    def record_consent(self, placement, actor, student, guardian):
        """The school records the tripartite signature (and a minor's guardian's consent) before the start."""
        self._consent(placement, actor, student, guardian)

    @rule(placement=placements, actor=st.sampled_from(["school", "enterprise"]))
    def walk_to_start(self, placement, actor):
        """The legal way to an active placement in one step, each call through the real handlers: the enterprise
        confirms, the school records the consents, and on the first day the placement starts. (Random single
        steps rarely line all of this up.)"""
        e = self.expected[placement]
        if e.status == R:
            self._change(placement, "confirm", "enterprise", None)
        if e.status in (R, C) and self._missing_consent(e):
            self._consent(placement, "school", True, e.student in MINORS)
        if e.status == C:
            first_day = datetime(e.starts_on.year, e.starts_on.month, e.starts_on.day, 8, tzinfo=UTC)
            self.now = max(self.now, first_day)
            self._change(placement, "start", actor, None)

    def _consent(self, placement: uuid.UUID, actor: str, student: bool, guardian: bool) -> None:
        e = self.expected[placement]
        if actor != "school":
            expected_error = NotFound if actor == "foreign_school" else Forbidden
        elif e.status not in (R, C):
            expected_error = IllegalTransition
        else:
            expected_error = None
        now = self.now
        before = self.run(self._snapshot()) if expected_error else None
        try:
            self.run(
                handle_consent(
                    placement,
                    self.actors[actor],
                    student=student,
                    guardian=guardian,
                    uow=self.uow,
                    clock=lambda: now,
                )
            )
        except PraxisError as exc:
            self._check_refusal(exc, expected_error, before, f"/v1/placements/{placement}/consent")
            return
        assert expected_error is None, f"recording consent by {actor} should have failed"
        e.student_consent = e.student_consent or student
        e.guardian_consent = e.guardian_consent or guardian

    @rule(hours_past_now=st.sampled_from([0, 73]))
    def expire(self, hours_past_now):
        self.now += timedelta(hours=hours_past_now)
        now = self.now
        due = [pid for pid, e in self.expected.items() if e.status == R and e.hold_expires_at <= now]
        expired = self.run(expire_holds(uow=self.uow, clock=lambda: now))
        assert expired == len(due)
        for pid in due:
            self.expected[pid].status = E
            self.expected[pid].events.append("expired")

    # ---- the model ---------------------------------------------------------------------------------------

    def _expected_booking_error(self, index: int, student: str, actor: str) -> type[PraxisError] | None:
        if actor in ("enterprise", "foreign_enterprise", "impostor", "school_viewer"):
            return Forbidden  # only a school's managers book
        if actor == "foreign_school":
            return NotFound  # no agreement with the enterprise: the position does not exist for it
        _, seats, starts_on, ends_on = self.positions[index]
        if self.now.date() > ends_on:
            return TermEnded  # booking stays open into the term (late joiners), not past its end
        for e in self.expected.values():
            if (
                e.student == student
                and e.status in OVERLAP_BLOCKING
                and e.starts_on <= ends_on
                and e.ends_on >= starts_on
            ):
                return OverlappingPlacement
        if sum(1 for e in self.expected.values() if e.position == index and e.status in SEAT_HOLDING) >= seats:
            return SeatsExhausted
        if sum(1 for e in self.expected.values() if e.status in SEAT_HOLDING) >= self.quota:
            return QuotaExhausted
        return None

    @staticmethod
    def _missing_consent(e: Expected) -> bool:
        return not e.student_consent or (e.student in MINORS and not e.guardian_consent)

    def _expected_change(self, e: Expected, action: str, actor: str, reason: str | None, force: bool = False):
        """(error class, None) or (None, new status)."""
        if actor == "school_viewer":
            return Forbidden, None
        party = {"school": "school", "enterprise": "enterprise"}.get(actor)
        if party is None:
            return NotFound, None  # not a party to this placement: it does not exist for them
        if action not in MODEL:
            return IllegalTransition, None
        sources, target, allowed = MODEL[action]
        if not allowed[party]:
            return Forbidden, None
        if e.status not in sources:
            return IllegalTransition, None
        if action == "terminate" and not reason:
            return InvalidInput, None  # a missing reason is bad input (422), as for an agreement
        if action in ("confirm", "reject") and self.now >= e.hold_expires_at:
            return IllegalTransition, None  # lapsed, whether or not the sweep has run
        if action == "complete" and self.now.date() < e.ends_on - timedelta(days=7) and not force:
            return CompletionBeforeEnd, None  # irreversible long before the end: only explicitly
        if action == "start" and e.status == C and self._missing_consent(e):
            return ComplianceViolation, None  # checked before the domain's own start rules
        if action == "start" and self.now.date() < e.starts_on:
            return IllegalTransition, None
        return None, target

    def _change(
        self, placement_id: uuid.UUID, action: str, actor: str, reason: str | None, *, force: bool = False
    ) -> None:
        e = self.expected[placement_id]
        expected_error, target = self._expected_change(e, action, actor, reason, force)
        now = self.now
        before = self.run(self._snapshot()) if expected_error else None
        try:
            placement = self.run(
                change_placement(
                    placement_id,
                    action,
                    self.actors[actor],
                    uow=self.uow,
                    reason=reason,
                    force=force,
                    clock=lambda: now,
                )
            )
        except PraxisError as exc:
            self._check_refusal(exc, expected_error, before, f"/v1/placements/{placement_id}/{action}")
            return
        assert expected_error is None, (
            f"{action} by {actor} of a {e.status} placement should have failed with {expected_error.__name__}"
        )
        assert placement.status == target
        assert placement.forced == (action == "complete" and now.date() < e.ends_on - timedelta(days=7))
        e.status = target
        e.events.append(EVENT[target])

    def _check_refusal(self, exc: PraxisError, expected: type[PraxisError] | None, before, path: str) -> None:
        assert expected is not None, f"unexpected refusal: {type(exc).__name__}: {exc.detail}"
        assert isinstance(exc, expected), f"expected {expected.__name__}, got {type(exc).__name__}: {exc.detail}"
        if expected is IllegalTransition:
            assert type(exc) is IllegalTransition
        after = self.run(self._snapshot())
        assert after == before, "a refused call changed the database"
        body = problem_of(exc, path)
        status = {Forbidden: 403, NotFound: 404, ComplianceViolation: 422, InvalidInput: 422}.get(expected, 409)
        assert issubclass(expected, Conflict) == (status == 409)
        assert body["status"] == status
        assert body["type"] == f"urn:praxis:problem:{exc.code}" and exc.code not in ("conflict", "internal")
        assert body["detail"] and body["title"] and body["instance"] == path
        self.errors_seen[exc.code] = self.errors_seen.get(exc.code, 0) + 1

    # ---- what the database says --------------------------------------------------------------------------

    async def _snapshot(self):
        async with self.engine.connect() as conn:
            placements = (
                await conn.execute(
                    text(
                        "SELECT id, status, version, decided_at, started_at, ended_at, reason, student_consent_at, "
                        "guardian_consent_at FROM placement "
                        "WHERE school_org = :s OR enterprise_org = :e ORDER BY id"
                    ),
                    {"s": self.school, "e": self.enterprise},
                )
            ).all()
            positions = (
                await conn.execute(
                    text("SELECT id, seats_taken, version FROM position WHERE enterprise_org = :e ORDER BY id"),
                    {"e": self.enterprise},
                )
            ).all()
            agreement = (
                await conn.execute(
                    text("SELECT interns_placed, version FROM agreement WHERE id = :id"), {"id": self.agreement_id}
                )
            ).all()
            outbox = await conn.scalar(
                text("SELECT count(*) FROM outbox WHERE aggregate_type = 'placement' AND aggregate_id = ANY(:ids)"),
                {"ids": [str(p.id) for p in placements]},
            )
        return placements, positions, agreement, outbox

    @invariant()
    def database_agrees(self):
        self.run(self._check_database())

    async def _check_database(self):
        async with self.engine.connect() as conn:
            rows = (
                await conn.execute(
                    text(
                        "SELECT id, position_id, agreement_id, school_org, student_ref, status, starts_on, ends_on, "
                        "decided_at, started_at, ended_at, reason, student_consent_at, guardian_consent_at "
                        "FROM placement WHERE school_org = :s OR enterprise_org = :e"
                    ),
                    {"s": self.school, "e": self.enterprise},
                )
            ).all()
            positions = (
                await conn.execute(
                    text(
                        "SELECT id, seats, seats_taken, interns_current, status FROM position WHERE enterprise_org = :e"
                    ),
                    {"e": self.enterprise},
                )
            ).all()
            quota, placed = (
                await conn.execute(
                    text("SELECT intern_quota, interns_placed FROM agreement WHERE id = :id"),
                    {"id": self.agreement_id},
                )
            ).one()
            at_bases = (
                await conn.execute(
                    text("SELECT sum(interns_current) FROM practice_base WHERE enterprise_org = :e"),
                    {"e": self.enterprise},
                )
            ).scalar_one()
            events = (
                await conn.execute(
                    text(
                        "SELECT aggregate_id, subject FROM outbox WHERE aggregate_type = 'placement' "
                        "AND aggregate_id = ANY(:ids) ORDER BY position"
                    ),
                    {"ids": [str(r.id) for r in rows]},
                )
            ).all()

        assert {r.status for r in rows} <= ALL_STATUSES
        for r in rows:  # each status carries the traces of the way there, and nothing of a way not taken
            if r.status in {C, RJ, A, CO, T}:
                assert r.decided_at is not None, r
            if r.status in {R, E}:
                assert r.decided_at is None, r
            assert (r.started_at is not None) == (r.status in {A, CO, T}), r
            assert (r.ended_at is not None) == (r.status in {CO, T, W, E}), r
            if r.status == T:
                assert r.reason, r
            if r.started_at is not None:  # started on or after its first day, with the consents recorded first
                assert r.started_at.date() >= r.starts_on and r.student_consent_at is not None, r
                assert r.student_consent_at <= r.started_at, r
                if r.student_ref in MINORS:
                    assert r.guardian_consent_at is not None and r.guardian_consent_at <= r.started_at, r
        assert {r.id: r.status for r in rows} == {pid: e.status for pid, e in self.expected.items()}
        assert all(r.agreement_id == self.agreement_id and r.school_org == self.school for r in rows)

        holding = [r for r in rows if r.status in SEAT_HOLDING]
        assert len(positions) == len(self.positions)
        for p in positions:
            assert p.status == "published"
            assert p.seats_taken == sum(1 for r in holding if r.position_id == p.id), (
                f"position {p.id}: seats_taken {p.seats_taken} but {[r.status for r in rows if r.position_id == p.id]}"
            )
            assert 0 <= p.seats_taken <= p.seats
            assert p.interns_current == sum(1 for r in rows if r.position_id == p.id and r.status in OVERLAP_BLOCKING)
        assert placed == len(holding), f"interns_placed {placed} but {len(holding)} seat-holding placements"
        assert placed <= quota == self.quota
        current = sum(1 for r in rows if r.status in OVERLAP_BLOCKING)  # the interns the ratio rules count
        assert at_bases == current, f"the base counts {at_bases} current interns, the placements say {current}"

        live = [r for r in rows if r.status in OVERLAP_BLOCKING]
        for a, b in itertools.combinations(live, 2):
            if a.student_ref == b.student_ref:
                assert a.ends_on < b.starts_on or b.ends_on < a.starts_on, (
                    f"{a.student_ref} holds overlapping placements {a.id} ({a.status}) and {b.id} ({b.status})"
                )

        subjects: dict[str, list[str]] = {}
        for ev in events:
            subjects.setdefault(ev.aggregate_id, []).append(ev.subject.rsplit(".", 1)[-1])
        assert subjects == {str(pid): e.events for pid, e in self.expected.items()}


@pytest.mark.timeout(600)  # passing takes under half a minute; shrinking a failure may take a few
def test_no_sequence_of_placement_transitions_breaks_seats_quota_or_states(database_url):
    machine = type("Machine", (PlacementMachine,), {"database_url": database_url})
    run_state_machine_as_test(
        machine,
        settings=settings(
            max_examples=40,
            stateful_step_count=30,
            deadline=None,
            database=None,  # no .hypothesis/ directory in the repository
            phases=[phase for phase in Phase if phase is not Phase.explain],
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        ),
    )


def test_every_refusal_of_the_state_machine_maps_to_its_problem_status():
    """The exception classes the machine above expects map to the statuses it asserts, via the edge's table."""
    request = Request({"type": "http", "method": "POST", "path": "/v1/placements/x/start", "headers": []})
    for exc, status in [
        (IllegalTransition("cannot start a placement that is requested"), 409),
        (SeatsExhausted("all 2 seats of this position are taken"), 409),
        (QuotaExhausted("the agreement's intern quota is used up"), 409),
        (OverlappingPlacement("the student already holds a placement"), 409),
        (CompletionBeforeEnd("the placement ends on 2030-04-29; completing it now needs force"), 409),
        (Forbidden("only the enterprise may confirm a placement"), 403),
        (NotFound("no such placement"), 404),
    ]:
        problem = problems.of(exc, request.url.path)
        assert problem.status == status == problems.status_of(exc)
        body = problem.to_json()
        assert body["type"] == f"urn:praxis:problem:{exc.code}" and body["detail"] == exc.detail
    body = problems.of(IllegalTransition("cannot start a placement that is requested"), request.url.path).to_json()
    assert body == {
        "type": "urn:praxis:problem:illegal-transition",
        "title": "Not possible in the placement's current state",
        "status": 409,
        "detail": "cannot start a placement that is requested",
        "instance": "/v1/placements/x/start",
    }
