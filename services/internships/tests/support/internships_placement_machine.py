"""The placement state machine over the REAL placement handlers (see test_placement_state_machine.py): setup through
the handlers, the rules (bookings, every transition, consents, hold expiry), each call judged by the model and the
database checked after every step."""

from __future__ import annotations

import asyncio
import itertools
import uuid
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, initialize, multiple, rule
from internships_course_start import ready_to_start
from internships_placement_database import DatabaseChecks
from internships_placement_model import (
    ACTIONS,
    ACTORS,
    BORN,
    EVENT,
    HOLD,
    MINORS,
    PREFIX,
    REASONS,
    START,
    STUDENTS,
    T0,
    A,
    C,
    E,
    Expected,
    PlacementModel,
    R,
)
from internships_profiles import register
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from internships import handlers
from internships.adapters.unit_of_work import InternshipsUnit
from internships.domain import commands
from internships.domain.agreements import Status
from internships.domain.placements import IllegalTransition, PlacementStatus
from internships.domain.positions import Duty, DutyKind
from internships.handlers.placements import BookPlacement, book_placement, change_placement, expire_holds
from internships.handlers.placements import record_consent as handle_consent
from internships.handlers.positions import CreateBase, CreatePosition, change_position, create_base, create_position
from praxis_common.auth import Principal
from praxis_common.errors import Conflict, Forbidden, InvalidInput, NotFound, PraxisError
from praxis_common.uow import UnitOfWorkFactory

_examples = itertools.count(1)


class PlacementMachine(PlacementModel, DatabaseChecks, RuleBasedStateMachine):
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
            for table in (
                "outbox",
                "placement_insurance",
                "insurance_policy",
                "placement_signature",
                "placement_document",
                "placement_grade",
                "placement",
                "position",
                "practice_base",
                "agreement",
            ):
                await conn.execute(text(f"DELETE FROM {table}"))
        clock = lambda: T0 - timedelta(days=5)  # noqa: E731
        admin = Principal(sub="adm", org=self.school, org_kind="school", roles=frozenset({"admin"}))
        await register(self.uow, (self.school, "school"), (enterprise.org, "enterprise"))
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
        """The school records a minor's guardian's informed consent before the start (the student's signature is a
        signature of the agreement's document now: `student` is refused)."""
        self._consent(placement, actor, student, guardian)

    @rule(placement=placements)
    def sign_agreement(self, placement):
        """The three parties sign the current version of the placement's agreement (the test-support helper)."""
        self._sign(placement)

    @rule(placement=placements, actor=st.sampled_from(["school", "enterprise"]))
    def walk_to_start(self, placement, actor):
        """The legal way to an active placement in one step, each call through the real handlers: the enterprise
        confirms, the school records the consents, and on the first day the placement starts. (Random single
        steps rarely line all of this up.)"""
        e = self.expected[placement]
        if e.status == R:
            self._change(placement, "confirm", "enterprise", None)
        if e.status in (R, C) and not e.signed:
            self._sign(placement)
        if e.status in (R, C) and e.student in MINORS and not e.guardian_consent:
            self._consent(placement, "school", False, True)
        if e.status == C:
            first_day = datetime(e.starts_on.year, e.starts_on.month, e.starts_on.day, 8, tzinfo=UTC)
            self.now = max(self.now, first_day)
            self._change(placement, "start", actor, None)

    def _consent(self, placement: uuid.UUID, actor: str, student: bool, guardian: bool) -> None:
        e = self.expected[placement]
        if actor != "school":
            expected_error = NotFound if actor == "foreign_school" else Forbidden
        elif student:
            expected_error = InvalidInput
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
        e.guardian_consent = e.guardian_consent or guardian

    def _sign(self, placement: uuid.UUID) -> None:
        e = self.expected[placement]
        expected_error = None if e.status in (R, C, A) else Conflict  # an ended placement's agreement is history
        now = self.now
        before = self.run(self._snapshot()) if expected_error else None
        school, enterprise = self.actors["school"], self.actors["enterprise"]
        try:
            self.run(ready_to_start(placement, school=school, enterprise=enterprise, uow=self.uow, clock=lambda: now))
        except PraxisError as exc:
            self._check_refusal(exc, expected_error, before, f"/v1/placements/{placement}/document/signatures")
            return
        assert expected_error is None, f"signing a {e.status} placement's agreement should have failed"
        e.signed = True

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
