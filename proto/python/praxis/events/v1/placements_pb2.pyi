from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable
from typing import ClassVar as _ClassVar, Optional as _Optional

DESCRIPTOR: _descriptor.FileDescriptor

class BaseCreated(_message.Message):
    __slots__ = ("base_id", "agreement_id", "school_org", "enterprise_org", "name", "tier", "country", "city", "capacity")
    BASE_ID_FIELD_NUMBER: _ClassVar[int]
    AGREEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    SCHOOL_ORG_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_ORG_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    TIER_FIELD_NUMBER: _ClassVar[int]
    COUNTRY_FIELD_NUMBER: _ClassVar[int]
    CITY_FIELD_NUMBER: _ClassVar[int]
    CAPACITY_FIELD_NUMBER: _ClassVar[int]
    base_id: str
    agreement_id: str
    school_org: str
    enterprise_org: str
    name: str
    tier: int
    country: str
    city: str
    capacity: int
    def __init__(self, base_id: _Optional[str] = ..., agreement_id: _Optional[str] = ..., school_org: _Optional[str] = ..., enterprise_org: _Optional[str] = ..., name: _Optional[str] = ..., tier: _Optional[int] = ..., country: _Optional[str] = ..., city: _Optional[str] = ..., capacity: _Optional[int] = ...) -> None: ...

class PositionChanged(_message.Message):
    __slots__ = ("position_id", "base_id", "enterprise_org", "title", "seats", "starts_on", "ends_on", "competencies", "languages", "country", "status")
    POSITION_ID_FIELD_NUMBER: _ClassVar[int]
    BASE_ID_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_ORG_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    SEATS_FIELD_NUMBER: _ClassVar[int]
    STARTS_ON_FIELD_NUMBER: _ClassVar[int]
    ENDS_ON_FIELD_NUMBER: _ClassVar[int]
    COMPETENCIES_FIELD_NUMBER: _ClassVar[int]
    LANGUAGES_FIELD_NUMBER: _ClassVar[int]
    COUNTRY_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    position_id: str
    base_id: str
    enterprise_org: str
    title: str
    seats: int
    starts_on: str
    ends_on: str
    competencies: _containers.RepeatedScalarFieldContainer[str]
    languages: _containers.RepeatedScalarFieldContainer[str]
    country: str
    status: str
    def __init__(self, position_id: _Optional[str] = ..., base_id: _Optional[str] = ..., enterprise_org: _Optional[str] = ..., title: _Optional[str] = ..., seats: _Optional[int] = ..., starts_on: _Optional[str] = ..., ends_on: _Optional[str] = ..., competencies: _Optional[_Iterable[str]] = ..., languages: _Optional[_Iterable[str]] = ..., country: _Optional[str] = ..., status: _Optional[str] = ...) -> None: ...

class PlacementChanged(_message.Message):
    __slots__ = ("placement_id", "position_id", "agreement_id", "school_org", "enterprise_org", "student_ref", "status", "starts_on", "ends_on", "reason", "occurred_at", "position_competencies", "student_competencies", "student_languages", "forced", "cohort", "hold_expires_at")
    PLACEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    POSITION_ID_FIELD_NUMBER: _ClassVar[int]
    AGREEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    SCHOOL_ORG_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_ORG_FIELD_NUMBER: _ClassVar[int]
    STUDENT_REF_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    STARTS_ON_FIELD_NUMBER: _ClassVar[int]
    ENDS_ON_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    OCCURRED_AT_FIELD_NUMBER: _ClassVar[int]
    POSITION_COMPETENCIES_FIELD_NUMBER: _ClassVar[int]
    STUDENT_COMPETENCIES_FIELD_NUMBER: _ClassVar[int]
    STUDENT_LANGUAGES_FIELD_NUMBER: _ClassVar[int]
    FORCED_FIELD_NUMBER: _ClassVar[int]
    COHORT_FIELD_NUMBER: _ClassVar[int]
    HOLD_EXPIRES_AT_FIELD_NUMBER: _ClassVar[int]
    placement_id: str
    position_id: str
    agreement_id: str
    school_org: str
    enterprise_org: str
    student_ref: str
    status: str
    starts_on: str
    ends_on: str
    reason: str
    occurred_at: str
    position_competencies: _containers.RepeatedScalarFieldContainer[str]
    student_competencies: _containers.RepeatedScalarFieldContainer[str]
    student_languages: _containers.RepeatedScalarFieldContainer[str]
    forced: bool
    cohort: str
    hold_expires_at: str
    def __init__(self, placement_id: _Optional[str] = ..., position_id: _Optional[str] = ..., agreement_id: _Optional[str] = ..., school_org: _Optional[str] = ..., enterprise_org: _Optional[str] = ..., student_ref: _Optional[str] = ..., status: _Optional[str] = ..., starts_on: _Optional[str] = ..., ends_on: _Optional[str] = ..., reason: _Optional[str] = ..., occurred_at: _Optional[str] = ..., position_competencies: _Optional[_Iterable[str]] = ..., student_competencies: _Optional[_Iterable[str]] = ..., student_languages: _Optional[_Iterable[str]] = ..., forced: _Optional[bool] = ..., cohort: _Optional[str] = ..., hold_expires_at: _Optional[str] = ...) -> None: ...

