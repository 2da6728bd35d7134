"""Request and response bodies of the feedback survey and the base tiers, shared by the REST and gRPC edges."""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt

from internships.domain.base_tiers import REASON_MOST, Recommendation, TierDecision, snapshot
from internships.domain.feedback import COMMENT_MOST, RATING, Answers, Feedback
from internships.domain.positions import PracticeBase
from internships.handlers.base_tiers import ConfirmTier, TierEvidence
from internships.handlers.feedback import GiveFeedback
from internships.schemas.positions import BaseRead
from praxis_common.validation import Text

Rating = Annotated[StrictInt, Field(ge=RATING[0], le=RATING[1])]


class FeedbackCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "work_match": 4,
                    "guidance_quality": 5,
                    "would_recommend": True,
                    "return_offer": False,
                    "comment": "Ran the store's promotions myself from week 3.",
                }
            ]
        },
    )

    work_match: Rating = Field(description="How well the work matched the programme, 1 (not at all) to 5 (fully)")
    guidance_quality: Rating = Field(description="The quality of the guidance received, 1 (none) to 5 (excellent)")
    would_recommend: StrictBool = Field(description="Would recommend the base to next year's students")
    return_offer: StrictBool = Field(description="The enterprise offered a job after the placement")
    comment: Annotated[Text, Field(max_length=COMMENT_MOST)] | None = Field(
        default=None, description="Free comment, for the school only (never shown to the enterprise)"
    )

    def to_command(self, placement_id: uuid.UUID) -> GiveFeedback:
        return GiveFeedback(placement_id, Answers(**self.model_dump()))


class FeedbackRead(BaseModel):
    placement_id: uuid.UUID
    base_id: uuid.UUID
    school_org: str
    enterprise_org: str
    student_ref: str
    work_match: int
    guidance_quality: int
    would_recommend: bool
    return_offer: bool
    comment: str | None
    given_at: datetime
    given_by: str

    @classmethod
    def of(cls, f: Feedback) -> FeedbackRead:
        return cls(**{n: getattr(f, n) for n in cls.model_fields})


class TierConfirm(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"tier": 2, "reason": "Core-work share and guidance meet the school-level standard"}]
        },
    )

    tier: Annotated[StrictInt, Field(ge=1, le=3, description="1 flagship/regional, 2 school-level, 3 basic")]
    reason: Annotated[Text, Field(min_length=1, max_length=REASON_MOST, description="Why this tier (kept)")]

    def to_command(self, base_id: uuid.UUID) -> ConfirmTier:
        return ConfirmTier(base_id, self.tier, self.reason)


class EvidenceItemRead(BaseModel):
    measure: str = Field(
        description="core_work_share | onsite_guidance_per_month | attendance_rate | completion_rate | "
        "student_rating | would_recommend_share"
    )
    value: Decimal | None = Field(description="null: insufficient evidence")
    rests_on: int = Field(description="placements (survey answers for the two student items) it is computed over")
    thresholds: dict[int, Decimal] = Field(description="the least value for tier 1 and for tier 2")
    meets: int | None = Field(description="the best tier the value meets; null when insufficient")
    sufficient: bool
    note: str


class EvidenceRead(BaseModel):
    recommended_tier: int | None = Field(description="null: insufficient evidence (see reason)")
    reason: str
    started_placements: int
    needed: int = Field(description="placements (and answers) an item needs to count")
    items: list[EvidenceItemRead]

    @classmethod
    def of(cls, r: Recommendation) -> EvidenceRead:
        return cls.model_validate(snapshot(r))


class TierEvidenceRead(BaseModel):
    base_id: uuid.UUID
    tier: int = Field(description="the tier in force")
    proposed_tier: int
    tier_confirmed: bool
    evidence: EvidenceRead

    @classmethod
    def of(cls, e: TierEvidence) -> TierEvidenceRead:
        b = e.base
        return cls(
            base_id=b.id,
            tier=int(b.tier),
            proposed_tier=int(b.proposed_tier),
            tier_confirmed=b.tier_confirmed,
            evidence=EvidenceRead.of(e.recommendation),
        )


class TierDecisionRead(BaseModel):
    id: uuid.UUID
    base_id: uuid.UUID
    from_tier: int
    from_confirmed: bool = Field(description="false: the tier before was the enterprise's unconfirmed proposal")
    to_tier: int
    reason: str
    decided_by: str
    decided_by_org: str
    decided_by_kind: str = Field(description="school | platform")
    decided_at: datetime
    recommended_tier: int | None
    evidence: EvidenceRead = Field(description="the evidence as it stood when decided")

    @classmethod
    def of(cls, d: TierDecision) -> TierDecisionRead:
        fields = {n: getattr(d, n) for n in cls.model_fields if n != "evidence"}
        return cls(**fields, evidence=EvidenceRead.model_validate(d.evidence))


class TierConfirmedRead(BaseModel):
    base: BaseRead
    decision: TierDecisionRead

    @classmethod
    def of(cls, base: PracticeBase, decision: TierDecision) -> TierConfirmedRead:
        return cls(base=BaseRead.of(base), decision=TierDecisionRead.of(decision))


class TierHistoryRead(BaseModel):
    base_id: uuid.UUID
    tier: int
    proposed_tier: int
    tier_confirmed: bool
    decisions: list[TierDecisionRead] = Field(description="newest first")

    @classmethod
    def of(cls, base: PracticeBase, decisions: list[TierDecision]) -> TierHistoryRead:
        return cls(
            base_id=base.id,
            tier=int(base.tier),
            proposed_tier=int(base.proposed_tier),
            tier_confirmed=base.tier_confirmed,
            decisions=[TierDecisionRead.of(d) for d in decisions],
        )
