from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class AttendanceDayStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ATTENDANCE_DAY_STATUS_UNSPECIFIED: _ClassVar[AttendanceDayStatus]
    ATTENDANCE_DAY_STATUS_PRESENT: _ClassVar[AttendanceDayStatus]
    ATTENDANCE_DAY_STATUS_ABSENT: _ClassVar[AttendanceDayStatus]
    ATTENDANCE_DAY_STATUS_LEAVE: _ClassVar[AttendanceDayStatus]

class LeaveRequestStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    LEAVE_REQUEST_STATUS_UNSPECIFIED: _ClassVar[LeaveRequestStatus]
    LEAVE_REQUEST_STATUS_PENDING: _ClassVar[LeaveRequestStatus]
    LEAVE_REQUEST_STATUS_APPROVED: _ClassVar[LeaveRequestStatus]
    LEAVE_REQUEST_STATUS_REJECTED: _ClassVar[LeaveRequestStatus]
ATTENDANCE_DAY_STATUS_UNSPECIFIED: AttendanceDayStatus
ATTENDANCE_DAY_STATUS_PRESENT: AttendanceDayStatus
ATTENDANCE_DAY_STATUS_ABSENT: AttendanceDayStatus
ATTENDANCE_DAY_STATUS_LEAVE: AttendanceDayStatus
LEAVE_REQUEST_STATUS_UNSPECIFIED: LeaveRequestStatus
LEAVE_REQUEST_STATUS_PENDING: LeaveRequestStatus
LEAVE_REQUEST_STATUS_APPROVED: LeaveRequestStatus
LEAVE_REQUEST_STATUS_REJECTED: LeaveRequestStatus

class AttendanceDay(_message.Message):
    __slots__ = ("day", "status", "check_in", "check_out", "hours", "reason", "leave_request_id", "recorded_at", "recorded_by")
    DAY_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    CHECK_IN_FIELD_NUMBER: _ClassVar[int]
    CHECK_OUT_FIELD_NUMBER: _ClassVar[int]
    HOURS_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    LEAVE_REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    RECORDED_AT_FIELD_NUMBER: _ClassVar[int]
    RECORDED_BY_FIELD_NUMBER: _ClassVar[int]
    day: str
    status: AttendanceDayStatus
    check_in: str
    check_out: str
    hours: str
    reason: str
    leave_request_id: str
    recorded_at: str
    recorded_by: str
    def __init__(self, day: _Optional[str] = ..., status: _Optional[_Union[AttendanceDayStatus, str]] = ..., check_in: _Optional[str] = ..., check_out: _Optional[str] = ..., hours: _Optional[str] = ..., reason: _Optional[str] = ..., leave_request_id: _Optional[str] = ..., recorded_at: _Optional[str] = ..., recorded_by: _Optional[str] = ...) -> None: ...

