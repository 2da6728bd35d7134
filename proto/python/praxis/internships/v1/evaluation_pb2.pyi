from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class RubricLevel(_message.Message):
    __slots__ = ("name", "min_score", "max_score", "descriptor")
    NAME_FIELD_NUMBER: _ClassVar[int]
    MIN_SCORE_FIELD_NUMBER: _ClassVar[int]
    MAX_SCORE_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTOR_FIELD_NUMBER: _ClassVar[int]
    name: str
    min_score: str
    max_score: str
    descriptor: str
    def __init__(self, name: _Optional[str] = ..., min_score: _Optional[str] = ..., max_score: _Optional[str] = ..., descriptor: _Optional[str] = ...) -> None: ...

class RubricIndicator(_message.Message):
    __slots__ = ("key", "name_zh", "name_en", "scorer", "weight", "levels", "competencies", "origin", "description")
    KEY_FIELD_NUMBER: _ClassVar[int]
    NAME_ZH_FIELD_NUMBER: _ClassVar[int]
    NAME_EN_FIELD_NUMBER: _ClassVar[int]
    SCORER_FIELD_NUMBER: _ClassVar[int]
    WEIGHT_FIELD_NUMBER: _ClassVar[int]
    LEVELS_FIELD_NUMBER: _ClassVar[int]
    COMPETENCIES_FIELD_NUMBER: _ClassVar[int]
    ORIGIN_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    key: str
    name_zh: str
    name_en: str
    scorer: str
    weight: str
    levels: _containers.RepeatedCompositeFieldContainer[RubricLevel]
    competencies: _containers.RepeatedScalarFieldContainer[str]
    origin: str
    description: str
    def __init__(self, key: _Optional[str] = ..., name_zh: _Optional[str] = ..., name_en: _Optional[str] = ..., scorer: _Optional[str] = ..., weight: _Optional[str] = ..., levels: _Optional[_Iterable[_Union[RubricLevel, _Mapping]]] = ..., competencies: _Optional[_Iterable[str]] = ..., origin: _Optional[str] = ..., description: _Optional[str] = ...) -> None: ...

class RubricVersion(_message.Message):
    __slots__ = ("agreement_id", "version", "internship_type", "indicators", "proposed_by_side", "proposed_by", "proposed_at", "accepted_by", "accepted_at")
    AGREEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    INTERNSHIP_TYPE_FIELD_NUMBER: _ClassVar[int]
    INDICATORS_FIELD_NUMBER: _ClassVar[int]
    PROPOSED_BY_SIDE_FIELD_NUMBER: _ClassVar[int]
    PROPOSED_BY_FIELD_NUMBER: _ClassVar[int]
    PROPOSED_AT_FIELD_NUMBER: _ClassVar[int]
    ACCEPTED_BY_FIELD_NUMBER: _ClassVar[int]
    ACCEPTED_AT_FIELD_NUMBER: _ClassVar[int]
    agreement_id: str
    version: int
    internship_type: str
    indicators: _containers.RepeatedCompositeFieldContainer[RubricIndicator]
    proposed_by_side: str
    proposed_by: str
    proposed_at: str
    accepted_by: str
    accepted_at: str
    def __init__(self, agreement_id: _Optional[str] = ..., version: _Optional[int] = ..., internship_type: _Optional[str] = ..., indicators: _Optional[_Iterable[_Union[RubricIndicator, _Mapping]]] = ..., proposed_by_side: _Optional[str] = ..., proposed_by: _Optional[str] = ..., proposed_at: _Optional[str] = ..., accepted_by: _Optional[str] = ..., accepted_at: _Optional[str] = ...) -> None: ...

class ProposeRubricRequest(_message.Message):
    __slots__ = ("agreement_id", "internship_type", "indicators")
    AGREEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    INTERNSHIP_TYPE_FIELD_NUMBER: _ClassVar[int]
    INDICATORS_FIELD_NUMBER: _ClassVar[int]
    agreement_id: str
    internship_type: str
    indicators: _containers.RepeatedCompositeFieldContainer[RubricIndicator]
    def __init__(self, agreement_id: _Optional[str] = ..., internship_type: _Optional[str] = ..., indicators: _Optional[_Iterable[_Union[RubricIndicator, _Mapping]]] = ...) -> None: ...

