from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional

DESCRIPTOR: _descriptor.FileDescriptor

class ProjectPublished(_message.Message):
    __slots__ = ("project_id", "enterprise_org", "title", "competencies", "stages", "team_capacity", "credits", "starts_on", "ends_on", "published_at")
    PROJECT_ID_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_ORG_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    COMPETENCIES_FIELD_NUMBER: _ClassVar[int]
    STAGES_FIELD_NUMBER: _ClassVar[int]
    TEAM_CAPACITY_FIELD_NUMBER: _ClassVar[int]
    CREDITS_FIELD_NUMBER: _ClassVar[int]
    STARTS_ON_FIELD_NUMBER: _ClassVar[int]
    ENDS_ON_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_AT_FIELD_NUMBER: _ClassVar[int]
    project_id: str
    enterprise_org: str
    title: str
    competencies: _containers.RepeatedScalarFieldContainer[str]
    stages: _containers.RepeatedScalarFieldContainer[str]
    team_capacity: int
    credits: str
    starts_on: str
    ends_on: str
    published_at: str
    def __init__(self, project_id: _Optional[str] = ..., enterprise_org: _Optional[str] = ..., title: _Optional[str] = ..., competencies: _Optional[_Iterable[str]] = ..., stages: _Optional[_Iterable[str]] = ..., team_capacity: _Optional[int] = ..., credits: _Optional[str] = ..., starts_on: _Optional[str] = ..., ends_on: _Optional[str] = ..., published_at: _Optional[str] = ...) -> None: ...

class ProjectSchoolShared(_message.Message):
    __slots__ = ("project_id", "enterprise_org", "school_org", "granted_at", "granted_by", "expires_at")
    PROJECT_ID_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_ORG_FIELD_NUMBER: _ClassVar[int]
    SCHOOL_ORG_FIELD_NUMBER: _ClassVar[int]
    GRANTED_AT_FIELD_NUMBER: _ClassVar[int]
    GRANTED_BY_FIELD_NUMBER: _ClassVar[int]
    EXPIRES_AT_FIELD_NUMBER: _ClassVar[int]
    project_id: str
    enterprise_org: str
    school_org: str
    granted_at: str
    granted_by: str
    expires_at: str
    def __init__(self, project_id: _Optional[str] = ..., enterprise_org: _Optional[str] = ..., school_org: _Optional[str] = ..., granted_at: _Optional[str] = ..., granted_by: _Optional[str] = ..., expires_at: _Optional[str] = ...) -> None: ...

class ProjectTermsPublished(_message.Message):
    __slots__ = ("project_id", "enterprise_org", "version", "published_at", "published_by")
    PROJECT_ID_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_ORG_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_AT_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_BY_FIELD_NUMBER: _ClassVar[int]
    project_id: str
    enterprise_org: str
    version: int
    published_at: str
    published_by: str
    def __init__(self, project_id: _Optional[str] = ..., enterprise_org: _Optional[str] = ..., version: _Optional[int] = ..., published_at: _Optional[str] = ..., published_by: _Optional[str] = ...) -> None: ...

class ProjectTermsAccepted(_message.Message):
    __slots__ = ("project_id", "version", "school_org", "student_ref", "accepted_at")
    PROJECT_ID_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    SCHOOL_ORG_FIELD_NUMBER: _ClassVar[int]
    STUDENT_REF_FIELD_NUMBER: _ClassVar[int]
    ACCEPTED_AT_FIELD_NUMBER: _ClassVar[int]
    project_id: str
    version: int
    school_org: str
    student_ref: str
    accepted_at: str
    def __init__(self, project_id: _Optional[str] = ..., version: _Optional[int] = ..., school_org: _Optional[str] = ..., student_ref: _Optional[str] = ..., accepted_at: _Optional[str] = ...) -> None: ...

