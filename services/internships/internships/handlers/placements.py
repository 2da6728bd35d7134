"""Placement use cases: book a seat, move a placement along its life, expire unanswered requests."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta

from internships import policy
from internships.adapters.repositories import PlacementRepository, PositionRepository
from internships.domain.compliance import CompliancePolicy, check_booking, check_start, intern_caps
from internships.domain.placements import HOLDING, Party, Placement, PlacementStatus
from internships.domain.positions import PositionStatus
from internships.handlers.context import Clock, UowFactory, utc_clock
from internships.outgoing import integration_event
from praxis_common.auth import Principal
from praxis_common.errors import Conflict, NotFound
from praxis_common.pages import decode_page_token, encode_page_token

DEFAULT_HOLD = timedelta(hours=72)


class SeatsExhausted(Conflict):
    code, title = "seats-exhausted", "No seat left in this position"


class QuotaExhausted(Conflict):
    code, title = "quota-exhausted", "The agreement's intern quota is used up"


class OverlappingPlacement(Conflict):
    code, title = "overlapping-placement", "The student already holds a placement in this period"


class AgreementNotActive(Conflict):
    code, title = "agreement-not-active", "The agreement is no longer in force"


class TermEnded(Conflict):
    code, title = "term-ended", "The position's term has ended"


class NoAgreementForTerm(Conflict):
    code, title = "no-agreement-for-term", "No active agreement covers this position's term"


@dataclass(frozen=True)
class BookPlacement:
    position_id: uuid.UUID
    student_ref: str
    profile: dict = field(default_factory=dict)  # what the school chooses to share
    birth_date: date | None = None  # the school's, for the age rules; not shared with the enterprise
    study_year: int | None = None


@dataclass(frozen=True)
class ListPlacements:
    status: PlacementStatus | None = None
    page_size: int = 50
    page_token: str | None = None


async def book_placement(
    cmd: BookPlacement,
    principal: Principal,
    *,
    uow: UowFactory,
    clock: Clock = utc_clock,
    hold: timedelta = DEFAULT_HOLD,
    compliance: CompliancePolicy = CompliancePolicy.CN_VOCATIONAL_2021,
) -> Placement:
    """Take a seat for a student. One read finds the position, its base's staff and the agreement covering it;
    the rules no count can change are checked here; then one statement (the `book_placement` database function)
    takes the seat, counts the intern at the base and against the agreement's quota under the policy's caps,
    checks the student holds nothing overlapping, and records the request with its event — or changes nothing."""
    policy.manager(principal, "school")
    async with uow() as u:
        await u.autocommit()  # the one change is the book_placement statement
        placements = PlacementRepository(u.session)
        target = await placements.booking_target(cmd.position_id, principal.org)
        if target is None or not target.visible or target.position.status is not PositionStatus.PUBLISHED:
            raise NotFound("no such position")
        position = target.position
        if position.ends_on < clock().date():
            raise TermEnded(f"the position's term ended on {position.ends_on.isoformat()}")
        if target.agreement_id is None:
            raise NoAgreementForTerm(
                f"no active agreement with {position.enterprise_org} covers {position.starts_on.isoformat()}"
            )
        figures = dict(
            enterprise_staff=target.base_staff,
            post_staff=position.post_staff,
            monthly_pay=position.monthly_pay,
            probation_monthly_wage=position.reference_monthly_wage,
            student_birth_date=cmd.birth_date,
            on=position.starts_on,
            study_year=cmd.study_year,
        )
        # The rules a count cannot change; the intern ratios are capped inside the booking statement.
        check_booking(compliance, enterprise_interns_after=1, post_interns_after=1, **figures)
        placement = Placement.request(
            position_id=position.id,
            agreement_id=target.agreement_id,
            school_org=principal.org,
            enterprise_org=position.enterprise_org,
            student_ref=cmd.student_ref,
            profile=cmd.profile,
            starts_on=position.starts_on,
            ends_on=position.ends_on,
            now=clock(),
            hold=hold,
            student_birth_date=cmd.birth_date,
            study_year=cmd.study_year,
        )
        u.emit(*(integration_event(e, position_competencies=position.competencies) for e in placement.pull_events()))
        max_at_base, max_in_post = intern_caps(
            compliance, enterprise_staff=target.base_staff, post_staff=position.post_staff
        )
        refusal, at_base, in_post = await placements.book(
            placement, u.outbox_rows(), max_at_base=max_at_base, max_in_post=max_in_post, today=clock().date()
        )
        if refusal == "intern-cap":
            check_booking(compliance, enterprise_interns_after=at_base + 1, post_interns_after=in_post + 1, **figures)
            raise RuntimeError(f"book_placement refused on a cap check_booking accepts ({at_base}, {in_post})")
        if refusal is not None:
            raise _REFUSALS[refusal](_refusal_detail(refusal, position))
        await u.commit()
    return placement


_REFUSALS = {
    "seats-exhausted": SeatsExhausted,
    "quota-exhausted": QuotaExhausted,
    "overlapping-placement": OverlappingPlacement,
    "agreement-not-active": AgreementNotActive,
}


def _refusal_detail(refusal: str, position) -> str:
    if refusal == "seats-exhausted":
        return f"all {position.seats} seats of this position are taken"
    if refusal == "quota-exhausted":
        return "the agreement's intern quota is used up"
    if refusal == "agreement-not-active":
        return "the agreement covering the position was terminated or expired; no booking counts against it now"
    return (
        "the student already holds a placement overlapping "
        f"{position.starts_on.isoformat()}–{position.ends_on.isoformat()}"
    )


async def get_placement(placement_id: uuid.UUID, principal: Principal, *, uow: UowFactory) -> Placement:
    async with uow() as u:
        return visible(await PlacementRepository(u.session).get(placement_id), principal)[0]


async def list_placements(
    query: ListPlacements, principal: Principal, *, uow: UowFactory
) -> tuple[list[Placement], str | None]:
    after = decode_page_token(query.page_token) if query.page_token else None
    async with uow() as u:
        page = await PlacementRepository(u.session).list_for(
            principal.org,
            principal.org_kind,
            status=query.status,
            student_ref=policy.own_student_ref(principal),
            after=after,
            limit=query.page_size + 1,
        )
    more = len(page) > query.page_size
    page = page[: query.page_size]
    return page, (encode_page_token(page[-1].requested_at, page[-1].id) if more else None)


async def change_placement(
    placement_id: uuid.UUID,
    action: str,
    principal: Principal,
    *,
    uow: UowFactory,
    reason: str | None = None,
    force: bool = False,
    clock: Clock = utc_clock,
    compliance: CompliancePolicy = CompliancePolicy.CN_VOCATIONAL_2021,
) -> Placement:
    """Move a placement along its life for its school or enterprise. Completing more than a week before the end
    date is irreversible enough to need `force` with a reason, recorded on the placement and in its event."""
    policy.manager(principal, "school", "enterprise")
    async with uow() as u:
        repo = PlacementRepository(u.session)
        placement, party = visible(await repo.get(placement_id, for_update=True), principal)
        if action == "start" and placement.status is PlacementStatus.CONFIRMED:
            check_start(
                compliance,
                consent_recorded=placement.student_consent_at is not None,
                student_birth_date=placement.student_birth_date,
                guardian_consent_recorded=placement.guardian_consent_at is not None,
                on=clock().date(),
            )
        await apply_change(u, placement, action, party, clock=clock, reason=reason, force=force)
        await u.commit()
    return placement


async def record_consent(
    placement_id: uuid.UUID,
    principal: Principal,
    *,
    student: bool,
    guardian: bool,
    uow: UowFactory,
    clock: Clock = utc_clock,
) -> Placement:
    """The school records that the student (and, for a minor, the guardian) signed, before the start."""
    policy.manager(principal, "school")
    async with uow() as u:
        repo = PlacementRepository(u.session)
        placement, _ = visible(await repo.get(placement_id, for_update=True), principal)
        placement.record_consent(student=student, guardian=guardian, now=clock())
        await repo.save(placement)
        await u.commit()
    return placement


async def expire_holds(*, uow: UowFactory, clock: Clock = utc_clock, batch: int = 200) -> int:
    """Requests the enterprise left unanswered past the hold period expire and give their seat back.
    Safe in every process at once (SKIP LOCKED)."""
    expired = 0
    while True:
        async with uow() as u:
            due = await PlacementRepository(u.session).expired_holds(clock(), batch)
            for placement in due:
                await apply_change(u, placement, "expire", Party.CLOCK, clock=clock)
            await u.commit()
        expired += len(due)
        if len(due) < batch:
            return expired


async def apply_change(
    u, placement: Placement, action: str, party: Party, *, clock: Clock, reason: str | None = None, force: bool = False
):
    """Move a placement (loaded FOR UPDATE) along its life in the unit of work: counters, row and events."""
    was_current = placement.status in HOLDING
    releases = placement.apply(action, party, now=clock(), reason=reason, force=force)
    repo = PlacementRepository(u.session)
    if was_current and placement.status not in HOLDING:
        await repo.end_hold(placement, give_back_seat=releases)
    await repo.save(placement)
    position = await PositionRepository(u.session).get(placement.position_id)
    u.emit(*(integration_event(e, position_competencies=position.competencies) for e in placement.pull_events()))


def visible(placement: Placement | None, principal: Principal) -> tuple[Placement, Party]:
    party = placement.party(principal.org, principal.org_kind) if placement else None
    student = policy.own_student_ref(principal)
    if placement is None or party is None or (student is not None and placement.student_ref != student):
        raise NotFound("no such placement")
    return placement, party
