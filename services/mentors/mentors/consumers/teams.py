"""The events this service listens to from projects: a team formed → open mentoring for the team; the team
dissolved or its project completed → close it.

A team is one mentoring context (kind `project`, id = the team id) with one school-side and one enterprise-side
assignment, found and capacity-checked by the same `open_mentoring` as a placement's; the context lists the
team's students as its members, so every member is mentored by the pair. Applied once per event id through the
inbox (durable `mentors-project-teams`); a replayed `formed` opens nothing, and a `completed` / `dissolved`
that overtakes its `formed` is remembered so the late `formed` opens nothing either.
"""

from __future__ import annotations

from datetime import datetime

from mentors.consumers import mentoring_subscription
from mentors.domain.assignments import ContextKind, ContextStatus, MentoringContext, team_ref
from mentors.domain.mentors import normalise_tags
from mentors.handlers.assignments import CloseMentoring, OpenMentoring
from praxis.events.v1 import projects_pb2
from praxis_common.consumer import Subscription
from praxis_common.errors import InvalidInput
from praxis_common.events import ReceivedEvent, payload_date, payload_time
from praxis_common.uow import Clock, utc_clock

OPENING = "formed"
CLOSING = ("completed", "dissolved")
DURABLE = "mentors-project-teams"
MAX_MEMBERS = 50


def event_type(kind: str) -> str:
    return f"praxis.projects.team.{kind}.v1"


def command_of(event: ReceivedEvent, *, now: datetime) -> OpenMentoring | CloseMentoring | None:
    """The command the team event maps to (open or close the team's mentoring context), or None for events not
    ours. A payload that can never apply raises InvalidInput (the consumer dead-letters it)."""
    kind = next((k for k in (OPENING, *CLOSING) if event.type == event_type(k)), None)
    if kind is None:
        return None
    e = event.parse(projects_pb2.TeamChanged)
    for name in ("team_id", "school_org", "enterprise_org"):
        value = getattr(e, name)
        if not value or len(value) > 64:
            raise InvalidInput(f"event {event.id}: {name} must be 1 to 64 characters")
    members = sorted(set(e.members))
    if kind == OPENING and not members:
        raise InvalidInput(f"event {event.id}: a formed team has members")
    if len(members) > MAX_MEMBERS or any(not m or len(m) > 128 for m in members):
        raise InvalidInput(f"event {event.id}: members must be at most {MAX_MEMBERS} refs of 1 to 128 characters")
    competencies = normalise_tags(list(e.competencies))
    if any(len(c) > 64 for c in competencies):
        raise InvalidInput(f"event {event.id}: over-long competency")
    ended = kind in CLOSING
    at = payload_time(e.occurred_at) or now
    context = MentoringContext(
        kind=ContextKind.PROJECT,
        id=e.team_id,
        school_org=e.school_org,
        enterprise_org=e.enterprise_org,
        student_ref=team_ref(e.team_id),
        opened_at=now,
        starts_on=payload_date(e.starts_on),
        ends_on=payload_date(e.ends_on),
        competencies=competencies,
        status=ContextStatus.ENDED if ended else ContextStatus.OPEN,
        ended_at=at if ended else None,
        end_reason=kind if ended else None,
        members=members,
    )
    return CloseMentoring(context) if ended else OpenMentoring(context)


def subscription(clock: Clock = utc_clock) -> Subscription:
    return mentoring_subscription(
        DURABLE, "projects", [f"projects.team.{k}" for k in (OPENING, *CLOSING)], command_of, clock=clock
    )
