"""gRPC methods of allocation rounds, the round itself: create, invitations, read, close, reopen, compute, publish."""

from __future__ import annotations

from datetime import timedelta

from internships.domain.placements import PlacementStatus
from internships.domain.rounds import Round, RoundStatus
from internships.handlers import rounds as round_handlers
from internships.rpc.messages import PLACEMENT_STATUS_TO_PB, Servicer, optional, ts
from internships.rpc.round_results import run_to_pb
from internships.schemas.rounds import RoundCreate
from praxis.internships.v1 import internships_pb2 as pb
from praxis_common import pages, rpc
from praxis_common.rpc import principal
from praxis_common.validation import parse_uuid, validate

ROUND_STATUS_TO_PB = {s: getattr(pb, f"ROUND_STATUS_{s.name}") for s in RoundStatus}
# A round publishes placements requested (the default, also for UNSPECIFIED) or confirmed; anything else is refused.
_PUBLISH_AS_FROM_PB = {
    pb.PLACEMENT_STATUS_UNSPECIFIED: "requested",
    pb.PLACEMENT_STATUS_REQUESTED: "requested",
    pb.PLACEMENT_STATUS_CONFIRMED: "confirmed",
}


def round_to_pb(r: Round, *, positions: int | None = None, students: int | None = None) -> pb.Round:
    return pb.Round(
        id=str(r.id),
        title=r.title,
        owner_org=r.owner_org,
        schools=r.schools,
        invited_schools=r.invited_schools,
        enterprise_org=r.enterprise_org or "",
        list_limit=r.list_limit,
        tie_rule=r.tie_rule.value,
        placement_status_on_publish=PLACEMENT_STATUS_TO_PB[PlacementStatus(r.publish_as.value)],
        seed=r.seed,
        status=ROUND_STATUS_TO_PB[r.status],
        created_at=ts(r.created_at),
        closed_at=ts(r.closed_at),
        computed_at=ts(r.computed_at),
        published_at=ts(r.published_at),
        latest_run_id=str(r.latest_run_id or ""),
        published_run_id=str(r.published_run_id or ""),
        positions=positions,
        students=students,
    )


def invitation_to_pb(r: Round) -> pb.RoundInvitation:
    return pb.RoundInvitation(
        id=str(r.id),
        title=r.title,
        owner_org=r.owner_org,
        enterprise_org=r.enterprise_org or "",
        status=ROUND_STATUS_TO_PB[r.status],
        created_at=ts(r.created_at),
    )


class RoundsServicer(Servicer):
    async def CreateRound(self, request: pb.CreateRoundRequest, context) -> pb.CreateRoundResponse:
        publish_as = _PUBLISH_AS_FROM_PB.get(request.placement_status_on_publish, "not requested or confirmed")
        body = validate(
            RoundCreate,
            {
                "title": request.title,
                "co_owner_schools": list(request.co_owner_schools),
                "enterprise_org": request.enterprise_org or None,
                "list_limit": optional(request, "list_limit"),
                "placement_status_on_publish": publish_as,
                "seed": optional(request, "seed"),
                **({"tie_rule": request.tie_rule} if request.tie_rule else {}),
            },
        )

        async def create(uow) -> pb.CreateRoundResponse:
            rnd = await round_handlers.create_round(
                body.to_command(),
                principal(),
                uow=uow,
                clock=self.rt.clock,
                default_list_limit=self.rt.settings.round_list_limit,
            )
            return pb.CreateRoundResponse(round=round_to_pb(rnd))

        return await rpc.created(context, self.rt.uow, request, create, pb.CreateRoundResponse)

    async def GetRound(self, request: pb.GetRoundRequest, context) -> pb.GetRoundResponse:
        view = await round_handlers.get_round(parse_uuid(request.id, "id"), principal(), uow=self.rt.uow)
        return pb.GetRoundResponse(round=round_to_pb(view.round, positions=view.positions, students=view.students))

    async def ListRounds(self, request: pb.ListRoundsRequest, context) -> pb.ListRoundsResponse:
        items, token = await round_handlers.list_rounds(
            principal(),
            uow=self.rt.uow,
            page_size=pages.page_size(request.page_size),
            page_token=request.page_token or None,
        )
        return pb.ListRoundsResponse(rounds=[round_to_pb(r) for r in items], next_page_token=token or "")

    async def ListRoundInvitations(
        self, request: pb.ListRoundInvitationsRequest, context
    ) -> pb.ListRoundInvitationsResponse:
        items, token = await round_handlers.list_invitations(
            principal(),
            uow=self.rt.uow,
            page_size=pages.page_size(request.page_size),
            page_token=request.page_token or None,
        )
        return pb.ListRoundInvitationsResponse(
            invitations=[invitation_to_pb(r) for r in items], next_page_token=token or ""
        )

    async def AcceptRound(self, request: pb.AcceptRoundRequest, context) -> pb.AcceptRoundResponse:
        view = await round_handlers.accept_round(parse_uuid(request.id, "id"), principal(), uow=self.rt.uow)
        return pb.AcceptRoundResponse(round=round_to_pb(view.round, positions=view.positions, students=view.students))

    async def DeclineRound(self, request: pb.DeclineRoundRequest, context) -> pb.DeclineRoundResponse:
        await round_handlers.decline_round(parse_uuid(request.id, "id"), principal(), uow=self.rt.uow)
        return pb.DeclineRoundResponse()

    async def CloseRound(self, request: pb.CloseRoundRequest, context) -> pb.CloseRoundResponse:
        rnd = await round_handlers.close_round(
            parse_uuid(request.id, "id"), principal(), uow=self.rt.uow, clock=self.rt.clock, compliance=self.compliance
        )
        return pb.CloseRoundResponse(round=round_to_pb(rnd))

    async def ReopenRound(self, request: pb.ReopenRoundRequest, context) -> pb.ReopenRoundResponse:
        rnd = await round_handlers.reopen_round(parse_uuid(request.id, "id"), principal(), uow=self.rt.uow)
        return pb.ReopenRoundResponse(round=round_to_pb(rnd))

    async def ComputeRound(self, request: pb.ComputeRoundRequest, context) -> pb.ComputeRoundResponse:
        run = await round_handlers.compute_round(
            parse_uuid(request.id, "id"), principal(), uow=self.rt.uow, clock=self.rt.clock
        )
        return pb.ComputeRoundResponse(run=run_to_pb(run))

    async def PublishRound(self, request: pb.PublishRoundRequest, context) -> pb.PublishRoundResponse:
        done = await round_handlers.publish_round(
            parse_uuid(request.id, "id"),
            principal(),
            uow=self.rt.uow,
            clock=self.rt.clock,
            hold=timedelta(hours=self.rt.settings.round_hold_hours),
            compliance=self.compliance,
        )
        return pb.PublishRoundResponse(
            round=round_to_pb(done.round),
            run_id=str(done.run.id),
            placements=done.placements,
            by_position=[
                pb.PositionPlacements(position_id=str(pid), placements=n) for pid, n in sorted(done.by_position.items())
            ],
        )
