"""gRPC methods of cooperation agreements: protobuf → schemas.agreements → command → handler → protobuf."""

from __future__ import annotations

from internships import handlers
from internships.domain import commands
from internships.domain.agreements import Agreement, Status
from internships.handlers import feeds as agreement_feed
from internships.rpc.messages import Servicer, tombstone_to_pb, ts
from internships.schemas.agreements import AgreementCreate, AgreementTerminate
from praxis.internships.v1 import internships_pb2 as pb
from praxis_common import feeds, pages, rpc
from praxis_common.rpc import principal
from praxis_common.validation import parse_uuid, validate

_STATUS_TO_PB = {s: getattr(pb, f"AGREEMENT_STATUS_{s.name}") for s in Status}
_STATUS_FROM_PB = {v: k for k, v in _STATUS_TO_PB.items()}


def agreement_to_pb(a: Agreement) -> pb.Agreement:
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
        school_signed_at=ts(a.school_signed_at),
        enterprise_signed_at=ts(a.enterprise_signed_at),
        activated_at=ts(a.activated_at),
        ended_at=ts(a.ended_at),
        termination_reason=a.termination_reason or "",
        created_at=ts(a.created_at),
        version=a.version,
    )


class AgreementsServicer(Servicer):
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
            agreement = await handlers.draft_agreement(body.to_command(), principal(), uow=uow, clock=self.rt.clock)
            return pb.CreateAgreementResponse(agreement=agreement_to_pb(agreement))

        return await rpc.created(context, self.rt.uow, request, draft, pb.CreateAgreementResponse)

    async def GetAgreement(self, request: pb.GetAgreementRequest, context) -> pb.GetAgreementResponse:
        agreement = await handlers.get_agreement(parse_uuid(request.id, "id"), principal(), uow=self.rt.uow)
        return pb.GetAgreementResponse(agreement=agreement_to_pb(agreement))

    async def ListAgreements(self, request: pb.ListAgreementsRequest, context) -> pb.ListAgreementsResponse:
        feeds.one_of(request.updated_since or None, request.page_token)
        if request.updated_since:
            changes = await agreement_feed.agreement_changes(
                agreement_feed.Feed(request.updated_since, pages.page_size(request.page_size)),
                principal(),
                uow=self.rt.uow,
                status=_STATUS_FROM_PB.get(request.status),
            )
            return pb.ListAgreementsResponse(
                changes=[
                    pb.AgreementChange(deleted=tombstone_to_pb(c))
                    if isinstance(c, feeds.Tombstone)
                    else pb.AgreementChange(agreement=agreement_to_pb(c))
                    for c in changes.items
                ],
                next_cursor=changes.next_cursor,
                has_more=changes.has_more,
            )
        query = commands.ListAgreements(
            status=_STATUS_FROM_PB.get(request.status),
            page_size=pages.page_size(request.page_size),
            page_token=request.page_token or None,
        )
        items, token = await handlers.list_agreements(query, principal(), uow=self.rt.uow)
        return pb.ListAgreementsResponse(agreements=[agreement_to_pb(a) for a in items], next_page_token=token or "")

    async def SignAgreement(self, request: pb.SignAgreementRequest, context) -> pb.SignAgreementResponse:
        cmd = commands.SignAgreement(parse_uuid(request.id, "id"))
        agreement = await handlers.sign_agreement(cmd, principal(), uow=self.rt.uow, clock=self.rt.clock)
        return pb.SignAgreementResponse(agreement=agreement_to_pb(agreement))

    async def TerminateAgreement(self, request: pb.TerminateAgreementRequest, context) -> pb.TerminateAgreementResponse:
        body = validate(
            AgreementTerminate,
            {
                "reason": request.reason,
                "end_active_placements": request.end_active_placements,
                "active_placements_reason": request.active_placements_reason or None,
            },
        )
        cmd = body.to_command(parse_uuid(request.id, "id"))
        done = await handlers.terminate_agreement(cmd, principal(), uow=self.rt.uow, clock=self.rt.clock)
        w = done.wind_down
        return pb.TerminateAgreementResponse(
            agreement=agreement_to_pb(done.agreement),
            wind_down=pb.WindDown(
                **{
                    name: [str(i) for i in getattr(w, name)]
                    for name in ("rejected", "withdrawn", "terminated", "expired", "continuing", "positions_closed")
                }
            ),
        )
