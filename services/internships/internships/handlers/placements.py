"""Placement use cases: book a seat, move a placement along its life, expire unanswered requests."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta

from internships import policy
from internships.domain import booking
from internships.domain.booking import (  # noqa: F401  (the edges import these from here)
    AgreementNotActive,
    NoAgreementForTerm,
    OverlappingPlacement,
    QuotaExhausted,
    SeatsExhausted,
    TermEnded,
)
from internships.domain.compliance import CompliancePolicy, check_start
from internships.domain.course import ENDED
from internships.domain.insurance import covering_periods
from internships.domain.placements import HOLDING, Party, Placement, PlacementStatus
from internships.domain.positions import PositionStatus
from internships.domain.roster import shared_profile
from internships.handlers import grading, milestones
from internships.handlers.audit import audited_read
from internships.outgoing import integration_event
from praxis_common import metrics
from praxis_common.auth import Principal
from praxis_common.errors import FieldError, InvalidInput, NotFound, PraxisError
from praxis_common.pages import decode_page_token, encode_page_token
from praxis_common.uow import Clock, UowFactory, utc_clock

DEFAULT_HOLD = timedelta(hours=72)


@dataclass(frozen=True)
class BookPlacement:
    position_id: uuid.UUID
    student_ref: str
    profile: dict = field(default_factory=dict)  # what the school chooses to share
    birth_date: date | None = None  # the school's, for the age rules; not shared with the enterprise
    study_year: int | None = None
    course: dict = field(default_factory=dict)  # internship_type, organisation_form, internship_mode, cohort, if given
    profile_from_roster: bool = False  # share the roster's profile instead (asked for explicitly: docs/imports.md)


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
    the rules no count can change are checked here (domain/booking.py); then one statement (the `book_placement`
    database function) takes the seat, counts the intern at the base and against the agreement's quota under the
    policy's caps, checks the student holds nothing overlapping, and records the request with its event — or
    changes nothing. Counted by outcome: booked, or the refusal's problem code (metrics.bookings)."""
    try:
        placement = await _book(cmd, principal, uow=uow, clock=clock, hold=hold, compliance=compliance)
    except PraxisError as exc:
        metrics.bookings.labels(exc.code).inc()
        raise
    metrics.bookings.labels("booked").inc()
    return placement


async def _book(
    cmd: BookPlacement, principal: Principal, *, uow: UowFactory, clock: Clock, hold: timedelta, compliance
) -> Placement:
    policy.manager(principal, "school")
    async with uow() as u:
        await u.autocommit()  # the one change is the book_placement statement
        target = await u.placements.booking_target(cmd.position_id, principal.org)
        if target is None or not target.visible or target.position.status is not PositionStatus.PUBLISHED:
            raise NotFound("no such position")
        profile, study_year = cmd.profile, cmd.study_year
        if cmd.profile_from_roster:  # the school asks to share what its roster holds (docs/imports.md)
            if any(profile.values()):
                raise InvalidInput(
                    "give a profile or profile_from_roster, not both",
                    errors=[FieldError("profile_from_roster", "not with a profile")],
                )
            listed = (await u.roster.get_many(principal.org, [cmd.student_ref])).get(cmd.student_ref)
            if listed is None:
                raise InvalidInput(
                    "the school's roster has no such student",
                    errors=[FieldError("student_ref", "not in the school's roster (GET /v1/students)")],
                )
            profile, study_year = shared_profile(listed), study_year or listed.study_year
        position, student = target.position, booking.Student(cmd.birth_date, study_year)
        booking.check_before_booking(
            compliance,
            position,
            base_staff=target.base_staff,
            agreement_found=target.agreement_id is not None,
            student=student,
            today=clock().date(),
        )
        placement = Placement.request(
            position_id=position.id,
            agreement_id=target.agreement_id,
            school_org=principal.org,
            enterprise_org=position.enterprise_org,
            student_ref=cmd.student_ref,
            profile=profile,
            starts_on=position.starts_on,
            ends_on=position.ends_on,
            now=clock(),
            hold=hold,
            student_birth_date=cmd.birth_date,
            study_year=study_year,
            course=cmd.course,
        )
        u.emit(*(integration_event(e, position_competencies=position.competencies) for e in placement.pull_events()))
        max_at_base, max_in_post = booking.caps(
            compliance, base_staff=target.base_staff, post_staff=position.post_staff
        )
        refusal, at_base, in_post = await u.placements.book(
            placement, u.outbox_rows(), max_at_base=max_at_base, max_in_post=max_in_post, today=clock().date()
        )
        if refusal == booking.INTERN_CAP:
            booking.explain_cap_refusal(
                compliance,
                position,
                base_staff=target.base_staff,
                student=student,
                interns_at_base=at_base,
                interns_in_post=in_post,
            )
        if refusal is not None:
            raise booking.statement_refused(refusal, position)
        await u.commit()
    return placement


