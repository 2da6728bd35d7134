"""Every taking-part service's `<service>.student.erased` (durables `internships-erasure-<service>`): the erasure
request records the confirmation; once every service confirmed, the request's own message and every dead letter
mentioning the student are deleted from the streams (secure erase), then the request completes and forgets the
student (docs/erasure.md). The deletion comes first: it needs the ref, which completion forgets; a crash between
them is completed on redelivery (both steps are idempotent)."""

from __future__ import annotations

import logging

from internships.handlers import erasure_requests as erasures
from praxis.events.v1 import erasure_pb2
from praxis_common import erasure
from praxis_common.consumer import Subscription
from praxis_common.errors import InvalidInput
from praxis_common.event_fields import uuid_of
from praxis_common.events import ReceivedEvent
from praxis_common.jetstream import dead_letter_stream, stream_name
from praxis_common.service import Runtime
from praxis_common.uow import UowFactory

log = logging.getLogger("internships.erasure")
SERVICE = "internships"


def subscriptions(rt: Runtime) -> list[Subscription]:
    return [_subscription(rt, service) for service in rt.settings.erasure_service_names]


def _subscription(rt: Runtime, service: str) -> Subscription:
    async def handle(event: ReceivedEvent, uow: UowFactory) -> None:
        e = event.parse(erasure_pb2.StudentErased)
        if e.service != service:
            raise InvalidInput(f"event {event.id}: a confirmation of {e.service!r} in {service}'s stream")
        erasure_id = uuid_of(event, "erasure_id", e.erasure_id)
        r = await erasures.record_confirmation(
            erasure_id, service, e.school_org, dict(e.rows_changed), uow=uow, clock=rt.clock
        )
        if r is not None and r.all_confirmed and r.student_ref is not None:
            deleted = await forget_in_streams(rt, r.student_ref, r.school_org)
            if await erasures.complete(erasure_id, uow=uow, clock=rt.clock):
                log.info("erasure completed", extra={"erasure_id": str(erasure_id), "messages_deleted": deleted})
        async with uow() as u:  # applied: every step above is idempotent, so a crash before this repeats them
            await u.claim_event(durable, event.id, event.type)
            await u.commit()

    durable = f"{SERVICE}-erasure-{service}"
    # Its own transactions: none stays open while it deletes from the streams (praxis_common.consumer).
    return Subscription(
        durable=durable,
        source=service,
        topics=[erasure.erased_topic(service)],
        handler=handle,
        own_transactions=True,
    )


async def forget_in_streams(rt: Runtime, student_ref: str, school_org: str) -> int:
    """This service's stream (the request itself, and anything published about the student since its own scrub)
    and the dead-letter stream: every retained message naming the school's student, deleted (a message naming only
    other schools is about their student of the same ref, and stays)."""
    prefix = rt.settings.event_prefix
    own = await erasure.scrub_stream(
        rt.bus, stream_name(prefix, SERVICE), f"{prefix}.{SERVICE}.>", student_ref, school_org=school_org
    )
    letters = await erasure.scrub_stream(
        rt.bus, dead_letter_stream(prefix), f"{prefix}.dlq.>", student_ref, school_org=school_org
    )
    return len(own) + len(letters)
