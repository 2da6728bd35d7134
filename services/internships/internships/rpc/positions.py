"""gRPC methods of practice bases and positions: protobuf → schemas.positions → command → handler → protobuf."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from internships.domain.positions import DutyKind, Position, PositionStatus, PracticeBase
from internships.handlers import feeds as position_feed
from internships.handlers import positions as position_handlers
from internships.rpc.messages import Servicer, decimal, optional, tombstone_to_pb, ts
from internships.schemas.positions import BaseCreate, PositionCreate, PositionQuery
from praxis.internships.v1 import internships_pb2 as pb
from praxis_common import feeds, pages, rpc
from praxis_common.rpc import principal
from praxis_common.validation import parse_uuid, validate

_POSITION_STATUS_TO_PB = {s: getattr(pb, f"POSITION_STATUS_{s.name}") for s in PositionStatus}
_DUTY_KIND_TO_PB = {k: getattr(pb, f"DUTY_KIND_{k.name}") for k in DutyKind}
_DUTY_KIND_FROM_PB = {v: k.value for k, v in _DUTY_KIND_TO_PB.items()}  # UNSPECIFIED → None → invalid


class _SearchRequest(PositionQuery):
    """SearchPositions: GET /v1/positions' filters, and its page token checked here like the other fields."""

    page_token: Annotated[str, Field(max_length=200)] | None = None


def base_to_pb(b: PracticeBase) -> pb.PracticeBase:
    return pb.PracticeBase(
        id=str(b.id),
        agreement_id=str(b.agreement_id),
        school_org=b.school_org,
        enterprise_org=b.enterprise_org,
        name=b.name,
        tier=int(b.tier),  # BaseTier numbers are the tiers
        country=b.country,
        city=b.city,
        capacity=b.capacity,
        created_at=ts(b.created_at),
        staff=b.staff,
        proposed_tier=int(b.proposed_tier),
        tier_confirmed=b.tier_confirmed,
        tier_confirmed_at=ts(b.tier_confirmed_at),
        tier_confirmed_by=b.tier_confirmed_by or "",
    )


def position_to_pb(p: Position) -> pb.Position:
    return pb.Position(
        id=str(p.id),
        base_id=str(p.base_id),
        enterprise_org=p.enterprise_org,
        title=p.title,
        description=p.description,
        seats=p.seats,
        seats_taken=p.seats_taken,
        open_seats=p.open_seats,
        starts_on=p.starts_on.isoformat(),
        ends_on=p.ends_on.isoformat(),
        languages=p.languages,
        competencies=p.competencies,
        duties=[pb.Duty(name=d.name, kind=_DUTY_KIND_TO_PB[d.kind]) for d in p.duties],
        status=_POSITION_STATUS_TO_PB[p.status],
        created_at=ts(p.created_at),
        published_at=ts(p.published_at),
        closed_at=ts(p.closed_at),
        post_staff=p.post_staff,
        monthly_pay=decimal(p.monthly_pay),
        reference_monthly_wage=decimal(p.reference_monthly_wage),
    )


