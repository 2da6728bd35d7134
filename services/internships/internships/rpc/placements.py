"""gRPC methods of placements: protobuf → schemas.placements → command → handler → protobuf."""

from __future__ import annotations

from internships.domain.placements import Placement
from internships.handlers import feeds as placement_feed
from internships.handlers import placements as placement_handlers
from internships.rpc.messages import (
    PLACEMENT_STATUS_TO_PB,
    Servicer,
    optional,
    profile_in,
    profile_out,
    tombstone_to_pb,
    ts,
)
from internships.schemas.placements import ConsentIn, PlacementAction, PlacementCreate
from praxis.internships.v1 import internships_pb2 as pb
from praxis_common import feeds, pages, rpc
from praxis_common.rpc import principal
from praxis_common.validation import parse_uuid, validate

_PLACEMENT_STATUS_FROM_PB = {v: k for k, v in PLACEMENT_STATUS_TO_PB.items()}


def placement_to_pb(p: Placement) -> pb.Placement:
    return pb.Placement(
        id=str(p.id),
        position_id=str(p.position_id),
        agreement_id=str(p.agreement_id),
        school_org=p.school_org,
        enterprise_org=p.enterprise_org,
        student_ref=p.student_ref,
        profile=profile_out(p.profile),
        status=PLACEMENT_STATUS_TO_PB[p.status],
        starts_on=p.starts_on.isoformat(),
        ends_on=p.ends_on.isoformat(),
        requested_at=ts(p.requested_at),
        hold_expires_at=ts(p.hold_expires_at),
        decided_at=ts(p.decided_at),
        started_at=ts(p.started_at),
        ended_at=ts(p.ended_at),
        reason=p.reason or "",
        student_consent_at=ts(p.student_consent_at),
        guardian_consent_at=ts(p.guardian_consent_at),
        forced=p.forced,
        internship_type=p.internship_type,
        organisation_form=p.organisation_form,
        internship_mode=p.internship_mode,
        cohort=p.cohort or "",
        hours_milestone=p.hours_milestone,
    )


class PlacementsServicer(Servicer):
    async def BookPlacement(self, request: pb.BookPlacementRequest, context) -> pb.BookPlacementResponse:
        data = {
            "position_id": request.position_id,
            "student_ref": request.student_ref,
            "birth_date": request.birth_date or None,
            "study_year": optional(request, "study_year"),
            # proto3: "" is "not given" (the default applies)
            **{n: getattr(request, n) or None for n in ("internship_type", "organisation_form", "internship_mode")},
            "cohort": request.cohort or None,
            "profile_from_roster": request.profile_from_roster,
        }
        if request.HasField("profile"):
            data["profile"] = profile_in(request.profile)
        body = validate(PlacementCreate, data)

        async def book(uow) -> pb.BookPlacementResponse:
            placement = await placement_handlers.book_placement(
                body.to_command(),
                principal(),
                uow=uow,
                clock=self.rt.clock,
                hold=self.hold,
                compliance=self.compliance,
            )
            return pb.BookPlacementResponse(placement=placement_to_pb(placement))

        return await rpc.created(context, self.rt.uow, request, book, pb.BookPlacementResponse)

    async def GetPlacement(self, request: pb.GetPlacementRequest, context) -> pb.GetPlacementResponse:
        placement = await placement_handlers.get_placement(parse_uuid(request.id, "id"), principal(), uow=self.rt.uow)
        return pb.GetPlacementResponse(placement=placement_to_pb(placement))

    async def ListPlacements(self, request: pb.ListPlacementsRequest, context) -> pb.ListPlacementsResponse:
        feeds.one_of(request.updated_since or None, request.page_token)
        if request.updated_since:
            changes = await placement_feed.placement_changes(
                placement_feed.Feed(request.updated_since, pages.page_size(request.page_size)),
                principal(),
                uow=self.rt.uow,
                status=_PLACEMENT_STATUS_FROM_PB.get(request.status),
            )
            return pb.ListPlacementsResponse(
                changes=[
                    pb.PlacementChange(deleted=tombstone_to_pb(c))
                    if isinstance(c, feeds.Tombstone)
                    else pb.PlacementChange(placement=placement_to_pb(c))
                    for c in changes.items
                ],
                next_cursor=changes.next_cursor,
                has_more=changes.has_more,
            )
        items, token = await placement_handlers.list_placements(
            placement_handlers.ListPlacements(
                status=_PLACEMENT_STATUS_FROM_PB.get(request.status),
                page_size=pages.page_size(request.page_size),
                page_token=request.page_token or None,
            ),
            principal(),
            uow=self.rt.uow,
        )
        return pb.ListPlacementsResponse(placements=[placement_to_pb(p) for p in items], next_page_token=token or "")

    async def ConfirmPlacement(self, request: pb.ConfirmPlacementRequest, context) -> pb.ConfirmPlacementResponse:
        return pb.ConfirmPlacementResponse(placement=await self._change_placement(request.id, "confirm"))

    async def RejectPlacement(self, request: pb.RejectPlacementRequest, context) -> pb.RejectPlacementResponse:
        return pb.RejectPlacementResponse(placement=await self._change_placement(request.id, "reject", request.reason))

    async def WithdrawPlacement(self, request: pb.WithdrawPlacementRequest, context) -> pb.WithdrawPlacementResponse:
        return pb.WithdrawPlacementResponse(
            placement=await self._change_placement(request.id, "withdraw", request.reason)
        )

    async def StartPlacement(self, request: pb.StartPlacementRequest, context) -> pb.StartPlacementResponse:
        return pb.StartPlacementResponse(placement=await self._change_placement(request.id, "start"))

    async def CompletePlacement(self, request: pb.CompletePlacementRequest, context) -> pb.CompletePlacementResponse:
        return pb.CompletePlacementResponse(
            placement=await self._change_placement(request.id, "complete", request.reason, force=request.force)
        )

    async def TerminatePlacement(self, request: pb.TerminatePlacementRequest, context) -> pb.TerminatePlacementResponse:
        return pb.TerminatePlacementResponse(
            placement=await self._change_placement(request.id, "terminate", request.reason)
        )

    async def _change_placement(
        self, placement_id: str, action: str, reason: str = "", *, force: bool = False
    ) -> pb.Placement:
        placement_uuid = parse_uuid(placement_id, "id")
        body = validate(PlacementAction, {"reason": reason or None, "force": force})  # proto3: "" is "no reason"
        placement = await placement_handlers.change_placement(
            placement_uuid,
            action,
            principal(),
            uow=self.rt.uow,
            reason=body.reason,
            force=body.force,
            clock=self.rt.clock,
            compliance=self.compliance,
        )
        return placement_to_pb(placement)

    async def RecordConsent(self, request: pb.RecordConsentRequest, context) -> pb.RecordConsentResponse:
        placement_id = parse_uuid(request.id, "id")
        body = validate(ConsentIn, {"student": request.student, "guardian": request.guardian})
        placement = await placement_handlers.record_consent(
            placement_id,
            principal(),
            student=body.student,
            guardian=body.guardian,
            uow=self.rt.uow,
            clock=self.rt.clock,
        )
        return pb.RecordConsentResponse(placement=placement_to_pb(placement))
