"""The coordinator's reader of export parts: its own from its database, every other service's over
ExportPartsService.ReadExportPart with the downloading admin's own token forwarded (the service checks the token's
organisation owns the part; the coordinator holds no credential of its own) and a deadline for the whole stream.
A channel per download: downloads are rare, and nothing stays open between them."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Mapping
from typing import Any

import grpc

from praxis.exports.v1 import exports_pb2 as pb
from praxis.exports.v1 import exports_pb2_grpc as pb_grpc
from praxis_common.edge_telemetry import call_metadata
from praxis_common.errors import Unavailable
from praxis_common.exports.access import PartGone, usable
from praxis_common.exports.parts import get_part, read_chunks


class PartSources:
    def __init__(self, engine: Any, own: str, targets: Mapping[str, str], *, deadline_seconds: float) -> None:
        self.engine = engine
        self.own = own  # this service's name: its part is read from its database
        self.targets = dict(targets)  # other service -> its gRPC address
        self.deadline_seconds = deadline_seconds

    async def check_own(self, job_id: uuid.UUID) -> None:
        """Raises PartGone unless this service's part of the job is there, ready and not expired (an erasure deletes
        a part mentioning the student; its chunks would read as empty files)."""
        async with self.engine.connect() as conn:
            part = await get_part(conn, job_id)
        if not usable(part):
            raise PartGone(self.own)

    def reader(self, token: str, job_id: str, own_files: list[dict] | None = None):
        """service -> its part's (file, bytes) in order, for archive.write_archive."""

        async def chunks(service: str) -> AsyncIterator[tuple[str, bytes]]:
            if service == self.own:
                async for name, _, data in read_chunks(self.engine, uuid.UUID(job_id), own_files or []):
                    yield name, data
                return
            async for item in self._remote(service, token, job_id):
                yield item

        return chunks

    async def _remote(self, service: str, token: str, job_id: str) -> AsyncIterator[tuple[str, bytes]]:
        target = self.targets.get(service)
        if target is None:
            raise Unavailable(f"no address is configured for the {service} service", dependency=service)
        async with grpc.aio.insecure_channel(target) as channel:
            stream = pb_grpc.ExportPartsServiceStub(channel).ReadExportPart(
                pb.ReadExportPartRequest(job_id=job_id),
                metadata=call_metadata(token),
                timeout=self.deadline_seconds,
            )
            try:
                async for chunk in stream:
                    yield chunk.file, chunk.data
            except grpc.aio.AioRpcError as exc:
                if exc.code() in (grpc.StatusCode.NOT_FOUND, grpc.StatusCode.FAILED_PRECONDITION):
                    raise PartGone(
                        service,
                        f"the {service} service no longer has its part of this export "
                        f"({exc.details()}); start a new export",
                    ) from exc
                raise Unavailable(
                    f"the {service} service did not hand over its part ({exc.code().name}); try again later",
                    dependency=service,
                ) from exc