class LogbookApproved(_message.Message):
    __slots__ = ("placement_id", "school_org", "enterprise_org", "student_ref", "week_start", "total_hours", "core_hours", "approved_at", "approved_by", "on_behalf_of_mentor", "mentor_id")
    PLACEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    SCHOOL_ORG_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_ORG_FIELD_NUMBER: _ClassVar[int]
    STUDENT_REF_FIELD_NUMBER: _ClassVar[int]
    WEEK_START_FIELD_NUMBER: _ClassVar[int]
    TOTAL_HOURS_FIELD_NUMBER: _ClassVar[int]
    CORE_HOURS_FIELD_NUMBER: _ClassVar[int]
    APPROVED_AT_FIELD_NUMBER: _ClassVar[int]
    APPROVED_BY_FIELD_NUMBER: _ClassVar[int]
    ON_BEHALF_OF_MENTOR_FIELD_NUMBER: _ClassVar[int]
    MENTOR_ID_FIELD_NUMBER: _ClassVar[int]
    placement_id: str
    school_org: str
    enterprise_org: str
    student_ref: str
    week_start: str
    total_hours: str
    core_hours: str
    approved_at: str
    approved_by: str
    on_behalf_of_mentor: bool
    mentor_id: str
    def __init__(self, placement_id: _Optional[str] = ..., school_org: _Optional[str] = ..., enterprise_org: _Optional[str] = ..., student_ref: _Optional[str] = ..., week_start: _Optional[str] = ..., total_hours: _Optional[str] = ..., core_hours: _Optional[str] = ..., approved_at: _Optional[str] = ..., approved_by: _Optional[str] = ..., on_behalf_of_mentor: _Optional[bool] = ..., mentor_id: _Optional[str] = ...) -> None: ...

class LogbookSubmitted(_message.Message):
    __slots__ = ("placement_id", "school_org", "enterprise_org", "student_ref", "week_start", "submitted_at", "submitted_by", "mentor_id", "mentor_account")
    PLACEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    SCHOOL_ORG_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_ORG_FIELD_NUMBER: _ClassVar[int]
    STUDENT_REF_FIELD_NUMBER: _ClassVar[int]
    WEEK_START_FIELD_NUMBER: _ClassVar[int]
    SUBMITTED_AT_FIELD_NUMBER: _ClassVar[int]
    SUBMITTED_BY_FIELD_NUMBER: _ClassVar[int]
    MENTOR_ID_FIELD_NUMBER: _ClassVar[int]
    MENTOR_ACCOUNT_FIELD_NUMBER: _ClassVar[int]
    placement_id: str
    school_org: str
    enterprise_org: str
    student_ref: str
    week_start: str
    submitted_at: str
    submitted_by: str
    mentor_id: str
    mentor_account: str
    def __init__(self, placement_id: _Optional[str] = ..., school_org: _Optional[str] = ..., enterprise_org: _Optional[str] = ..., student_ref: _Optional[str] = ..., week_start: _Optional[str] = ..., submitted_at: _Optional[str] = ..., submitted_by: _Optional[str] = ..., mentor_id: _Optional[str] = ..., mentor_account: _Optional[str] = ...) -> None: ...

class LogbookReturned(_message.Message):
    __slots__ = ("placement_id", "school_org", "enterprise_org", "student_ref", "week_start", "returned_at", "returned_by", "mentor_id")
    PLACEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    SCHOOL_ORG_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_ORG_FIELD_NUMBER: _ClassVar[int]
    STUDENT_REF_FIELD_NUMBER: _ClassVar[int]
    WEEK_START_FIELD_NUMBER: _ClassVar[int]
    RETURNED_AT_FIELD_NUMBER: _ClassVar[int]
    RETURNED_BY_FIELD_NUMBER: _ClassVar[int]
    MENTOR_ID_FIELD_NUMBER: _ClassVar[int]
    placement_id: str
    school_org: str
    enterprise_org: str
    student_ref: str
    week_start: str
    returned_at: str
    returned_by: str
    mentor_id: str
    def __init__(self, placement_id: _Optional[str] = ..., school_org: _Optional[str] = ..., enterprise_org: _Optional[str] = ..., student_ref: _Optional[str] = ..., week_start: _Optional[str] = ..., returned_at: _Optional[str] = ..., returned_by: _Optional[str] = ..., mentor_id: _Optional[str] = ...) -> None: ...
