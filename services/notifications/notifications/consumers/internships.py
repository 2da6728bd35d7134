"""Internships' placement and agreement events -> webhook deliveries (durable `notifications-internships`).

The payload is read with its proto message and handed on as a dict of the proto's field names (defaults
included), which domain/projections.py then cuts down per receiving organisation. Applied once per event id
through the kernel's inbox; a delivery per (endpoint, event) is unique besides.
"""

from __future__ import annotations

from google.protobuf import json_format

from notifications.handlers.deliveries import EventIn, queue_event
from praxis.events.v1 import agreements_pb2, placements_pb2
from praxis_common.consumer import Subscription
from praxis_common.events import ReceivedEvent
from praxis_common.uow import Clock, UowFactory, utc_clock

DURABLE = "notifications-internships"
MESSAGES = {
    "placement": placements_pb2.PlacementChanged,
    "agreement.activated": agreements_pb2.AgreementActivated,
    "agreement.ended": agreements_pb2.AgreementEnded,
}


def event_of(event: ReceivedEvent) -> EventIn | None:
    """The event with its payload as a dict; None for one no webhook carries."""
    kind = event.type.removeprefix("praxis.internships.").rsplit(".", 1)[0]  # e.g. placement.requested
    message = MESSAGES.get(kind) or MESSAGES.get(kind.split(".")[0])
    if message is None:
        return None
    payload = json_format.MessageToDict(
        event.parse(message), preserving_proto_field_name=True, always_print_fields_with_no_presence=True
    )
    return EventIn(
        id=event.id, type=event.type, source=event.source, subject=event.subject, time=event.time, payload=payload
    )


def subscription(clock: Clock = utc_clock) -> Subscription:
    async def handle(event: ReceivedEvent, uow: UowFactory) -> None:
        received = event_of(event)
        if received is not None:
            await queue_event(received, uow=uow, clock=clock)

    return Subscription(
        durable=DURABLE,
        source="internships",
        topics=["internships.placement.*", "internships.agreement.*"],
        handler=handle,
    )
