from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class MentoringAssignment(_message.Message):
    __slots__ = ("assignment_id", "context_kind", "context_id", "side", "org", "school_org", "enterprise_org", "student_ref")
    ASSIGNMENT_ID_FIELD_NUMBER: _ClassVar[int]
    CONTEXT_KIND_FIELD_NUMBER: _ClassVar[int]
    CONTEXT_ID_FIELD_NUMBER: _ClassVar[int]
    SIDE_FIELD_NUMBER: _ClassVar[int]
    ORG_FIELD_NUMBER: _ClassVar[int]
    SCHOOL_ORG_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_ORG_FIELD_NUMBER: _ClassVar[int]
    STUDENT_REF_FIELD_NUMBER: _ClassVar[int]
    assignment_id: str
    context_kind: str
    context_id: str
    side: str
    org: str
    school_org: str
    enterprise_org: str
    student_ref: str
    def __init__(self, assignment_id: _Optional[str] = ..., context_kind: _Optional[str] = ..., context_id: _Optional[str] = ..., side: _Optional[str] = ..., org: _Optional[str] = ..., school_org: _Optional[str] = ..., enterprise_org: _Optional[str] = ..., student_ref: _Optional[str] = ...) -> None: ...

class MentorAssigned(_message.Message):
    __slots__ = ("assignment", "mentor_id", "previous_mentor_id", "how", "reason", "assigned_at", "mentor_account", "mentor_version", "mentor_name")
    ASSIGNMENT_FIELD_NUMBER: _ClassVar[int]
    MENTOR_ID_FIELD_NUMBER: _ClassVar[int]
    PREVIOUS_MENTOR_ID_FIELD_NUMBER: _ClassVar[int]
    HOW_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    ASSIGNED_AT_FIELD_NUMBER: _ClassVar[int]
    MENTOR_ACCOUNT_FIELD_NUMBER: _ClassVar[int]
    MENTOR_VERSION_FIELD_NUMBER: _ClassVar[int]
    MENTOR_NAME_FIELD_NUMBER: _ClassVar[int]
    assignment: MentoringAssignment
    mentor_id: str
    previous_mentor_id: str
    how: str
    reason: str
    assigned_at: str
    mentor_account: str
    mentor_version: int
    mentor_name: str
    def __init__(self, assignment: _Optional[_Union[MentoringAssignment, _Mapping]] = ..., mentor_id: _Optional[str] = ..., previous_mentor_id: _Optional[str] = ..., how: _Optional[str] = ..., reason: _Optional[str] = ..., assigned_at: _Optional[str] = ..., mentor_account: _Optional[str] = ..., mentor_version: _Optional[int] = ..., mentor_name: _Optional[str] = ...) -> None: ...

class MentorUpdated(_message.Message):
    __slots__ = ("mentor_id", "org", "kind", "account", "active", "version", "updated_at", "display_name")
    MENTOR_ID_FIELD_NUMBER: _ClassVar[int]
    ORG_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_FIELD_NUMBER: _ClassVar[int]
    ACTIVE_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    mentor_id: str
    org: str
    kind: str
    account: str
    active: bool
    version: int
    updated_at: str
    display_name: str
    def __init__(self, mentor_id: _Optional[str] = ..., org: _Optional[str] = ..., kind: _Optional[str] = ..., account: _Optional[str] = ..., active: _Optional[bool] = ..., version: _Optional[int] = ..., updated_at: _Optional[str] = ..., display_name: _Optional[str] = ...) -> None: ...

class MentorPending(_message.Message):
    __slots__ = ("assignment", "pending_since")
    ASSIGNMENT_FIELD_NUMBER: _ClassVar[int]
    PENDING_SINCE_FIELD_NUMBER: _ClassVar[int]
    assignment: MentoringAssignment
    pending_since: str
    def __init__(self, assignment: _Optional[_Union[MentoringAssignment, _Mapping]] = ..., pending_since: _Optional[str] = ...) -> None: ...

class MentorReleased(_message.Message):
    __slots__ = ("assignment", "mentor_id", "reason", "ended_at")
    ASSIGNMENT_FIELD_NUMBER: _ClassVar[int]
    MENTOR_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    ENDED_AT_FIELD_NUMBER: _ClassVar[int]
    assignment: MentoringAssignment
    mentor_id: str
    reason: str
    ended_at: str
    def __init__(self, assignment: _Optional[_Union[MentoringAssignment, _Mapping]] = ..., mentor_id: _Optional[str] = ..., reason: _Optional[str] = ..., ended_at: _Optional[str] = ...) -> None: ...
