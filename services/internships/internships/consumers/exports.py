"""<service>.export.part_ready and part_failed of every service an export waits for (durable
`internships-export-parts-<service>`): the part is recorded with its files for the job's progress and manifest, or
as failed (handlers/exports.py)."""

from __future__ import annotations

from google.protobuf import json_format

from internships.handlers.exports import part_failed, part_ready
from praxis.events.v1 import exports_pb2
from praxis_common.consumer import Subscription
from praxis_common.errors import InvalidInput
from praxis_common.events import ReceivedEvent
from praxis_common.exports.worker import part_failed_topic, part_ready_topic
from praxis_common.uow import UowFactory


async def apply_part_report(event: ReceivedEvent, uow: UowFactory) -> None:
    if ".export.part_failed." in event.type:
        failed = event.parse(exports_pb2.ExportPartFailed)
        await part_failed(failed.job_id, failed.service, failed.reason[:500], uow=uow)
        return
    e = event.parse(exports_pb2.ExportPartReady)
    if not e.taken_at:
        raise InvalidInput(f"event {event.id}: no taken_at")
    files = [
        json_format.MessageToDict(f, preserving_proto_field_name=True, always_print_fields_with_no_presence=True)
        for f in e.files
    ]
    for f in files:  # int64 travels as a string in protobuf's JSON mapping
        f["count"], f["bytes"] = int(f["count"]), int(f["bytes"])
    await part_ready(e.job_id, e.service, files, e.taken_at, uow=uow)


def subscriptions(services: list[str]) -> list[Subscription]:
    return [
        Subscription(
            durable=f"internships-export-parts-{service}",
            source=service,
            topics=[part_ready_topic(service), part_failed_topic(service)],
            handler=apply_part_report,
        )
        for service in services
    ]
