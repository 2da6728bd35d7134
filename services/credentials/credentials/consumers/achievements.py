"""Achievements from events, each mapped to its fact and applied by handlers/facts.py: internships' placement.graded
(the latest revision stands; an amended grade takes a live credential back), placement.requested (the position's
competencies), logbook.approved (a week's hours) and organisation.profile_updated (names); projects' credit.awarded
(a passed project). Durables `credentials-internships` and `credentials-projects`."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from credentials.domain.issuance import Passed
from credentials.domain.open_badges import Kind
from credentials.handlers import facts
from praxis.events.v1 import grades_pb2, organisations_pb2, placements_pb2, projects_pb2
from praxis_common.consumer import Subscription
from praxis_common.event_fields import (
    MAX_REF_LENGTH,
    day_of,
    decimal_of,
    one_of,
    org_of,
    tags,
    text_of,
    uuid_of,
)
from praxis_common.events import ReceivedEvent, payload_time
from praxis_common.uow import UowFactory

GRADED = "praxis.internships.placement.graded.v1"
REQUESTED = "praxis.internships.placement.requested.v1"
APPROVED = "praxis.internships.logbook.approved.v1"
PROFILE = "praxis.internships.organisation.profile_updated.v1"
CREDIT = "praxis.projects.credit.awarded.v1"
MAX_HOURS = Decimal(168)  # a week's
MAX_SCORE = Decimal(100)
MAX_CREDITS = Decimal(1000)


def _optional_day(event: ReceivedEvent, name: str, value: str):
    return day_of(event, name, value[:10]) if value else None


async def apply_internships_event(event: ReceivedEvent, uow: UowFactory) -> None:
    if event.type == GRADED:
        e = event.parse(grades_pb2.PlacementGraded)
        placement = Passed(
            kind=Kind.PLACEMENT,
            source_id=str(uuid_of(event, "placement_id", e.placement_id)),
            school_org=org_of(event, e.school_org),
            enterprise_org=org_of(event, e.enterprise_org),
            student_ref=text_of(event, "student_ref", e.student_ref, MAX_REF_LENGTH),
            title=text_of(event, "position_title", e.position_title, 500),
            passed=e.passed,
            credits=decimal_of(event, "credits", e.credits, most=MAX_CREDITS),
            revision=max(e.revision, 1),
            grade=e.grade[:16],
            total=decimal_of(event, "total", e.total, most=MAX_SCORE) if e.total else None,
            internship_type=e.internship_type[:32],
            programme=e.cohort[:200],
            starts_on=_optional_day(event, "starts_on", e.starts_on),
            ends_on=_optional_day(event, "ends_on", e.ends_on),
        )
        at = payload_time(e.graded_at) or datetime.now(UTC)
        await facts.record_passed(placement, updated_at=at, reason=e.reason[:300], uow=uow)
    elif event.type == REQUESTED:
        e = event.parse(placements_pb2.PlacementChanged)
        placement_id = str(uuid_of(event, "placement_id", e.placement_id))
        await facts.record_competencies(placement_id, tags(e.position_competencies), uow=uow)
    elif event.type == APPROVED:
        e = event.parse(placements_pb2.LogbookApproved)
        await facts.record_week(
            str(uuid_of(event, "placement_id", e.placement_id)),
            day_of(event, "week_start", e.week_start),
            decimal_of(event, "total_hours", e.total_hours, most=MAX_HOURS),
            decimal_of(event, "core_hours", e.core_hours, most=MAX_HOURS),
            uow=uow,
        )
    elif event.type == PROFILE:
        e = event.parse(organisations_pb2.OrganisationProfileUpdated)
        await facts.record_organisation(
            org_of(event, e.org),
            one_of(event, "kind", e.kind, ("school", "enterprise")),
            e.name_zh[:200],
            e.name_en[:200],
            max(e.version, 0),
            uow=uow,
        )


async def apply_projects_event(event: ReceivedEvent, uow: UowFactory) -> None:
    if event.type != CREDIT:
        return
    e = event.parse(projects_pb2.CreditAwarded)
    awarded = day_of(event, "awarded_on", e.awarded_on[:10])
    project = Passed(
        kind=Kind.PROJECT,
        source_id=str(uuid_of(event, "credit_id", e.credit_id)),
        school_org=org_of(event, e.school_org),
        enterprise_org=org_of(event, e.enterprise_org),
        student_ref=text_of(event, "student_ref", e.student_ref, MAX_REF_LENGTH),
        title=text_of(event, "project_title", e.project_title, 500),
        passed=True,  # projects award credit only to those who passed
        credits=decimal_of(event, "credits", e.credits, most=MAX_CREDITS),
        total=decimal_of(event, "score", e.score, most=MAX_SCORE) if e.score else None,
        ends_on=awarded,
    )
    await facts.record_passed(
        project, updated_at=datetime(awarded.year, awarded.month, awarded.day, tzinfo=UTC), uow=uow
    )


def subscriptions() -> list[Subscription]:
    return [
        Subscription(
            durable="credentials-internships",
            source="internships",
            topics=[
                "internships.placement.graded",
                "internships.placement.requested",
                "internships.logbook.approved",
                "internships.organisation.profile_updated",
            ],
            handler=apply_internships_event,
        ),
        Subscription(
            durable="credentials-projects",
            source="projects",
            topics=["projects.credit.awarded"],
            handler=apply_projects_event,
        ),
    ]
