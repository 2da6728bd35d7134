from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class FieldChange(_message.Message):
    __slots__ = ("field", "before", "after")
    FIELD_FIELD_NUMBER: _ClassVar[int]
    BEFORE_FIELD_NUMBER: _ClassVar[int]
    AFTER_FIELD_NUMBER: _ClassVar[int]
    field: str
    before: str
    after: str
    def __init__(self, field: _Optional[str] = ..., before: _Optional[str] = ..., after: _Optional[str] = ...) -> None: ...

class PlacementAmended(_message.Message):
    __slots__ = ("placement_id", "school_org", "enterprise_org", "student_ref", "changes", "amended_by", "starts_on", "ends_on", "internship_type", "organisation_form", "internship_mode", "cohort")
    PLACEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    SCHOOL_ORG_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_ORG_FIELD_NUMBER: _ClassVar[int]
    STUDENT_REF_FIELD_NUMBER: _ClassVar[int]
    CHANGES_FIELD_NUMBER: _ClassVar[int]
    AMENDED_BY_FIELD_NUMBER: _ClassVar[int]
    STARTS_ON_FIELD_NUMBER: _ClassVar[int]
    ENDS_ON_FIELD_NUMBER: _ClassVar[int]
    INTERNSHIP_TYPE_FIELD_NUMBER: _ClassVar[int]
    ORGANISATION_FORM_FIELD_NUMBER: _ClassVar[int]
    INTERNSHIP_MODE_FIELD_NUMBER: _ClassVar[int]
    COHORT_FIELD_NUMBER: _ClassVar[int]
    placement_id: str
    school_org: str
    enterprise_org: str
    student_ref: str
    changes: _containers.RepeatedCompositeFieldContainer[FieldChange]
    amended_by: str
    starts_on: str
    ends_on: str
    internship_type: str
    organisation_form: str
    internship_mode: str
    cohort: str
    def __init__(self, placement_id: _Optional[str] = ..., school_org: _Optional[str] = ..., enterprise_org: _Optional[str] = ..., student_ref: _Optional[str] = ..., changes: _Optional[_Iterable[_Union[FieldChange, _Mapping]]] = ..., amended_by: _Optional[str] = ..., starts_on: _Optional[str] = ..., ends_on: _Optional[str] = ..., internship_type: _Optional[str] = ..., organisation_form: _Optional[str] = ..., internship_mode: _Optional[str] = ..., cohort: _Optional[str] = ...) -> None: ...

class ProgrammeRequirementSet(_message.Message):
    __slots__ = ("requirement_id", "school_org", "internship_type", "cohort", "required_hours", "min_weeks", "min_weekly_reports", "set_at", "set_by", "pass_mark", "credits", "grade_scale", "grade_bands")
    REQUIREMENT_ID_FIELD_NUMBER: _ClassVar[int]
    SCHOOL_ORG_FIELD_NUMBER: _ClassVar[int]
    INTERNSHIP_TYPE_FIELD_NUMBER: _ClassVar[int]
    COHORT_FIELD_NUMBER: _ClassVar[int]
    REQUIRED_HOURS_FIELD_NUMBER: _ClassVar[int]
    MIN_WEEKS_FIELD_NUMBER: _ClassVar[int]
    MIN_WEEKLY_REPORTS_FIELD_NUMBER: _ClassVar[int]
    SET_AT_FIELD_NUMBER: _ClassVar[int]
    SET_BY_FIELD_NUMBER: _ClassVar[int]
    PASS_MARK_FIELD_NUMBER: _ClassVar[int]
    CREDITS_FIELD_NUMBER: _ClassVar[int]
    GRADE_SCALE_FIELD_NUMBER: _ClassVar[int]
    GRADE_BANDS_FIELD_NUMBER: _ClassVar[int]
    requirement_id: str
    school_org: str
    internship_type: str
    cohort: str
    required_hours: str
    min_weeks: int
    min_weekly_reports: int
    set_at: str
    set_by: str
    pass_mark: str
    credits: str
    grade_scale: str
    grade_bands: _containers.RepeatedCompositeFieldContainer[GradeBand]
    def __init__(self, requirement_id: _Optional[str] = ..., school_org: _Optional[str] = ..., internship_type: _Optional[str] = ..., cohort: _Optional[str] = ..., required_hours: _Optional[str] = ..., min_weeks: _Optional[int] = ..., min_weekly_reports: _Optional[int] = ..., set_at: _Optional[str] = ..., set_by: _Optional[str] = ..., pass_mark: _Optional[str] = ..., credits: _Optional[str] = ..., grade_scale: _Optional[str] = ..., grade_bands: _Optional[_Iterable[_Union[GradeBand, _Mapping]]] = ...) -> None: ...