class PositionsServicer(Servicer):
    async def CreateBase(self, request: pb.CreateBaseRequest, context) -> pb.CreateBaseResponse:
        body = validate(
            BaseCreate,
            {
                "agreement_id": request.agreement_id,
                "name": request.name,
                "tier": int(request.tier),  # UNSPECIFIED (0) fails like a missing tier
                "country": request.country,
                "city": request.city,
                "capacity": request.capacity,
                "staff": optional(request, "staff"),
            },
        )

        async def create(uow) -> pb.CreateBaseResponse:
            base = await position_handlers.create_base(body.to_command(), principal(), uow=uow, clock=self.rt.clock)
            return pb.CreateBaseResponse(base=base_to_pb(base))

        return await rpc.created(context, self.rt.uow, request, create, pb.CreateBaseResponse)

    async def GetBase(self, request: pb.GetBaseRequest, context) -> pb.GetBaseResponse:
        base = await position_handlers.get_base(parse_uuid(request.id, "id"), principal(), uow=self.rt.uow)
        return pb.GetBaseResponse(base=base_to_pb(base))

    async def ListBases(self, request: pb.ListBasesRequest, context) -> pb.ListBasesResponse:
        bases, token = await position_handlers.list_bases(
            principal(),
            uow=self.rt.uow,
            page_size=pages.page_size(request.page_size),
            page_token=request.page_token or None,
        )
        return pb.ListBasesResponse(bases=[base_to_pb(b) for b in bases], next_page_token=token or "")

    async def CreatePosition(self, request: pb.CreatePositionRequest, context) -> pb.CreatePositionResponse:
        body = validate(
            PositionCreate,
            {
                "base_id": request.base_id,
                "title": request.title,
                "description": request.description,
                "seats": request.seats,
                "starts_on": request.starts_on,
                "ends_on": request.ends_on,
                "languages": list(request.languages),
                "competencies": list(request.competencies),
                "duties": [{"name": d.name, "kind": _DUTY_KIND_FROM_PB.get(d.kind)} for d in request.duties],
                "post_staff": optional(request, "post_staff"),
                "monthly_pay": request.monthly_pay or None,
                "reference_monthly_wage": request.reference_monthly_wage or None,
            },
        )

        async def create(uow) -> pb.CreatePositionResponse:
            position = await position_handlers.create_position(
                body.to_command(), principal(), uow=uow, clock=self.rt.clock
            )
            return pb.CreatePositionResponse(position=position_to_pb(position))

        return await rpc.created(context, self.rt.uow, request, create, pb.CreatePositionResponse)

    async def GetPosition(self, request: pb.GetPositionRequest, context) -> pb.GetPositionResponse:
        position = await position_handlers.get_position(parse_uuid(request.id, "id"), principal(), uow=self.rt.uow)
        return pb.GetPositionResponse(position=position_to_pb(position))

    async def SearchPositions(self, request: pb.SearchPositionsRequest, context) -> pb.SearchPositionsResponse:
        query = validate(
            _SearchRequest,
            {
                "competencies": list(request.competencies),
                "country": request.country or None,
                "starts_from": request.starts_from or None,
                "ends_by": request.ends_by or None,
                "open_seats": request.open_seats,
                "q": request.q or None,
                "page_token": request.page_token or None,
            },
        )
        feeds.one_of(request.updated_since or None, query.page_token)
        if request.updated_since:
            changes = await position_feed.position_changes(
                position_feed.Feed(request.updated_since, pages.page_size(request.page_size)),
                principal(),
                uow=self.rt.uow,
                search=query.to_command(page_size=pages.page_size(request.page_size), page_token=None),
            )
            return pb.SearchPositionsResponse(
                changes=[
                    pb.PositionChange(deleted=tombstone_to_pb(c))
                    if isinstance(c, feeds.Tombstone)
                    else pb.PositionChange(position=position_to_pb(c))
                    for c in changes.items
                ],
                next_cursor=changes.next_cursor,
                has_more=changes.has_more,
            )
        items, token = await position_handlers.search_positions(
            query.to_command(page_size=pages.page_size(request.page_size), page_token=query.page_token),
            principal(),
            uow=self.rt.uow,
        )
        return pb.SearchPositionsResponse(positions=[position_to_pb(p) for p in items], next_page_token=token or "")

    async def PublishPosition(self, request: pb.PublishPositionRequest, context) -> pb.PublishPositionResponse:
        return pb.PublishPositionResponse(position=await self._change_position(request.id, "publish"))

    async def ClosePosition(self, request: pb.ClosePositionRequest, context) -> pb.ClosePositionResponse:
        return pb.ClosePositionResponse(position=await self._change_position(request.id, "close"))

    async def _change_position(self, position_id: str, action: str) -> pb.Position:
        position = await position_handlers.change_position(
            parse_uuid(position_id, "id"),
            action,
            principal(),
            uow=self.rt.uow,
            clock=self.rt.clock,
            compliance=self.compliance,
        )
        return position_to_pb(position)
