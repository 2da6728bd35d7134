"""ExportPartsService.ReadExportPart (proto/praxis/exports/v1): the bytes of this service's part of an export job,
for the coordinator assembling the archive. The coordinator forwards the downloading admin's own token, so the part
is answered only to an admin of the organisation it belongs to (anyone else: NOT_FOUND, as if there were none)."""

from __future__ import annotations

import uuid
from typing import Any

from praxis.exports.v1 import exports_pb2 as pb
from praxis.exports.v1 import exports_pb2_grpc as pb_grpc
from praxis_common.auth import Principal
from praxis_common.errors import Conflict, Forbidden, NotFound
from praxis_common.exports.parts import Part, get_part, read_chunks
from praxis_common.rpc import principal

SERVICE_NAME = pb.DESCRIPTOR.services_by_name["ExportPartsService"].full_name
ADMIN = "admin"


def may_export(p: Principal) -> None:
    """Who may start, follow and download an organisation's export: its admin (a school's or an enterprise's)."""
    if p.org_kind not in ("school", "enterprise") or not p.has_any_role(ADMIN):
        raise Forbidden("needs the role admin of a school or an enterprise")


async def ready_part(engine: Any, job_id: str, p: Principal) -> Part:
    """The caller's organisation's ready part of the job."""
    may_export(p)
    try:
        key = uuid.UUID(job_id)
    except ValueError:
        raise NotFound("no such export part") from None
    async with engine.connect() as conn:
        part = await get_part(conn, key)
    if part is None or (part.org, part.org_kind) != (p.org, p.org_kind):
        raise NotFound("no such export part")
    if part.state != "ready":
        raise Conflict(f"the export part is {part.state}, not ready")
    return part


class ExportPartsServicer(pb_grpc.ExportPartsServiceServicer):
    def __init__(self, rt: Any) -> None:
        self.rt = rt

    async def ReadExportPart(self, request, context):
        part = await ready_part(self.rt.engine, request.job_id, principal())
        async for file, seq, data in read_chunks(self.rt.engine, part.job_id, part.files):
            yield pb.ExportPartChunk(file=file, seq=seq, data=data)


def grpc_service(rt: Any) -> tuple:
    """(register, name, methods other services call) for GrpcServer.add."""
    servicer = ExportPartsServicer(rt)
    return (
        lambda server: pb_grpc.add_ExportPartsServiceServicer_to_server(servicer, server),
        SERVICE_NAME,
    )
