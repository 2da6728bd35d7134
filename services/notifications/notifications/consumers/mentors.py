"""The mentors service's mentor.assigned events -> who mentors each placement (for evaluation reminders) and the
mail telling the mentor (durable `notifications-mentors`, applied once per event id through the kernel's inbox)."""

from __future__ import annotations

from google.protobuf import json_format

from notifications.domain import triggers
from notifications.handlers import reminders
from praxis.events.v1 import mentors_pb2
from praxis_common.consumer import Subscription
from praxis_common.events import ReceivedEvent
from praxis_common.uow import Clock, UowFactory, utc_clock

DURABLE = "notifications-mentors"


def subscription(clock: Clock = utc_clock) -> Subscription:
    async def handle(event: ReceivedEvent, uow: UowFactory) -> None:
        payload = json_format.MessageToDict(
            event.parse(mentors_pb2.MentorAssigned),
            preserving_proto_field_name=True,
            always_print_fields_with_no_presence=True,
        )
        now = clock()
        mentor, triggered = triggers.mentor_assigned(payload, now=now)
        async with uow() as u:
            if mentor is not None:
                await u.mentoring.assigned(mentor, now)
            await reminders.apply(triggered, u=u, now=now)
            await u.commit()

    return Subscription(durable=DURABLE, source="mentors", topics=["mentors.mentor.assigned"], handler=handle)
