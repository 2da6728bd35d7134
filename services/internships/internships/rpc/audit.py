"""gRPC methods of the audit log of cross-organisation reads (praxis.internships.v1.AuditService): protobuf →
schemas.audit → handler → protobuf."""

from __future__ import annotations

from internships.handlers import audit
from internships.rpc.messages import Servicer
from internships.schemas.audit import AuditQuery, AuditReadEntry
from praxis.internships.v1 import audit_pb2 as pb
from praxis.internships.v1 import audit_pb2_grpc as pb_grpc
from praxis_common import pages
from praxis_common.rpc import principal
from praxis_common.validation import validate


def entry_to_pb(e: AuditReadEntry) -> pb.AuditReadEntry:
    return pb.AuditReadEntry(**{**e.model_dump(), "at": e.at.isoformat()})


class AuditServicer(Servicer, pb_grpc.AuditServiceServicer):
    async def ListAuditReads(self, request: pb.ListAuditReadsRequest, context) -> pb.ListAuditReadsResponse:
        query = validate(AuditQuery, {"student_ref": request.student_ref} if request.student_ref else {})
        items, token = await audit.list_reads(
            principal(),
            student_ref=query.student_ref,
            page_size=pages.page_size(request.page_size),
            page_token=request.page_token or None,
            uow=self.rt.uow,
        )
        return pb.ListAuditReadsResponse(
            entries=[entry_to_pb(AuditReadEntry.of(e)) for e in items], next_page_token=token or ""
        )

    async def VerifyAuditChain(self, request: pb.VerifyAuditChainRequest, context) -> pb.VerifyAuditChainResponse:
        found = await audit.verify(principal(), uow=self.rt.uow)
        return pb.VerifyAuditChainResponse(ok=found.ok, entries=found.entries, broken_at=found.broken_at or 0)
