"""gRPC methods of the feedback survey (praxis.internships.v1.FeedbackService) and the base tiers
(praxis.internships.v1.BaseTiersService): protobuf → schemas.tiers → handler → protobuf."""

from __future__ import annotations

from internships.domain.base_tiers import TierDecision
from internships.domain.feedback import Feedback
from internships.handlers import base_tiers, feedback
from internships.rpc.messages import Servicer, ts
from internships.rpc.positions import base_to_pb
from internships.schemas.tiers import EvidenceRead, FeedbackCreate, TierConfirm
from praxis.internships.v1 import tiers_pb2 as pb
from praxis.internships.v1 import tiers_pb2_grpc as pb_grpc
from praxis_common import rpc
from praxis_common.rpc import principal
from praxis_common.validation import parse_uuid, validate


def feedback_to_pb(f: Feedback) -> pb.PlacementFeedback:
    return pb.PlacementFeedback(
        placement_id=str(f.placement_id),
        base_id=str(f.base_id),
        school_org=f.school_org,
        enterprise_org=f.enterprise_org,
        student_ref=f.student_ref,
        work_match=f.work_match,
        guidance_quality=f.guidance_quality,
        would_recommend=f.would_recommend,
        return_offer=f.return_offer,
        comment=f.comment or "",
        given_at=ts(f.given_at),
        given_by=f.given_by,
    )


def evidence_to_pb(e: EvidenceRead) -> pb.TierEvidence:
    return pb.TierEvidence(
        recommended_tier=e.recommended_tier or 0,
        reason=e.reason,
        started_placements=e.started_placements,
        needed=e.needed,
        items=[
            pb.TierEvidenceItem(
                measure=i.measure,
                value=str(i.value) if i.value is not None else "",
                rests_on=i.rests_on,
                thresholds={t: str(v) for t, v in i.thresholds.items()},
                meets=i.meets or 0,
                sufficient=i.sufficient,
                note=i.note,
            )
            for i in e.items
        ],
    )


def decision_to_pb(d: TierDecision) -> pb.BaseTierDecision:
    return pb.BaseTierDecision(
        id=str(d.id),
        base_id=str(d.base_id),
        from_tier=int(d.from_tier),
        from_confirmed=d.from_confirmed,
        to_tier=int(d.to_tier),
        reason=d.reason,
        decided_by=d.decided_by,
        decided_by_org=d.decided_by_org,
        decided_by_kind=d.decided_by_kind,
        decided_at=ts(d.decided_at),
        recommended_tier=int(d.recommended_tier or 0),
        evidence=evidence_to_pb(EvidenceRead.model_validate(d.evidence)),
    )


class FeedbackServicer(Servicer, pb_grpc.FeedbackServiceServicer):
    """praxis.internships.v1.FeedbackService."""

    async def GiveFeedback(self, request: pb.GiveFeedbackRequest, context) -> pb.GiveFeedbackResponse:
        placement_id = parse_uuid(request.placement_id, "placement_id")
        body = validate(
            FeedbackCreate,
            {
                "work_match": request.work_match,  # 0: missing, fails like out of range
                "guidance_quality": request.guidance_quality,
                "would_recommend": request.would_recommend,
                "return_offer": request.return_offer,
                "comment": request.comment or None,
            },
        )

        async def give(uow) -> pb.GiveFeedbackResponse:
            given = await feedback.give_feedback(
                body.to_command(placement_id), principal(), uow=uow, clock=self.rt.clock
            )
            return pb.GiveFeedbackResponse(feedback=feedback_to_pb(given))

        return await rpc.created(context, self.rt.uow, request, give, pb.GiveFeedbackResponse)

    async def GetFeedback(self, request: pb.GetFeedbackRequest, context) -> pb.GetFeedbackResponse:
        found = await feedback.get_feedback(
            parse_uuid(request.placement_id, "placement_id"), principal(), uow=self.rt.uow
        )
        return pb.GetFeedbackResponse(feedback=feedback_to_pb(found))


class BaseTiersServicer(Servicer, pb_grpc.BaseTiersServiceServicer):
    """praxis.internships.v1.BaseTiersService."""

    async def ConfirmBaseTier(self, request: pb.ConfirmBaseTierRequest, context) -> pb.ConfirmBaseTierResponse:
        base_id = parse_uuid(request.base_id, "base_id")
        body = validate(TierConfirm, {"tier": request.tier, "reason": request.reason})

        async def confirm(uow) -> pb.ConfirmBaseTierResponse:
            base, decision = await base_tiers.confirm_tier(
                body.to_command(base_id), principal(), uow=uow, clock=self.rt.clock
            )
            return pb.ConfirmBaseTierResponse(base=base_to_pb(base), decision=decision_to_pb(decision))

        return await rpc.created(context, self.rt.uow, request, confirm, pb.ConfirmBaseTierResponse)

    async def GetBaseTierEvidence(
        self, request: pb.GetBaseTierEvidenceRequest, context
    ) -> pb.GetBaseTierEvidenceResponse:
        found = await base_tiers.tier_evidence(
            parse_uuid(request.base_id, "base_id"), principal(), uow=self.rt.uow, clock=self.rt.clock
        )
        b = found.base
        return pb.GetBaseTierEvidenceResponse(
            base_id=str(b.id),
            tier=int(b.tier),
            proposed_tier=int(b.proposed_tier),
            tier_confirmed=b.tier_confirmed,
            evidence=evidence_to_pb(EvidenceRead.of(found.recommendation)),
        )

    async def GetBaseTierHistory(self, request: pb.GetBaseTierHistoryRequest, context) -> pb.GetBaseTierHistoryResponse:
        base, decisions = await base_tiers.tier_history(
            parse_uuid(request.base_id, "base_id"), principal(), uow=self.rt.uow
        )
        return pb.GetBaseTierHistoryResponse(
            base_id=str(base.id),
            tier=int(base.tier),
            proposed_tier=int(base.proposed_tier),
            tier_confirmed=base.tier_confirmed,
            decisions=[decision_to_pb(d) for d in decisions],
        )
