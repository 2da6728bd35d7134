"""The events this service listens to: internships' placement events → open or close mentoring.

placement.confirmed opens mentoring for the placement (a school-side and an enterprise-side assignment);
placement.completed / withdrawn / terminated / expired close it and release the mentors' seats. Other
placement events (requested, rejected, started) change nothing here.

Applied exactly once per event id through the kernel's inbox (durable `mentors-placements`); beyond that,
the mentoring context's key makes a replayed `confirmed` (even under a new event id) open nothing, and an
`ended` that overtakes its `confirmed` is remembered so the late `confirmed` opens nothing either.
"""

from __future__ import annotations

from datetime import datetime

from mentors.consumers import mentoring_subscription
from mentors.domain.assignments import ContextKind, ContextStatus, MentoringContext
from mentors.domain.mentors import normalise_tags
from mentors.handlers.assignments import CloseMentoring, OpenMentoring
from praxis.events.v1 import placements_pb2
from praxis_common.consumer import Subscription
from praxis_common.errors import InvalidInput
from praxis_common.events import ReceivedEvent, payload_date, payload_time
from praxis_common.uow import Clock, utc_clock

OPENING = "confirmed"
CLOSING = ("completed", "withdrawn", "terminated", "expired")
DURABLE = "mentors-placements"


def event_type(kind: str) -> str:
    return f"praxis.internships.placement.{kind}.v1"


def command_of(event: ReceivedEvent, *, now: datetime) -> OpenMentoring | CloseMentoring | None:
    """The command the placement event maps to (open or close the mentoring context it describes), or None for
    events not ours.
    A payload that can never apply raises InvalidInput (the consumer dead-letters it)."""
    kind = next((k for k in (OPENING, *CLOSING) if event.type == event_type(k)), None)
    if kind is None:
        return None
    e = event.parse(placements_pb2.PlacementChanged)
    for name, most in (("placement_id", 64), ("school_org", 64), ("enterprise_org", 64), ("student_ref", 128)):
        value = getattr(e, name)
        if not value or len(value) > most:
            raise InvalidInput(f"event {event.id}: {name} must be 1 to {most} characters")
    competencies = normalise_tags(list(e.position_competencies))
    languages = normalise_tags(list(e.student_languages))
    if any(len(c) > 64 for c in competencies) or any(len(lang) > 32 for lang in languages) or len(e.position_id) > 64:
        raise InvalidInput(f"event {event.id}: over-long competency, language or position id")
    ended = kind in CLOSING
    at = payload_time(e.occurred_at) or now
    context = MentoringContext(
        kind=ContextKind.PLACEMENT,
        id=e.placement_id,
        school_org=e.school_org,
        enterprise_org=e.enterprise_org,
        student_ref=e.student_ref,
        opened_at=now,
        position_id=e.position_id or None,
        starts_on=payload_date(e.starts_on),
        ends_on=payload_date(e.ends_on),
        competencies=competencies,
        languages=languages,
        status=ContextStatus.ENDED if ended else ContextStatus.OPEN,
        ended_at=at if ended else None,
        end_reason=kind if ended else None,
    )
    return CloseMentoring(context) if ended else OpenMentoring(context)


def subscription(clock: Clock = utc_clock) -> Subscription:
    return mentoring_subscription(
        DURABLE, "internships", [f"internships.placement.{k}" for k in (OPENING, *CLOSING)], command_of, clock=clock
    )
