from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class WeeklyReportKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    WEEKLY_REPORT_KIND_UNSPECIFIED: _ClassVar[WeeklyReportKind]
    WEEKLY_REPORT_KIND_WEEKLY: _ClassVar[WeeklyReportKind]
    WEEKLY_REPORT_KIND_MONTHLY: _ClassVar[WeeklyReportKind]

class WeeklyReportStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    WEEKLY_REPORT_STATUS_UNSPECIFIED: _ClassVar[WeeklyReportStatus]
    WEEKLY_REPORT_STATUS_SUBMITTED: _ClassVar[WeeklyReportStatus]
    WEEKLY_REPORT_STATUS_ACCEPTED: _ClassVar[WeeklyReportStatus]
    WEEKLY_REPORT_STATUS_RETURNED: _ClassVar[WeeklyReportStatus]

class WeeklyReportDecision(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    WEEKLY_REPORT_DECISION_UNSPECIFIED: _ClassVar[WeeklyReportDecision]
    WEEKLY_REPORT_DECISION_ACCEPTED: _ClassVar[WeeklyReportDecision]
    WEEKLY_REPORT_DECISION_RETURNED: _ClassVar[WeeklyReportDecision]
WEEKLY_REPORT_KIND_UNSPECIFIED: WeeklyReportKind
WEEKLY_REPORT_KIND_WEEKLY: WeeklyReportKind
WEEKLY_REPORT_KIND_MONTHLY: WeeklyReportKind
WEEKLY_REPORT_STATUS_UNSPECIFIED: WeeklyReportStatus
WEEKLY_REPORT_STATUS_SUBMITTED: WeeklyReportStatus
WEEKLY_REPORT_STATUS_ACCEPTED: WeeklyReportStatus
WEEKLY_REPORT_STATUS_RETURNED: WeeklyReportStatus
WEEKLY_REPORT_DECISION_UNSPECIFIED: WeeklyReportDecision
WEEKLY_REPORT_DECISION_ACCEPTED: WeeklyReportDecision
WEEKLY_REPORT_DECISION_RETURNED: WeeklyReportDecision

class WeeklyReportComment(_message.Message):
    __slots__ = ("id", "body", "side", "author", "mentor_id", "created_at")
    ID_FIELD_NUMBER: _ClassVar[int]
    BODY_FIELD_NUMBER: _ClassVar[int]
    SIDE_FIELD_NUMBER: _ClassVar[int]
    AUTHOR_FIELD_NUMBER: _ClassVar[int]
    MENTOR_ID_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    id: str
    body: str
    side: str
    author: str
    mentor_id: str
    created_at: str
    def __init__(self, id: _Optional[str] = ..., body: _Optional[str] = ..., side: _Optional[str] = ..., author: _Optional[str] = ..., mentor_id: _Optional[str] = ..., created_at: _Optional[str] = ...) -> None: ...

class WeeklyReport(_message.Message):
    __slots__ = ("id", "placement_id", "kind", "period_start", "period_end", "text", "evidence", "duties", "status", "submitted_at", "submitted_by", "reviewed_at", "reviewed_by", "review_comments", "score", "reviewer_mentor_id", "comments")
    ID_FIELD_NUMBER: _ClassVar[int]
    PLACEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    PERIOD_START_FIELD_NUMBER: _ClassVar[int]
    PERIOD_END_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    EVIDENCE_FIELD_NUMBER: _ClassVar[int]
    DUTIES_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    SUBMITTED_AT_FIELD_NUMBER: _ClassVar[int]
    SUBMITTED_BY_FIELD_NUMBER: _ClassVar[int]
    REVIEWED_AT_FIELD_NUMBER: _ClassVar[int]
    REVIEWED_BY_FIELD_NUMBER: _ClassVar[int]
    REVIEW_COMMENTS_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    REVIEWER_MENTOR_ID_FIELD_NUMBER: _ClassVar[int]
    COMMENTS_FIELD_NUMBER: _ClassVar[int]
    id: str
    placement_id: str
    kind: WeeklyReportKind
    period_start: str
    period_end: str
    text: str
    evidence: _containers.RepeatedScalarFieldContainer[str]
    duties: _containers.RepeatedScalarFieldContainer[str]
    status: WeeklyReportStatus
    submitted_at: str
    submitted_by: str
    reviewed_at: str
    reviewed_by: str
    review_comments: str
    score: int
    reviewer_mentor_id: str
    comments: _containers.RepeatedCompositeFieldContainer[WeeklyReportComment]
    def __init__(self, id: _Optional[str] = ..., placement_id: _Optional[str] = ..., kind: _Optional[_Union[WeeklyReportKind, str]] = ..., period_start: _Optional[str] = ..., period_end: _Optional[str] = ..., text: _Optional[str] = ..., evidence: _Optional[_Iterable[str]] = ..., duties: _Optional[_Iterable[str]] = ..., status: _Optional[_Union[WeeklyReportStatus, str]] = ..., submitted_at: _Optional[str] = ..., submitted_by: _Optional[str] = ..., reviewed_at: _Optional[str] = ..., reviewed_by: _Optional[str] = ..., review_comments: _Optional[str] = ..., score: _Optional[int] = ..., reviewer_mentor_id: _Optional[str] = ..., comments: _Optional[_Iterable[_Union[WeeklyReportComment, _Mapping]]] = ...) -> None: ...

class FileWeeklyReportRequest(_message.Message):
    __slots__ = ("placement_id", "week_start", "kind", "text", "evidence", "duties")
    PLACEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    WEEK_START_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    EVIDENCE_FIELD_NUMBER: _ClassVar[int]
    DUTIES_FIELD_NUMBER: _ClassVar[int]
    placement_id: str
    week_start: str
    kind: WeeklyReportKind
    text: str
    evidence: _containers.RepeatedScalarFieldContainer[str]
    duties: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, placement_id: _Optional[str] = ..., week_start: _Optional[str] = ..., kind: _Optional[_Union[WeeklyReportKind, str]] = ..., text: _Optional[str] = ..., evidence: _Optional[_Iterable[str]] = ..., duties: _Optional[_Iterable[str]] = ...) -> None: ...