class TeamChanged(_message.Message):
    __slots__ = ("team_id", "project_id", "school_org", "enterprise_org", "name", "members", "competencies", "starts_on", "ends_on", "status", "reason", "occurred_at")
    TEAM_ID_FIELD_NUMBER: _ClassVar[int]
    PROJECT_ID_FIELD_NUMBER: _ClassVar[int]
    SCHOOL_ORG_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_ORG_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    MEMBERS_FIELD_NUMBER: _ClassVar[int]
    COMPETENCIES_FIELD_NUMBER: _ClassVar[int]
    STARTS_ON_FIELD_NUMBER: _ClassVar[int]
    ENDS_ON_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    OCCURRED_AT_FIELD_NUMBER: _ClassVar[int]
    team_id: str
    project_id: str
    school_org: str
    enterprise_org: str
    name: str
    members: _containers.RepeatedScalarFieldContainer[str]
    competencies: _containers.RepeatedScalarFieldContainer[str]
    starts_on: str
    ends_on: str
    status: str
    reason: str
    occurred_at: str
    def __init__(self, team_id: _Optional[str] = ..., project_id: _Optional[str] = ..., school_org: _Optional[str] = ..., enterprise_org: _Optional[str] = ..., name: _Optional[str] = ..., members: _Optional[_Iterable[str]] = ..., competencies: _Optional[_Iterable[str]] = ..., starts_on: _Optional[str] = ..., ends_on: _Optional[str] = ..., status: _Optional[str] = ..., reason: _Optional[str] = ..., occurred_at: _Optional[str] = ...) -> None: ...

class DeliverableSubmitted(_message.Message):
    __slots__ = ("deliverable_id", "team_id", "project_id", "school_org", "enterprise_org", "stage", "kind", "title", "reference", "submitted_by", "submitted_at")
    DELIVERABLE_ID_FIELD_NUMBER: _ClassVar[int]
    TEAM_ID_FIELD_NUMBER: _ClassVar[int]
    PROJECT_ID_FIELD_NUMBER: _ClassVar[int]
    SCHOOL_ORG_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_ORG_FIELD_NUMBER: _ClassVar[int]
    STAGE_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    REFERENCE_FIELD_NUMBER: _ClassVar[int]
    SUBMITTED_BY_FIELD_NUMBER: _ClassVar[int]
    SUBMITTED_AT_FIELD_NUMBER: _ClassVar[int]
    deliverable_id: str
    team_id: str
    project_id: str
    school_org: str
    enterprise_org: str
    stage: str
    kind: str
    title: str
    reference: str
    submitted_by: str
    submitted_at: str
    def __init__(self, deliverable_id: _Optional[str] = ..., team_id: _Optional[str] = ..., project_id: _Optional[str] = ..., school_org: _Optional[str] = ..., enterprise_org: _Optional[str] = ..., stage: _Optional[str] = ..., kind: _Optional[str] = ..., title: _Optional[str] = ..., reference: _Optional[str] = ..., submitted_by: _Optional[str] = ..., submitted_at: _Optional[str] = ...) -> None: ...

class StageReviewed(_message.Message):
    __slots__ = ("review_id", "team_id", "project_id", "school_org", "enterprise_org", "stage", "decision", "comments", "reviewer", "side", "reviewed_at")
    REVIEW_ID_FIELD_NUMBER: _ClassVar[int]
    TEAM_ID_FIELD_NUMBER: _ClassVar[int]
    PROJECT_ID_FIELD_NUMBER: _ClassVar[int]
    SCHOOL_ORG_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_ORG_FIELD_NUMBER: _ClassVar[int]
    STAGE_FIELD_NUMBER: _ClassVar[int]
    DECISION_FIELD_NUMBER: _ClassVar[int]
    COMMENTS_FIELD_NUMBER: _ClassVar[int]
    REVIEWER_FIELD_NUMBER: _ClassVar[int]
    SIDE_FIELD_NUMBER: _ClassVar[int]
    REVIEWED_AT_FIELD_NUMBER: _ClassVar[int]
    review_id: str
    team_id: str
    project_id: str
    school_org: str
    enterprise_org: str
    stage: str
    decision: str
    comments: str
    reviewer: str
    side: str
    reviewed_at: str
    def __init__(self, review_id: _Optional[str] = ..., team_id: _Optional[str] = ..., project_id: _Optional[str] = ..., school_org: _Optional[str] = ..., enterprise_org: _Optional[str] = ..., stage: _Optional[str] = ..., decision: _Optional[str] = ..., comments: _Optional[str] = ..., reviewer: _Optional[str] = ..., side: _Optional[str] = ..., reviewed_at: _Optional[str] = ...) -> None: ...

