"""The booking rules, in one place: what a booking is refused for, the caps it is counted against, and the states
that count.

Every booking path uses this module: a single booking (handlers/placements.py), a round's close (the offered seats,
handlers/rounds/close.py) and a round's publish (handlers/rounds/publish.py), and a round's positions and ranked lists
check the same rules early (handlers/rounds/positions.py, students.py).

A booking is decided in two steps. `refusal_before_booking` holds the rules no concurrent booking can change (the
position bookable, its term not over, an agreement covering its start, the compliance rules with this student
counted). Then the atomic step on locked rows: a free seat, the intern caps (`caps`, passed in), the agreement
still in force with quota left, and no overlapping placement of the student; it refuses with one of
`STATEMENT_REFUSALS` and changes nothing. A single booking takes it in the `book_placement` database function
(migrations/sql/book_placement_v*.sql: one round trip); a round's publish, tens of thousands at once, decides it
here (`decide_statements`) on rows it locked and read in a few statements, then writes every change set-based. The
function cannot import this module, so it writes the state sets and codes as literals;
tests/unit/test_booking_sql.py checks they are these, and tests/integration/test_booking_statements.py that both
decide alike.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Generic, Protocol, TypeVar

from internships.domain.agreements import Status as AgreementStatus
from internships.domain.compliance import CompliancePolicy, ComplianceViolation, check_booking, intern_caps
from internships.domain.placements import HOLDING
from internships.domain.positions import Position, PositionStatus
from praxis_common.errors import Conflict

# The states the rules count (literals of the database function: see the module notes).
HOLDING_STATUSES = frozenset(s.value for s in HOLDING)  # a current intern: counted at the base and in the post
BOOKABLE_POSITION = PositionStatus.PUBLISHED.value
AGREEMENT_IN_FORCE = AgreementStatus.ACTIVE.value

# Refusals of the atomic step (the database function's answers).
SEATS_EXHAUSTED = "seats-exhausted"
INTERN_CAP = "intern-cap"
QUOTA_EXHAUSTED = "quota-exhausted"
AGREEMENT_NOT_ACTIVE = "agreement-not-active"
OVERLAPPING_PLACEMENT = "overlapping-placement"
STATEMENT_REFUSALS = frozenset(
    {SEATS_EXHAUSTED, INTERN_CAP, QUOTA_EXHAUSTED, AGREEMENT_NOT_ACTIVE, OVERLAPPING_PLACEMENT}
)

# Refusals before the statement.
TERM_ENDED = "term-ended"
NO_AGREEMENT_FOR_TERM = "no-agreement-for-term"
COMPLIANCE_VIOLATION = "compliance-violation"


class SeatsExhausted(Conflict):
    code, title = SEATS_EXHAUSTED, "No seat left in this position"


class QuotaExhausted(Conflict):
    code, title = QUOTA_EXHAUSTED, "The agreement's intern quota is used up"


class OverlappingPlacement(Conflict):
    code, title = OVERLAPPING_PLACEMENT, "The student already holds a placement in this period"


class AgreementNotActive(Conflict):
    code, title = AGREEMENT_NOT_ACTIVE, "The agreement is no longer in force"


class TermEnded(Conflict):
    code, title = TERM_ENDED, "The position's term has ended"


class NoAgreementForTerm(Conflict):
    code, title = NO_AGREEMENT_FOR_TERM, "No active agreement covers this position's term"


@dataclass(frozen=True)
class BookingTarget:
    """What a single booking reads of its position in one round trip."""

    position: Position
    base_staff: int | None
    visible: bool  # the school holds an active agreement with the enterprise
    agreement_id: uuid.UUID | None  # the active agreement covering the position's start


class Bookable(Protocol):
    """What the rules read of a position (a Position, or a round's RoundPosition)."""

    status: str
    starts_on: date
    ends_on: date
    enterprise_org: str
    seats: int
    post_staff: int | None
    monthly_pay: object
    reference_monthly_wage: object


class Covering(Protocol):
    """An active agreement as a booking picks it (a round's CoveringAgreement)."""

    id: uuid.UUID
    school_org: str
    enterprise_org: str
    valid_from: date
    valid_to: date


C = TypeVar("C", bound=Covering)


@dataclass(frozen=True)
class Refusal:
    code: str
    detail: str
    violation: ComplianceViolation | None = None  # for COMPLIANCE_VIOLATION: every broken rule


@dataclass(frozen=True)
class Student:
    """What the rules read of the student; None fields are not checked (a position checked without a student)."""

    birth_date: date | None = None
    study_year: int | None = None


class AgreementIndex(Generic[C]):
    """Active agreements by (school, enterprise), indexed once: closing or publishing a round asks for tens of
    thousands of pairs, and a scan of every agreement per pair cost a joint round of 21 schools and 500 enterprises
    about half a minute in each."""

    def __init__(self, agreements: Iterable[C]) -> None:
        self._by_pair: dict[tuple[str, str], list[C]] = defaultdict(list)
        for a in agreements:
            self._by_pair[a.school_org, a.enterprise_org].append(a)

    def covering(self, school: str, enterprise: str, day: date) -> C | None:
        """The active agreement between the two whose period covers `day`, the latest-ending if several: the one a
        booking counts against."""
        fits = [a for a in self._by_pair.get((school, enterprise), ()) if a.valid_from <= day <= a.valid_to]
        return max(fits, key=lambda a: (a.valid_to, a.id), default=None)


def covering_agreement(agreements: Iterable[C], school: str, enterprise: str, day: date) -> C | None:
    """`AgreementIndex.covering` for one question (`agreements` are active ones)."""
    return AgreementIndex(agreements).covering(school, enterprise, day)


# ---- the atomic step for many bookings at once (a round's publish) ----


@dataclass
class SeatCounters:
    """A position's row as the atomic step reads and counts it (locked)."""

    status: str
    seats: int
    seats_taken: int
    interns_current: int
    base_id: uuid.UUID


@dataclass
class QuotaCounters:
    """An agreement's row as the atomic step reads and counts it (locked)."""

    status: str
    valid_from: date
    valid_to: date
    interns_placed: int
    intern_quota: int


@dataclass(frozen=True)
class Statement:
    """One booking's atomic step: what `book_placement` reads of its placement, and its caps."""

    position_id: uuid.UUID
    agreement_id: uuid.UUID
    school_org: str
    student_ref: str
    starts_on: date
    ends_on: date
    max_at_base: int | None
    max_in_post: int | None


def decide_statements(
    statements: Iterable[Statement],
    positions: dict[uuid.UUID, SeatCounters],
    bases: dict[uuid.UUID, list[int]],
    agreements: dict[uuid.UUID, QuotaCounters],
    holding: dict[tuple[str, str], list[tuple[date, date]]],
    booking_day: date,
) -> list[str | None]:
    """`book_placement`'s atomic step (migrations/sql/book_placement_v*.sql) for many bookings, one after the other,
    on rows the caller has locked: each booking's refusal, or None where it books. `bases` holds each base's
    current interns in a one-item list, `holding` each student's holding placements as (starts_on, ends_on); a
    booking that books is counted in all of them, in place, so the next one sees it, as the function's next call
    would. tests/integration/test_booking_statements.py holds this against the function on the same rows."""
    decided: list[str | None] = []
    for st in statements:
        spans = holding.setdefault((st.school_org, st.student_ref), [])
        if any(starts <= st.ends_on and ends >= st.starts_on for starts, ends in spans):
            decided.append(OVERLAPPING_PLACEMENT)
            continue
        pos = positions.get(st.position_id)
        if pos is None or pos.status != BOOKABLE_POSITION or pos.seats_taken >= pos.seats:
            decided.append(SEATS_EXHAUSTED)
            continue
        at_base = bases[pos.base_id]
        if (st.max_at_base is not None and at_base[0] >= st.max_at_base) or (
            st.max_in_post is not None and pos.interns_current >= st.max_in_post
        ):
            decided.append(INTERN_CAP)
            continue
        agr = agreements.get(st.agreement_id)
        if (
            agr is None
            or agr.status != AGREEMENT_IN_FORCE
            or booking_day > agr.valid_to
            or not agr.valid_from <= st.starts_on <= agr.valid_to
        ):
            decided.append(AGREEMENT_NOT_ACTIVE)
            continue
        if agr.interns_placed >= agr.intern_quota:
            decided.append(QUOTA_EXHAUSTED)
            continue
        pos.seats_taken += 1
        pos.interns_current += 1
        at_base[0] += 1
        agr.interns_placed += 1
        spans.append((st.starts_on, st.ends_on))
        decided.append(None)
    return decided


def caps(
    compliance: CompliancePolicy, *, base_staff: int | None, post_staff: int | None
) -> tuple[int | None, int | None]:
    """The most interns the compliance policy allows at the base and in the post (None: no cap)."""
    return intern_caps(compliance, enterprise_staff=base_staff, post_staff=post_staff)


def open_for_booking(position: Bookable, today: date) -> bool:
    """The position takes bookings: published, its term not over."""
    return position.status == BOOKABLE_POSITION and position.ends_on >= today


def refusal_before_booking(
    compliance: CompliancePolicy,
    position: Bookable,
    *,
    base_staff: int | None,
    agreement_found: bool,
    student: Student,
    today: date,
) -> Refusal | None:
    """The rules a booking checks before its statement, in order; the first broken one, or None."""
    if position.status != BOOKABLE_POSITION:
        return Refusal(SEATS_EXHAUSTED, f"the position is {position.status}")
    if position.ends_on < today:
        return Refusal(TERM_ENDED, f"the position's term ended on {position.ends_on.isoformat()}")
    if not agreement_found:
        return Refusal(
            NO_AGREEMENT_FOR_TERM,
            f"no active agreement with {position.enterprise_org} covers {position.starts_on.isoformat()}",
        )
    try:
        check_booking(
            compliance,
            enterprise_interns_after=1,
            post_interns_after=1,
            **_figures(position, base_staff),
            student_birth_date=student.birth_date,
            study_year=student.study_year,
        )
    except ComplianceViolation as exc:
        return Refusal(COMPLIANCE_VIOLATION, exc.detail, exc)
    return None


def check_before_booking(
    compliance: CompliancePolicy,
    position: Bookable,
    *,
    base_staff: int | None,
    agreement_found: bool,
    student: Student,
    today: date,
) -> None:
    """`refusal_before_booking`, raised: 409 term-ended / no-agreement-for-term / seats-exhausted, 422
    compliance-violation."""
    refusal = refusal_before_booking(
        compliance, position, base_staff=base_staff, agreement_found=agreement_found, student=student, today=today
    )
    if refusal is None:
        return
    if refusal.violation is not None:
        raise refusal.violation
    raise _ERRORS[refusal.code](refusal.detail)


def explain_cap_refusal(
    compliance: CompliancePolicy,
    position: Bookable,
    *,
    base_staff: int | None,
    student: Student,
    interns_at_base: int,
    interns_in_post: int,
) -> None:
    """The statement refused on a cap: raise the compliance rule it breaks, with the counts it saw."""
    check_booking(
        compliance,
        enterprise_interns_after=interns_at_base + 1,
        post_interns_after=interns_in_post + 1,
        **_figures(position, base_staff),
        student_birth_date=student.birth_date,
        study_year=student.study_year,
    )
    raise RuntimeError(f"book_placement refused on a cap check_booking accepts ({interns_at_base}, {interns_in_post})")


def statement_refused(code: str, position: Bookable) -> Conflict:
    """A single booking's error for the statement's refusal."""
    detail = {
        SEATS_EXHAUSTED: f"all {position.seats} seats of this position are taken",
        QUOTA_EXHAUSTED: "the agreement's intern quota is used up",
        AGREEMENT_NOT_ACTIVE: "the agreement covering the position was terminated or expired; no booking counts "
        "against it now",
        OVERLAPPING_PLACEMENT: "the student already holds a placement overlapping "
        f"{position.starts_on.isoformat()}–{position.ends_on.isoformat()}",
    }[code]
    return _ERRORS[code](detail)


# What a round's publish says of a match the statement refused (the round closed earlier).
PUBLISH_REFUSALS = {
    SEATS_EXHAUSTED: "no seat left: a seat was taken since the round closed, or the position was closed",
    QUOTA_EXHAUSTED: "the agreement's intern quota was used since the round closed",
    AGREEMENT_NOT_ACTIVE: "the agreement covering the position was terminated or expired since the round closed",
    OVERLAPPING_PLACEMENT: "the student holds another placement overlapping the term",
    INTERN_CAP: "the compliance policy's intern ratio cap is reached at the base or in the post",
}

_ERRORS: dict[str, type[Conflict]] = {
    SEATS_EXHAUSTED: SeatsExhausted,
    QUOTA_EXHAUSTED: QuotaExhausted,
    OVERLAPPING_PLACEMENT: OverlappingPlacement,
    AGREEMENT_NOT_ACTIVE: AgreementNotActive,
    TERM_ENDED: TermEnded,
    NO_AGREEMENT_FOR_TERM: NoAgreementForTerm,
}


def _figures(position: Bookable, base_staff: int | None) -> dict:
    return dict(
        enterprise_staff=base_staff,
        post_staff=position.post_staff,
        monthly_pay=position.monthly_pay,
        probation_monthly_wage=position.reference_monthly_wage,
        on=position.starts_on,
    )
