"""The model of the placement state machine test (test_placement_state_machine.py), written from the issue rather
than from the domain's TRANSITIONS table: the statuses, who may do what from where, and the error each call should
raise in the state the model holds."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

import pytest
from starlette.requests import Request

from internships.domain.compliance import ComplianceViolation
from internships.domain.placements import CompletionBeforeEnd, IllegalTransition
from internships.handlers.placements import OverlappingPlacement, QuotaExhausted, SeatsExhausted, TermEnded
from praxis_common import problems
from praxis_common.errors import Forbidden, InvalidInput, NotFound, PraxisError

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


@dataclass
class Expected:
    position: int
    student: str
    starts_on: date
    ends_on: date
    hold_expires_at: datetime
    status: str = R
    events: list[str] = field(default_factory=lambda: ["requested"])
    signed: bool = False  # the three parties signed the agreement's current (only) version
    guardian_consent: bool = False


def problem_of(exc: PraxisError, path: str) -> dict:
    """What the REST edge answers for this error: the same mapping function its exception handler uses."""
    request = Request({"type": "http", "method": "POST", "path": path, "headers": [], "query_string": b""})
    return problems.of(exc, request.url.path).to_json()


class PlacementModel:
    """What each booking and change should do, judged from the expected placements (a mixin of the machine)."""

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
        return not e.signed or (e.student in MINORS and not e.guardian_consent)

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
