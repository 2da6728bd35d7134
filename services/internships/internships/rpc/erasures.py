"""gRPC methods of the student erasures internships coordinates (praxis.internships.v1.ErasureService): the same
handlers as REST (http/erasures.py)."""

from __future__ import annotations

from internships.handlers import erasure_requests as erasures
from internships.rpc.messages import Servicer
from internships.schemas.erasures import ErasureRead, ErasureTarget
from praxis.internships.v1 import erasures_pb2 as pb
from praxis.internships.v1 import erasures_pb2_grpc as pb_grpc
from praxis_common import pages
from praxis_common.rpc import principal
from praxis_common.validation import parse_uuid, validate


def erasure_to_pb(r) -> pb.Erasure:
    e = ErasureRead.of(r)
    return pb.Erasure(
        id=str(e.id),
        state=e.state,
        student_ref=e.student_ref or "",
        services=e.services,
        rows_changed={s: pb.ErasedRows(rows=rows) for s, rows in e.rows_changed.items()},
        requested_by=e.requested_by,
        requested_at=e.requested_at.isoformat(),
        completed_at=e.completed_at.isoformat() if e.completed_at else "",
    )


class ErasureServicer(Servicer, pb_grpc.ErasureServiceServicer):
    """praxis.internships.v1.ErasureService."""

    async def RequestStudentErasure(self, request, context) -> pb.RequestStudentErasureResponse:
        target = validate(ErasureTarget, {"student_ref": request.student_ref})
        found = await erasures.request_erasure(
            target.student_ref,
            principal(),
            uow=self.rt.uow,
            clock=self.rt.clock,
            services=self.rt.settings.erasure_service_names,
            max_pending=self.rt.settings.erasure_max_pending,
        )
        return pb.RequestStudentErasureResponse(erasure=erasure_to_pb(found.erasure))

    async def GetErasure(self, request, context) -> pb.GetErasureResponse:
        found = await erasures.get_erasure(parse_uuid(request.erasure_id, "erasure_id"), principal(), uow=self.rt.uow)
        return pb.GetErasureResponse(erasure=erasure_to_pb(found))

    async def ListErasures(self, request, context) -> pb.ListErasuresResponse:
        items, token = await erasures.list_erasures(
            principal(),
            page_size=pages.page_size(request.page_size),
            page_token=request.page_token or None,
            uow=self.rt.uow,
        )
        return pb.ListErasuresResponse(erasures=[erasure_to_pb(e) for e in items], next_page_token=token or "")
