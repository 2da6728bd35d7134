"""gRPC methods of achievements brought in: protobuf -> the REST input model -> its command -> the handler."""

from __future__ import annotations

from credentials.domain.brought_in import RecordedAchievement
from credentials.handlers import brought_in
from credentials.schemas.brought_in import AchievementCreate, AchievementQuery, BadgeIn, WeightIn, WithdrawIn
from praxis.credentials.v1 import credentials_pb2 as pb
from praxis_common import pages, rpc
from praxis_common.rpc import principal
from praxis_common.service import Runtime
from praxis_common.validation import parse_uuid, validate


def achievement_to_pb(a: RecordedAchievement) -> pb.RecordedAchievement:
    d = a.description

    def text(value) -> str:
        return value.isoformat() if value is not None else ""

    return pb.RecordedAchievement(
        id=str(a.id),
        school_org=a.school_org,
        student_ref=a.student_ref,
        kind=d.kind.value,
        title=d.title,
        issuer_name=d.issuer_name,
        issuer_id=d.issuer_id,
        signed_by=d.signed_by,
        issuer_known=d.issuer_known,
        awarded_on=d.awarded_on.isoformat(),
        expires_on=text(d.expires_on),
        level=d.level,
        reference=d.reference,
        points=str(a.weight.points),
        credits=str(a.weight.credits),
        revision=a.revision,
        recorded_by=a.recorded_by,
        recorded_at=text(a.recorded_at),
        weighed_by=a.weighed_by or "",
        weighed_at=text(a.weighed_at),
        withdrawn_by=a.withdrawn_by or "",
        withdrawn_at=text(a.withdrawn_at),
        withdraw_reason=a.withdraw_reason or "",
    )


def _given(**fields) -> dict:
    """The fields a request set (proto3 strings are empty when not set: the REST default applies)."""
    return {k: v for k, v in fields.items() if v != ""}


class AchievementMethods:
    rt: Runtime

    async def RecordAchievement(self, request: pb.RecordAchievementRequest, context) -> pb.RecordAchievementResponse:
        data = _given(
            student_ref=request.student_ref,
            kind=request.kind,
            title=request.title,
            issuer_name=request.issuer_name,
            awarded_on=request.awarded_on,
            level=request.level,
            reference=request.reference,
            expires_on=request.expires_on,
            points=request.points,
            credits=request.credits,
        )
        cmd = validate(AchievementCreate, data).to_command()

        async def create(uow) -> pb.RecordAchievementResponse:
            a = await brought_in.record_achievement(cmd, principal(), uow=uow, clock=self.rt.clock)
            return pb.RecordAchievementResponse(achievement=achievement_to_pb(a))

        return await rpc.created(context, self.rt.uow, request, create, pb.RecordAchievementResponse)

    async def PresentBadge(self, request: pb.PresentBadgeRequest, context) -> pb.PresentBadgeResponse:
        data = _given(
            student_ref=request.student_ref,
            credential=request.credential,
            points=request.points,
            credits=request.credits,
        )
        cmd = validate(BadgeIn, data).to_command()

        async def create(uow) -> pb.PresentBadgeResponse:
            a = await brought_in.present_badge(
                cmd, principal(), uow=uow, custody=self.rt.resources, clock=self.rt.clock
            )
            return pb.PresentBadgeResponse(achievement=achievement_to_pb(a))

        return await rpc.created(context, self.rt.uow, request, create, pb.PresentBadgeResponse)

    async def ListAchievements(self, request: pb.ListAchievementsRequest, context) -> pb.ListAchievementsResponse:
        query = validate(AchievementQuery, _given(student_ref=request.student_ref, kind=request.kind))
        cmd = query.to_command(pages.page_size(request.page_size), request.page_token or None)
        found, token = await brought_in.list_recorded(cmd, principal(), uow=self.rt.uow)
        return pb.ListAchievementsResponse(
            achievements=[achievement_to_pb(a) for a in found], next_page_token=token or ""
        )

    async def GetAchievement(self, request: pb.GetAchievementRequest, context) -> pb.GetAchievementResponse:
        a = await brought_in.get_recorded(_id(request), principal(), uow=self.rt.uow)
        return pb.GetAchievementResponse(achievement=achievement_to_pb(a))

    async def WeighAchievement(self, request: pb.WeighAchievementRequest, context) -> pb.WeighAchievementResponse:
        cmd = validate(WeightIn, _given(points=request.points, credits=request.credits)).to_command(_id(request))
        a = await brought_in.weigh(cmd, principal(), uow=self.rt.uow, clock=self.rt.clock)
        return pb.WeighAchievementResponse(achievement=achievement_to_pb(a))

    async def WithdrawAchievement(
        self, request: pb.WithdrawAchievementRequest, context
    ) -> pb.WithdrawAchievementResponse:
        cmd = validate(WithdrawIn, {"reason": request.reason}).to_command(_id(request))
        a = await brought_in.withdraw(cmd, principal(), uow=self.rt.uow, clock=self.rt.clock)
        return pb.WithdrawAchievementResponse(achievement=achievement_to_pb(a))


def _id(request):
    return parse_uuid(request.achievement_id, "achievement_id")