class FileWeeklyReportResponse(_message.Message):
    __slots__ = ("report",)
    REPORT_FIELD_NUMBER: _ClassVar[int]
    report: WeeklyReport
    def __init__(self, report: _Optional[_Union[WeeklyReport, _Mapping]] = ...) -> None: ...

class ReviewWeeklyReportRequest(_message.Message):
    __slots__ = ("placement_id", "week_start", "kind", "decision", "comments", "score")
    PLACEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    WEEK_START_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    DECISION_FIELD_NUMBER: _ClassVar[int]
    COMMENTS_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    placement_id: str
    week_start: str
    kind: WeeklyReportKind
    decision: WeeklyReportDecision
    comments: str
    score: int
    def __init__(self, placement_id: _Optional[str] = ..., week_start: _Optional[str] = ..., kind: _Optional[_Union[WeeklyReportKind, str]] = ..., decision: _Optional[_Union[WeeklyReportDecision, str]] = ..., comments: _Optional[str] = ..., score: _Optional[int] = ...) -> None: ...

class ReviewWeeklyReportResponse(_message.Message):
    __slots__ = ("report",)
    REPORT_FIELD_NUMBER: _ClassVar[int]
    report: WeeklyReport
    def __init__(self, report: _Optional[_Union[WeeklyReport, _Mapping]] = ...) -> None: ...

class CommentWeeklyReportRequest(_message.Message):
    __slots__ = ("placement_id", "week_start", "kind", "text")
    PLACEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    WEEK_START_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    placement_id: str
    week_start: str
    kind: WeeklyReportKind
    text: str
    def __init__(self, placement_id: _Optional[str] = ..., week_start: _Optional[str] = ..., kind: _Optional[_Union[WeeklyReportKind, str]] = ..., text: _Optional[str] = ...) -> None: ...

