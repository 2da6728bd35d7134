from google.protobuf import field_mask_pb2 as _field_mask_pb2
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
    __slots__ = ("id", "org", "kind", "display_name", "expertise", "languages", "capacity", "load", "active", "account", "dual_qualified", "created_at", "updated_at", "free_seats", "qualification", "practice_periods", "certificates")
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
    FREE_SEATS_FIELD_NUMBER: _ClassVar[int]
    QUALIFICATION_FIELD_NUMBER: _ClassVar[int]
    PRACTICE_PERIODS_FIELD_NUMBER: _ClassVar[int]
    CERTIFICATES_FIELD_NUMBER: _ClassVar[int]
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
    free_seats: int
    qualification: Qualification
    practice_periods: _containers.RepeatedCompositeFieldContainer[PracticePeriod]
    certificates: _containers.RepeatedCompositeFieldContainer[Certificate]
    def __init__(self, id: _Optional[str] = ..., org: _Optional[str] = ..., kind: _Optional[_Union[Side, str]] = ..., display_name: _Optional[str] = ..., expertise: _Optional[_Iterable[str]] = ..., languages: _Optional[_Iterable[str]] = ..., capacity: _Optional[int] = ..., load: _Optional[int] = ..., active: _Optional[bool] = ..., account: _Optional[str] = ..., dual_qualified: _Optional[bool] = ..., created_at: _Optional[str] = ..., updated_at: _Optional[str] = ..., free_seats: _Optional[int] = ..., qualification: _Optional[_Union[Qualification, _Mapping]] = ..., practice_periods: _Optional[_Iterable[_Union[PracticePeriod, _Mapping]]] = ..., certificates: _Optional[_Iterable[_Union[Certificate, _Mapping]]] = ...) -> None: ...

class Qualification(_message.Message):
    __slots__ = ("dual_qualified", "practice_days", "practice_months", "practice_hours", "qualifying_certificates", "window_from")
    DUAL_QUALIFIED_FIELD_NUMBER: _ClassVar[int]
    PRACTICE_DAYS_FIELD_NUMBER: _ClassVar[int]
    PRACTICE_MONTHS_FIELD_NUMBER: _ClassVar[int]
    PRACTICE_HOURS_FIELD_NUMBER: _ClassVar[int]
    QUALIFYING_CERTIFICATES_FIELD_NUMBER: _ClassVar[int]
    WINDOW_FROM_FIELD_NUMBER: _ClassVar[int]
    dual_qualified: bool
    practice_days: int
    practice_months: str
    practice_hours: int
    qualifying_certificates: _containers.RepeatedScalarFieldContainer[str]
    window_from: str
    def __init__(self, dual_qualified: _Optional[bool] = ..., practice_days: _Optional[int] = ..., practice_months: _Optional[str] = ..., practice_hours: _Optional[int] = ..., qualifying_certificates: _Optional[_Iterable[str]] = ..., window_from: _Optional[str] = ...) -> None: ...

class PracticePeriod(_message.Message):
    __slots__ = ("id", "enterprise", "role", "from_date", "to_date", "hours", "recorded_at")
    ID_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    FROM_DATE_FIELD_NUMBER: _ClassVar[int]
    TO_DATE_FIELD_NUMBER: _ClassVar[int]
    HOURS_FIELD_NUMBER: _ClassVar[int]
    RECORDED_AT_FIELD_NUMBER: _ClassVar[int]
    id: str
    enterprise: str
    role: str
    from_date: str
    to_date: str
    hours: int
    recorded_at: str
    def __init__(self, id: _Optional[str] = ..., enterprise: _Optional[str] = ..., role: _Optional[str] = ..., from_date: _Optional[str] = ..., to_date: _Optional[str] = ..., hours: _Optional[int] = ..., recorded_at: _Optional[str] = ...) -> None: ...

