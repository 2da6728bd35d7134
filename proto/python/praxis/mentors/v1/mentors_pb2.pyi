from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Side(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SIDE_UNSPECIFIED: _ClassVar[Side]
    SIDE_SCHOOL: _ClassVar[Side]
    SIDE_ENTERPRISE: _ClassVar[Side]

class AssignmentStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ASSIGNMENT_STATUS_UNSPECIFIED: _ClassVar[AssignmentStatus]
    ASSIGNMENT_STATUS_PENDING: _ClassVar[AssignmentStatus]
    ASSIGNMENT_STATUS_ACTIVE: _ClassVar[AssignmentStatus]
    ASSIGNMENT_STATUS_ENDED: _ClassVar[AssignmentStatus]

class ContextKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CONTEXT_KIND_UNSPECIFIED: _ClassVar[ContextKind]
    CONTEXT_KIND_PLACEMENT: _ClassVar[ContextKind]
    CONTEXT_KIND_PROJECT: _ClassVar[ContextKind]

class SessionMode(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SESSION_MODE_UNSPECIFIED: _ClassVar[SessionMode]
    SESSION_MODE_ONSITE: _ClassVar[SessionMode]
    SESSION_MODE_ONLINE: _ClassVar[SessionMode]
SIDE_UNSPECIFIED: Side
SIDE_SCHOOL: Side
SIDE_ENTERPRISE: Side
ASSIGNMENT_STATUS_UNSPECIFIED: AssignmentStatus
ASSIGNMENT_STATUS_PENDING: AssignmentStatus
ASSIGNMENT_STATUS_ACTIVE: AssignmentStatus
ASSIGNMENT_STATUS_ENDED: AssignmentStatus
CONTEXT_KIND_UNSPECIFIED: ContextKind
CONTEXT_KIND_PLACEMENT: ContextKind
CONTEXT_KIND_PROJECT: ContextKind
SESSION_MODE_UNSPECIFIED: SessionMode
SESSION_MODE_ONSITE: SessionMode
SESSION_MODE_ONLINE: SessionMode

class Partnership(_message.Message):
    __slots__ = ("agreement_id", "school_org", "enterprise_org", "valid_from", "valid_to", "intern_quota", "active", "activated_at", "ended_at")
    AGREEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    SCHOOL_ORG_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_ORG_FIELD_NUMBER: _ClassVar[int]
    VALID_FROM_FIELD_NUMBER: _ClassVar[int]
    VALID_TO_FIELD_NUMBER: _ClassVar[int]
    INTERN_QUOTA_FIELD_NUMBER: _ClassVar[int]
    ACTIVE_FIELD_NUMBER: _ClassVar[int]
    ACTIVATED_AT_FIELD_NUMBER: _ClassVar[int]
    ENDED_AT_FIELD_NUMBER: _ClassVar[int]
    agreement_id: str
    school_org: str
    enterprise_org: str
    valid_from: str
    valid_to: str
    intern_quota: int
    active: bool
    activated_at: str
    ended_at: str
    def __init__(self, agreement_id: _Optional[str] = ..., school_org: _Optional[str] = ..., enterprise_org: _Optional[str] = ..., valid_from: _Optional[str] = ..., valid_to: _Optional[str] = ..., intern_quota: _Optional[int] = ..., active: _Optional[bool] = ..., activated_at: _Optional[str] = ..., ended_at: _Optional[str] = ...) -> None: ...

class ListPartnershipsRequest(_message.Message):
    __slots__ = ("include_ended", "page_size", "page_token")
    INCLUDE_ENDED_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    include_ended: bool
    page_size: int
    page_token: str
    def __init__(self, include_ended: _Optional[bool] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListPartnershipsResponse(_message.Message):
    __slots__ = ("partnerships", "next_page_token")
    PARTNERSHIPS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    partnerships: _containers.RepeatedCompositeFieldContainer[Partnership]
    next_page_token: str
    def __init__(self, partnerships: _Optional[_Iterable[_Union[Partnership, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class Mentor(_message.Message):
    __slots__ = ("id", "org", "kind", "display_name", "expertise", "languages", "capacity", "load", "active", "account", "dual_qualified", "created_at", "updated_at")
    ID_FIELD_NUMBER: _ClassVar[int]
    ORG_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    EXPERTISE_FIELD_NUMBER: _ClassVar[int]
    LANGUAGES_FIELD_NUMBER: _ClassVar[int]
    CAPACITY_FIELD_NUMBER: _ClassVar[int]
    LOAD_FIELD_NUMBER: _ClassVar[int]
    ACTIVE_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_FIELD_NUMBER: _ClassVar[int]
    DUAL_QUALIFIED_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    id: str
    org: str
    kind: Side
    display_name: str
    expertise: _containers.RepeatedScalarFieldContainer[str]
    languages: _containers.RepeatedScalarFieldContainer[str]
    capacity: int
    load: int
    active: bool
    account: str
    dual_qualified: bool
    created_at: str
    updated_at: str
    def __init__(self, id: _Optional[str] = ..., org: _Optional[str] = ..., kind: _Optional[_Union[Side, str]] = ..., display_name: _Optional[str] = ..., expertise: _Optional[_Iterable[str]] = ..., languages: _Optional[_Iterable[str]] = ..., capacity: _Optional[int] = ..., load: _Optional[int] = ..., active: _Optional[bool] = ..., account: _Optional[str] = ..., dual_qualified: _Optional[bool] = ..., created_at: _Optional[str] = ..., updated_at: _Optional[str] = ...) -> None: ...

class CreateMentorRequest(_message.Message):
    __slots__ = ("kind", "display_name", "expertise", "languages", "capacity", "active", "account")
    KIND_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    EXPERTISE_FIELD_NUMBER: _ClassVar[int]
    LANGUAGES_FIELD_NUMBER: _ClassVar[int]
    CAPACITY_FIELD_NUMBER: _ClassVar[int]
    ACTIVE_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_FIELD_NUMBER: _ClassVar[int]
    kind: Side
    display_name: str
    expertise: _containers.RepeatedScalarFieldContainer[str]
    languages: _containers.RepeatedScalarFieldContainer[str]
    capacity: int
    active: bool
    account: str
    def __init__(self, kind: _Optional[_Union[Side, str]] = ..., display_name: _Optional[str] = ..., expertise: _Optional[_Iterable[str]] = ..., languages: _Optional[_Iterable[str]] = ..., capacity: _Optional[int] = ..., active: _Optional[bool] = ..., account: _Optional[str] = ...) -> None: ...

class CreateMentorResponse(_message.Message):
    __slots__ = ("mentor",)
    MENTOR_FIELD_NUMBER: _ClassVar[int]
    mentor: Mentor
    def __init__(self, mentor: _Optional[_Union[Mentor, _Mapping]] = ...) -> None: ...

class GetMentorRequest(_message.Message):
    __slots__ = ("id",)
    ID_FIELD_NUMBER: _ClassVar[int]
    id: str
    def __init__(self, id: _Optional[str] = ...) -> None: ...

class GetMentorResponse(_message.Message):
    __slots__ = ("mentor",)
    MENTOR_FIELD_NUMBER: _ClassVar[int]
    mentor: Mentor
    def __init__(self, mentor: _Optional[_Union[Mentor, _Mapping]] = ...) -> None: ...

class ListMentorsRequest(_message.Message):
    __slots__ = ("active_only", "page_size", "page_token")
    ACTIVE_ONLY_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    active_only: bool
    page_size: int
    page_token: str
    def __init__(self, active_only: _Optional[bool] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListMentorsResponse(_message.Message):
    __slots__ = ("mentors", "next_page_token")
    MENTORS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    mentors: _containers.RepeatedCompositeFieldContainer[Mentor]
    next_page_token: str
    def __init__(self, mentors: _Optional[_Iterable[_Union[Mentor, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class Assignment(_message.Message):
    __slots__ = ("id", "context_kind", "context_id", "side", "org", "school_org", "enterprise_org", "student_ref", "status", "mentor_id", "mentor_display_name", "created_at", "assigned_at", "ended_at", "end_reason", "position_id", "starts_on", "ends_on", "competencies", "members")
    ID_FIELD_NUMBER: _ClassVar[int]
    CONTEXT_KIND_FIELD_NUMBER: _ClassVar[int]
    CONTEXT_ID_FIELD_NUMBER: _ClassVar[int]
    SIDE_FIELD_NUMBER: _ClassVar[int]
    ORG_FIELD_NUMBER: _ClassVar[int]
    SCHOOL_ORG_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_ORG_FIELD_NUMBER: _ClassVar[int]
    STUDENT_REF_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    MENTOR_ID_FIELD_NUMBER: _ClassVar[int]
    MENTOR_DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    ASSIGNED_AT_FIELD_NUMBER: _ClassVar[int]
    ENDED_AT_FIELD_NUMBER: _ClassVar[int]
    END_REASON_FIELD_NUMBER: _ClassVar[int]
    POSITION_ID_FIELD_NUMBER: _ClassVar[int]
    STARTS_ON_FIELD_NUMBER: _ClassVar[int]
    ENDS_ON_FIELD_NUMBER: _ClassVar[int]
    COMPETENCIES_FIELD_NUMBER: _ClassVar[int]
    MEMBERS_FIELD_NUMBER: _ClassVar[int]
    id: str
    context_kind: ContextKind
    context_id: str
    side: Side
    org: str
    school_org: str
    enterprise_org: str
    student_ref: str
    status: AssignmentStatus
    mentor_id: str
    mentor_display_name: str
    created_at: str
    assigned_at: str
    ended_at: str
    end_reason: str
    position_id: str
    starts_on: str
    ends_on: str
    competencies: _containers.RepeatedScalarFieldContainer[str]
    members: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, id: _Optional[str] = ..., context_kind: _Optional[_Union[ContextKind, str]] = ..., context_id: _Optional[str] = ..., side: _Optional[_Union[Side, str]] = ..., org: _Optional[str] = ..., school_org: _Optional[str] = ..., enterprise_org: _Optional[str] = ..., student_ref: _Optional[str] = ..., status: _Optional[_Union[AssignmentStatus, str]] = ..., mentor_id: _Optional[str] = ..., mentor_display_name: _Optional[str] = ..., created_at: _Optional[str] = ..., assigned_at: _Optional[str] = ..., ended_at: _Optional[str] = ..., end_reason: _Optional[str] = ..., position_id: _Optional[str] = ..., starts_on: _Optional[str] = ..., ends_on: _Optional[str] = ..., competencies: _Optional[_Iterable[str]] = ..., members: _Optional[_Iterable[str]] = ...) -> None: ...

class GetAssignmentsRequest(_message.Message):
    __slots__ = ("student_ref", "include_ended", "org")
    STUDENT_REF_FIELD_NUMBER: _ClassVar[int]
    INCLUDE_ENDED_FIELD_NUMBER: _ClassVar[int]
    ORG_FIELD_NUMBER: _ClassVar[int]
    student_ref: str
    include_ended: bool
    org: str
    def __init__(self, student_ref: _Optional[str] = ..., include_ended: _Optional[bool] = ..., org: _Optional[str] = ...) -> None: ...

class GetAssignmentsResponse(_message.Message):
    __slots__ = ("assignments",)
    ASSIGNMENTS_FIELD_NUMBER: _ClassVar[int]
    assignments: _containers.RepeatedCompositeFieldContainer[Assignment]
    def __init__(self, assignments: _Optional[_Iterable[_Union[Assignment, _Mapping]]] = ...) -> None: ...

class IsMentorOfRequest(_message.Message):
    __slots__ = ("mentor_id", "student_ref", "context_kind", "context_id", "org")
    MENTOR_ID_FIELD_NUMBER: _ClassVar[int]
    STUDENT_REF_FIELD_NUMBER: _ClassVar[int]
    CONTEXT_KIND_FIELD_NUMBER: _ClassVar[int]
    CONTEXT_ID_FIELD_NUMBER: _ClassVar[int]
    ORG_FIELD_NUMBER: _ClassVar[int]
    mentor_id: str
    student_ref: str
    context_kind: ContextKind
    context_id: str
    org: str
    def __init__(self, mentor_id: _Optional[str] = ..., student_ref: _Optional[str] = ..., context_kind: _Optional[_Union[ContextKind, str]] = ..., context_id: _Optional[str] = ..., org: _Optional[str] = ...) -> None: ...

class IsMentorOfResponse(_message.Message):
    __slots__ = ("is_mentor", "assignment_id", "side", "mentor_id")
    IS_MENTOR_FIELD_NUMBER: _ClassVar[int]
    ASSIGNMENT_ID_FIELD_NUMBER: _ClassVar[int]
    SIDE_FIELD_NUMBER: _ClassVar[int]
    MENTOR_ID_FIELD_NUMBER: _ClassVar[int]
    is_mentor: bool
    assignment_id: str
    side: Side
    mentor_id: str
    def __init__(self, is_mentor: _Optional[bool] = ..., assignment_id: _Optional[str] = ..., side: _Optional[_Union[Side, str]] = ..., mentor_id: _Optional[str] = ...) -> None: ...

class AssignMentorRequest(_message.Message):
    __slots__ = ("assignment_id", "mentor_id", "reason")
    ASSIGNMENT_ID_FIELD_NUMBER: _ClassVar[int]
    MENTOR_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    assignment_id: str
    mentor_id: str
    reason: str
    def __init__(self, assignment_id: _Optional[str] = ..., mentor_id: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class AssignMentorResponse(_message.Message):
    __slots__ = ("assignment",)
    ASSIGNMENT_FIELD_NUMBER: _ClassVar[int]
    assignment: Assignment
    def __init__(self, assignment: _Optional[_Union[Assignment, _Mapping]] = ...) -> None: ...

class HistoryEntry(_message.Message):
    __slots__ = ("at", "action", "mentor_id", "previous_mentor_id", "how", "reason", "by")
    AT_FIELD_NUMBER: _ClassVar[int]
    ACTION_FIELD_NUMBER: _ClassVar[int]
    MENTOR_ID_FIELD_NUMBER: _ClassVar[int]
    PREVIOUS_MENTOR_ID_FIELD_NUMBER: _ClassVar[int]
    HOW_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    BY_FIELD_NUMBER: _ClassVar[int]
    at: str
    action: str
    mentor_id: str
    previous_mentor_id: str
    how: str
    reason: str
    by: str
    def __init__(self, at: _Optional[str] = ..., action: _Optional[str] = ..., mentor_id: _Optional[str] = ..., previous_mentor_id: _Optional[str] = ..., how: _Optional[str] = ..., reason: _Optional[str] = ..., by: _Optional[str] = ...) -> None: ...

class GetAssignmentHistoryRequest(_message.Message):
    __slots__ = ("assignment_id", "page_size", "page_token")
    ASSIGNMENT_ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    assignment_id: str
    page_size: int
    page_token: str
    def __init__(self, assignment_id: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class GetAssignmentHistoryResponse(_message.Message):
    __slots__ = ("entries", "next_page_token")
    ENTRIES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    entries: _containers.RepeatedCompositeFieldContainer[HistoryEntry]
    next_page_token: str
    def __init__(self, entries: _Optional[_Iterable[_Union[HistoryEntry, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class ListPendingAssignmentsRequest(_message.Message):
    __slots__ = ("page_size", "page_token")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListPendingAssignmentsResponse(_message.Message):
    __slots__ = ("assignments", "next_page_token")
    ASSIGNMENTS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    assignments: _containers.RepeatedCompositeFieldContainer[Assignment]
    next_page_token: str
    def __init__(self, assignments: _Optional[_Iterable[_Union[Assignment, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class GuidanceSession(_message.Message):
    __slots__ = ("id", "assignment_id", "mentor_id", "side", "held_on", "mode", "minutes", "notes", "recorded_at", "recorded_by", "confirmed_at", "confirmed_by")
    ID_FIELD_NUMBER: _ClassVar[int]
    ASSIGNMENT_ID_FIELD_NUMBER: _ClassVar[int]
    MENTOR_ID_FIELD_NUMBER: _ClassVar[int]
    SIDE_FIELD_NUMBER: _ClassVar[int]
    HELD_ON_FIELD_NUMBER: _ClassVar[int]
    MODE_FIELD_NUMBER: _ClassVar[int]
    MINUTES_FIELD_NUMBER: _ClassVar[int]
    NOTES_FIELD_NUMBER: _ClassVar[int]
    RECORDED_AT_FIELD_NUMBER: _ClassVar[int]
    RECORDED_BY_FIELD_NUMBER: _ClassVar[int]
    CONFIRMED_AT_FIELD_NUMBER: _ClassVar[int]
    CONFIRMED_BY_FIELD_NUMBER: _ClassVar[int]
    id: str
    assignment_id: str
    mentor_id: str
    side: Side
    held_on: str
    mode: SessionMode
    minutes: int
    notes: str
    recorded_at: str
    recorded_by: str
    confirmed_at: str
    confirmed_by: str
    def __init__(self, id: _Optional[str] = ..., assignment_id: _Optional[str] = ..., mentor_id: _Optional[str] = ..., side: _Optional[_Union[Side, str]] = ..., held_on: _Optional[str] = ..., mode: _Optional[_Union[SessionMode, str]] = ..., minutes: _Optional[int] = ..., notes: _Optional[str] = ..., recorded_at: _Optional[str] = ..., recorded_by: _Optional[str] = ..., confirmed_at: _Optional[str] = ..., confirmed_by: _Optional[str] = ...) -> None: ...

class RecordSessionRequest(_message.Message):
    __slots__ = ("assignment_id", "held_on", "mode", "minutes", "notes")
    ASSIGNMENT_ID_FIELD_NUMBER: _ClassVar[int]
    HELD_ON_FIELD_NUMBER: _ClassVar[int]
    MODE_FIELD_NUMBER: _ClassVar[int]
    MINUTES_FIELD_NUMBER: _ClassVar[int]
    NOTES_FIELD_NUMBER: _ClassVar[int]
    assignment_id: str
    held_on: str
    mode: SessionMode
    minutes: int
    notes: str
    def __init__(self, assignment_id: _Optional[str] = ..., held_on: _Optional[str] = ..., mode: _Optional[_Union[SessionMode, str]] = ..., minutes: _Optional[int] = ..., notes: _Optional[str] = ...) -> None: ...

class RecordSessionResponse(_message.Message):
    __slots__ = ("session",)
    SESSION_FIELD_NUMBER: _ClassVar[int]
    session: GuidanceSession
    def __init__(self, session: _Optional[_Union[GuidanceSession, _Mapping]] = ...) -> None: ...

class ConfirmSessionRequest(_message.Message):
    __slots__ = ("assignment_id", "session_id")
    ASSIGNMENT_ID_FIELD_NUMBER: _ClassVar[int]
    SESSION_ID_FIELD_NUMBER: _ClassVar[int]
    assignment_id: str
    session_id: str
    def __init__(self, assignment_id: _Optional[str] = ..., session_id: _Optional[str] = ...) -> None: ...

class ConfirmSessionResponse(_message.Message):
    __slots__ = ("session",)
    SESSION_FIELD_NUMBER: _ClassVar[int]
    session: GuidanceSession
    def __init__(self, session: _Optional[_Union[GuidanceSession, _Mapping]] = ...) -> None: ...
