"""A placement's progress inside another use case's unit of work: the hours milestones when a logbook week is approved
(handlers/logbooks.py) and the shortfall when a placement ends (handlers/placements.apply_change)."""

from __future__ import annotations

from decimal import Decimal

from internships.domain.course import (
    DEFAULT_PASS_MARK,
    InternshipType,
    ProgrammeRequirement,
    Progress,
    applicable,
    ended_short,
    progress,
    record_hours,
)
from internships.domain.logbooks import WeekStatus
from internships.domain.placements import Placement
from internships.outgoing import integration_event


async def requirement_of(u, placement: Placement) -> ProgrammeRequirement | None:
    """The programme requirement of the placement: its cohort's, else its type's default, else None."""
    kind = InternshipType(placement.internship_type)
    return applicable(await u.course.requirements(placement.school_org, kind), kind, placement.cohort)


def pass_mark_of(requirement: ProgrammeRequirement | None) -> Decimal:
    """The pass mark a placement is judged on: its programme requirement's, else the default (60)."""
    return requirement.pass_mark if requirement else DEFAULT_PASS_MARK


async def progress_of(u, placement: Placement) -> Progress:
    """The placement's progress as the unit sees it now."""
    requirement = await requirement_of(u, placement)
    approved = [w for w in await u.logbooks.weeks(placement.id) if w.status is WeekStatus.APPROVED]
    return progress(
        placement,
        requirement,
        approved_hours=sum((w.total_hours for w in approved), Decimal(0)),
        approved_weeks=len(approved),
        weekly_reports=await u.weekly_reports.count_accepted(placement.id),  # what the programme's minimum counts
    )


async def hours_approved(u, placement: Placement) -> None:
    """After a week's approval, with the placement locked (FOR UPDATE, so two approvals take turns): the placement
    moves its hours milestone and emits placement.hours_reached for each milestone passed, once."""
    now = await progress_of(u, placement)
    reached = record_hours(placement, now.requirement, now.approved_hours)
    if reached:
        await u.placements.save(placement)
        u.emit(*(integration_event(e) for e in reached))


async def placement_ended(u, placement: Placement) -> None:
    """After a placement completed or was terminated: placement.ended_short when it is below its requirement."""
    event = ended_short(placement, await progress_of(u, placement))
    if event is not None:
        u.emit(integration_event(event))