class Certificate(_message.Message):
    __slots__ = ("id", "name", "issuer", "issued_on", "expires_on", "recorded_at")
    ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    ISSUER_FIELD_NUMBER: _ClassVar[int]
    ISSUED_ON_FIELD_NUMBER: _ClassVar[int]
    EXPIRES_ON_FIELD_NUMBER: _ClassVar[int]
    RECORDED_AT_FIELD_NUMBER: _ClassVar[int]
    id: str
    name: str
    issuer: str
    issued_on: str
    expires_on: str
    recorded_at: str
    def __init__(self, id: _Optional[str] = ..., name: _Optional[str] = ..., issuer: _Optional[str] = ..., issued_on: _Optional[str] = ..., expires_on: _Optional[str] = ..., recorded_at: _Optional[str] = ...) -> None: ...

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

class UpdateMentorRequest(_message.Message):
    __slots__ = ("id", "update_mask", "display_name", "expertise", "languages", "capacity", "active", "account")
    ID_FIELD_NUMBER: _ClassVar[int]
    UPDATE_MASK_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    EXPERTISE_FIELD_NUMBER: _ClassVar[int]
    LANGUAGES_FIELD_NUMBER: _ClassVar[int]
    CAPACITY_FIELD_NUMBER: _ClassVar[int]
    ACTIVE_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_FIELD_NUMBER: _ClassVar[int]
    id: str
    update_mask: _field_mask_pb2.FieldMask
    display_name: str
    expertise: _containers.RepeatedScalarFieldContainer[str]
    languages: _containers.RepeatedScalarFieldContainer[str]
    capacity: int
    active: bool
    account: str
    def __init__(self, id: _Optional[str] = ..., update_mask: _Optional[_Union[_field_mask_pb2.FieldMask, _Mapping]] = ..., display_name: _Optional[str] = ..., expertise: _Optional[_Iterable[str]] = ..., languages: _Optional[_Iterable[str]] = ..., capacity: _Optional[int] = ..., active: _Optional[bool] = ..., account: _Optional[str] = ...) -> None: ...

class UpdateMentorResponse(_message.Message):
    __slots__ = ("mentor",)
    MENTOR_FIELD_NUMBER: _ClassVar[int]
    mentor: Mentor
    def __init__(self, mentor: _Optional[_Union[Mentor, _Mapping]] = ...) -> None: ...

class AddPracticePeriodRequest(_message.Message):
    __slots__ = ("mentor_id", "enterprise", "role", "from_date", "to_date", "hours")
    MENTOR_ID_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    FROM_DATE_FIELD_NUMBER: _ClassVar[int]
    TO_DATE_FIELD_NUMBER: _ClassVar[int]
    HOURS_FIELD_NUMBER: _ClassVar[int]
    mentor_id: str
    enterprise: str
    role: str
    from_date: str
    to_date: str
    hours: int
    def __init__(self, mentor_id: _Optional[str] = ..., enterprise: _Optional[str] = ..., role: _Optional[str] = ..., from_date: _Optional[str] = ..., to_date: _Optional[str] = ..., hours: _Optional[int] = ...) -> None: ...

class AddPracticePeriodResponse(_message.Message):
    __slots__ = ("period",)
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    period: PracticePeriod
    def __init__(self, period: _Optional[_Union[PracticePeriod, _Mapping]] = ...) -> None: ...

class RemovePracticePeriodRequest(_message.Message):
    __slots__ = ("mentor_id", "period_id")
    MENTOR_ID_FIELD_NUMBER: _ClassVar[int]
    PERIOD_ID_FIELD_NUMBER: _ClassVar[int]
    mentor_id: str
    period_id: str
    def __init__(self, mentor_id: _Optional[str] = ..., period_id: _Optional[str] = ...) -> None: ...

class RemovePracticePeriodResponse(_message.Message):
    __slots__ = ("mentor",)
    MENTOR_FIELD_NUMBER: _ClassVar[int]
    mentor: Mentor
    def __init__(self, mentor: _Optional[_Union[Mentor, _Mapping]] = ...) -> None: ...

class AddCertificateRequest(_message.Message):
    __slots__ = ("mentor_id", "name", "issuer", "issued_on", "expires_on")
    MENTOR_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    ISSUER_FIELD_NUMBER: _ClassVar[int]
    ISSUED_ON_FIELD_NUMBER: _ClassVar[int]
    EXPIRES_ON_FIELD_NUMBER: _ClassVar[int]
    mentor_id: str
    name: str
    issuer: str
    issued_on: str
    expires_on: str
    def __init__(self, mentor_id: _Optional[str] = ..., name: _Optional[str] = ..., issuer: _Optional[str] = ..., issued_on: _Optional[str] = ..., expires_on: _Optional[str] = ...) -> None: ...

