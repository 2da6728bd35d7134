from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class AttendanceDayRecorded(_message.Message):
    __slots__ = ("placement_id", "school_org", "enterprise_org", "student_ref", "day", "status", "check_in", "check_out", "hours", "recorded_at", "recorded_by", "recorded_by_org")
    PLACEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    SCHOOL_ORG_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_ORG_FIELD_NUMBER: _ClassVar[int]
    STUDENT_REF_FIELD_NUMBER: _ClassVar[int]
    DAY_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    CHECK_IN_FIELD_NUMBER: _ClassVar[int]
    CHECK_OUT_FIELD_NUMBER: _ClassVar[int]
    HOURS_FIELD_NUMBER: _ClassVar[int]
    RECORDED_AT_FIELD_NUMBER: _ClassVar[int]
    RECORDED_BY_FIELD_NUMBER: _ClassVar[int]
    RECORDED_BY_ORG_FIELD_NUMBER: _ClassVar[int]
    placement_id: str
    school_org: str
    enterprise_org: str
    student_ref: str
    day: str
    status: str
    check_in: str
    check_out: str
    hours: str
    recorded_at: str
    recorded_by: str
    recorded_by_org: str
    def __init__(self, placement_id: _Optional[str] = ..., school_org: _Optional[str] = ..., enterprise_org: _Optional[str] = ..., student_ref: _Optional[str] = ..., day: _Optional[str] = ..., status: _Optional[str] = ..., check_in: _Optional[str] = ..., check_out: _Optional[str] = ..., hours: _Optional[str] = ..., recorded_at: _Optional[str] = ..., recorded_by: _Optional[str] = ..., recorded_by_org: _Optional[str] = ...) -> None: ...

class LeaveRequestChanged(_message.Message):
    __slots__ = ("leave_request_id", "placement_id", "school_org", "enterprise_org", "student_ref", "first_day", "last_day", "status", "requested_by", "decided_by", "decided_on_behalf_of_mentor", "mentor_id", "occurred_at")
    LEAVE_REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    PLACEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    SCHOOL_ORG_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_ORG_FIELD_NUMBER: _ClassVar[int]
    STUDENT_REF_FIELD_NUMBER: _ClassVar[int]
    FIRST_DAY_FIELD_NUMBER: _ClassVar[int]
    LAST_DAY_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    REQUESTED_BY_FIELD_NUMBER: _ClassVar[int]
    DECIDED_BY_FIELD_NUMBER: _ClassVar[int]
    DECIDED_ON_BEHALF_OF_MENTOR_FIELD_NUMBER: _ClassVar[int]
    MENTOR_ID_FIELD_NUMBER: _ClassVar[int]
    OCCURRED_AT_FIELD_NUMBER: _ClassVar[int]
    leave_request_id: str
    placement_id: str
    school_org: str
    enterprise_org: str
    student_ref: str
    first_day: str
    last_day: str
    status: str
    requested_by: str
    decided_by: str
    decided_on_behalf_of_mentor: bool
    mentor_id: str
    occurred_at: str
    def __init__(self, leave_request_id: _Optional[str] = ..., placement_id: _Optional[str] = ..., school_org: _Optional[str] = ..., enterprise_org: _Optional[str] = ..., student_ref: _Optional[str] = ..., first_day: _Optional[str] = ..., last_day: _Optional[str] = ..., status: _Optional[str] = ..., requested_by: _Optional[str] = ..., decided_by: _Optional[str] = ..., decided_on_behalf_of_mentor: _Optional[bool] = ..., mentor_id: _Optional[str] = ..., occurred_at: _Optional[str] = ...) -> None: ...

class DisputedAttendanceDay(_message.Message):
    __slots__ = ("day", "reason")
    DAY_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    day: str
    reason: str
    def __init__(self, day: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class AttendanceWeekAttested(_message.Message):
    __slots__ = ("placement_id", "school_org", "enterprise_org", "student_ref", "week_start", "disputed_days", "present_days", "present_hours", "attested_at", "attested_by", "on_behalf_of_mentor", "mentor_id", "revision")
    PLACEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    SCHOOL_ORG_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_ORG_FIELD_NUMBER: _ClassVar[int]
    STUDENT_REF_FIELD_NUMBER: _ClassVar[int]
    WEEK_START_FIELD_NUMBER: _ClassVar[int]
    DISPUTED_DAYS_FIELD_NUMBER: _ClassVar[int]
    PRESENT_DAYS_FIELD_NUMBER: _ClassVar[int]
    PRESENT_HOURS_FIELD_NUMBER: _ClassVar[int]
    ATTESTED_AT_FIELD_NUMBER: _ClassVar[int]
    ATTESTED_BY_FIELD_NUMBER: _ClassVar[int]
    ON_BEHALF_OF_MENTOR_FIELD_NUMBER: _ClassVar[int]
    MENTOR_ID_FIELD_NUMBER: _ClassVar[int]
    REVISION_FIELD_NUMBER: _ClassVar[int]
    placement_id: str
    school_org: str
    enterprise_org: str
    student_ref: str
    week_start: str
    disputed_days: _containers.RepeatedCompositeFieldContainer[DisputedAttendanceDay]
    present_days: int
    present_hours: str
    attested_at: str
    attested_by: str
    on_behalf_of_mentor: bool
    mentor_id: str
    revision: int
    def __init__(self, placement_id: _Optional[str] = ..., school_org: _Optional[str] = ..., enterprise_org: _Optional[str] = ..., student_ref: _Optional[str] = ..., week_start: _Optional[str] = ..., disputed_days: _Optional[_Iterable[_Union[DisputedAttendanceDay, _Mapping]]] = ..., present_days: _Optional[int] = ..., present_hours: _Optional[str] = ..., attested_at: _Optional[str] = ..., attested_by: _Optional[str] = ..., on_behalf_of_mentor: _Optional[bool] = ..., mentor_id: _Optional[str] = ..., revision: _Optional[int] = ...) -> None: ...

class AttendanceAnomalyFlagged(_message.Message):
    __slots__ = ("placement_id", "school_org", "enterprise_org", "student_ref", "week_start", "present_hours", "logbook_hours", "flagged_at")
    PLACEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    SCHOOL_ORG_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_ORG_FIELD_NUMBER: _ClassVar[int]
    STUDENT_REF_FIELD_NUMBER: _ClassVar[int]
    WEEK_START_FIELD_NUMBER: _ClassVar[int]
    PRESENT_HOURS_FIELD_NUMBER: _ClassVar[int]
    LOGBOOK_HOURS_FIELD_NUMBER: _ClassVar[int]
    FLAGGED_AT_FIELD_NUMBER: _ClassVar[int]
    placement_id: str
    school_org: str
    enterprise_org: str
    student_ref: str
    week_start: str
    present_hours: str
    logbook_hours: str
    flagged_at: str
    def __init__(self, placement_id: _Optional[str] = ..., school_org: _Optional[str] = ..., enterprise_org: _Optional[str] = ..., student_ref: _Optional[str] = ..., week_start: _Optional[str] = ..., present_hours: _Optional[str] = ..., logbook_hours: _Optional[str] = ..., flagged_at: _Optional[str] = ...) -> None: ...
