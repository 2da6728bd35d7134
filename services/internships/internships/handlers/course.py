"""Course use cases: a school's programme requirements (set, list), a placement's amendment before it starts, and a
placement's progress against its requirement.

Who: programme requirements and amendments are the school's managers' (admin, coordinator); progress is seen by the
placement's parties (its school's and enterprise's staff) and by the student themselves; anyone else gets 404."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from decimal import Decimal

from internships import policy
from internships.domain.amendments import amend
from internships.domain.compliance import CompliancePolicy
from internships.domain.course import InternshipType, ProgrammeRequirement, Progress
from internships.domain.placements import Placement
from internships.handlers import milestones
from internships.handlers.audit import audited_read
from internships.handlers.documents import refresh_document
from internships.outgoing import integration_event
from praxis_common.auth import Principal
from praxis_common.errors import Conflict, FieldError, InvalidInput, NotFound
from praxis_common.uow import Clock, UowFactory, utc_clock
from praxis_evaluation import Band


class OverlappingAmendment(Conflict):
    code, title = "overlapping-placement", "The student holds another placement on those dates"


@dataclass(frozen=True)
class SetRequirement:
    internship_type: InternshipType
    cohort: str | None
    required_hours: Decimal
    min_weeks: int
    min_weekly_reports: int
    pass_mark: Decimal = Decimal(60)
    credits: Decimal = Decimal(0)
    grade_scale: str = "five_level"
    grade_bands: tuple[Band, ...] | None = None


@dataclass(frozen=True)
class AmendPlacement:
    changes: dict  # {field: new value}: starts_on, ends_on, internship_type, organisation_form, internship_mode, cohort


@dataclass(frozen=True)
class PlacementProgress:
    placement: Placement
    progress: Progress


async def set_requirement(
    cmd: SetRequirement, principal: Principal, *, uow: UowFactory, clock: Clock = utc_clock
) -> ProgrammeRequirement:
    """Set (create or replace) the school's requirement for one internship type and cohort."""
    policy.manager(principal, "school")
    async with uow() as u:
        existing = next(
            (
                r
                for r in await u.course.requirements(principal.org, cmd.internship_type, for_update=True)
                if r.cohort == cmd.cohort
            ),
            None,
        )
        requirement = ProgrammeRequirement.set(
            existing=existing,
            school_org=principal.org,
            internship_type=cmd.internship_type,
            cohort=cmd.cohort,
            required_hours=cmd.required_hours,
            min_weeks=cmd.min_weeks,
            min_weekly_reports=cmd.min_weekly_reports,
            by=principal.sub,
            now=clock(),
            pass_mark=cmd.pass_mark,
            credits=cmd.credits,
            grade_scale=cmd.grade_scale,
            grade_bands=cmd.grade_bands,
        )
        await u.course.save_requirement(requirement)
        u.emit(*(integration_event(e) for e in requirement.pull_events()))
        await u.commit()
    return requirement


async def list_requirements(principal: Principal, *, uow: UowFactory) -> list[ProgrammeRequirement]:
    """The school's own requirements (every staff member of the school may read them); nobody else has any."""
    if principal.org_kind != "school":
        return []
    async with uow() as u:
        return await u.course.requirements(principal.org)


async def amend_placement(
    placement_id: uuid.UUID,
    cmd: AmendPlacement,
    principal: Principal,
    *,
    uow: UowFactory,
    clock: Clock = utc_clock,
    compliance: CompliancePolicy = CompliancePolicy.CN_VOCATIONAL_2021,
) -> Placement:
    """The school changes a placement's dates or course fields before it starts (requested or confirmed). The
    tripartite agreement's document follows the placement's data: a change it shows voids its signatures and
    renders a new version (handlers/documents.refresh_document)."""
    if not cmd.changes:
        raise InvalidInput("nothing to change", errors=[FieldError("body", "name at least one field to change")])
    async with uow() as u:
        found, _ = policy.visible_placement(await u.placements.get(placement_id), principal)
        policy.manager(principal, "school")
        # Booking's lock order: the student's locks, then the placement's row.
        await u.course.lock_student(found.school_org, found.student_ref)
        placement, _ = policy.visible_placement(await u.placements.get(placement_id, for_update=True), principal)
        position = await u.positions.get(placement.position_id)
        agreement = await u.agreements.get(placement.agreement_id)
        if agreement is None:
            raise NotFound("no such placement")
        event = amend(
            placement,
            cmd.changes,
            term=(position.starts_on, position.ends_on),
            agreement_valid=(agreement.valid_from, agreement.valid_to),
            by=principal.sub,
            by_org=principal.org,
        )
        if event is None:
            return placement
        if await u.course.overlaps(
            placement.id, placement.school_org, placement.student_ref, placement.starts_on, placement.ends_on
        ):
            raise OverlappingAmendment("the student holds another current placement overlapping those dates")
        await u.placements.save(placement)
        u.emit(integration_event(event))
        await refresh_document(u, placement, compliance=compliance, clock=clock)
        await u.commit()
    return placement


async def placement_progress(placement_id: uuid.UUID, principal: Principal, *, uow: UowFactory) -> PlacementProgress:
    async with uow() as u:
        placement, _ = policy.visible_placement(await u.placements.get(placement_id), principal)
        progress = PlacementProgress(placement, await milestones.progress_of(u, placement))
        await audited_read(u, placement, principal, "progress")
        await u.commit()
    return progress
