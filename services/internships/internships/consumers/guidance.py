"""guidance.recorded (durable `internships-guidance`): every guidance session of placements and of project teams,
kept once for the partnership value ledger's guidance minutes and the base tiers' on-site guidance
(adapters/guidance.py)."""

from __future__ import annotations

from internships.domain import guidance
from internships.domain.mentoring import SIDES
from internships.handlers.guidance import record_guidance
from praxis.events.v1 import guidance_pb2
from praxis_common.consumer import Subscription
from praxis_common.errors import InvalidInput
from praxis_common.event_fields import MAX_REF_LENGTH, day_of, one_of, org_of, uuid_of, when
from praxis_common.events import ReceivedEvent
from praxis_common.uow import UowFactory

GUIDANCE_DURABLE = "internships-guidance"
GUIDANCE_RECORDED = "praxis.mentors.guidance.recorded.v1"


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
        session_id=uuid_of(event, "session_id", e.session_id),
        context_kind=one_of(event, "context_kind", e.context_kind, guidance.CONTEXT_KINDS),
        context_id=e.context_id,
        side=one_of(event, "side", e.side, SIDES),
        school_org=org_of(event, e.school_org),
        enterprise_org=org_of(event, e.enterprise_org),
        student_ref=e.student_ref,
        mode=one_of(event, "mode", e.mode, guidance.MODES),
        minutes=e.minutes,
        held_on=day_of(event, "held_on", e.held_on),
        recorded_at=when(e.recorded_at),
    )
    await record_guidance(guidance.RecordGuidance(record), uow=uow)


def subscription() -> Subscription:
    return Subscription(
        durable=GUIDANCE_DURABLE, source="mentors", topics=["mentors.guidance.recorded"], handler=apply_guidance_event
    )


# ---- the partnership value ledger