class CommentWeeklyReportResponse(_message.Message):
    __slots__ = ("report",)
    REPORT_FIELD_NUMBER: _ClassVar[int]
    report: WeeklyReport
    def __init__(self, report: _Optional[_Union[WeeklyReport, _Mapping]] = ...) -> None: ...

class GetWeeklyReportsRequest(_message.Message):
    __slots__ = ("placement_id",)
    PLACEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    placement_id: str
    def __init__(self, placement_id: _Optional[str] = ...) -> None: ...

class GetWeeklyReportsResponse(_message.Message):
    __slots__ = ("placement_id", "reports", "weekly_accepted", "weekly_filed", "school_mentor_id")
    PLACEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    REPORTS_FIELD_NUMBER: _ClassVar[int]
    WEEKLY_ACCEPTED_FIELD_NUMBER: _ClassVar[int]
    WEEKLY_FILED_FIELD_NUMBER: _ClassVar[int]
    SCHOOL_MENTOR_ID_FIELD_NUMBER: _ClassVar[int]
    placement_id: str
    reports: _containers.RepeatedCompositeFieldContainer[WeeklyReport]
    weekly_accepted: int
    weekly_filed: int
    school_mentor_id: str
    def __init__(self, placement_id: _Optional[str] = ..., reports: _Optional[_Iterable[_Union[WeeklyReport, _Mapping]]] = ..., weekly_accepted: _Optional[int] = ..., weekly_filed: _Optional[int] = ..., school_mentor_id: _Optional[str] = ...) -> None: ...

class GetReviewQueueRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class PendingWeeklyReport(_message.Message):
    __slots__ = ("report_id", "placement_id", "student_ref", "kind", "period_start", "submitted_at", "waiting_hours", "mentor_id", "mentor_account")
    REPORT_ID_FIELD_NUMBER: _ClassVar[int]
    PLACEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    STUDENT_REF_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    PERIOD_START_FIELD_NUMBER: _ClassVar[int]
    SUBMITTED_AT_FIELD_NUMBER: _ClassVar[int]
    WAITING_HOURS_FIELD_NUMBER: _ClassVar[int]
    MENTOR_ID_FIELD_NUMBER: _ClassVar[int]
    MENTOR_ACCOUNT_FIELD_NUMBER: _ClassVar[int]
    report_id: str
    placement_id: str
    student_ref: str
    kind: WeeklyReportKind
    period_start: str
    submitted_at: str
    waiting_hours: str
    mentor_id: str
    mentor_account: str
    def __init__(self, report_id: _Optional[str] = ..., placement_id: _Optional[str] = ..., student_ref: _Optional[str] = ..., kind: _Optional[_Union[WeeklyReportKind, str]] = ..., period_start: _Optional[str] = ..., submitted_at: _Optional[str] = ..., waiting_hours: _Optional[str] = ..., mentor_id: _Optional[str] = ..., mentor_account: _Optional[str] = ...) -> None: ...

class TeacherReviewQueue(_message.Message):
    __slots__ = ("mentor_id", "mentor_account", "pending", "oldest_waiting_hours")
    MENTOR_ID_FIELD_NUMBER: _ClassVar[int]
    MENTOR_ACCOUNT_FIELD_NUMBER: _ClassVar[int]
    PENDING_FIELD_NUMBER: _ClassVar[int]
    OLDEST_WAITING_HOURS_FIELD_NUMBER: _ClassVar[int]
    mentor_id: str
    mentor_account: str
    pending: int
    oldest_waiting_hours: str
    def __init__(self, mentor_id: _Optional[str] = ..., mentor_account: _Optional[str] = ..., pending: _Optional[int] = ..., oldest_waiting_hours: _Optional[str] = ...) -> None: ...

class GetReviewQueueResponse(_message.Message):
    __slots__ = ("pending", "teachers")
    PENDING_FIELD_NUMBER: _ClassVar[int]
    TEACHERS_FIELD_NUMBER: _ClassVar[int]
    pending: _containers.RepeatedCompositeFieldContainer[PendingWeeklyReport]
    teachers: _containers.RepeatedCompositeFieldContainer[TeacherReviewQueue]
    def __init__(self, pending: _Optional[_Iterable[_Union[PendingWeeklyReport, _Mapping]]] = ..., teachers: _Optional[_Iterable[_Union[TeacherReviewQueue, _Mapping]]] = ...) -> None: ...

class GetReviewRatesRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class WeeklyReviewRate(_message.Message):
    __slots__ = ("mentor_id", "mentor_account", "filed", "accepted", "returned", "pending", "rate")
    MENTOR_ID_FIELD_NUMBER: _ClassVar[int]
    MENTOR_ACCOUNT_FIELD_NUMBER: _ClassVar[int]
    FILED_FIELD_NUMBER: _ClassVar[int]
    ACCEPTED_FIELD_NUMBER: _ClassVar[int]
    RETURNED_FIELD_NUMBER: _ClassVar[int]
    PENDING_FIELD_NUMBER: _ClassVar[int]
    RATE_FIELD_NUMBER: _ClassVar[int]
    mentor_id: str
    mentor_account: str
    filed: int
    accepted: int
    returned: int
    pending: int
    rate: str
    def __init__(self, mentor_id: _Optional[str] = ..., mentor_account: _Optional[str] = ..., filed: _Optional[int] = ..., accepted: _Optional[int] = ..., returned: _Optional[int] = ..., pending: _Optional[int] = ..., rate: _Optional[str] = ...) -> None: ...

class GetReviewRatesResponse(_message.Message):
    __slots__ = ("teachers", "school")
    TEACHERS_FIELD_NUMBER: _ClassVar[int]
    SCHOOL_FIELD_NUMBER: _ClassVar[int]
    teachers: _containers.RepeatedCompositeFieldContainer[WeeklyReviewRate]
    school: WeeklyReviewRate
    def __init__(self, teachers: _Optional[_Iterable[_Union[WeeklyReviewRate, _Mapping]]] = ..., school: _Optional[_Union[WeeklyReviewRate, _Mapping]] = ...) -> None: ...

class GetWeeklyReportShortfallsRequest(_message.Message):
    __slots__ = ("minimum",)
    MINIMUM_FIELD_NUMBER: _ClassVar[int]
    minimum: int
    def __init__(self, minimum: _Optional[int] = ...) -> None: ...

class WeeklyReportShortfall(_message.Message):
    __slots__ = ("placement_id", "student_ref", "status", "starts_on", "ends_on", "accepted", "filed", "missing", "minimum")
    PLACEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    STUDENT_REF_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    STARTS_ON_FIELD_NUMBER: _ClassVar[int]
    ENDS_ON_FIELD_NUMBER: _ClassVar[int]
    ACCEPTED_FIELD_NUMBER: _ClassVar[int]
    FILED_FIELD_NUMBER: _ClassVar[int]
    MISSING_FIELD_NUMBER: _ClassVar[int]
    MINIMUM_FIELD_NUMBER: _ClassVar[int]
    placement_id: str
    student_ref: str
    status: str
    starts_on: str
    ends_on: str
    accepted: int
    filed: int
    missing: int
    minimum: int
    def __init__(self, placement_id: _Optional[str] = ..., student_ref: _Optional[str] = ..., status: _Optional[str] = ..., starts_on: _Optional[str] = ..., ends_on: _Optional[str] = ..., accepted: _Optional[int] = ..., filed: _Optional[int] = ..., missing: _Optional[int] = ..., minimum: _Optional[int] = ...) -> None: ...

class GetWeeklyReportShortfallsResponse(_message.Message):
    __slots__ = ("minimum", "placements")
    MINIMUM_FIELD_NUMBER: _ClassVar[int]
    PLACEMENTS_FIELD_NUMBER: _ClassVar[int]
    minimum: int
    placements: _containers.RepeatedCompositeFieldContainer[WeeklyReportShortfall]
    def __init__(self, minimum: _Optional[int] = ..., placements: _Optional[_Iterable[_Union[WeeklyReportShortfall, _Mapping]]] = ...) -> None: ...
