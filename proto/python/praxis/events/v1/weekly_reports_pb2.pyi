from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable
from typing import ClassVar as _ClassVar, Optional as _Optional

DESCRIPTOR: _descriptor.FileDescriptor

class WeeklyReportChanged(_message.Message):
    __slots__ = ("report_id", "placement_id", "school_org", "enterprise_org", "student_ref", "kind", "period_start", "status", "occurred_at", "actor", "score", "mentor_id", "duties")
    REPORT_ID_FIELD_NUMBER: _ClassVar[int]
    PLACEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    SCHOOL_ORG_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_ORG_FIELD_NUMBER: _ClassVar[int]
    STUDENT_REF_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    PERIOD_START_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    OCCURRED_AT_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    MENTOR_ID_FIELD_NUMBER: _ClassVar[int]
    DUTIES_FIELD_NUMBER: _ClassVar[int]
    report_id: str
    placement_id: str
    school_org: str
    enterprise_org: str
    student_ref: str
    kind: str
    period_start: str
    status: str
    occurred_at: str
    actor: str
    score: int
    mentor_id: str
    duties: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, report_id: _Optional[str] = ..., placement_id: _Optional[str] = ..., school_org: _Optional[str] = ..., enterprise_org: _Optional[str] = ..., student_ref: _Optional[str] = ..., kind: _Optional[str] = ..., period_start: _Optional[str] = ..., status: _Optional[str] = ..., occurred_at: _Optional[str] = ..., actor: _Optional[str] = ..., score: _Optional[int] = ..., mentor_id: _Optional[str] = ..., duties: _Optional[_Iterable[str]] = ...) -> None: ...

class WeeklyReportCommented(_message.Message):
    __slots__ = ("report_id", "placement_id", "school_org", "enterprise_org", "student_ref", "kind", "period_start", "comment_id", "side", "author", "mentor_id", "commented_at")
    REPORT_ID_FIELD_NUMBER: _ClassVar[int]
    PLACEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    SCHOOL_ORG_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_ORG_FIELD_NUMBER: _ClassVar[int]
    STUDENT_REF_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    PERIOD_START_FIELD_NUMBER: _ClassVar[int]
    COMMENT_ID_FIELD_NUMBER: _ClassVar[int]
    SIDE_FIELD_NUMBER: _ClassVar[int]
    AUTHOR_FIELD_NUMBER: _ClassVar[int]
    MENTOR_ID_FIELD_NUMBER: _ClassVar[int]
    COMMENTED_AT_FIELD_NUMBER: _ClassVar[int]
    report_id: str
    placement_id: str
    school_org: str
    enterprise_org: str
    student_ref: str
    kind: str
    period_start: str
    comment_id: str
    side: str
    author: str
    mentor_id: str
    commented_at: str
    def __init__(self, report_id: _Optional[str] = ..., placement_id: _Optional[str] = ..., school_org: _Optional[str] = ..., enterprise_org: _Optional[str] = ..., student_ref: _Optional[str] = ..., kind: _Optional[str] = ..., period_start: _Optional[str] = ..., comment_id: _Optional[str] = ..., side: _Optional[str] = ..., author: _Optional[str] = ..., mentor_id: _Optional[str] = ..., commented_at: _Optional[str] = ...) -> None: ...