class ProposeRubricResponse(_message.Message):
    __slots__ = ("rubric",)
    RUBRIC_FIELD_NUMBER: _ClassVar[int]
    rubric: RubricVersion
    def __init__(self, rubric: _Optional[_Union[RubricVersion, _Mapping]] = ...) -> None: ...

class ReviseRubricRequest(_message.Message):
    __slots__ = ("agreement_id", "version", "internship_type", "indicators")
    AGREEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    INTERNSHIP_TYPE_FIELD_NUMBER: _ClassVar[int]
    INDICATORS_FIELD_NUMBER: _ClassVar[int]
    agreement_id: str
    version: int
    internship_type: str
    indicators: _containers.RepeatedCompositeFieldContainer[RubricIndicator]
    def __init__(self, agreement_id: _Optional[str] = ..., version: _Optional[int] = ..., internship_type: _Optional[str] = ..., indicators: _Optional[_Iterable[_Union[RubricIndicator, _Mapping]]] = ...) -> None: ...

class ReviseRubricResponse(_message.Message):
    __slots__ = ("rubric",)
    RUBRIC_FIELD_NUMBER: _ClassVar[int]
    rubric: RubricVersion
    def __init__(self, rubric: _Optional[_Union[RubricVersion, _Mapping]] = ...) -> None: ...

class AcceptRubricRequest(_message.Message):
    __slots__ = ("agreement_id", "version")
    AGREEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    agreement_id: str
    version: int
    def __init__(self, agreement_id: _Optional[str] = ..., version: _Optional[int] = ...) -> None: ...

class AcceptRubricResponse(_message.Message):
    __slots__ = ("rubric",)
    RUBRIC_FIELD_NUMBER: _ClassVar[int]
    rubric: RubricVersion
    def __init__(self, rubric: _Optional[_Union[RubricVersion, _Mapping]] = ...) -> None: ...

class ListRubricsRequest(_message.Message):
    __slots__ = ("agreement_id",)
    AGREEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    agreement_id: str
    def __init__(self, agreement_id: _Optional[str] = ...) -> None: ...

class ListRubricsResponse(_message.Message):
    __slots__ = ("versions", "agreed")
    class AgreedEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: int
        def __init__(self, key: _Optional[str] = ..., value: _Optional[int] = ...) -> None: ...
    VERSIONS_FIELD_NUMBER: _ClassVar[int]
    AGREED_FIELD_NUMBER: _ClassVar[int]
    versions: _containers.RepeatedCompositeFieldContainer[RubricVersion]
    agreed: _containers.ScalarMap[str, int]
    def __init__(self, versions: _Optional[_Iterable[_Union[RubricVersion, _Mapping]]] = ..., agreed: _Optional[_Mapping[str, int]] = ...) -> None: ...

class GetRubricRequest(_message.Message):
    __slots__ = ("agreement_id", "version")
    AGREEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    agreement_id: str
    version: int
    def __init__(self, agreement_id: _Optional[str] = ..., version: _Optional[int] = ...) -> None: ...

class GetRubricResponse(_message.Message):
    __slots__ = ("rubric",)
    RUBRIC_FIELD_NUMBER: _ClassVar[int]
    rubric: RubricVersion
    def __init__(self, rubric: _Optional[_Union[RubricVersion, _Mapping]] = ...) -> None: ...

class GetRubricDefaultsRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class DefaultRubric(_message.Message):
    __slots__ = ("internship_type", "rubric_id", "version", "indicators")
    INTERNSHIP_TYPE_FIELD_NUMBER: _ClassVar[int]
    RUBRIC_ID_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    INDICATORS_FIELD_NUMBER: _ClassVar[int]
    internship_type: str
    rubric_id: str
    version: int
    indicators: _containers.RepeatedCompositeFieldContainer[RubricIndicator]
    def __init__(self, internship_type: _Optional[str] = ..., rubric_id: _Optional[str] = ..., version: _Optional[int] = ..., indicators: _Optional[_Iterable[_Union[RubricIndicator, _Mapping]]] = ...) -> None: ...

