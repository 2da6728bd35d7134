from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Optional as _Optional

DESCRIPTOR: _descriptor.FileDescriptor

class PlacementFeedbackGiven(_message.Message):
    __slots__ = ("placement_id", "school_org", "enterprise_org", "student_ref", "base_id", "work_match", "guidance_quality", "would_recommend", "return_offer", "given_at")
    PLACEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    SCHOOL_ORG_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_ORG_FIELD_NUMBER: _ClassVar[int]
    STUDENT_REF_FIELD_NUMBER: _ClassVar[int]
    BASE_ID_FIELD_NUMBER: _ClassVar[int]
    WORK_MATCH_FIELD_NUMBER: _ClassVar[int]
    GUIDANCE_QUALITY_FIELD_NUMBER: _ClassVar[int]
    WOULD_RECOMMEND_FIELD_NUMBER: _ClassVar[int]
    RETURN_OFFER_FIELD_NUMBER: _ClassVar[int]
    GIVEN_AT_FIELD_NUMBER: _ClassVar[int]
    placement_id: str
    school_org: str
    enterprise_org: str
    student_ref: str
    base_id: str
    work_match: int
    guidance_quality: int
    would_recommend: bool
    return_offer: bool
    given_at: str
    def __init__(self, placement_id: _Optional[str] = ..., school_org: _Optional[str] = ..., enterprise_org: _Optional[str] = ..., student_ref: _Optional[str] = ..., base_id: _Optional[str] = ..., work_match: _Optional[int] = ..., guidance_quality: _Optional[int] = ..., would_recommend: _Optional[bool] = ..., return_offer: _Optional[bool] = ..., given_at: _Optional[str] = ...) -> None: ...

class BaseTierConfirmed(_message.Message):
    __slots__ = ("base_id", "agreement_id", "school_org", "enterprise_org", "decision_id", "from_tier", "from_confirmed", "to_tier", "proposed_tier", "recommended_tier", "reason", "decided_by", "decided_by_org", "decided_by_kind", "decided_at")
    BASE_ID_FIELD_NUMBER: _ClassVar[int]
    AGREEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    SCHOOL_ORG_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_ORG_FIELD_NUMBER: _ClassVar[int]
    DECISION_ID_FIELD_NUMBER: _ClassVar[int]
    FROM_TIER_FIELD_NUMBER: _ClassVar[int]
    FROM_CONFIRMED_FIELD_NUMBER: _ClassVar[int]
    TO_TIER_FIELD_NUMBER: _ClassVar[int]
    PROPOSED_TIER_FIELD_NUMBER: _ClassVar[int]
    RECOMMENDED_TIER_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    DECIDED_BY_FIELD_NUMBER: _ClassVar[int]
    DECIDED_BY_ORG_FIELD_NUMBER: _ClassVar[int]
    DECIDED_BY_KIND_FIELD_NUMBER: _ClassVar[int]
    DECIDED_AT_FIELD_NUMBER: _ClassVar[int]
    base_id: str
    agreement_id: str
    school_org: str
    enterprise_org: str
    decision_id: str
    from_tier: int
    from_confirmed: bool
    to_tier: int
    proposed_tier: int
    recommended_tier: int
    reason: str
    decided_by: str
    decided_by_org: str
    decided_by_kind: str
    decided_at: str
    def __init__(self, base_id: _Optional[str] = ..., agreement_id: _Optional[str] = ..., school_org: _Optional[str] = ..., enterprise_org: _Optional[str] = ..., decision_id: _Optional[str] = ..., from_tier: _Optional[int] = ..., from_confirmed: _Optional[bool] = ..., to_tier: _Optional[int] = ..., proposed_tier: _Optional[int] = ..., recommended_tier: _Optional[int] = ..., reason: _Optional[str] = ..., decided_by: _Optional[str] = ..., decided_by_org: _Optional[str] = ..., decided_by_kind: _Optional[str] = ..., decided_at: _Optional[str] = ...) -> None: ...
