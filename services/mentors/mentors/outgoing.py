"""Domain events of the mentors service → integration events (praxis.events.v1 payloads in mentors.proto)."""

from __future__ import annotations

from datetime import datetime
from functools import singledispatch

from mentors.domain.assignments import Assignment, AssignmentEnded, MentorAssigned, MentorPending
from praxis.events.v1 import mentors_pb2
from praxis_common.events import IntegrationEvent

SERVICE = "mentors"


def _event(topic: str, a: Assignment, payload) -> IntegrationEvent:
    return IntegrationEvent(
        source=SERVICE, topic=f"mentors.{topic}", aggregate_type="assignment", aggregate_id=str(a.id), payload=payload
    )


def _assignment(a: Assignment) -> mentors_pb2.MentoringAssignment:
    return mentors_pb2.MentoringAssignment(
        assignment_id=str(a.id),
        context_kind=a.context_kind.value,
        context_id=a.context_id,
        side=a.side.value,
        org=a.org,
        school_org=a.school_org,
        enterprise_org=a.enterprise_org,
        student_ref=a.student_ref,
    )


def _ts(value: datetime | None) -> str:
    return value.isoformat() if value else ""


@singledispatch
def integration_event(event) -> IntegrationEvent:
    raise TypeError(f"no integration event for {type(event).__name__}")


@integration_event.register
def _(event: MentorAssigned) -> IntegrationEvent:
    a = event.assignment
    return _event(
        "mentor.assigned",
        a,
        mentors_pb2.MentorAssigned(
            assignment=_assignment(a),
            mentor_id=str(a.mentor_id),
            previous_mentor_id=str(event.previous_mentor_id or ""),
            how=event.how.value,
            reason=event.reason,
            assigned_at=_ts(a.assigned_at),
        ),
    )


@integration_event.register
def _(event: MentorPending) -> IntegrationEvent:
    a = event.assignment
    return _event(
        "mentor.pending", a, mentors_pb2.MentorPending(assignment=_assignment(a), pending_since=_ts(a.created_at))
    )


@integration_event.register
def _(event: AssignmentEnded) -> IntegrationEvent:
    a = event.assignment
    return _event(
        "mentor.released",
        a,
        mentors_pb2.MentorReleased(
            assignment=_assignment(a),
            mentor_id=str(event.mentor_id or ""),
            reason=event.reason,
            ended_at=_ts(a.ended_at),
        ),
    )
