"""Internships' placement, agreement, logbook and evaluation-window events -> webhook deliveries and reminder facts (durable
`notifications-internships`).

The payload is read with its proto message and handed on as a dict of the proto's field names (defaults
included): domain/projections.py cuts it down per receiving organisation for webhooks, domain/triggers.py makes it
reminders. Applied once per event id through the kernel's inbox; a delivery per (endpoint, event) and a fact per key
are unique besides.
"""

from __future__ import annotations

from google.protobuf import json_format

from notifications.domain import triggers
from notifications.handlers import reminders
from notifications.handlers.deliveries import EventIn, queue_event
from praxis.events.v1 import agreements_pb2, grades_pb2, placements_pb2, weekly_reports_pb2
from praxis_common.consumer import Subscription
from praxis_common.events import ReceivedEvent
from praxis_common.uow import Clock, UowFactory, utc_clock

DURABLE = "notifications-internships"
MESSAGES = {
    "placement": placements_pb2.PlacementChanged,
    "agreement.activated": agreements_pb2.AgreementActivated,
    "agreement.ended": agreements_pb2.AgreementEnded,
    "logbook.approved": placements_pb2.LogbookApproved,
    "logbook.submitted": placements_pb2.LogbookSubmitted,
    "logbook.returned": placements_pb2.LogbookReturned,
    "evaluation.due": grades_pb2.EvaluationDue,
    "weekly_report.submitted": weekly_reports_pb2.WeeklyReportChanged,
    "weekly_report.accepted": weekly_reports_pb2.WeeklyReportChanged,
    "weekly_report.returned": weekly_reports_pb2.WeeklyReportChanged,
}
WEBHOOKS = ("placement", "agreement")  # the aggregates whose events webhooks carry


def event_of(event: ReceivedEvent) -> EventIn | None:
    """The event with its payload as a dict; None for one this service does nothing with."""
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


async def triggered(received: EventIn, rules: triggers.Rules, *, u, now) -> triggers.Triggered:
    aggregate, kind = received.type.removeprefix("praxis.internships.").rsplit(".", 1)[0].split(".", 1)
    if aggregate == "evaluation" and kind == "due":
        mentors = await u.mentoring.of_placement(received.payload["placement_id"])
        return triggers.evaluation_due(received.payload, mentors, now=now)
    if aggregate == "weekly_report":
        mentors = await u.mentoring.of_placement(received.payload["placement_id"])
        return triggers.weekly_report(kind, received.payload, mentors, rules)
    if aggregate == "placement":
        return triggers.placement(kind, received.payload, rules)
    if aggregate == "logbook":
        return triggers.logbook(kind, received.payload, rules)
    if aggregate == "agreement":
        return triggers.agreement(kind, received.payload, rules, now=now)
    return triggers.Triggered()


def subscription(rules: triggers.Rules, clock: Clock = utc_clock) -> Subscription:
    async def handle(event: ReceivedEvent, uow: UowFactory) -> None:
        received = event_of(event)
        if received is None:
            return
        if received.type.removeprefix("praxis.internships.").split(".")[0] in WEBHOOKS:
            await queue_event(received, uow=uow, clock=clock)
        now = clock()
        async with uow() as u:
            await reminders.apply(await triggered(received, rules, u=u, now=now), u=u, now=now)
            await u.commit()

    return Subscription(
        durable=DURABLE,
        source="internships",
        topics=[
            "internships.placement.*",
            "internships.agreement.*",
            "internships.logbook.*",
            "internships.evaluation.due",
            "internships.weekly_report.*",
        ],
        handler=handle,
    )
