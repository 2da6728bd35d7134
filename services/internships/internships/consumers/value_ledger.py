"""The partnership value ledger, kept from events only, never by the use cases that change placements or hires
(adapters/outcomes.py LedgerRepository): durable `internships-ledger` on this service's own stream (placement.*,
logbook.approved, hire.recorded, position.published) and durable `internships-ledger-projects` on the projects
service's (team.completed, project.published)."""

from __future__ import annotations

from decimal import Decimal

from internships.domain import outcomes
from internships.handlers.outcomes import record_ledger_fact
from praxis.events.v1 import outcomes_pb2, placements_pb2, projects_pb2
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
    when,
)
from praxis_common.events import ReceivedEvent
from praxis_common.uow import UowFactory

MAX_HOURS = Decimal(99_999)

LEDGER_DURABLE = "internships-ledger"
LEDGER_PROJECTS_DURABLE = "internships-ledger-projects"
PLACEMENT_KINDS = ("requested", "confirmed", "rejected", "started", "completed", "withdrawn", "terminated", "expired")
PLACEMENT_STATUSES = ("requested", "confirmed", "rejected", "active", "completed", "withdrawn", "terminated", "expired")
MAX_ID_LENGTH = 64  # a team's or project's id as the ledger keeps it


def _ledger_fact(event: ReceivedEvent) -> outcomes.LedgerFact | None:
    kind = event.type.removeprefix("praxis.internships.").removesuffix(".v1")
    if kind in (f"placement.{k}" for k in PLACEMENT_KINDS):
        e = event.parse(placements_pb2.PlacementChanged)
        return outcomes.LedgerPlacement(
            placement_id=uuid_of(event, "placement_id", e.placement_id),
            agreement_id=uuid_of(event, "agreement_id", e.agreement_id),
            school_org=org_of(event, e.school_org),
            enterprise_org=org_of(event, e.enterprise_org),
            student_ref=text_of(event, "student_ref", e.student_ref, MAX_REF_LENGTH),
            cohort=e.cohort[:16] or None,
            competencies=tags(e.position_competencies),
            status=one_of(event, "status", e.status, PLACEMENT_STATUSES),
            starts_on=day_of(event, "starts_on", e.starts_on),
            ends_on=day_of(event, "ends_on", e.ends_on),
        )
    if kind == "logbook.approved":
        e = event.parse(placements_pb2.LogbookApproved)
        return outcomes.ApprovedWeek(
            placement_id=uuid_of(event, "placement_id", e.placement_id),
            week_start=day_of(event, "week_start", e.week_start),
            core_hours=decimal_of(event, "core_hours", e.core_hours, most=MAX_HOURS),
            total_hours=decimal_of(event, "total_hours", e.total_hours, most=MAX_HOURS),
            approved_at=when(e.approved_at),
        )
    if kind == "hire.recorded":
        e = event.parse(outcomes_pb2.HireRecorded)
        return outcomes.LedgerHire(
            hire_id=uuid_of(event, "hire_id", e.hire_id),
            agreement_id=uuid_of(event, "agreement_id", e.agreement_id),
            placement_id=uuid_of(event, "placement_id", e.placement_id) if e.placement_id else None,
            school_org=org_of(event, e.school_org),
            enterprise_org=org_of(event, e.enterprise_org),
            student_ref=text_of(event, "student_ref", e.student_ref, MAX_REF_LENGTH),
            kind=one_of(event, "kind", e.kind, tuple(k.value for k in outcomes.HireKind)),
            on=day_of(event, "on", e.on),
        )
    if kind == "position.published":
        e = event.parse(placements_pb2.PositionChanged)
        return outcomes.Demand(
            source=f"position:{uuid_of(event, 'position_id', e.position_id)}",
            enterprise_org=org_of(event, e.enterprise_org),
            competencies=tags(e.competencies),
            year=day_of(event, "starts_on", e.starts_on).year,
        )
    if event.type == "praxis.projects.project.published.v1":
        e = event.parse(projects_pb2.ProjectPublished)
        return outcomes.Demand(
            source=f"project:{text_of(event, 'project_id', e.project_id, MAX_ID_LENGTH)}",
            enterprise_org=org_of(event, e.enterprise_org),
            competencies=tags(e.competencies),
            year=day_of(event, "starts_on", e.starts_on).year,
        )
    if event.type == "praxis.projects.team.completed.v1":
        e = event.parse(projects_pb2.TeamChanged)
        return outcomes.CompletedTeam(
            team_id=text_of(event, "team_id", e.team_id, MAX_ID_LENGTH),
            project_id=text_of(event, "project_id", e.project_id, MAX_ID_LENGTH),
            school_org=org_of(event, e.school_org),
            enterprise_org=org_of(event, e.enterprise_org),
            completed_on=when(e.occurred_at).date(),
        )
    return None  # another event of the subjects listened to (e.g. placement.graded): not a ledger figure


async def apply_ledger_event(event: ReceivedEvent, uow: UowFactory) -> None:
    fact = _ledger_fact(event)
    if fact is not None:
        await record_ledger_fact(fact, uow=uow)


def subscriptions() -> list[Subscription]:
    return [
        Subscription(
            durable=LEDGER_DURABLE,
            source="internships",
            topics=[
                "internships.placement.>",
                "internships.logbook.approved",
                "internships.hire.recorded",
                "internships.position.published",
            ],
            handler=apply_ledger_event,
        ),
        Subscription(
            durable=LEDGER_PROJECTS_DURABLE,
            source="projects",
            topics=["projects.team.completed", "projects.project.published"],
            handler=apply_ledger_event,
        ),
    ]
