"""The mentors service's events (durable `notifications-mentors`, applied once per event id through the kernel's
inbox): mentor.assigned -> who mentors each placement (for evaluation reminders) and the mail telling the mentor;
guidance.overdue -> the mail reminding the mentors and the school."""

from __future__ import annotations

from google.protobuf import json_format

from notifications.domain import triggers
from notifications.handlers import reminders
from praxis.events.v1 import guidance_pb2, mentors_pb2
from praxis_common.consumer import Subscription
from praxis_common.events import ReceivedEvent
from praxis_common.uow import Clock, UowFactory, utc_clock

DURABLE = "notifications-mentors"


def subscription(clock: Clock = utc_clock) -> Subscription:
    async def handle(event: ReceivedEvent, uow: UowFactory) -> None:
        overdue = event.type.startswith("praxis.mentors.guidance.overdue")
        message = guidance_pb2.GuidanceOverdue if overdue else mentors_pb2.MentorAssigned
        payload = json_format.MessageToDict(
            event.parse(message), preserving_proto_field_name=True, always_print_fields_with_no_presence=True
        )
        now = clock()
        async with uow() as u:
            if overdue:
                placement = payload["assignment"]["context_id"]
                mentors = (
                    await u.mentoring.of_placement(placement)
                    if payload["assignment"]["context_kind"] == "placement"
                    else []
                )
                triggered = triggers.guidance_overdue(payload, mentors, now=now)
            else:
                mentor, triggered = triggers.mentor_assigned(payload, now=now)
                if mentor is not None:
                    await u.mentoring.assigned(mentor, now)
            await reminders.apply(triggered, u=u, now=now)
            await u.commit()

    return Subscription(
        durable=DURABLE,
        source="mentors",
        topics=["mentors.mentor.assigned", "mentors.guidance.overdue"],
        handler=handle,
    )
