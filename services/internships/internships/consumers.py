"""The events this service listens to: the mentors service's assignments and mentors → who reviews logbooks.

mentor.assigned / released (of placements; project teams are not ours) keep which mentor each side's assignment
of a placement holds; mentor.assigned and mentor.updated keep the account each mentor signs in with. A logbook
week is then approved by the placement's assigned enterprise mentor, matched by the token's `sub`
(handlers/logbooks.py), with no call to the mentors service. Applied once per event id through the kernel's inbox
(durable `internships-mentors`); the read model itself tolerates replays and reordering (adapters/mentoring.py).

guidance.recorded (durable `internships-guidance`) keeps every guidance session, of placements and of project teams,
for the partnership value ledger's guidance minutes (adapters/guidance.py); a session is kept once.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

from internships.domain import guidance
from internships.domain.mentoring import SIDES, Assignment, RecordAssigned, RecordMentorAccount, RecordReleased
from internships.handlers import mentoring
from internships.handlers.guidance import record_guidance
from praxis.events.v1 import guidance_pb2, mentors_pb2
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
