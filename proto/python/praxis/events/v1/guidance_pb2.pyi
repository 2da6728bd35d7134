from praxis.events.v1 import mentors_pb2 as _mentors_pb2
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class GuidanceRecorded(_message.Message):
    __slots__ = ("session_id", "assignment_id", "context_kind", "context_id", "side", "school_org", "enterprise_org", "student_ref", "mentor_id", "mode", "minutes", "held_on", "recorded_at")
    SESSION_ID_FIELD_NUMBER: _ClassVar[int]
    ASSIGNMENT_ID_FIELD_NUMBER: _ClassVar[int]
    CONTEXT_KIND_FIELD_NUMBER: _ClassVar[int]
    CONTEXT_ID_FIELD_NUMBER: _ClassVar[int]
    SIDE_FIELD_NUMBER: _ClassVar[int]
    SCHOOL_ORG_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_ORG_FIELD_NUMBER: _ClassVar[int]
    STUDENT_REF_FIELD_NUMBER: _ClassVar[int]
    MENTOR_ID_FIELD_NUMBER: _ClassVar[int]
    MODE_FIELD_NUMBER: _ClassVar[int]
    MINUTES_FIELD_NUMBER: _ClassVar[int]
    HELD_ON_FIELD_NUMBER: _ClassVar[int]
    RECORDED_AT_FIELD_NUMBER: _ClassVar[int]
    session_id: str
    assignment_id: str
    context_kind: str
    context_id: str
    side: str
    school_org: str
    enterprise_org: str
    student_ref: str
    mentor_id: str
    mode: str
    minutes: int
    held_on: str
    recorded_at: str
    def __init__(self, session_id: _Optional[str] = ..., assignment_id: _Optional[str] = ..., context_kind: _Optional[str] = ..., context_id: _Optional[str] = ..., side: _Optional[str] = ..., school_org: _Optional[str] = ..., enterprise_org: _Optional[str] = ..., student_ref: _Optional[str] = ..., mentor_id: _Optional[str] = ..., mode: _Optional[str] = ..., minutes: _Optional[int] = ..., held_on: _Optional[str] = ..., recorded_at: _Optional[str] = ...) -> None: ...

class GuidanceOverdue(_message.Message):
    __slots__ = ("assignment", "mentor_id", "mentor_account", "last_onsite_session", "period_start", "overdue_since", "occurred_at")
    ASSIGNMENT_FIELD_NUMBER: _ClassVar[int]
    MENTOR_ID_FIELD_NUMBER: _ClassVar[int]
    MENTOR_ACCOUNT_FIELD_NUMBER: _ClassVar[int]
    LAST_ONSITE_SESSION_FIELD_NUMBER: _ClassVar[int]
    PERIOD_START_FIELD_NUMBER: _ClassVar[int]
    OVERDUE_SINCE_FIELD_NUMBER: _ClassVar[int]
    OCCURRED_AT_FIELD_NUMBER: _ClassVar[int]
    assignment: _mentors_pb2.MentoringAssignment
    mentor_id: str
    mentor_account: str
    last_onsite_session: str
    period_start: str
    overdue_since: str
    occurred_at: str
    def __init__(self, assignment: _Optional[_Union[_mentors_pb2.MentoringAssignment, _Mapping]] = ..., mentor_id: _Optional[str] = ..., mentor_account: _Optional[str] = ..., last_onsite_session: _Optional[str] = ..., period_start: _Optional[str] = ..., overdue_since: _Optional[str] = ..., occurred_at: _Optional[str] = ...) -> None: ...
