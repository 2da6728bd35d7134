from praxis.internships.v1 import internships_pb2 as _internships_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class PlacementFeedback(_message.Message):
    __slots__ = ("placement_id", "base_id", "school_org", "enterprise_org", "student_ref", "work_match", "guidance_quality", "would_recommend", "return_offer", "comment", "given_at", "given_by")
    PLACEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    BASE_ID_FIELD_NUMBER: _ClassVar[int]
    SCHOOL_ORG_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_ORG_FIELD_NUMBER: _ClassVar[int]
    STUDENT_REF_FIELD_NUMBER: _ClassVar[int]
    WORK_MATCH_FIELD_NUMBER: _ClassVar[int]
    GUIDANCE_QUALITY_FIELD_NUMBER: _ClassVar[int]
    WOULD_RECOMMEND_FIELD_NUMBER: _ClassVar[int]
    RETURN_OFFER_FIELD_NUMBER: _ClassVar[int]
    COMMENT_FIELD_NUMBER: _ClassVar[int]
    GIVEN_AT_FIELD_NUMBER: _ClassVar[int]
    GIVEN_BY_FIELD_NUMBER: _ClassVar[int]
    placement_id: str
    base_id: str
    school_org: str
    enterprise_org: str
    student_ref: str
    work_match: int
    guidance_quality: int
    would_recommend: bool
    return_offer: bool
    comment: str
    given_at: str
    given_by: str
    def __init__(self, placement_id: _Optional[str] = ..., base_id: _Optional[str] = ..., school_org: _Optional[str] = ..., enterprise_org: _Optional[str] = ..., student_ref: _Optional[str] = ..., work_match: _Optional[int] = ..., guidance_quality: _Optional[int] = ..., would_recommend: _Optional[bool] = ..., return_offer: _Optional[bool] = ..., comment: _Optional[str] = ..., given_at: _Optional[str] = ..., given_by: _Optional[str] = ...) -> None: ...

class GiveFeedbackRequest(_message.Message):
    __slots__ = ("placement_id", "work_match", "guidance_quality", "would_recommend", "return_offer", "comment")
    PLACEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    WORK_MATCH_FIELD_NUMBER: _ClassVar[int]
    GUIDANCE_QUALITY_FIELD_NUMBER: _ClassVar[int]
    WOULD_RECOMMEND_FIELD_NUMBER: _ClassVar[int]
    RETURN_OFFER_FIELD_NUMBER: _ClassVar[int]
    COMMENT_FIELD_NUMBER: _ClassVar[int]
    placement_id: str
    work_match: int
    guidance_quality: int
    would_recommend: bool
    return_offer: bool
    comment: str
    def __init__(self, placement_id: _Optional[str] = ..., work_match: _Optional[int] = ..., guidance_quality: _Optional[int] = ..., would_recommend: _Optional[bool] = ..., return_offer: _Optional[bool] = ..., comment: _Optional[str] = ...) -> None: ...

class GiveFeedbackResponse(_message.Message):
    __slots__ = ("feedback",)
    FEEDBACK_FIELD_NUMBER: _ClassVar[int]
    feedback: PlacementFeedback
    def __init__(self, feedback: _Optional[_Union[PlacementFeedback, _Mapping]] = ...) -> None: ...

class GetFeedbackRequest(_message.Message):
    __slots__ = ("placement_id",)
    PLACEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    placement_id: str
    def __init__(self, placement_id: _Optional[str] = ...) -> None: ...

class GetFeedbackResponse(_message.Message):
    __slots__ = ("feedback",)
    FEEDBACK_FIELD_NUMBER: _ClassVar[int]
    feedback: PlacementFeedback
    def __init__(self, feedback: _Optional[_Union[PlacementFeedback, _Mapping]] = ...) -> None: ...

class TierEvidenceItem(_message.Message):
    __slots__ = ("measure", "value", "rests_on", "thresholds", "meets", "sufficient", "note")
    class ThresholdsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: int
        value: str
        def __init__(self, key: _Optional[int] = ..., value: _Optional[str] = ...) -> None: ...
    MEASURE_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    RESTS_ON_FIELD_NUMBER: _ClassVar[int]
    THRESHOLDS_FIELD_NUMBER: _ClassVar[int]
    MEETS_FIELD_NUMBER: _ClassVar[int]
    SUFFICIENT_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    measure: str
    value: str
    rests_on: int
    thresholds: _containers.ScalarMap[int, str]
    meets: int
    sufficient: bool
    note: str
    def __init__(self, measure: _Optional[str] = ..., value: _Optional[str] = ..., rests_on: _Optional[int] = ..., thresholds: _Optional[_Mapping[int, str]] = ..., meets: _Optional[int] = ..., sufficient: _Optional[bool] = ..., note: _Optional[str] = ...) -> None: ...

class TierEvidence(_message.Message):
    __slots__ = ("recommended_tier", "reason", "started_placements", "needed", "items")
    RECOMMENDED_TIER_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    STARTED_PLACEMENTS_FIELD_NUMBER: _ClassVar[int]
    NEEDED_FIELD_NUMBER: _ClassVar[int]
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    recommended_tier: int
    reason: str
    started_placements: int
    needed: int
    items: _containers.RepeatedCompositeFieldContainer[TierEvidenceItem]
    def __init__(self, recommended_tier: _Optional[int] = ..., reason: _Optional[str] = ..., started_placements: _Optional[int] = ..., needed: _Optional[int] = ..., items: _Optional[_Iterable[_Union[TierEvidenceItem, _Mapping]]] = ...) -> None: ...