class GetRubricDefaultsResponse(_message.Message):
    __slots__ = ("rubrics",)
    RUBRICS_FIELD_NUMBER: _ClassVar[int]
    rubrics: _containers.RepeatedCompositeFieldContainer[DefaultRubric]
    def __init__(self, rubrics: _Optional[_Iterable[_Union[DefaultRubric, _Mapping]]] = ...) -> None: ...

class RecordPlacementEvaluationRequest(_message.Message):
    __slots__ = ("placement_id", "window", "scores", "comments", "expert_name")
    class ScoresEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    PLACEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    WINDOW_FIELD_NUMBER: _ClassVar[int]
    SCORES_FIELD_NUMBER: _ClassVar[int]
    COMMENTS_FIELD_NUMBER: _ClassVar[int]
    EXPERT_NAME_FIELD_NUMBER: _ClassVar[int]
    placement_id: str
    window: str
    scores: _containers.ScalarMap[str, str]
    comments: str
    expert_name: str
    def __init__(self, placement_id: _Optional[str] = ..., window: _Optional[str] = ..., scores: _Optional[_Mapping[str, str]] = ..., comments: _Optional[str] = ..., expert_name: _Optional[str] = ...) -> None: ...

class PlacementEvaluation(_message.Message):
    __slots__ = ("id", "placement_id", "window", "scorer", "scores", "score", "comments", "recorded_by", "recorded_at", "rubric_id", "rubric_version", "mentor_id", "expert_name")
    class ScoresEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    ID_FIELD_NUMBER: _ClassVar[int]
    PLACEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    WINDOW_FIELD_NUMBER: _ClassVar[int]
    SCORER_FIELD_NUMBER: _ClassVar[int]
    SCORES_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    COMMENTS_FIELD_NUMBER: _ClassVar[int]
    RECORDED_BY_FIELD_NUMBER: _ClassVar[int]
    RECORDED_AT_FIELD_NUMBER: _ClassVar[int]
    RUBRIC_ID_FIELD_NUMBER: _ClassVar[int]
    RUBRIC_VERSION_FIELD_NUMBER: _ClassVar[int]
    MENTOR_ID_FIELD_NUMBER: _ClassVar[int]
    EXPERT_NAME_FIELD_NUMBER: _ClassVar[int]
    id: str
    placement_id: str
    window: str
    scorer: str
    scores: _containers.ScalarMap[str, str]
    score: str
    comments: str
    recorded_by: str
    recorded_at: str
    rubric_id: str
    rubric_version: int
    mentor_id: str
    expert_name: str
    def __init__(self, id: _Optional[str] = ..., placement_id: _Optional[str] = ..., window: _Optional[str] = ..., scorer: _Optional[str] = ..., scores: _Optional[_Mapping[str, str]] = ..., score: _Optional[str] = ..., comments: _Optional[str] = ..., recorded_by: _Optional[str] = ..., recorded_at: _Optional[str] = ..., rubric_id: _Optional[str] = ..., rubric_version: _Optional[int] = ..., mentor_id: _Optional[str] = ..., expert_name: _Optional[str] = ...) -> None: ...

class RecordPlacementEvaluationResponse(_message.Message):
    __slots__ = ("evaluation",)
    EVALUATION_FIELD_NUMBER: _ClassVar[int]
    evaluation: PlacementEvaluation
    def __init__(self, evaluation: _Optional[_Union[PlacementEvaluation, _Mapping]] = ...) -> None: ...

class GetPlacementScorecardRequest(_message.Message):
    __slots__ = ("placement_id",)
    PLACEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    placement_id: str
    def __init__(self, placement_id: _Optional[str] = ...) -> None: ...