class DisputedDay(_message.Message):
    __slots__ = ("day", "reason")
    DAY_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    day: str
    reason: str
    def __init__(self, day: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class AttendanceWeek(_message.Message):
    __slots__ = ("week_start", "attested_at", "attested_by", "attested_on_behalf", "mentor_id", "disputed_days", "present_days", "present_hours", "logbook_hours", "anomaly", "revision")
    WEEK_START_FIELD_NUMBER: _ClassVar[int]
    ATTESTED_AT_FIELD_NUMBER: _ClassVar[int]
    ATTESTED_BY_FIELD_NUMBER: _ClassVar[int]
    ATTESTED_ON_BEHALF_FIELD_NUMBER: _ClassVar[int]
    MENTOR_ID_FIELD_NUMBER: _ClassVar[int]
    DISPUTED_DAYS_FIELD_NUMBER: _ClassVar[int]
    PRESENT_DAYS_FIELD_NUMBER: _ClassVar[int]
    PRESENT_HOURS_FIELD_NUMBER: _ClassVar[int]
    LOGBOOK_HOURS_FIELD_NUMBER: _ClassVar[int]
    ANOMALY_FIELD_NUMBER: _ClassVar[int]
    REVISION_FIELD_NUMBER: _ClassVar[int]
    week_start: str
    attested_at: str
    attested_by: str
    attested_on_behalf: bool
    mentor_id: str
    disputed_days: _containers.RepeatedCompositeFieldContainer[DisputedDay]
    present_days: int
    present_hours: str
    logbook_hours: str
    anomaly: bool
    revision: int
    def __init__(self, week_start: _Optional[str] = ..., attested_at: _Optional[str] = ..., attested_by: _Optional[str] = ..., attested_on_behalf: _Optional[bool] = ..., mentor_id: _Optional[str] = ..., disputed_days: _Optional[_Iterable[_Union[DisputedDay, _Mapping]]] = ..., present_days: _Optional[int] = ..., present_hours: _Optional[str] = ..., logbook_hours: _Optional[str] = ..., anomaly: _Optional[bool] = ..., revision: _Optional[int] = ...) -> None: ...

class LeaveRequest(_message.Message):
    __slots__ = ("id", "placement_id", "first_day", "last_day", "reason", "status", "requested_at", "requested_by", "decided_at", "decided_by", "comments", "decided_on_behalf", "mentor_id")
    ID_FIELD_NUMBER: _ClassVar[int]
    PLACEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    FIRST_DAY_FIELD_NUMBER: _ClassVar[int]
    LAST_DAY_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    REQUESTED_AT_FIELD_NUMBER: _ClassVar[int]
    REQUESTED_BY_FIELD_NUMBER: _ClassVar[int]
    DECIDED_AT_FIELD_NUMBER: _ClassVar[int]
    DECIDED_BY_FIELD_NUMBER: _ClassVar[int]
    COMMENTS_FIELD_NUMBER: _ClassVar[int]
    DECIDED_ON_BEHALF_FIELD_NUMBER: _ClassVar[int]
    MENTOR_ID_FIELD_NUMBER: _ClassVar[int]
    id: str
    placement_id: str
    first_day: str
    last_day: str
    reason: str
    status: LeaveRequestStatus
    requested_at: str
    requested_by: str
    decided_at: str
    decided_by: str
    comments: str
    decided_on_behalf: bool
    mentor_id: str
    def __init__(self, id: _Optional[str] = ..., placement_id: _Optional[str] = ..., first_day: _Optional[str] = ..., last_day: _Optional[str] = ..., reason: _Optional[str] = ..., status: _Optional[_Union[LeaveRequestStatus, str]] = ..., requested_at: _Optional[str] = ..., requested_by: _Optional[str] = ..., decided_at: _Optional[str] = ..., decided_by: _Optional[str] = ..., comments: _Optional[str] = ..., decided_on_behalf: _Optional[bool] = ..., mentor_id: _Optional[str] = ...) -> None: ...

class AttendanceSummary(_message.Message):
    __slots__ = ("expected_days", "present_days", "absent_days", "leave_days", "unrecorded_days", "disputed_days", "attested_weeks", "attendance_rate")
    EXPECTED_DAYS_FIELD_NUMBER: _ClassVar[int]
    PRESENT_DAYS_FIELD_NUMBER: _ClassVar[int]
    ABSENT_DAYS_FIELD_NUMBER: _ClassVar[int]
    LEAVE_DAYS_FIELD_NUMBER: _ClassVar[int]
    UNRECORDED_DAYS_FIELD_NUMBER: _ClassVar[int]
    DISPUTED_DAYS_FIELD_NUMBER: _ClassVar[int]
    ATTESTED_WEEKS_FIELD_NUMBER: _ClassVar[int]
    ATTENDANCE_RATE_FIELD_NUMBER: _ClassVar[int]
    expected_days: int
    present_days: int
    absent_days: int
    leave_days: int
    unrecorded_days: int
    disputed_days: int
    attested_weeks: int
    attendance_rate: str
    def __init__(self, expected_days: _Optional[int] = ..., present_days: _Optional[int] = ..., absent_days: _Optional[int] = ..., leave_days: _Optional[int] = ..., unrecorded_days: _Optional[int] = ..., disputed_days: _Optional[int] = ..., attested_weeks: _Optional[int] = ..., attendance_rate: _Optional[str] = ...) -> None: ...

class RecordAttendanceDayRequest(_message.Message):
    __slots__ = ("placement_id", "day", "status", "check_in", "check_out", "reason")
    PLACEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    DAY_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    CHECK_IN_FIELD_NUMBER: _ClassVar[int]
    CHECK_OUT_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    placement_id: str
    day: str
    status: AttendanceDayStatus
    check_in: str
    check_out: str
    reason: str
    def __init__(self, placement_id: _Optional[str] = ..., day: _Optional[str] = ..., status: _Optional[_Union[AttendanceDayStatus, str]] = ..., check_in: _Optional[str] = ..., check_out: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class RecordAttendanceDayResponse(_message.Message):
    __slots__ = ("day",)
    DAY_FIELD_NUMBER: _ClassVar[int]
    day: AttendanceDay
    def __init__(self, day: _Optional[_Union[AttendanceDay, _Mapping]] = ...) -> None: ...

class GetAttendanceRequest(_message.Message):
    __slots__ = ("placement_id",)
    PLACEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    placement_id: str
    def __init__(self, placement_id: _Optional[str] = ...) -> None: ...

class GetAttendanceResponse(_message.Message):
    __slots__ = ("placement_id", "days", "weeks", "leave_requests", "summary", "enterprise_mentor_id")
    PLACEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    DAYS_FIELD_NUMBER: _ClassVar[int]
    WEEKS_FIELD_NUMBER: _ClassVar[int]
    LEAVE_REQUESTS_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_MENTOR_ID_FIELD_NUMBER: _ClassVar[int]
    placement_id: str
    days: _containers.RepeatedCompositeFieldContainer[AttendanceDay]
    weeks: _containers.RepeatedCompositeFieldContainer[AttendanceWeek]
    leave_requests: _containers.RepeatedCompositeFieldContainer[LeaveRequest]
    summary: AttendanceSummary
    enterprise_mentor_id: str
    def __init__(self, placement_id: _Optional[str] = ..., days: _Optional[_Iterable[_Union[AttendanceDay, _Mapping]]] = ..., weeks: _Optional[_Iterable[_Union[AttendanceWeek, _Mapping]]] = ..., leave_requests: _Optional[_Iterable[_Union[LeaveRequest, _Mapping]]] = ..., summary: _Optional[_Union[AttendanceSummary, _Mapping]] = ..., enterprise_mentor_id: _Optional[str] = ...) -> None: ...

class AttestAttendanceWeekRequest(_message.Message):
    __slots__ = ("placement_id", "week_start", "disputed_days", "on_behalf_of_mentor")
    PLACEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    WEEK_START_FIELD_NUMBER: _ClassVar[int]
    DISPUTED_DAYS_FIELD_NUMBER: _ClassVar[int]
    ON_BEHALF_OF_MENTOR_FIELD_NUMBER: _ClassVar[int]
    placement_id: str
    week_start: str
    disputed_days: _containers.RepeatedCompositeFieldContainer[DisputedDay]
    on_behalf_of_mentor: bool
    def __init__(self, placement_id: _Optional[str] = ..., week_start: _Optional[str] = ..., disputed_days: _Optional[_Iterable[_Union[DisputedDay, _Mapping]]] = ..., on_behalf_of_mentor: _Optional[bool] = ...) -> None: ...

class AttestAttendanceWeekResponse(_message.Message):
    __slots__ = ("week",)
    WEEK_FIELD_NUMBER: _ClassVar[int]
    week: AttendanceWeek
    def __init__(self, week: _Optional[_Union[AttendanceWeek, _Mapping]] = ...) -> None: ...

class RequestLeaveRequest(_message.Message):
    __slots__ = ("placement_id", "first_day", "last_day", "reason")
    PLACEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    FIRST_DAY_FIELD_NUMBER: _ClassVar[int]
    LAST_DAY_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    placement_id: str
    first_day: str
    last_day: str
    reason: str
    def __init__(self, placement_id: _Optional[str] = ..., first_day: _Optional[str] = ..., last_day: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class RequestLeaveResponse(_message.Message):
    __slots__ = ("leave_request",)
    LEAVE_REQUEST_FIELD_NUMBER: _ClassVar[int]
    leave_request: LeaveRequest
    def __init__(self, leave_request: _Optional[_Union[LeaveRequest, _Mapping]] = ...) -> None: ...

class GetLeaveRequestRequest(_message.Message):
    __slots__ = ("placement_id", "request_id")
    PLACEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    placement_id: str
    request_id: str
    def __init__(self, placement_id: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class GetLeaveRequestResponse(_message.Message):
    __slots__ = ("leave_request",)
    LEAVE_REQUEST_FIELD_NUMBER: _ClassVar[int]
    leave_request: LeaveRequest
    def __init__(self, leave_request: _Optional[_Union[LeaveRequest, _Mapping]] = ...) -> None: ...

class DecideLeaveRequestRequest(_message.Message):
    __slots__ = ("placement_id", "request_id", "approve", "comments", "on_behalf_of_mentor")
    PLACEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    APPROVE_FIELD_NUMBER: _ClassVar[int]
    COMMENTS_FIELD_NUMBER: _ClassVar[int]
    ON_BEHALF_OF_MENTOR_FIELD_NUMBER: _ClassVar[int]
    placement_id: str
    request_id: str
    approve: bool
    comments: str
    on_behalf_of_mentor: bool
    def __init__(self, placement_id: _Optional[str] = ..., request_id: _Optional[str] = ..., approve: _Optional[bool] = ..., comments: _Optional[str] = ..., on_behalf_of_mentor: _Optional[bool] = ...) -> None: ...

class DecideLeaveRequestResponse(_message.Message):
    __slots__ = ("leave_request",)
    LEAVE_REQUEST_FIELD_NUMBER: _ClassVar[int]
    leave_request: LeaveRequest
    def __init__(self, leave_request: _Optional[_Union[LeaveRequest, _Mapping]] = ...) -> None: ...

class PlacementAttendance(_message.Message):
    __slots__ = ("placement_id", "student_ref", "school_org", "enterprise_org", "status", "summary")
    PLACEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    STUDENT_REF_FIELD_NUMBER: _ClassVar[int]
    SCHOOL_ORG_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_ORG_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    placement_id: str
    student_ref: str
    school_org: str
    enterprise_org: str
    status: str
    summary: AttendanceSummary
    def __init__(self, placement_id: _Optional[str] = ..., student_ref: _Optional[str] = ..., school_org: _Optional[str] = ..., enterprise_org: _Optional[str] = ..., status: _Optional[str] = ..., summary: _Optional[_Union[AttendanceSummary, _Mapping]] = ...) -> None: ...

class ListPlacementAttendanceRequest(_message.Message):
    __slots__ = ("page_size", "page_token")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListPlacementAttendanceResponse(_message.Message):
    __slots__ = ("placements", "next_page_token")
    PLACEMENTS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    placements: _containers.RepeatedCompositeFieldContainer[PlacementAttendance]
    next_page_token: str
    def __init__(self, placements: _Optional[_Iterable[_Union[PlacementAttendance, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class UnattestedWeek(_message.Message):
    __slots__ = ("placement_id", "student_ref", "school_org", "enterprise_org", "week_start")
    PLACEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    STUDENT_REF_FIELD_NUMBER: _ClassVar[int]
    SCHOOL_ORG_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_ORG_FIELD_NUMBER: _ClassVar[int]
    WEEK_START_FIELD_NUMBER: _ClassVar[int]
    placement_id: str
    student_ref: str
    school_org: str
    enterprise_org: str
    week_start: str
    def __init__(self, placement_id: _Optional[str] = ..., student_ref: _Optional[str] = ..., school_org: _Optional[str] = ..., enterprise_org: _Optional[str] = ..., week_start: _Optional[str] = ...) -> None: ...

class ListUnattestedWeeksRequest(_message.Message):
    __slots__ = ("page_size", "page_token")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListUnattestedWeeksResponse(_message.Message):
    __slots__ = ("weeks", "next_page_token")
    WEEKS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    weeks: _containers.RepeatedCompositeFieldContainer[UnattestedWeek]
    next_page_token: str
    def __init__(self, weeks: _Optional[_Iterable[_Union[UnattestedWeek, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class AttendanceAnomaly(_message.Message):
    __slots__ = ("placement_id", "student_ref", "school_org", "enterprise_org", "week_start", "present_days", "present_hours", "logbook_hours")
    PLACEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    STUDENT_REF_FIELD_NUMBER: _ClassVar[int]
    SCHOOL_ORG_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_ORG_FIELD_NUMBER: _ClassVar[int]
    WEEK_START_FIELD_NUMBER: _ClassVar[int]
    PRESENT_DAYS_FIELD_NUMBER: _ClassVar[int]
    PRESENT_HOURS_FIELD_NUMBER: _ClassVar[int]
    LOGBOOK_HOURS_FIELD_NUMBER: _ClassVar[int]
    placement_id: str
    student_ref: str
    school_org: str
    enterprise_org: str
    week_start: str
    present_days: int
    present_hours: str
    logbook_hours: str
    def __init__(self, placement_id: _Optional[str] = ..., student_ref: _Optional[str] = ..., school_org: _Optional[str] = ..., enterprise_org: _Optional[str] = ..., week_start: _Optional[str] = ..., present_days: _Optional[int] = ..., present_hours: _Optional[str] = ..., logbook_hours: _Optional[str] = ...) -> None: ...

class ListAttendanceAnomaliesRequest(_message.Message):
    __slots__ = ("page_size", "page_token")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListAttendanceAnomaliesResponse(_message.Message):
    __slots__ = ("anomalies", "next_page_token")
    ANOMALIES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    anomalies: _containers.RepeatedCompositeFieldContainer[AttendanceAnomaly]
    next_page_token: str
    def __init__(self, anomalies: _Optional[_Iterable[_Union[AttendanceAnomaly, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...
