from google.protobuf import field_mask_pb2 as _field_mask_pb2
from praxis.internships.v1 import internships_pb2 as _internships_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class AmendPlacementRequest(_message.Message):
    __slots__ = ("id", "update_mask", "starts_on", "ends_on", "internship_type", "organisation_form", "internship_mode", "cohort")
    ID_FIELD_NUMBER: _ClassVar[int]
    UPDATE_MASK_FIELD_NUMBER: _ClassVar[int]
    STARTS_ON_FIELD_NUMBER: _ClassVar[int]
    ENDS_ON_FIELD_NUMBER: _ClassVar[int]
    INTERNSHIP_TYPE_FIELD_NUMBER: _ClassVar[int]
    ORGANISATION_FORM_FIELD_NUMBER: _ClassVar[int]
    INTERNSHIP_MODE_FIELD_NUMBER: _ClassVar[int]
    COHORT_FIELD_NUMBER: _ClassVar[int]
    id: str
    update_mask: _field_mask_pb2.FieldMask
    starts_on: str
    ends_on: str
    internship_type: str
    organisation_form: str
    internship_mode: str
    cohort: str
    def __init__(self, id: _Optional[str] = ..., update_mask: _Optional[_Union[_field_mask_pb2.FieldMask, _Mapping]] = ..., starts_on: _Optional[str] = ..., ends_on: _Optional[str] = ..., internship_type: _Optional[str] = ..., organisation_form: _Optional[str] = ..., internship_mode: _Optional[str] = ..., cohort: _Optional[str] = ...) -> None: ...

class AmendPlacementResponse(_message.Message):
    __slots__ = ("placement",)
    PLACEMENT_FIELD_NUMBER: _ClassVar[int]
    placement: _internships_pb2.Placement
    def __init__(self, placement: _Optional[_Union[_internships_pb2.Placement, _Mapping]] = ...) -> None: ...

class ProgrammeRequirement(_message.Message):
    __slots__ = ("internship_type", "cohort", "required_hours", "min_weeks", "min_weekly_reports", "set_at", "set_by", "pass_mark", "credits", "grade_scale", "grade_bands")
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
    def __init__(self, internship_type: _Optional[str] = ..., cohort: _Optional[str] = ..., required_hours: _Optional[str] = ..., min_weeks: _Optional[int] = ..., min_weekly_reports: _Optional[int] = ..., set_at: _Optional[str] = ..., set_by: _Optional[str] = ..., pass_mark: _Optional[str] = ..., credits: _Optional[str] = ..., grade_scale: _Optional[str] = ..., grade_bands: _Optional[_Iterable[_Union[GradeBand, _Mapping]]] = ...) -> None: ...

class GradeBand(_message.Message):
    __slots__ = ("grade", "min_total")
    GRADE_FIELD_NUMBER: _ClassVar[int]
    MIN_TOTAL_FIELD_NUMBER: _ClassVar[int]
    grade: str
    min_total: str
    def __init__(self, grade: _Optional[str] = ..., min_total: _Optional[str] = ...) -> None: ...

class GetPlacementProgressRequest(_message.Message):
    __slots__ = ("placement_id",)
    PLACEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    placement_id: str
    def __init__(self, placement_id: _Optional[str] = ...) -> None: ...

