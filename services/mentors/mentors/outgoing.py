"""Domain events of the mentors service → integration events (praxis.events.v1 payloads in mentors.proto and
guidance.proto)."""

from __future__ import annotations

from datetime import datetime
from functools import singledispatch

from mentors.domain.assignments import Assignment, AssignmentEnded, MentorAssigned, MentorPending
from mentors.domain.mentors import MentorUpdated
from mentors.domain.sessions import GuidanceOverdue, GuidanceSession
from praxis.events.v1 import guidance_pb2, mentors_pb2
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
def integration_event(event, **context) -> IntegrationEvent:
    raise TypeError(f"no integration event for {type(event).__name__}")


@integration_event.register
def _(
    event: MentorAssigned, *, mentor_account: str | None = None, mentor_version: int = 0, mentor_name: str = ""
) -> IntegrationEvent:
    """`mentor_account` / `mentor_version` / `mentor_name`: the assigned mentor's sign-in account, record version and
    display name, read in the transaction that assigned them."""
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
            mentor_account=mentor_account or "",
            mentor_version=mentor_version,
            mentor_name=mentor_name,
        ),
    )


@integration_event.register
def _(event: MentorUpdated) -> IntegrationEvent:
    m = event.mentor
    return IntegrationEvent(
        source=SERVICE,
        topic="mentors.mentor.updated",
        aggregate_type="mentor",
        aggregate_id=str(m.id),
        payload=mentors_pb2.MentorUpdated(
            mentor_id=str(m.id),
            org=m.org,
            kind=m.kind.value,
            account=m.account or "",
            active=m.active,
            version=m.version,
            updated_at=_ts(m.updated_at),
            display_name=m.display_name,
        ),
    )


@integration_event.register
def _(event: MentorPending, **context) -> IntegrationEvent:
    a = event.assignment
    return _event(
        "mentor.pending", a, mentors_pb2.MentorPending(assignment=_assignment(a), pending_since=_ts(a.created_at))
    )


@integration_event.register
def _(event: AssignmentEnded, **context) -> IntegrationEvent:
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


def guidance_recorded(session: GuidanceSession, a: Assignment) -> IntegrationEvent:
    """A recorded guidance session, with its assignment's context: what the internships service's partnership value
    ledger counts (minutes of guidance per agreement), with no call back to mentors."""
    return _event(
        "guidance.recorded",
        a,
        guidance_pb2.GuidanceRecorded(
            session_id=str(session.id),
            assignment_id=str(a.id),
            context_kind=a.context_kind.value,
            context_id=a.context_id,
            side=session.side.value,
            school_org=a.school_org,
            enterprise_org=a.enterprise_org,
            student_ref=a.student_ref,
            mentor_id=str(session.mentor_id),
            mode=session.mode.value,
            minutes=session.minutes,
            held_on=session.held_on.isoformat(),
            recorded_at=_ts(session.recorded_at),
        ),
    )


@integration_event.register
def _(event: GuidanceOverdue) -> IntegrationEvent:
    a = event.assignment
    return _event(
        "guidance.overdue",
        a,
        guidance_pb2.GuidanceOverdue(
            assignment=_assignment(a),
            mentor_id=str(a.mentor_id or ""),
            mentor_account=event.mentor_account or "",
            last_onsite_session=event.last_onsite.isoformat() if event.last_onsite else "",
            period_start=event.period_start.isoformat(),
            overdue_since=event.overdue_since.isoformat(),
            occurred_at=event.at.isoformat(),
        ),
    )