class EvaluationRecorded(_message.Message):
    __slots__ = ("evaluation_id", "team_id", "project_id", "school_org", "enterprise_org", "student_ref", "party", "assessment", "stage", "criteria", "score", "evaluator", "recorded_at")
    class CriteriaEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    EVALUATION_ID_FIELD_NUMBER: _ClassVar[int]
    TEAM_ID_FIELD_NUMBER: _ClassVar[int]
    PROJECT_ID_FIELD_NUMBER: _ClassVar[int]
    SCHOOL_ORG_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_ORG_FIELD_NUMBER: _ClassVar[int]
    STUDENT_REF_FIELD_NUMBER: _ClassVar[int]
    PARTY_FIELD_NUMBER: _ClassVar[int]
    ASSESSMENT_FIELD_NUMBER: _ClassVar[int]
    STAGE_FIELD_NUMBER: _ClassVar[int]
    CRITERIA_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    EVALUATOR_FIELD_NUMBER: _ClassVar[int]
    RECORDED_AT_FIELD_NUMBER: _ClassVar[int]
    evaluation_id: str
    team_id: str
    project_id: str
    school_org: str
    enterprise_org: str
    student_ref: str
    party: str
    assessment: str
    stage: str
    criteria: _containers.ScalarMap[str, str]
    score: str
    evaluator: str
    recorded_at: str
    def __init__(self, evaluation_id: _Optional[str] = ..., team_id: _Optional[str] = ..., project_id: _Optional[str] = ..., school_org: _Optional[str] = ..., enterprise_org: _Optional[str] = ..., student_ref: _Optional[str] = ..., party: _Optional[str] = ..., assessment: _Optional[str] = ..., stage: _Optional[str] = ..., criteria: _Optional[_Mapping[str, str]] = ..., score: _Optional[str] = ..., evaluator: _Optional[str] = ..., recorded_at: _Optional[str] = ...) -> None: ...

class ProjectCompleted(_message.Message):
    __slots__ = ("project_id", "enterprise_org", "team_ids", "credits_awarded", "completed_at", "forced", "reason")
    PROJECT_ID_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_ORG_FIELD_NUMBER: _ClassVar[int]
    TEAM_IDS_FIELD_NUMBER: _ClassVar[int]
    CREDITS_AWARDED_FIELD_NUMBER: _ClassVar[int]
    COMPLETED_AT_FIELD_NUMBER: _ClassVar[int]
    FORCED_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    project_id: str
    enterprise_org: str
    team_ids: _containers.RepeatedScalarFieldContainer[str]
    credits_awarded: int
    completed_at: str
    forced: bool
    reason: str
    def __init__(self, project_id: _Optional[str] = ..., enterprise_org: _Optional[str] = ..., team_ids: _Optional[_Iterable[str]] = ..., credits_awarded: _Optional[int] = ..., completed_at: _Optional[str] = ..., forced: _Optional[bool] = ..., reason: _Optional[str] = ...) -> None: ...

class CreditAwarded(_message.Message):
    __slots__ = ("credit_id", "student_ref", "school_org", "enterprise_org", "project_id", "team_id", "project_title", "credits", "score", "awarded_on")
    CREDIT_ID_FIELD_NUMBER: _ClassVar[int]
    STUDENT_REF_FIELD_NUMBER: _ClassVar[int]
    SCHOOL_ORG_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_ORG_FIELD_NUMBER: _ClassVar[int]
    PROJECT_ID_FIELD_NUMBER: _ClassVar[int]
    TEAM_ID_FIELD_NUMBER: _ClassVar[int]
    PROJECT_TITLE_FIELD_NUMBER: _ClassVar[int]
    CREDITS_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    AWARDED_ON_FIELD_NUMBER: _ClassVar[int]
    credit_id: str
    student_ref: str
    school_org: str
    enterprise_org: str
    project_id: str
    team_id: str
    project_title: str
    credits: str
    score: str
    awarded_on: str
    def __init__(self, credit_id: _Optional[str] = ..., student_ref: _Optional[str] = ..., school_org: _Optional[str] = ..., enterprise_org: _Optional[str] = ..., project_id: _Optional[str] = ..., team_id: _Optional[str] = ..., project_title: _Optional[str] = ..., credits: _Optional[str] = ..., score: _Optional[str] = ..., awarded_on: _Optional[str] = ...) -> None: ...
