"""The mentors service's assignments and mentors → who reviews logbooks and attests attendance.

mentor.assigned / released (of placements; project teams are not ours) keep which mentor each side's assignment
of a placement holds; mentor.assigned and mentor.updated keep the account each mentor signs in with. A logbook
week is then approved by the placement's assigned enterprise mentor, matched by the token's `sub`
(handlers/logbooks.py), with no call to the mentors service. Applied once per event id through the kernel's inbox
(durable `internships-mentors`); the read model itself tolerates replays and reordering (adapters/mentoring.py).
"""

from __future__ import annotations

from internships.domain.mentoring import SIDES, Assignment, RecordAssigned, RecordMentorAccount, RecordReleased
from internships.handlers import mentoring
from praxis.events.v1 import mentors_pb2
from praxis_common.auth import MAX_SUB_LENGTH
from praxis_common.consumer import Subscription
from praxis_common.errors import InvalidInput
from praxis_common.event_fields import org_of, uuid_of, when
from praxis_common.events import ReceivedEvent
from praxis_common.uow import UowFactory

MAX_NAME_LENGTH = 200  # mentor_account.display_name

DURABLE = "internships-mentors"
ASSIGNED = "praxis.mentors.mentor.assigned.v1"
RELEASED = "praxis.mentors.mentor.released.v1"
UPDATED = "praxis.mentors.mentor.updated.v1"


async def apply_mentors_event(event: ReceivedEvent, uow: UowFactory) -> None:
    """Map the event to its command and run it (the consumer's unit is joined by the use case)."""
    if event.type == UPDATED:
        e = event.parse(mentors_pb2.MentorUpdated)
        await mentoring.record_mentor_account(
            RecordMentorAccount(
                mentor_id=uuid_of(event, "mentor_id", e.mentor_id),
                org=org_of(event, e.org),
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
        assignment_id=uuid_of(event, "assignment_id", a.assignment_id),
        placement_id=uuid_of(event, "context_id", a.context_id),
        side=a.side,
        org=org_of(event, a.org),
    )
    mentor_id = uuid_of(event, "mentor_id", e.mentor_id) if e.mentor_id else None
    if event.type == RELEASED:
        await mentoring.record_released(
            RecordReleased(assignment, mentor_id=mentor_id, ended_at=when(e.ended_at)), uow=uow
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
        RecordAssigned(assignment, mentor_id=mentor_id, assigned_at=when(e.assigned_at), account=account), uow=uow
    )


def subscription() -> Subscription:
    return Subscription(
        durable=DURABLE,
        source="mentors",
        topics=["mentors.mentor.assigned", "mentors.mentor.released", "mentors.mentor.updated"],
        handler=apply_mentors_event,
    )
