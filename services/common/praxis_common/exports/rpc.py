"""ExportPartsService.ReadExportPart (proto/praxis/exports/v1): the bytes of this service's part of an export job,
for the coordinator assembling the archive. The coordinator forwards the downloading admin's own token, so the part
is answered only to an admin of the organisation it belongs to (anyone else: NOT_FOUND, as if there were none)."""

from __future__ import annotations

from typing import Any

from praxis.exports.v1 import exports_pb2 as pb
from praxis.exports.v1 import exports_pb2_grpc as pb_grpc
from praxis_common.exports.access import ready_part
from praxis_common.exports.parts import read_chunks
from praxis_common.rpc import principal

SERVICE_NAME = pb.DESCRIPTOR.services_by_name["ExportPartsService"].full_name


class ExportPartsServicer(pb_grpc.ExportPartsServiceServicer):
    def __init__(self, rt: Any) -> None:
        self.rt = rt

    async def ReadExportPart(self, request, context):
        part = await ready_part(self.rt.engine, request.job_id, principal())
        async for file, seq, data in read_chunks(self.rt.engine, part.job_id, part.files):
            yield pb.ExportPartChunk(file=file, seq=seq, data=data)


def grpc_service(rt: Any) -> tuple:
    """(register, full service name) for GrpcServer.add."""
    servicer = ExportPartsServicer(rt)
    return (
        lambda server: pb_grpc.add_ExportPartsServiceServicer_to_server(servicer, server),
        SERVICE_NAME,
    )