class GradeBand(_message.Message):
    __slots__ = ("grade", "min_total")
    GRADE_FIELD_NUMBER: _ClassVar[int]
    MIN_TOTAL_FIELD_NUMBER: _ClassVar[int]
    grade: str
    min_total: str
    def __init__(self, grade: _Optional[str] = ..., min_total: _Optional[str] = ...) -> None: ...

class PlacementHoursReached(_message.Message):
    __slots__ = ("placement_id", "school_org", "enterprise_org", "student_ref", "milestone", "approved_hours", "required_hours")
    PLACEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    SCHOOL_ORG_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_ORG_FIELD_NUMBER: _ClassVar[int]
    STUDENT_REF_FIELD_NUMBER: _ClassVar[int]
    MILESTONE_FIELD_NUMBER: _ClassVar[int]
    APPROVED_HOURS_FIELD_NUMBER: _ClassVar[int]
    REQUIRED_HOURS_FIELD_NUMBER: _ClassVar[int]
    placement_id: str
    school_org: str
    enterprise_org: str
    student_ref: str
    milestone: int
    approved_hours: str
    required_hours: str
    def __init__(self, placement_id: _Optional[str] = ..., school_org: _Optional[str] = ..., enterprise_org: _Optional[str] = ..., student_ref: _Optional[str] = ..., milestone: _Optional[int] = ..., approved_hours: _Optional[str] = ..., required_hours: _Optional[str] = ...) -> None: ...

class PlacementEndedShort(_message.Message):
    __slots__ = ("placement_id", "school_org", "enterprise_org", "student_ref", "status", "internship_type", "cohort", "approved_hours", "required_hours", "approved_weeks", "min_weeks", "short_of")
    class ShortOfEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    PLACEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    SCHOOL_ORG_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_ORG_FIELD_NUMBER: _ClassVar[int]
    STUDENT_REF_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    INTERNSHIP_TYPE_FIELD_NUMBER: _ClassVar[int]
    COHORT_FIELD_NUMBER: _ClassVar[int]
    APPROVED_HOURS_FIELD_NUMBER: _ClassVar[int]
    REQUIRED_HOURS_FIELD_NUMBER: _ClassVar[int]
    APPROVED_WEEKS_FIELD_NUMBER: _ClassVar[int]
    MIN_WEEKS_FIELD_NUMBER: _ClassVar[int]
    SHORT_OF_FIELD_NUMBER: _ClassVar[int]
    placement_id: str
    school_org: str
    enterprise_org: str
    student_ref: str
    status: str
    internship_type: str
    cohort: str
    approved_hours: str
    required_hours: str
    approved_weeks: int
    min_weeks: int
    short_of: _containers.ScalarMap[str, str]
    def __init__(self, placement_id: _Optional[str] = ..., school_org: _Optional[str] = ..., enterprise_org: _Optional[str] = ..., student_ref: _Optional[str] = ..., status: _Optional[str] = ..., internship_type: _Optional[str] = ..., cohort: _Optional[str] = ..., approved_hours: _Optional[str] = ..., required_hours: _Optional[str] = ..., approved_weeks: _Optional[int] = ..., min_weeks: _Optional[int] = ..., short_of: _Optional[_Mapping[str, str]] = ...) -> None: ...
