"""The events this service listens to: the mentors service's assignments and mentors → who reviews logbooks.

mentor.assigned / released (of placements; project teams are not ours) keep which mentor each side's assignment
of a placement holds; mentor.assigned and mentor.updated keep the account each mentor signs in with. A logbook
week is then approved by the placement's assigned enterprise mentor, matched by the token's `sub`
(handlers/logbooks.py), with no call to the mentors service. Applied once per event id through the kernel's inbox
(durable `internships-mentors`); the read model itself tolerates replays and reordering (adapters/mentoring.py).

guidance.recorded (durable `internships-guidance`) keeps every guidance session, of placements and of project teams,
for the partnership value ledger's guidance minutes (adapters/guidance.py); a session is kept once.

The rest of the value ledger is kept from events too (durable `internships-ledger` on this service's own stream:
placement.*, logbook.approved, hire.recorded, position.published; durable `internships-ledger-projects` on the
projects service's: team.completed, project.published), never by the use cases that change placements or hires:
adapters/outcomes.py LedgerRepository.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation

from internships.domain import guidance, outcomes
from internships.domain.mentoring import SIDES, Assignment, RecordAssigned, RecordMentorAccount, RecordReleased
from internships.handlers import mentoring
from internships.handlers.guidance import record_guidance
from internships.handlers.outcomes import record_ledger_fact
from praxis.events.v1 import guidance_pb2, mentors_pb2, outcomes_pb2, placements_pb2, projects_pb2
from praxis_common.auth import MAX_ORG_LENGTH, MAX_SUB_LENGTH
from praxis_common.consumer import Subscription
from praxis_common.errors import InvalidInput
from praxis_common.events import ReceivedEvent, payload_time
from praxis_common.uow import UowFactory
from praxis_common.validation import parse_uuid

MAX_NAME_LENGTH = 200  # mentor_account.display_name

DURABLE = "internships-mentors"
ASSIGNED = "praxis.mentors.mentor.assigned.v1"
RELEASED = "praxis.mentors.mentor.released.v1"
UPDATED = "praxis.mentors.mentor.updated.v1"
GUIDANCE_DURABLE = "internships-guidance"
GUIDANCE_RECORDED = "praxis.mentors.guidance.recorded.v1"
MAX_REF_LENGTH = 128  # guidance_record.student_ref


def _uuid(event: ReceivedEvent, name: str, value: str) -> uuid.UUID:
    return parse_uuid(value, f"event {event.id}: {name}")


def _org(event: ReceivedEvent, value: str) -> str:
    if not value or len(value) > MAX_ORG_LENGTH:
        raise InvalidInput(f"event {event.id}: org must be 1 to {MAX_ORG_LENGTH} characters")
    return value


def _when(value: str) -> datetime:
    return payload_time(value) or datetime.now(UTC)


async def apply_mentors_event(event: ReceivedEvent, uow: UowFactory) -> None:
    """Map the event to its command and run it (the consumer's unit is joined by the use case)."""
    if event.type == UPDATED:
        e = event.parse(mentors_pb2.MentorUpdated)
        await mentoring.record_mentor_account(
            RecordMentorAccount(
                mentor_id=_uuid(event, "mentor_id", e.mentor_id),
                org=_org(event, e.org),
                account=e.account[:MAX_SUB_LENGTH] or None,
                version=e.version,
                display_name=e.display_name[:MAX_NAME_LENGTH] or None,
            ),
            uow=uow,
        )
        return
    if event.type not in (ASSIGNED, RELEASED):
        return
    e = event.parse(mentors_pb2.MentorAssigned if event.type == ASSIGNED else mentors_pb2.MentorReleased)
    a = e.assignment
    if a.context_kind != "placement":
        return  # a project team's mentors: the projects service's business
    if a.side not in SIDES:
        raise InvalidInput(f"event {event.id}: side must be school or enterprise")
    assignment = Assignment(
        assignment_id=_uuid(event, "assignment_id", a.assignment_id),
        placement_id=_uuid(event, "context_id", a.context_id),
        side=a.side,
        org=_org(event, a.org),
    )
    mentor_id = _uuid(event, "mentor_id", e.mentor_id) if e.mentor_id else None
    if event.type == RELEASED:
        await mentoring.record_released(
            RecordReleased(assignment, mentor_id=mentor_id, ended_at=_when(e.ended_at)), uow=uow
        )
        return
    if mentor_id is None:
        raise InvalidInput(f"event {event.id}: an assignment names its mentor")
    account = RecordMentorAccount(
        mentor_id=mentor_id,
        org=a.org,
        account=e.mentor_account[:MAX_SUB_LENGTH] or None,
        version=e.mentor_version,
        display_name=e.mentor_name[:MAX_NAME_LENGTH] or None,
    )
    await mentoring.record_assigned(
        RecordAssigned(assignment, mentor_id=mentor_id, assigned_at=_when(e.assigned_at), account=account), uow=uow
    )


def subscription() -> Subscription:
    return Subscription(
        durable=DURABLE,
        source="mentors",
        topics=["mentors.mentor.assigned", "mentors.mentor.released", "mentors.mentor.updated"],
        handler=apply_mentors_event,
    )


def _one_of(event: ReceivedEvent, name: str, value: str, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise InvalidInput(f"event {event.id}: {name} must be one of {', '.join(allowed)}")
    return value


def _date(event: ReceivedEvent, name: str, value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InvalidInput(f"event {event.id}: {name} must be an ISO date") from None


async def apply_guidance_event(event: ReceivedEvent, uow: UowFactory) -> None:
    """A guidance session of a placement or a project team -> kept for the value ledger."""
    if event.type != GUIDANCE_RECORDED:
        return
    e = event.parse(guidance_pb2.GuidanceRecorded)
    if not 1 <= e.minutes <= guidance.MAX_MINUTES:
        raise InvalidInput(f"event {event.id}: minutes must be between 1 and {guidance.MAX_MINUTES}")
    if not e.context_id or len(e.context_id) > 64:
        raise InvalidInput(f"event {event.id}: context_id must be 1 to 64 characters")
    if not e.student_ref or len(e.student_ref) > MAX_REF_LENGTH:
        raise InvalidInput(f"event {event.id}: student_ref must be 1 to {MAX_REF_LENGTH} characters")
    record = guidance.GuidanceRecord(
        session_id=_uuid(event, "session_id", e.session_id),
        context_kind=_one_of(event, "context_kind", e.context_kind, guidance.CONTEXT_KINDS),
        context_id=e.context_id,
        side=_one_of(event, "side", e.side, SIDES),
        school_org=_org(event, e.school_org),
        enterprise_org=_org(event, e.enterprise_org),
        student_ref=e.student_ref,
        mode=_one_of(event, "mode", e.mode, guidance.MODES),
        minutes=e.minutes,
        held_on=_date(event, "held_on", e.held_on),
        recorded_at=_when(e.recorded_at),
    )
    await record_guidance(guidance.RecordGuidance(record), uow=uow)


def guidance_subscription() -> Subscription:
    return Subscription(
        durable=GUIDANCE_DURABLE, source="mentors", topics=["mentors.guidance.recorded"], handler=apply_guidance_event
    )


# ---- the partnership value ledger

LEDGER_DURABLE = "internships-ledger"
LEDGER_PROJECTS_DURABLE = "internships-ledger-projects"
PLACEMENT_KINDS = ("requested", "confirmed", "rejected", "started", "completed", "withdrawn", "terminated", "expired")
PLACEMENT_STATUSES = ("requested", "confirmed", "rejected", "active", "completed", "withdrawn", "terminated", "expired")
MAX_ID_LENGTH = 64  # a team's or project's id as the ledger keeps it


def _text(event: ReceivedEvent, name: str, value: str, most: int) -> str:
    if not value or len(value) > most:
        raise InvalidInput(f"event {event.id}: {name} must be 1 to {most} characters")
    return value


def _decimal(event: ReceivedEvent, name: str, value: str) -> Decimal:
    try:
        found = Decimal(value)
    except InvalidOperation:
        raise InvalidInput(f"event {event.id}: {name} must be a decimal") from None
    if not found.is_finite() or not 0 <= found < 100_000:
        raise InvalidInput(f"event {event.id}: {name} must be between 0 and 99999")
    return found


def _tags(values) -> list[str]:
    return sorted({t for t in values if t and len(t) <= 64})


def _ledger_fact(event: ReceivedEvent) -> outcomes.LedgerFact | None:
    kind = event.type.removeprefix("praxis.internships.").removesuffix(".v1")
    if kind in (f"placement.{k}" for k in PLACEMENT_KINDS):
        e = event.parse(placements_pb2.PlacementChanged)
        return outcomes.LedgerPlacement(
            placement_id=_uuid(event, "placement_id", e.placement_id),
            agreement_id=_uuid(event, "agreement_id", e.agreement_id),
            school_org=_org(event, e.school_org),
            enterprise_org=_org(event, e.enterprise_org),
            student_ref=_text(event, "student_ref", e.student_ref, MAX_REF_LENGTH),
            cohort=e.cohort[:16] or None,
            competencies=_tags(e.position_competencies),
            status=_one_of(event, "status", e.status, PLACEMENT_STATUSES),
            starts_on=_date(event, "starts_on", e.starts_on),
            ends_on=_date(event, "ends_on", e.ends_on),
        )
    if kind == "logbook.approved":
        e = event.parse(placements_pb2.LogbookApproved)
        return outcomes.ApprovedWeek(
            placement_id=_uuid(event, "placement_id", e.placement_id),
            week_start=_date(event, "week_start", e.week_start),
            core_hours=_decimal(event, "core_hours", e.core_hours),
            total_hours=_decimal(event, "total_hours", e.total_hours),
            approved_at=_when(e.approved_at),
        )
    if kind == "hire.recorded":
        e = event.parse(outcomes_pb2.HireRecorded)
        return outcomes.LedgerHire(
            hire_id=_uuid(event, "hire_id", e.hire_id),
            agreement_id=_uuid(event, "agreement_id", e.agreement_id),
            placement_id=_uuid(event, "placement_id", e.placement_id) if e.placement_id else None,
            school_org=_org(event, e.school_org),
            enterprise_org=_org(event, e.enterprise_org),
            student_ref=_text(event, "student_ref", e.student_ref, MAX_REF_LENGTH),
            kind=_one_of(event, "kind", e.kind, tuple(k.value for k in outcomes.HireKind)),
            on=_date(event, "on", e.on),
        )
    if kind == "position.published":
        e = event.parse(placements_pb2.PositionChanged)
        return outcomes.Demand(
            source=f"position:{_uuid(event, 'position_id', e.position_id)}",
            enterprise_org=_org(event, e.enterprise_org),
            competencies=_tags(e.competencies),
            year=_date(event, "starts_on", e.starts_on).year,
        )
    if event.type == "praxis.projects.project.published.v1":
        e = event.parse(projects_pb2.ProjectPublished)
        return outcomes.Demand(
            source=f"project:{_text(event, 'project_id', e.project_id, MAX_ID_LENGTH)}",
            enterprise_org=_org(event, e.enterprise_org),
            competencies=_tags(e.competencies),
            year=_date(event, "starts_on", e.starts_on).year,
        )
    if event.type == "praxis.projects.team.completed.v1":
        e = event.parse(projects_pb2.TeamChanged)
        return outcomes.CompletedTeam(
            team_id=_text(event, "team_id", e.team_id, MAX_ID_LENGTH),
            project_id=_text(event, "project_id", e.project_id, MAX_ID_LENGTH),
            school_org=_org(event, e.school_org),
            enterprise_org=_org(event, e.enterprise_org),
            completed_on=_when(e.occurred_at).date(),
        )
    return None  # another event of the subjects listened to (e.g. placement.graded): not a ledger figure


async def apply_ledger_event(event: ReceivedEvent, uow: UowFactory) -> None:
    fact = _ledger_fact(event)
    if fact is not None:
        await record_ledger_fact(fact, uow=uow)


def ledger_subscriptions() -> list[Subscription]:
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
