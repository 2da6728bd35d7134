from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional

DESCRIPTOR: _descriptor.FileDescriptor

class RubricVersionProposed(_message.Message):
    __slots__ = ("agreement_id", "version", "internship_type", "proposed_by_side", "proposed_by", "proposed_at", "revised", "indicator_keys")
    AGREEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    INTERNSHIP_TYPE_FIELD_NUMBER: _ClassVar[int]
    PROPOSED_BY_SIDE_FIELD_NUMBER: _ClassVar[int]
    PROPOSED_BY_FIELD_NUMBER: _ClassVar[int]
    PROPOSED_AT_FIELD_NUMBER: _ClassVar[int]
    REVISED_FIELD_NUMBER: _ClassVar[int]
    INDICATOR_KEYS_FIELD_NUMBER: _ClassVar[int]
    agreement_id: str
    version: int
    internship_type: str
    proposed_by_side: str
    proposed_by: str
    proposed_at: str
    revised: bool
    indicator_keys: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, agreement_id: _Optional[str] = ..., version: _Optional[int] = ..., internship_type: _Optional[str] = ..., proposed_by_side: _Optional[str] = ..., proposed_by: _Optional[str] = ..., proposed_at: _Optional[str] = ..., revised: _Optional[bool] = ..., indicator_keys: _Optional[_Iterable[str]] = ...) -> None: ...

class RubricVersionAccepted(_message.Message):
    __slots__ = ("agreement_id", "version", "internship_type", "accepted_by_side", "accepted_by", "accepted_at")
    AGREEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    INTERNSHIP_TYPE_FIELD_NUMBER: _ClassVar[int]
    ACCEPTED_BY_SIDE_FIELD_NUMBER: _ClassVar[int]
    ACCEPTED_BY_FIELD_NUMBER: _ClassVar[int]
    ACCEPTED_AT_FIELD_NUMBER: _ClassVar[int]
    agreement_id: str
    version: int
    internship_type: str
    accepted_by_side: str
    accepted_by: str
    accepted_at: str
    def __init__(self, agreement_id: _Optional[str] = ..., version: _Optional[int] = ..., internship_type: _Optional[str] = ..., accepted_by_side: _Optional[str] = ..., accepted_by: _Optional[str] = ..., accepted_at: _Optional[str] = ...) -> None: ...

class PlacementEvaluationRecorded(_message.Message):
    __slots__ = ("evaluation_id", "placement_id", "school_org", "enterprise_org", "student_ref", "window", "scorer", "score", "scores", "recorded_by", "mentor_id", "expert_name", "rubric_id", "rubric_version", "recorded_at")
    class ScoresEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    EVALUATION_ID_FIELD_NUMBER: _ClassVar[int]
    PLACEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    SCHOOL_ORG_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_ORG_FIELD_NUMBER: _ClassVar[int]
    STUDENT_REF_FIELD_NUMBER: _ClassVar[int]
    WINDOW_FIELD_NUMBER: _ClassVar[int]
    SCORER_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    SCORES_FIELD_NUMBER: _ClassVar[int]
    RECORDED_BY_FIELD_NUMBER: _ClassVar[int]
    MENTOR_ID_FIELD_NUMBER: _ClassVar[int]
    EXPERT_NAME_FIELD_NUMBER: _ClassVar[int]
    RUBRIC_ID_FIELD_NUMBER: _ClassVar[int]
    RUBRIC_VERSION_FIELD_NUMBER: _ClassVar[int]
    RECORDED_AT_FIELD_NUMBER: _ClassVar[int]
    evaluation_id: str
    placement_id: str
    school_org: str
    enterprise_org: str
    student_ref: str
    window: str
    scorer: str
    score: str
    scores: _containers.ScalarMap[str, str]
    recorded_by: str
    mentor_id: str
    expert_name: str
    rubric_id: str
    rubric_version: int
    recorded_at: str
    def __init__(self, evaluation_id: _Optional[str] = ..., placement_id: _Optional[str] = ..., school_org: _Optional[str] = ..., enterprise_org: _Optional[str] = ..., student_ref: _Optional[str] = ..., window: _Optional[str] = ..., scorer: _Optional[str] = ..., score: _Optional[str] = ..., scores: _Optional[_Mapping[str, str]] = ..., recorded_by: _Optional[str] = ..., mentor_id: _Optional[str] = ..., expert_name: _Optional[str] = ..., rubric_id: _Optional[str] = ..., rubric_version: _Optional[int] = ..., recorded_at: _Optional[str] = ...) -> None: ...