class ScorecardPart(_message.Message):
    __slots__ = ("party", "weight", "score", "weighted", "given_by", "at", "missing")
    PARTY_FIELD_NUMBER: _ClassVar[int]
    WEIGHT_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    WEIGHTED_FIELD_NUMBER: _ClassVar[int]
    GIVEN_BY_FIELD_NUMBER: _ClassVar[int]
    AT_FIELD_NUMBER: _ClassVar[int]
    MISSING_FIELD_NUMBER: _ClassVar[int]
    party: str
    weight: str
    score: str
    weighted: str
    given_by: _containers.RepeatedScalarFieldContainer[str]
    at: str
    missing: str
    def __init__(self, party: _Optional[str] = ..., weight: _Optional[str] = ..., score: _Optional[str] = ..., weighted: _Optional[str] = ..., given_by: _Optional[_Iterable[str]] = ..., at: _Optional[str] = ..., missing: _Optional[str] = ...) -> None: ...

class ScorecardMissing(_message.Message):
    __slots__ = ("part", "reason")
    PART_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    part: str
    reason: str
    def __init__(self, part: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class ScorecardValueAdded(_message.Message):
    __slots__ = ("baseline", "latest", "absolute", "relative", "parties")
    BASELINE_FIELD_NUMBER: _ClassVar[int]
    LATEST_FIELD_NUMBER: _ClassVar[int]
    ABSOLUTE_FIELD_NUMBER: _ClassVar[int]
    RELATIVE_FIELD_NUMBER: _ClassVar[int]
    PARTIES_FIELD_NUMBER: _ClassVar[int]
    baseline: str
    latest: str
    absolute: str
    relative: str
    parties: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, baseline: _Optional[str] = ..., latest: _Optional[str] = ..., absolute: _Optional[str] = ..., relative: _Optional[str] = ..., parties: _Optional[_Iterable[str]] = ...) -> None: ...

class GetPlacementScorecardResponse(_message.Message):
    __slots__ = ("placement_id", "student_ref", "rubric_id", "rubric_version", "rubric_bound", "parts", "weighted_total", "complete", "missing", "value_added", "pass_mark", "passes", "data", "evaluations")
    class DataEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    PLACEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    STUDENT_REF_FIELD_NUMBER: _ClassVar[int]
    RUBRIC_ID_FIELD_NUMBER: _ClassVar[int]
    RUBRIC_VERSION_FIELD_NUMBER: _ClassVar[int]
    RUBRIC_BOUND_FIELD_NUMBER: _ClassVar[int]
    PARTS_FIELD_NUMBER: _ClassVar[int]
    WEIGHTED_TOTAL_FIELD_NUMBER: _ClassVar[int]
    COMPLETE_FIELD_NUMBER: _ClassVar[int]
    MISSING_FIELD_NUMBER: _ClassVar[int]
    VALUE_ADDED_FIELD_NUMBER: _ClassVar[int]
    PASS_MARK_FIELD_NUMBER: _ClassVar[int]
    PASSES_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    EVALUATIONS_FIELD_NUMBER: _ClassVar[int]
    placement_id: str
    student_ref: str
    rubric_id: str
    rubric_version: int
    rubric_bound: bool
    parts: _containers.RepeatedCompositeFieldContainer[ScorecardPart]
    weighted_total: str
    complete: bool
    missing: _containers.RepeatedCompositeFieldContainer[ScorecardMissing]
    value_added: ScorecardValueAdded
    pass_mark: str
    passes: bool
    data: _containers.ScalarMap[str, str]
    evaluations: _containers.RepeatedCompositeFieldContainer[PlacementEvaluation]
    def __init__(self, placement_id: _Optional[str] = ..., student_ref: _Optional[str] = ..., rubric_id: _Optional[str] = ..., rubric_version: _Optional[int] = ..., rubric_bound: _Optional[bool] = ..., parts: _Optional[_Iterable[_Union[ScorecardPart, _Mapping]]] = ..., weighted_total: _Optional[str] = ..., complete: _Optional[bool] = ..., missing: _Optional[_Iterable[_Union[ScorecardMissing, _Mapping]]] = ..., value_added: _Optional[_Union[ScorecardValueAdded, _Mapping]] = ..., pass_mark: _Optional[str] = ..., passes: _Optional[bool] = ..., data: _Optional[_Mapping[str, str]] = ..., evaluations: _Optional[_Iterable[_Union[PlacementEvaluation, _Mapping]]] = ...) -> None: ...