class AddCertificateResponse(_message.Message):
    __slots__ = ("certificate",)
    CERTIFICATE_FIELD_NUMBER: _ClassVar[int]
    certificate: Certificate
    def __init__(self, certificate: _Optional[_Union[Certificate, _Mapping]] = ...) -> None: ...

class RemoveCertificateRequest(_message.Message):
    __slots__ = ("mentor_id", "certificate_id")
    MENTOR_ID_FIELD_NUMBER: _ClassVar[int]
    CERTIFICATE_ID_FIELD_NUMBER: _ClassVar[int]
    mentor_id: str
    certificate_id: str
    def __init__(self, mentor_id: _Optional[str] = ..., certificate_id: _Optional[str] = ...) -> None: ...

class RemoveCertificateResponse(_message.Message):
    __slots__ = ("mentor",)
    MENTOR_FIELD_NUMBER: _ClassVar[int]
    mentor: Mentor
    def __init__(self, mentor: _Optional[_Union[Mentor, _Mapping]] = ...) -> None: ...

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

class ListAssignmentsRequest(_message.Message):
    __slots__ = ("status", "side", "student_ref", "mentor_id", "page_size", "page_token", "updated_since")
    STATUS_FIELD_NUMBER: _ClassVar[int]
    SIDE_FIELD_NUMBER: _ClassVar[int]
    STUDENT_REF_FIELD_NUMBER: _ClassVar[int]
    MENTOR_ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    UPDATED_SINCE_FIELD_NUMBER: _ClassVar[int]
    status: AssignmentStatus
    side: Side
    student_ref: str
    mentor_id: str
    page_size: int
    page_token: str
    updated_since: str
    def __init__(self, status: _Optional[_Union[AssignmentStatus, str]] = ..., side: _Optional[_Union[Side, str]] = ..., student_ref: _Optional[str] = ..., mentor_id: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., updated_since: _Optional[str] = ...) -> None: ...