async def get_placement(placement_id: uuid.UUID, principal: Principal, *, uow: UowFactory) -> Placement:
    async with uow() as u:
        placement = policy.visible_placement(await u.placements.get(placement_id), principal)[0]
        await audited_read(u, placement, principal, "placement")
        await u.commit()
    return placement


async def list_placements(
    query: ListPlacements, principal: Principal, *, uow: UowFactory
) -> tuple[list[Placement], str | None]:
    after = decode_page_token(query.page_token) if query.page_token else None
    async with uow() as u:
        page = await u.placements.list_for(
            principal.org,
            principal.org_kind,
            status=query.status,
            student_ref=policy.own_student_ref(principal),
            after=after,
            limit=query.page_size + 1,
        )
        more = len(page) > query.page_size
        page = page[: query.page_size]
        await audited_read(u, page, principal, "placement")
        await u.commit()
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
        repo = u.placements
        placement, party = policy.visible_placement(await repo.get(placement_id, for_update=True), principal)
        if action == "start" and placement.status is PlacementStatus.CONFIRMED:
            from internships.handlers.documents import (
                missing_signatures,  # documents uses this module's policy.visible_placement()
            )

            insured = await u.insurance.policies_of(placement.id)
            check_start(
                compliance,
                missing_signatures=await missing_signatures(u, placement, compliance=compliance, clock=clock),
                insurance_periods=covering_periods(a.policy for a in insured),
                term=(placement.starts_on, placement.ends_on),
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
    """The school records the guardian's informed consent (the separate form a minor's post internship needs) before
    the start. The student's signature of the tripartite agreement is a signature of its document now
    (handlers/documents.sign_document, in person): `student` is refused. A newly recorded consent is published
    (placement.guardian_consented)."""
    policy.manager(principal, "school")
    async with uow() as u:
        repo = u.placements
        placement, _ = policy.visible_placement(await repo.get(placement_id, for_update=True), principal)
        if student:
            raise InvalidInput(
                "the student signs the agreement's document",
                errors=[
                    FieldError(
                        "student",
                        "the student's signature is a signature of the agreement's document: POST "
                        "/v1/placements/{id}/document/signatures (the student in person; for a minor, the school "
                        "records the guardian's signature with on_behalf_of=guardian)",
                    )
                ],
            )
        placement.record_consent(student=student, guardian=guardian, now=clock())
        await repo.save(placement)
        position = await u.positions.get(placement.position_id)
        u.emit(*(integration_event(e, position_competencies=position.competencies) for e in placement.pull_events()))
        await u.commit()
    return placement


async def expire_holds(*, uow: UowFactory, clock: Clock = utc_clock, batch: int = 200) -> int:
    """Requests the enterprise left unanswered past the hold period expire and give their seat back.
    Safe in every process at once (SKIP LOCKED)."""
    expired = 0
    while True:
        async with uow() as u:
            due = await u.placements.expired_holds(clock(), batch)
            for placement in due:
                await apply_change(u, placement, "expire", Party.CLOCK, clock=clock)
            await u.commit()
        expired += len(due)
        if len(due) < batch:
            return expired


async def apply_change(
    u, placement: Placement, action: str, party: Party, *, clock: Clock, reason: str | None = None, force: bool = False
):
    """Move a placement (loaded FOR UPDATE) along its life in the unit of work: counters, row and events; a
    completed placement is graded (handlers/grading.py)."""
    was_current = placement.status in HOLDING
    releases = placement.apply(action, party, now=clock(), reason=reason, force=force)
    repo = u.placements
    if was_current and placement.status not in HOLDING:
        await repo.end_hold(placement, give_back_seat=releases)
    await repo.save(placement)
    position = await u.positions.get(placement.position_id)
    u.emit(*(integration_event(e, position_competencies=position.competencies) for e in placement.pull_events()))
    if placement.status in ENDED:
        await milestones.placement_ended(u, placement)
    if placement.status is PlacementStatus.COMPLETED:
        # The grade at completion (revision 1) and placement.graded, in the completion's transaction.
        now = clock()
        await grading.grade_at_completion(u, placement, now)
