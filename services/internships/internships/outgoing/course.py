"""The course: amendments, programme requirements, the hours milestones (domain/course.py, domain/amendments.py)."""

from __future__ import annotations

from internships.domain.amendments import PlacementAmended
from internships.domain.course import EndedShort, HoursReached, RequirementSet
from internships.outgoing import _event, integration_event, placement_parties
from praxis.events.v1 import (
    course_pb2,
)
from praxis_common.events import IntegrationEvent


@integration_event.register
def _(event: PlacementAmended, **context) -> IntegrationEvent:
    p = event.placement
    return _event(
        "placement.amended",
        "placement",
        p.id,
        course_pb2.PlacementAmended(
            **placement_parties(p),
            changes=[
                course_pb2.FieldChange(field=name, before=before or "", after=after or "")
                for name, (before, after) in event.changes.items()
            ],
            amended_by=event.by,
            starts_on=p.starts_on.isoformat(),
            ends_on=p.ends_on.isoformat(),
            internship_type=p.internship_type,
            organisation_form=p.organisation_form,
            internship_mode=p.internship_mode,
            cohort=p.cohort or "",
        ),
    )


@integration_event.register
def _(event: RequirementSet, **context) -> IntegrationEvent:
    r = event.requirement
    return _event(
        "programme_requirement.set",
        "programme_requirement",
        r.id,
        course_pb2.ProgrammeRequirementSet(
            requirement_id=str(r.id),
            school_org=r.school_org,
            internship_type=r.internship_type.value,
            cohort=r.cohort or "",
            required_hours=str(r.required_hours),
            min_weeks=r.min_weeks,
            min_weekly_reports=r.min_weekly_reports,
            set_at=r.set_at.isoformat(),
            set_by=r.set_by,
            pass_mark=str(r.pass_mark),
            credits=str(r.credits),
            grade_scale=r.grade_scale,
            grade_bands=[course_pb2.GradeBand(grade=b.grade, min_total=str(b.min_total)) for b in r.bands],
        ),
    )


@integration_event.register
def _(event: HoursReached, **context) -> IntegrationEvent:
    p = event.placement
    return _event(
        "placement.hours_reached",
        "placement",
        p.id,
        course_pb2.PlacementHoursReached(
            **placement_parties(p),
            milestone=event.milestone,
            approved_hours=str(event.approved_hours),
            required_hours=str(event.required_hours),
        ),
    )


@integration_event.register
def _(event: EndedShort, **context) -> IntegrationEvent:
    p, progress = event.placement, event.progress
    required = progress.requirement
    return _event(
        "placement.ended_short",
        "placement",
        p.id,
        course_pb2.PlacementEndedShort(
            **placement_parties(p),
            status=p.status.value,
            internship_type=p.internship_type,
            cohort=p.cohort or "",
            approved_hours=str(progress.approved_hours),
            required_hours=str(required.required_hours) if required else "",
            approved_weeks=progress.approved_weeks,
            min_weeks=required.min_weeks if required else 0,
            short_of=progress.short_of,
        ),
    )
