"""gRPC edge of the internships service: protobuf ↔ commands; the same handlers as REST."""

from __future__ import annotations

from internships import handlers
from internships.domain import commands
from internships.domain.agreements import Agreement, Status
from internships.http.schemas import AgreementCreate, AgreementTerminate
from praxis.internships.v1 import internships_pb2 as pb
from praxis.internships.v1 import internships_pb2_grpc as pb_grpc
from praxis_common import rpc
from praxis_common.rpc import principal
from praxis_common.service import Runtime
from praxis_common.validation import parse_uuid, validate

_STATUS_TO_PB = {s: getattr(pb, f"AGREEMENT_STATUS_{s.name}") for s in Status}
_STATUS_FROM_PB = {v: k for k, v in _STATUS_TO_PB.items()}


def _ts(value) -> str:
    return value.isoformat() if value else ""


def to_pb(a: Agreement) -> pb.Agreement:
    return pb.Agreement(
        id=str(a.id),
        school_org=a.school_org,
        enterprise_org=a.enterprise_org,
        title=a.title,
        valid_from=a.valid_from.isoformat(),
        valid_to=a.valid_to.isoformat(),
        intern_quota=a.intern_quota,
        status=_STATUS_TO_PB[a.status],
        drafted_by_org=a.drafted_by_org,
        school_signed_at=_ts(a.school_signed_at),
        enterprise_signed_at=_ts(a.enterprise_signed_at),
        activated_at=_ts(a.activated_at),
        ended_at=_ts(a.ended_at),
        termination_reason=a.termination_reason or "",
        created_at=_ts(a.created_at),
        version=a.version,
    )


class InternshipsServicer(pb_grpc.InternshipsServiceServicer):
    def __init__(self, rt: Runtime) -> None:
        self.rt = rt

    async def CreateAgreement(self, request: pb.CreateAgreementRequest, context) -> pb.CreateAgreementResponse:
        body = validate(
            AgreementCreate,
            {
                "school_org": request.school_org,
                "enterprise_org": request.enterprise_org,
                "title": request.title,
                "valid_from": request.valid_from,
                "valid_to": request.valid_to,
                "intern_quota": request.intern_quota,
            },
        )

        async def draft(uow) -> pb.CreateAgreementResponse:
            agreement = await handlers.draft_agreement(
                commands.DraftAgreement(**body.model_dump()), principal(), uow=uow, clock=self.rt.clock
            )
            return pb.CreateAgreementResponse(agreement=to_pb(agreement))

        return await rpc.created(context, self.rt.uow, request, draft, pb.CreateAgreementResponse)

    async def GetAgreement(self, request: pb.GetAgreementRequest, context) -> pb.GetAgreementResponse:
        agreement = await handlers.get_agreement(parse_uuid(request.id, "id"), principal(), uow=self.rt.uow)
        return pb.GetAgreementResponse(agreement=to_pb(agreement))

    async def ListAgreements(self, request: pb.ListAgreementsRequest, context) -> pb.ListAgreementsResponse:
        query = commands.ListAgreements(
            status=_STATUS_FROM_PB.get(request.status),
            page_size=min(max(request.page_size or 50, 1), 200),
            page_token=request.page_token or None,
        )
        items, token = await handlers.list_agreements(query, principal(), uow=self.rt.uow)
        return pb.ListAgreementsResponse(agreements=[to_pb(a) for a in items], next_page_token=token or "")

    async def SignAgreement(self, request: pb.SignAgreementRequest, context) -> pb.SignAgreementResponse:
        cmd = commands.SignAgreement(parse_uuid(request.id, "id"))
        return pb.SignAgreementResponse(
            agreement=to_pb(await handlers.sign_agreement(cmd, principal(), uow=self.rt.uow, clock=self.rt.clock))
        )

    async def TerminateAgreement(self, request: pb.TerminateAgreementRequest, context) -> pb.TerminateAgreementResponse:
        body = validate(AgreementTerminate, {"reason": request.reason})
        cmd = commands.TerminateAgreement(parse_uuid(request.id, "id"), body.reason)
        return pb.TerminateAgreementResponse(
            agreement=to_pb(await handlers.terminate_agreement(cmd, principal(), uow=self.rt.uow, clock=self.rt.clock))
        )


def services(rt: Runtime) -> list[tuple]:
    servicer = InternshipsServicer(rt)
    return [
        (
            lambda server: pb_grpc.add_InternshipsServiceServicer_to_server(servicer, server),
            pb.DESCRIPTOR.services_by_name["InternshipsService"].full_name,
        )
    ]
