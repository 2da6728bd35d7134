"""A service's side of an export job: the consumer of `internships.export.requested` that queues the service's part,
the worker that builds queued parts (parts.py) and the periodic pruning of expired parts. The kernel starts all
three for a service whose ServiceSpec lists `exports`.

Building is not done in the consumer: a large part takes longer than an event's ack window, so the event only
queues it (in the inbox's transaction) and a worker claims it, as import jobs are run (`FOR UPDATE SKIP LOCKED`, a
part whose builder went silent for `export_stale_seconds` is built again by another)."""

from __future__ import annotations

import asyncio
import logging
import uuid
from typing import Any

from praxis.events.v1 import exports_pb2
from praxis_common.consumer import Subscription
from praxis_common.events import IntegrationEvent, ReceivedEvent, payload_time
from praxis_common.exports import ExportResource
from praxis_common.exports.parts import (
    ClaimedPart,
    PartLost,
    claim_part,
    finish_part,
    prune_parts,
    request_part,
    write_snapshot,
)
from praxis_common.uow import UowFactory

log = logging.getLogger("praxis.exports")

COORDINATOR = "internships"  # the service that starts export jobs and assembles their archives
REQUESTED_TOPIC = f"{COORDINATOR}.export.requested"
PRUNE_SECONDS = 600.0


def part_ready_topic(service: str) -> str:
    return f"{service}.export.part_ready"


def part_failed_topic(service: str) -> str:
    return f"{service}.export.part_failed"


def requested_subscription(service: str) -> Subscription:
    """Queue this service's part of each requested export."""

    async def handle(event: ReceivedEvent, uow: UowFactory) -> None:
        req = event.parse(exports_pb2.ExportRequested)
        async with uow() as u:
            await request_part(
                u.connection,
                job_id=uuid.UUID(req.job_id),
                org=req.org,
                org_kind=req.org_kind,
                requested_at=payload_time(req.requested_at),
                expires_at=payload_time(req.expires_at),
            )
            await u.commit()

    return Subscription(
        durable=f"{service}-export-requested", source=COORDINATOR, topics=[REQUESTED_TOPIC], handler=handle
    )


class PartBuilder:
    """Builds the queued parts of one service, one at a time."""

    def __init__(self, rt: Any, service: str, resources: list[ExportResource]) -> None:
        self.rt = rt
        self.service = service
        self.resources = resources

    async def build_next(self) -> bool:
        """Claim and build one part; False when none waits. Its chunks are stored while the claim is ours
        (parts.ClaimedPart): an erasure meanwhile sends the part back to the queue, since its snapshot may hold the
        erased student, and this build stops there (PartLost) and stores nothing more."""
        rt = self.rt
        async with rt.engine.begin() as conn:
            claimed = await claim_part(conn, rt.settings.export_stale_seconds)
        if claimed is None:
            return False
        part = ClaimedPart(rt.engine, claimed)
        stop = asyncio.Event()
        beating = asyncio.create_task(self._beat(part, stop))

        async def stop_beating():
            stop.set()
            await beating  # not cancelled mid-UPDATE: the claim compared after it is the one in the row

        try:
            async with rt.engine.connect() as reading:
                reader = (await reading.get_raw_connection()).driver_connection
                taken_at, files = await write_snapshot(
                    reader, part, self.resources, org=claimed.org, org_kind=claimed.org_kind
                )
            await stop_beating()
            written = [f.as_json() for f in files]
            async with rt.uow() as u:
                if not await finish_part(
                    u.connection, part.job_id, part.claim, state="ready", files=written, taken_at=taken_at
                ):
                    raise PartLost(str(part.job_id))
                u.emit(self._ready_event(claimed, written, taken_at))
                await u.commit()
            log.info("export part written", extra={"job": str(part.job_id), "files": len(files)})
        except PartLost:
            log.info("export part dropped: no longer ours", extra={"job": str(part.job_id)})
        except Exception as exc:
            await stop_beating()
            log.exception("export part failed", extra={"job": str(part.job_id)})
            reason = f"{type(exc).__name__} while writing the part; see the {self.service} service's log"
            async with rt.uow() as u:
                if await finish_part(
                    u.connection, part.job_id, part.claim, state="failed", files=[], taken_at=None, detail=reason
                ):
                    u.emit(self._failed_event(claimed, reason))
                    await u.commit()
        finally:
            await stop_beating()
        return True

    async def _beat(self, part: ClaimedPart, stop: asyncio.Event) -> None:
        """Renew the claim while the part builds (a long build is not taken to be lost); stops when the claim is
        gone: the next chunk stored then ends the build."""
        interval = self.rt.settings.export_stale_seconds / 3
        while True:
            try:
                await asyncio.wait_for(stop.wait(), interval)
                return
            except TimeoutError:
                pass
            try:
                if not await part.renew():
                    return
            except Exception:
                log.exception("export part heartbeat failed", extra={"job": str(part.job_id)})

    def _failed_event(self, part, reason: str) -> IntegrationEvent:
        payload = exports_pb2.ExportPartFailed(
            job_id=str(part.job_id), service=self.service, org=part.org, reason=reason
        )
        return IntegrationEvent(
            source=self.service,
            topic=part_failed_topic(self.service),
            aggregate_type="export",
            aggregate_id=str(part.job_id),
            payload=payload,
        )

    def _ready_event(self, part, files: list[dict], taken_at) -> IntegrationEvent:
        payload = exports_pb2.ExportPartReady(
            job_id=str(part.job_id),
            service=self.service,
            org=part.org,
            files=[exports_pb2.ExportFile(**f) for f in files],
            taken_at=taken_at.isoformat(),
        )
        return IntegrationEvent(
            source=self.service,
            topic=part_ready_topic(self.service),
            aggregate_type="export",
            aggregate_id=str(part.job_id),
            payload=payload,
        )

    async def run(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            try:
                if await self.build_next():
                    continue
            except Exception:
                log.exception("export part builder failed")
            try:
                await asyncio.wait_for(stop.wait(), self.rt.settings.export_poll_seconds)
            except TimeoutError:
                pass

    async def prune(self) -> int:
        async with self.rt.engine.begin() as conn:
            return await prune_parts(conn)
