"""The feedback survey (domain/feedback.py) and base tiers (domain/base_tiers.py) → integration events."""

from __future__ import annotations

from internships.domain.base_tiers import TierConfirmed
from internships.domain.feedback import FeedbackGiven
from internships.outgoing import _event, integration_event, placement_parties
from praxis.events.v1 import tiers_pb2
from praxis_common.events import IntegrationEvent


@integration_event.register
def _(event: FeedbackGiven, **context) -> IntegrationEvent:
    f = event.feedback
    return _event(
        "placement.feedback_given",
        "placement",
        f.placement_id,
        tiers_pb2.PlacementFeedbackGiven(
            **placement_parties(event.placement),
            base_id=str(f.base_id),
            work_match=f.work_match,
            guidance_quality=f.guidance_quality,
            would_recommend=f.would_recommend,
            return_offer=f.return_offer,
            given_at=f.given_at.isoformat(),
        ),
    )


@integration_event.register
def _(event: TierConfirmed, **context) -> IntegrationEvent:
    b, d = event.base, event.decision
    return _event(
        "base.tier_confirmed",
        "base",
        b.id,
        tiers_pb2.BaseTierConfirmed(
            base_id=str(b.id),
            agreement_id=str(b.agreement_id),
            school_org=b.school_org,
            enterprise_org=b.enterprise_org,
            decision_id=str(d.id),
            from_tier=int(d.from_tier),
            from_confirmed=d.from_confirmed,
            to_tier=int(d.to_tier),
            proposed_tier=int(b.proposed_tier),
            recommended_tier=int(d.recommended_tier or 0),
            reason=d.reason,
            decided_by=d.decided_by,
            decided_by_org=d.decided_by_org,
            decided_by_kind=d.decided_by_kind,
            decided_at=d.decided_at.isoformat(),
        ),
    )