class BaseTierDecision(_message.Message):
    __slots__ = ("id", "base_id", "from_tier", "from_confirmed", "to_tier", "reason", "decided_by", "decided_by_org", "decided_by_kind", "decided_at", "recommended_tier", "evidence")
    ID_FIELD_NUMBER: _ClassVar[int]
    BASE_ID_FIELD_NUMBER: _ClassVar[int]
    FROM_TIER_FIELD_NUMBER: _ClassVar[int]
    FROM_CONFIRMED_FIELD_NUMBER: _ClassVar[int]
    TO_TIER_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    DECIDED_BY_FIELD_NUMBER: _ClassVar[int]
    DECIDED_BY_ORG_FIELD_NUMBER: _ClassVar[int]
    DECIDED_BY_KIND_FIELD_NUMBER: _ClassVar[int]
    DECIDED_AT_FIELD_NUMBER: _ClassVar[int]
    RECOMMENDED_TIER_FIELD_NUMBER: _ClassVar[int]
    EVIDENCE_FIELD_NUMBER: _ClassVar[int]
    id: str
    base_id: str
    from_tier: int
    from_confirmed: bool
    to_tier: int
    reason: str
    decided_by: str
    decided_by_org: str
    decided_by_kind: str
    decided_at: str
    recommended_tier: int
    evidence: TierEvidence
    def __init__(self, id: _Optional[str] = ..., base_id: _Optional[str] = ..., from_tier: _Optional[int] = ..., from_confirmed: _Optional[bool] = ..., to_tier: _Optional[int] = ..., reason: _Optional[str] = ..., decided_by: _Optional[str] = ..., decided_by_org: _Optional[str] = ..., decided_by_kind: _Optional[str] = ..., decided_at: _Optional[str] = ..., recommended_tier: _Optional[int] = ..., evidence: _Optional[_Union[TierEvidence, _Mapping]] = ...) -> None: ...

class ConfirmBaseTierRequest(_message.Message):
    __slots__ = ("base_id", "tier", "reason")
    BASE_ID_FIELD_NUMBER: _ClassVar[int]
    TIER_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    base_id: str
    tier: int
    reason: str
    def __init__(self, base_id: _Optional[str] = ..., tier: _Optional[int] = ..., reason: _Optional[str] = ...) -> None: ...

class ConfirmBaseTierResponse(_message.Message):
    __slots__ = ("base", "decision")
    BASE_FIELD_NUMBER: _ClassVar[int]
    DECISION_FIELD_NUMBER: _ClassVar[int]
    base: _internships_pb2.PracticeBase
    decision: BaseTierDecision
    def __init__(self, base: _Optional[_Union[_internships_pb2.PracticeBase, _Mapping]] = ..., decision: _Optional[_Union[BaseTierDecision, _Mapping]] = ...) -> None: ...

class GetBaseTierEvidenceRequest(_message.Message):
    __slots__ = ("base_id",)
    BASE_ID_FIELD_NUMBER: _ClassVar[int]
    base_id: str
    def __init__(self, base_id: _Optional[str] = ...) -> None: ...

class GetBaseTierEvidenceResponse(_message.Message):
    __slots__ = ("base_id", "tier", "proposed_tier", "tier_confirmed", "evidence")
    BASE_ID_FIELD_NUMBER: _ClassVar[int]
    TIER_FIELD_NUMBER: _ClassVar[int]
    PROPOSED_TIER_FIELD_NUMBER: _ClassVar[int]
    TIER_CONFIRMED_FIELD_NUMBER: _ClassVar[int]
    EVIDENCE_FIELD_NUMBER: _ClassVar[int]
    base_id: str
    tier: int
    proposed_tier: int
    tier_confirmed: bool
    evidence: TierEvidence
    def __init__(self, base_id: _Optional[str] = ..., tier: _Optional[int] = ..., proposed_tier: _Optional[int] = ..., tier_confirmed: _Optional[bool] = ..., evidence: _Optional[_Union[TierEvidence, _Mapping]] = ...) -> None: ...

class GetBaseTierHistoryRequest(_message.Message):
    __slots__ = ("base_id",)
    BASE_ID_FIELD_NUMBER: _ClassVar[int]
    base_id: str
    def __init__(self, base_id: _Optional[str] = ...) -> None: ...

class GetBaseTierHistoryResponse(_message.Message):
    __slots__ = ("base_id", "tier", "proposed_tier", "tier_confirmed", "decisions")
    BASE_ID_FIELD_NUMBER: _ClassVar[int]
    TIER_FIELD_NUMBER: _ClassVar[int]
    PROPOSED_TIER_FIELD_NUMBER: _ClassVar[int]
    TIER_CONFIRMED_FIELD_NUMBER: _ClassVar[int]
    DECISIONS_FIELD_NUMBER: _ClassVar[int]
    base_id: str
    tier: int
    proposed_tier: int
    tier_confirmed: bool
    decisions: _containers.RepeatedCompositeFieldContainer[BaseTierDecision]
    def __init__(self, base_id: _Optional[str] = ..., tier: _Optional[int] = ..., proposed_tier: _Optional[int] = ..., tier_confirmed: _Optional[bool] = ..., decisions: _Optional[_Iterable[_Union[BaseTierDecision, _Mapping]]] = ...) -> None: ...