class ListAssignmentsResponse(_message.Message):
    __slots__ = ("assignments", "next_page_token", "changes", "next_cursor", "has_more")
    ASSIGNMENTS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    CHANGES_FIELD_NUMBER: _ClassVar[int]
    NEXT_CURSOR_FIELD_NUMBER: _ClassVar[int]
    HAS_MORE_FIELD_NUMBER: _ClassVar[int]
    assignments: _containers.RepeatedCompositeFieldContainer[Assignment]
    next_page_token: str
    changes: _containers.RepeatedCompositeFieldContainer[AssignmentChange]
    next_cursor: str
    has_more: bool
    def __init__(self, assignments: _Optional[_Iterable[_Union[Assignment, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., changes: _Optional[_Iterable[_Union[AssignmentChange, _Mapping]]] = ..., next_cursor: _Optional[str] = ..., has_more: _Optional[bool] = ...) -> None: ...

class Tombstone(_message.Message):
    __slots__ = ("id", "changed_at")
    ID_FIELD_NUMBER: _ClassVar[int]
    CHANGED_AT_FIELD_NUMBER: _ClassVar[int]
    id: str
    changed_at: str
    def __init__(self, id: _Optional[str] = ..., changed_at: _Optional[str] = ...) -> None: ...

class AssignmentChange(_message.Message):
    __slots__ = ("assignment", "deleted")
    ASSIGNMENT_FIELD_NUMBER: _ClassVar[int]
    DELETED_FIELD_NUMBER: _ClassVar[int]
    assignment: Assignment
    deleted: Tombstone
    def __init__(self, assignment: _Optional[_Union[Assignment, _Mapping]] = ..., deleted: _Optional[_Union[Tombstone, _Mapping]] = ...) -> None: ...

class GetAssignmentRequest(_message.Message):
    __slots__ = ("id",)
    ID_FIELD_NUMBER: _ClassVar[int]
    id: str
    def __init__(self, id: _Optional[str] = ...) -> None: ...

class GetAssignmentResponse(_message.Message):
    __slots__ = ("assignment",)
    ASSIGNMENT_FIELD_NUMBER: _ClassVar[int]
    assignment: Assignment
    def __init__(self, assignment: _Optional[_Union[Assignment, _Mapping]] = ...) -> None: ...

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

class ListOverdueGuidanceRequest(_message.Message):
    __slots__ = ("days", "page_size", "page_token")
    DAYS_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    days: int
    page_size: int
    page_token: str
    def __init__(self, days: _Optional[int] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class OverdueAssignment(_message.Message):
    __slots__ = ("assignment", "last_onsite_session")
    ASSIGNMENT_FIELD_NUMBER: _ClassVar[int]
    LAST_ONSITE_SESSION_FIELD_NUMBER: _ClassVar[int]
    assignment: Assignment
    last_onsite_session: str
    def __init__(self, assignment: _Optional[_Union[Assignment, _Mapping]] = ..., last_onsite_session: _Optional[str] = ...) -> None: ...

class ListOverdueGuidanceResponse(_message.Message):
    __slots__ = ("days", "items", "next_page_token")
    DAYS_FIELD_NUMBER: _ClassVar[int]
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    days: int
    items: _containers.RepeatedCompositeFieldContainer[OverdueAssignment]
    next_page_token: str
    def __init__(self, days: _Optional[int] = ..., items: _Optional[_Iterable[_Union[OverdueAssignment, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

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

class ListSessionsRequest(_message.Message):
    __slots__ = ("assignment_id", "page_size", "page_token")
    ASSIGNMENT_ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    assignment_id: str
    page_size: int
    page_token: str
    def __init__(self, assignment_id: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListSessionsResponse(_message.Message):
    __slots__ = ("sessions", "next_page_token")
    SESSIONS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    sessions: _containers.RepeatedCompositeFieldContainer[GuidanceSession]
    next_page_token: str
    def __init__(self, sessions: _Optional[_Iterable[_Union[GuidanceSession, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

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

class GetDualQualifiedReportRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class DualQualificationRule(_message.Message):
    __slots__ = ("min_months", "window_years", "certificates")
    MIN_MONTHS_FIELD_NUMBER: _ClassVar[int]
    WINDOW_YEARS_FIELD_NUMBER: _ClassVar[int]
    CERTIFICATES_FIELD_NUMBER: _ClassVar[int]
    min_months: int
    window_years: int
    certificates: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, min_months: _Optional[int] = ..., window_years: _Optional[int] = ..., certificates: _Optional[_Iterable[str]] = ...) -> None: ...

class DualQualifiedMentor(_message.Message):
    __slots__ = ("mentor_id", "display_name", "qualification")
    MENTOR_ID_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    QUALIFICATION_FIELD_NUMBER: _ClassVar[int]
    mentor_id: str
    display_name: str
    qualification: Qualification
    def __init__(self, mentor_id: _Optional[str] = ..., display_name: _Optional[str] = ..., qualification: _Optional[_Union[Qualification, _Mapping]] = ...) -> None: ...

class GetDualQualifiedReportResponse(_message.Message):
    __slots__ = ("school_org", "as_of", "rule", "mentors_total", "dual_qualified", "ratio", "mentors")
    SCHOOL_ORG_FIELD_NUMBER: _ClassVar[int]
    AS_OF_FIELD_NUMBER: _ClassVar[int]
    RULE_FIELD_NUMBER: _ClassVar[int]
    MENTORS_TOTAL_FIELD_NUMBER: _ClassVar[int]
    DUAL_QUALIFIED_FIELD_NUMBER: _ClassVar[int]
    RATIO_FIELD_NUMBER: _ClassVar[int]
    MENTORS_FIELD_NUMBER: _ClassVar[int]
    school_org: str
    as_of: str
    rule: DualQualificationRule
    mentors_total: int
    dual_qualified: int
    ratio: str
    mentors: _containers.RepeatedCompositeFieldContainer[DualQualifiedMentor]
    def __init__(self, school_org: _Optional[str] = ..., as_of: _Optional[str] = ..., rule: _Optional[_Union[DualQualificationRule, _Mapping]] = ..., mentors_total: _Optional[int] = ..., dual_qualified: _Optional[int] = ..., ratio: _Optional[str] = ..., mentors: _Optional[_Iterable[_Union[DualQualifiedMentor, _Mapping]]] = ...) -> None: ...

class GetMentorLoadReportRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class MentorLoad(_message.Message):
    __slots__ = ("mentor_id", "display_name", "kind", "active", "capacity", "load", "free_seats")
    MENTOR_ID_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    ACTIVE_FIELD_NUMBER: _ClassVar[int]
    CAPACITY_FIELD_NUMBER: _ClassVar[int]
    LOAD_FIELD_NUMBER: _ClassVar[int]
    FREE_SEATS_FIELD_NUMBER: _ClassVar[int]
    mentor_id: str
    display_name: str
    kind: Side
    active: bool
    capacity: int
    load: int
    free_seats: int
    def __init__(self, mentor_id: _Optional[str] = ..., display_name: _Optional[str] = ..., kind: _Optional[_Union[Side, str]] = ..., active: _Optional[bool] = ..., capacity: _Optional[int] = ..., load: _Optional[int] = ..., free_seats: _Optional[int] = ...) -> None: ...

class GetMentorLoadReportResponse(_message.Message):
    __slots__ = ("org", "total_capacity", "total_load", "utilisation", "by_load", "buckets", "mentors")
    class ByLoadEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: int
        value: int
        def __init__(self, key: _Optional[int] = ..., value: _Optional[int] = ...) -> None: ...
    class BucketsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: int
        def __init__(self, key: _Optional[str] = ..., value: _Optional[int] = ...) -> None: ...
    ORG_FIELD_NUMBER: _ClassVar[int]
    TOTAL_CAPACITY_FIELD_NUMBER: _ClassVar[int]
    TOTAL_LOAD_FIELD_NUMBER: _ClassVar[int]
    UTILISATION_FIELD_NUMBER: _ClassVar[int]
    BY_LOAD_FIELD_NUMBER: _ClassVar[int]
    BUCKETS_FIELD_NUMBER: _ClassVar[int]
    MENTORS_FIELD_NUMBER: _ClassVar[int]
    org: str
    total_capacity: int
    total_load: int
    utilisation: str
    by_load: _containers.ScalarMap[int, int]
    buckets: _containers.ScalarMap[str, int]
    mentors: _containers.RepeatedCompositeFieldContainer[MentorLoad]
    def __init__(self, org: _Optional[str] = ..., total_capacity: _Optional[int] = ..., total_load: _Optional[int] = ..., utilisation: _Optional[str] = ..., by_load: _Optional[_Mapping[int, int]] = ..., buckets: _Optional[_Mapping[str, int]] = ..., mentors: _Optional[_Iterable[_Union[MentorLoad, _Mapping]]] = ...) -> None: ...

class GetGuidanceReportRequest(_message.Message):
    __slots__ = ("from_date", "to_date")
    FROM_DATE_FIELD_NUMBER: _ClassVar[int]
    TO_DATE_FIELD_NUMBER: _ClassVar[int]
    from_date: str
    to_date: str
    def __init__(self, from_date: _Optional[str] = ..., to_date: _Optional[str] = ...) -> None: ...

class MentorGuidance(_message.Message):
    __slots__ = ("mentor_id", "display_name", "side", "org", "sessions", "onsite_sessions", "minutes", "confirmed_sessions", "students", "current_mentees", "sessions_per_30_days")
    MENTOR_ID_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    SIDE_FIELD_NUMBER: _ClassVar[int]
    ORG_FIELD_NUMBER: _ClassVar[int]
    SESSIONS_FIELD_NUMBER: _ClassVar[int]
    ONSITE_SESSIONS_FIELD_NUMBER: _ClassVar[int]
    MINUTES_FIELD_NUMBER: _ClassVar[int]
    CONFIRMED_SESSIONS_FIELD_NUMBER: _ClassVar[int]
    STUDENTS_FIELD_NUMBER: _ClassVar[int]
    CURRENT_MENTEES_FIELD_NUMBER: _ClassVar[int]
    SESSIONS_PER_30_DAYS_FIELD_NUMBER: _ClassVar[int]
    mentor_id: str
    display_name: str
    side: Side
    org: str
    sessions: int
    onsite_sessions: int
    minutes: int
    confirmed_sessions: int
    students: int
    current_mentees: int
    sessions_per_30_days: str
    def __init__(self, mentor_id: _Optional[str] = ..., display_name: _Optional[str] = ..., side: _Optional[_Union[Side, str]] = ..., org: _Optional[str] = ..., sessions: _Optional[int] = ..., onsite_sessions: _Optional[int] = ..., minutes: _Optional[int] = ..., confirmed_sessions: _Optional[int] = ..., students: _Optional[int] = ..., current_mentees: _Optional[int] = ..., sessions_per_30_days: _Optional[str] = ...) -> None: ...

class StudentGuidance(_message.Message):
    __slots__ = ("school_org", "student_ref", "sessions", "onsite_sessions", "minutes", "last_held_on", "sessions_per_30_days")
    SCHOOL_ORG_FIELD_NUMBER: _ClassVar[int]
    STUDENT_REF_FIELD_NUMBER: _ClassVar[int]
    SESSIONS_FIELD_NUMBER: _ClassVar[int]
    ONSITE_SESSIONS_FIELD_NUMBER: _ClassVar[int]
    MINUTES_FIELD_NUMBER: _ClassVar[int]
    LAST_HELD_ON_FIELD_NUMBER: _ClassVar[int]
    SESSIONS_PER_30_DAYS_FIELD_NUMBER: _ClassVar[int]
    school_org: str
    student_ref: str
    sessions: int
    onsite_sessions: int
    minutes: int
    last_held_on: str
    sessions_per_30_days: str
    def __init__(self, school_org: _Optional[str] = ..., student_ref: _Optional[str] = ..., sessions: _Optional[int] = ..., onsite_sessions: _Optional[int] = ..., minutes: _Optional[int] = ..., last_held_on: _Optional[str] = ..., sessions_per_30_days: _Optional[str] = ...) -> None: ...

class GetGuidanceReportResponse(_message.Message):
    __slots__ = ("org", "from_date", "to_date", "per_mentor", "per_student")
    ORG_FIELD_NUMBER: _ClassVar[int]
    FROM_DATE_FIELD_NUMBER: _ClassVar[int]
    TO_DATE_FIELD_NUMBER: _ClassVar[int]
    PER_MENTOR_FIELD_NUMBER: _ClassVar[int]
    PER_STUDENT_FIELD_NUMBER: _ClassVar[int]
    org: str
    from_date: str
    to_date: str
    per_mentor: _containers.RepeatedCompositeFieldContainer[MentorGuidance]
    per_student: _containers.RepeatedCompositeFieldContainer[StudentGuidance]
    def __init__(self, org: _Optional[str] = ..., from_date: _Optional[str] = ..., to_date: _Optional[str] = ..., per_mentor: _Optional[_Iterable[_Union[MentorGuidance, _Mapping]]] = ..., per_student: _Optional[_Iterable[_Union[StudentGuidance, _Mapping]]] = ...) -> None: ...

class GetPendingAssignmentsReportRequest(_message.Message):
    __slots__ = ("page_size", "page_token")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class GetPendingAssignmentsReportResponse(_message.Message):
    __slots__ = ("org", "total", "by_side", "oldest_since", "items", "next_page_token")
    class BySideEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: int
        def __init__(self, key: _Optional[str] = ..., value: _Optional[int] = ...) -> None: ...
    ORG_FIELD_NUMBER: _ClassVar[int]
    TOTAL_FIELD_NUMBER: _ClassVar[int]
    BY_SIDE_FIELD_NUMBER: _ClassVar[int]
    OLDEST_SINCE_FIELD_NUMBER: _ClassVar[int]
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    org: str
    total: int
    by_side: _containers.ScalarMap[str, int]
    oldest_since: str
    items: _containers.RepeatedCompositeFieldContainer[Assignment]
    next_page_token: str
    def __init__(self, org: _Optional[str] = ..., total: _Optional[int] = ..., by_side: _Optional[_Mapping[str, int]] = ..., oldest_since: _Optional[str] = ..., items: _Optional[_Iterable[_Union[Assignment, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...