class GetPlacementProgressResponse(_message.Message):
    __slots__ = ("placement_id", "internship_type", "cohort", "requirement", "approved_hours", "approved_weeks", "weekly_reports", "hours_percent", "weeks_percent", "reports_percent", "status", "short_of", "hours_milestone")
    class ShortOfEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    PLACEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    INTERNSHIP_TYPE_FIELD_NUMBER: _ClassVar[int]
    COHORT_FIELD_NUMBER: _ClassVar[int]
    REQUIREMENT_FIELD_NUMBER: _ClassVar[int]
    APPROVED_HOURS_FIELD_NUMBER: _ClassVar[int]
    APPROVED_WEEKS_FIELD_NUMBER: _ClassVar[int]
    WEEKLY_REPORTS_FIELD_NUMBER: _ClassVar[int]
    HOURS_PERCENT_FIELD_NUMBER: _ClassVar[int]
    WEEKS_PERCENT_FIELD_NUMBER: _ClassVar[int]
    REPORTS_PERCENT_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    SHORT_OF_FIELD_NUMBER: _ClassVar[int]
    HOURS_MILESTONE_FIELD_NUMBER: _ClassVar[int]
    placement_id: str
    internship_type: str
    cohort: str
    requirement: ProgrammeRequirement
    approved_hours: str
    approved_weeks: int
    weekly_reports: int
    hours_percent: str
    weeks_percent: str
    reports_percent: str
    status: str
    short_of: _containers.ScalarMap[str, str]
    hours_milestone: int
    def __init__(self, placement_id: _Optional[str] = ..., internship_type: _Optional[str] = ..., cohort: _Optional[str] = ..., requirement: _Optional[_Union[ProgrammeRequirement, _Mapping]] = ..., approved_hours: _Optional[str] = ..., approved_weeks: _Optional[int] = ..., weekly_reports: _Optional[int] = ..., hours_percent: _Optional[str] = ..., weeks_percent: _Optional[str] = ..., reports_percent: _Optional[str] = ..., status: _Optional[str] = ..., short_of: _Optional[_Mapping[str, str]] = ..., hours_milestone: _Optional[int] = ...) -> None: ...

class SetRequirementRequest(_message.Message):
    __slots__ = ("internship_type", "cohort", "required_hours", "min_weeks", "min_weekly_reports", "pass_mark", "credits", "grade_scale", "grade_bands")
    INTERNSHIP_TYPE_FIELD_NUMBER: _ClassVar[int]
    COHORT_FIELD_NUMBER: _ClassVar[int]
    REQUIRED_HOURS_FIELD_NUMBER: _ClassVar[int]
    MIN_WEEKS_FIELD_NUMBER: _ClassVar[int]
    MIN_WEEKLY_REPORTS_FIELD_NUMBER: _ClassVar[int]
    PASS_MARK_FIELD_NUMBER: _ClassVar[int]
    CREDITS_FIELD_NUMBER: _ClassVar[int]
    GRADE_SCALE_FIELD_NUMBER: _ClassVar[int]
    GRADE_BANDS_FIELD_NUMBER: _ClassVar[int]
    internship_type: str
    cohort: str
    required_hours: str
    min_weeks: int
    min_weekly_reports: int
    pass_mark: str
    credits: str
    grade_scale: str
    grade_bands: _containers.RepeatedCompositeFieldContainer[GradeBand]
    def __init__(self, internship_type: _Optional[str] = ..., cohort: _Optional[str] = ..., required_hours: _Optional[str] = ..., min_weeks: _Optional[int] = ..., min_weekly_reports: _Optional[int] = ..., pass_mark: _Optional[str] = ..., credits: _Optional[str] = ..., grade_scale: _Optional[str] = ..., grade_bands: _Optional[_Iterable[_Union[GradeBand, _Mapping]]] = ...) -> None: ...

class SetRequirementResponse(_message.Message):
    __slots__ = ("requirement",)
    REQUIREMENT_FIELD_NUMBER: _ClassVar[int]
    requirement: ProgrammeRequirement
    def __init__(self, requirement: _Optional[_Union[ProgrammeRequirement, _Mapping]] = ...) -> None: ...

class ListRequirementsRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ListRequirementsResponse(_message.Message):
    __slots__ = ("requirements",)
    REQUIREMENTS_FIELD_NUMBER: _ClassVar[int]
    requirements: _containers.RepeatedCompositeFieldContainer[ProgrammeRequirement]
    def __init__(self, requirements: _Optional[_Iterable[_Union[ProgrammeRequirement, _Mapping]]] = ...) -> None: ...
