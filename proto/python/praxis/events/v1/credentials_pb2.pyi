from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Optional as _Optional

DESCRIPTOR: _descriptor.FileDescriptor

class CredentialChanged(_message.Message):
    __slots__ = ("credential_id", "kind", "source_id", "school_org", "enterprise_org", "student_ref", "stage", "ended_for", "reason", "occurred_at")
    CREDENTIAL_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    SOURCE_ID_FIELD_NUMBER: _ClassVar[int]
    SCHOOL_ORG_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_ORG_FIELD_NUMBER: _ClassVar[int]
    STUDENT_REF_FIELD_NUMBER: _ClassVar[int]
    STAGE_FIELD_NUMBER: _ClassVar[int]
    ENDED_FOR_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    OCCURRED_AT_FIELD_NUMBER: _ClassVar[int]
    credential_id: str
    kind: str
    source_id: str
    school_org: str
    enterprise_org: str
    student_ref: str
    stage: str
    ended_for: str
    reason: str
    occurred_at: str
    def __init__(self, credential_id: _Optional[str] = ..., kind: _Optional[str] = ..., source_id: _Optional[str] = ..., school_org: _Optional[str] = ..., enterprise_org: _Optional[str] = ..., student_ref: _Optional[str] = ..., stage: _Optional[str] = ..., ended_for: _Optional[str] = ..., reason: _Optional[str] = ..., occurred_at: _Optional[str] = ...) -> None: ...

class AchievementRecorded(_message.Message):
    __slots__ = ("achievement_id", "school_org", "student_ref", "kind", "title", "issuer_name", "awarded_on", "points", "credits", "withdrawn", "revision", "occurred_at")
    ACHIEVEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    SCHOOL_ORG_FIELD_NUMBER: _ClassVar[int]
    STUDENT_REF_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    ISSUER_NAME_FIELD_NUMBER: _ClassVar[int]
    AWARDED_ON_FIELD_NUMBER: _ClassVar[int]
    POINTS_FIELD_NUMBER: _ClassVar[int]
    CREDITS_FIELD_NUMBER: _ClassVar[int]
    WITHDRAWN_FIELD_NUMBER: _ClassVar[int]
    REVISION_FIELD_NUMBER: _ClassVar[int]
    OCCURRED_AT_FIELD_NUMBER: _ClassVar[int]
    achievement_id: str
    school_org: str
    student_ref: str
    kind: str
    title: str
    issuer_name: str
    awarded_on: str
    points: str
    credits: str
    withdrawn: bool
    revision: int
    occurred_at: str
    def __init__(self, achievement_id: _Optional[str] = ..., school_org: _Optional[str] = ..., student_ref: _Optional[str] = ..., kind: _Optional[str] = ..., title: _Optional[str] = ..., issuer_name: _Optional[str] = ..., awarded_on: _Optional[str] = ..., points: _Optional[str] = ..., credits: _Optional[str] = ..., withdrawn: _Optional[bool] = ..., revision: _Optional[int] = ..., occurred_at: _Optional[str] = ...) -> None: ...
