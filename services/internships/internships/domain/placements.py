"""Placements: one student in one position, from request to completion.

requested ─confirm─▶ confirmed ─start─▶ active ─complete─▶ completed
    │ reject ▶ rejected    │                 └─terminate─▶ terminated
    │ withdraw ▶ withdrawn ◀┘ (school, before start)
    └ hold period passes ▶ expired

When the placement's agreement ends (terminated or expired), `wind_down` says what happens to it.

The seat (and the agreement's quota) is taken at `requested` and given back on rejected,
withdrawn and expired; completed and terminated placements keep counting (the intern was there).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum

from praxis_common.errors import Conflict, FieldError, Forbidden, InvalidInput


class PlacementStatus(StrEnum):
    REQUESTED = "requested"
    CONFIRMED = "confirmed"
    REJECTED = "rejected"
    ACTIVE = "active"
    COMPLETED = "completed"
    WITHDRAWN = "withdrawn"
    TERMINATED = "terminated"
    EXPIRED = "expired"


SEAT_RELEASING = {PlacementStatus.REJECTED, PlacementStatus.WITHDRAWN, PlacementStatus.EXPIRED}
HOLDING = {PlacementStatus.REQUESTED, PlacementStatus.CONFIRMED, PlacementStatus.ACTIVE}


class Party(StrEnum):
    SCHOOL = "school"
    ENTERPRISE = "enterprise"
    CLOCK = "clock"
    AGREEMENT = "agreement"  # the end of the placement's agreement (terminated or expired): see wind_down


# action: (from states, to state, who may do it)
TRANSITIONS: dict[str, tuple[frozenset[PlacementStatus], PlacementStatus, frozenset[Party]]] = {
    "confirm": (frozenset({PlacementStatus.REQUESTED}), PlacementStatus.CONFIRMED, frozenset({Party.ENTERPRISE})),
    "reject": (
        frozenset({PlacementStatus.REQUESTED}),
        PlacementStatus.REJECTED,
        frozenset({Party.ENTERPRISE, Party.AGREEMENT}),
    ),
    "withdraw": (
        frozenset({PlacementStatus.REQUESTED, PlacementStatus.CONFIRMED}),
        PlacementStatus.WITHDRAWN,
        frozenset({Party.SCHOOL, Party.AGREEMENT}),
    ),
    "start": (
        frozenset({PlacementStatus.CONFIRMED}),
        PlacementStatus.ACTIVE,
        frozenset({Party.SCHOOL, Party.ENTERPRISE}),
    ),
    "complete": (
        frozenset({PlacementStatus.ACTIVE}),
        PlacementStatus.COMPLETED,
        frozenset({Party.SCHOOL, Party.ENTERPRISE}),
    ),
    "terminate": (
        frozenset({PlacementStatus.ACTIVE}),
        PlacementStatus.TERMINATED,
        frozenset({Party.SCHOOL, Party.ENTERPRISE, Party.AGREEMENT}),
    ),
    "expire": (frozenset({PlacementStatus.REQUESTED}), PlacementStatus.EXPIRED, frozenset({Party.CLOCK})),
}
NEEDS_REASON = {"terminate"}

# Completing is irreversible: a placement completed more than this long before its end date needs `force` and a
# reason (kept as the placement's reason, flagged `forced`, and carried by placement.completed).
EARLY_COMPLETION_GRACE = timedelta(days=7)


# The reason placements carry when their agreement ended under them.
AGREEMENT_ENDED = "agreement-ended"


class IllegalTransition(Conflict):
    code, title = "illegal-transition", "Not possible in the placement's current state"


class CompletionBeforeEnd(Conflict):
    code, title = "completion-before-end", "The placement ends later; completing it now needs force and a reason"


@dataclass(frozen=True)
class PlacementChanged:
    """placement.<kind>: requested, confirmed, rejected, started, completed, withdrawn, terminated, expired; and
    guardian_consented (a minor's guardian's informed consent recorded, no change of state)."""

    placement: Placement
    kind: str


EVENT_KIND = {
    PlacementStatus.REQUESTED: "requested",
    PlacementStatus.CONFIRMED: "confirmed",
    PlacementStatus.REJECTED: "rejected",
    PlacementStatus.ACTIVE: "started",
    PlacementStatus.COMPLETED: "completed",
    PlacementStatus.WITHDRAWN: "withdrawn",
    PlacementStatus.TERMINATED: "terminated",
    PlacementStatus.EXPIRED: "expired",
}


@dataclass
class Placement:
    id: uuid.UUID
    position_id: uuid.UUID
    agreement_id: uuid.UUID
    school_org: str
    enterprise_org: str
    student_ref: str
    profile: dict
    starts_on: date
    ends_on: date
    requested_at: datetime
    hold_expires_at: datetime
    status: PlacementStatus = PlacementStatus.REQUESTED
    decided_at: datetime | None = None
    started_at: datetime | None = None
    ended_at: datetime | None = None
    reason: str | None = None
    version: int = 0
    student_birth_date: date | None = None  # the school's; not shared with the enterprise
    study_year: int | None = None
    student_consent_at: datetime | None = None  # the student signed the tripartite agreement
    guardian_consent_at: datetime | None = None
    forced: bool = False  # completed long before its end date, explicitly (`reason` says why)
    # The course (domain/course.py): type, organisation form, mode, the student's enrolment cohort, and the last
    # hours milestone (percent of the programme's required hours) the placement reached.
    internship_type: str = "post_internship"
    organisation_form: str = "dispersed"
    internship_mode: str = "on_site"
    cohort: str | None = None
    hours_milestone: int = 0
    events: list[PlacementChanged] = field(default_factory=list, repr=False, compare=False)

    @classmethod
    def request(
        cls,
        *,
        position_id: uuid.UUID,
        agreement_id: uuid.UUID,
        school_org: str,
        enterprise_org: str,
        student_ref: str,
        profile: dict,
        starts_on: date,
        ends_on: date,
        now: datetime,
        hold: timedelta,
        student_birth_date: date | None = None,
        study_year: int | None = None,
        course: dict | None = None,
    ) -> Placement:
        """`course`: internship_type, organisation_form, internship_mode, cohort, as given (defaults otherwise)."""
        p = cls(
            id=uuid.uuid4(),
            position_id=position_id,
            agreement_id=agreement_id,
            school_org=school_org,
            enterprise_org=enterprise_org,
            student_ref=student_ref,
            profile=profile,
            starts_on=starts_on,
            ends_on=ends_on,
            requested_at=now,
            hold_expires_at=now + hold,
            student_birth_date=student_birth_date,
            study_year=study_year,
            **(course or {}),
        )
        p.events.append(PlacementChanged(p, "requested"))
        return p

    def party(self, org: str, kind: str) -> Party | None:
        if kind == "school" and org == self.school_org:
            return Party.SCHOOL
        if kind == "enterprise" and org == self.enterprise_org:
            return Party.ENTERPRISE
        return None

    def apply(self, action: str, by: Party, *, now: datetime, reason: str | None = None, force: bool = False) -> bool:
        """Move along the state machine. Returns True when the seat is to be given back. `force` (with a reason)
        completes a placement more than EARLY_COMPLETION_GRACE before its end date."""
        if action not in TRANSITIONS:
            raise IllegalTransition(f"unknown action {action!r}")
        sources, target, allowed = TRANSITIONS[action]
        if by not in allowed:
            raise Forbidden(f"only the {' or '.join(sorted(allowed))} may {action} a placement")
        if self.status not in sources:
            raise IllegalTransition(f"cannot {action} a placement that is {self.status}")
        if action in NEEDS_REASON and not (reason and reason.strip()):
            # Missing input, not a state the placement is in: 422, as terminating an agreement without one.
            raise InvalidInput(f"{action} needs a reason", errors=[FieldError("reason", f"required to {action}")])
        if force and action != "complete":
            raise InvalidInput("only completing takes force", errors=[FieldError("force", "only for complete")])
        if force and not (reason and reason.strip()):
            raise InvalidInput("force needs a reason", errors=[FieldError("reason", "say why the placement is forced")])
        early = action == "complete" and now.date() < self.ends_on - EARLY_COMPLETION_GRACE
        if early and not force:
            raise CompletionBeforeEnd(
                f"the placement ends on {self.ends_on.isoformat()}; completing it more than "
                f"{EARLY_COMPLETION_GRACE.days} days early needs force with a reason (or terminate it, with a reason)"
            )
        if action == "start" and now.date() < self.starts_on:
            raise IllegalTransition(f"the placement starts on {self.starts_on.isoformat()}")
        if action == "expire" and now < self.hold_expires_at:
            raise IllegalTransition("the hold period has not passed")
        if action in ("confirm", "reject") and now >= self.hold_expires_at:
            # The request lapsed: the answer does not depend on when the expiry sweep runs next.
            raise IllegalTransition(
                f"the request lapsed unanswered at {self.hold_expires_at.isoformat()}; the school may book again"
            )
        self.status = target
        if target in (PlacementStatus.CONFIRMED, PlacementStatus.REJECTED):
            self.decided_at = now
        elif target is PlacementStatus.ACTIVE:
            self.started_at = now
        else:
            self.ended_at = now
        if reason:
            self.reason = reason
        self.forced = early
        self.events.append(PlacementChanged(self, EVENT_KIND[target]))
        return target in SEAT_RELEASING

    def wind_down(self, *, now: datetime, end_active_reason: str | None = None) -> tuple[str, Party, str | None] | None:
        """What the end of the placement's agreement does to it, as (action, party, reason), or None when it carries
        on: a request is rejected (or expires, if its hold already lapsed), a confirmed placement that has not
        started is withdrawn, both with reason `agreement-ended`; an active one runs to its end date (a student
        mid-internship is protected) unless the terminating party asked to end active placements too, with a
        reason. Placements that already ended are history."""
        if self.status is PlacementStatus.REQUESTED:
            if now >= self.hold_expires_at:
                return "expire", Party.CLOCK, None  # it lapsed on its own
            return "reject", Party.AGREEMENT, AGREEMENT_ENDED
        if self.status is PlacementStatus.CONFIRMED:
            return "withdraw", Party.AGREEMENT, AGREEMENT_ENDED
        if self.status is PlacementStatus.ACTIVE and end_active_reason:
            return "terminate", Party.AGREEMENT, f"{AGREEMENT_ENDED}: {end_active_reason}"
        return None

    def record_consent(self, *, student: bool, guardian: bool, now: datetime) -> None:
        """The school records the signatures on the tripartite agreement (and the guardian's consent) before start."""
        if self.status not in (PlacementStatus.REQUESTED, PlacementStatus.CONFIRMED):
            raise IllegalTransition(f"consent is recorded before the start; the placement is {self.status}")
        if student and self.student_consent_at is None:
            self.student_consent_at = now
        if guardian and self.guardian_consent_at is None:
            self.guardian_consent_at = now
            self.events.append(PlacementChanged(self, "guardian_consented"))

    def pull_events(self) -> list[PlacementChanged]:
        events, self.events = self.events, []
        return events
