from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable
from typing import ClassVar as _ClassVar, Optional as _Optional

DESCRIPTOR: _descriptor.FileDescriptor

class PlacementGraded(_message.Message):
    __slots__ = ("placement_id", "school_org", "enterprise_org", "student_ref", "agreement_id", "position_title", "internship_type", "cohort", "total", "grade", "passed", "pass_mark", "credits", "revision", "reason", "graded_by", "graded_at", "starts_on", "ends_on", "rubric_id", "rubric_version")
    PLACEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    SCHOOL_ORG_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_ORG_FIELD_NUMBER: _ClassVar[int]
    STUDENT_REF_FIELD_NUMBER: _ClassVar[int]
    AGREEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    POSITION_TITLE_FIELD_NUMBER: _ClassVar[int]
    INTERNSHIP_TYPE_FIELD_NUMBER: _ClassVar[int]
    COHORT_FIELD_NUMBER: _ClassVar[int]
    TOTAL_FIELD_NUMBER: _ClassVar[int]
    GRADE_FIELD_NUMBER: _ClassVar[int]
    PASSED_FIELD_NUMBER: _ClassVar[int]
    PASS_MARK_FIELD_NUMBER: _ClassVar[int]
    CREDITS_FIELD_NUMBER: _ClassVar[int]
    REVISION_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    GRADED_BY_FIELD_NUMBER: _ClassVar[int]
    GRADED_AT_FIELD_NUMBER: _ClassVar[int]
    STARTS_ON_FIELD_NUMBER: _ClassVar[int]
    ENDS_ON_FIELD_NUMBER: _ClassVar[int]
    RUBRIC_ID_FIELD_NUMBER: _ClassVar[int]
    RUBRIC_VERSION_FIELD_NUMBER: _ClassVar[int]
    placement_id: str
    school_org: str
    enterprise_org: str
    student_ref: str
    agreement_id: str
    position_title: str
    internship_type: str
    cohort: str
    total: str
    grade: str
    passed: bool
    pass_mark: str
    credits: str
    revision: int
    reason: str
    graded_by: str
    graded_at: str
    starts_on: str
    ends_on: str
    rubric_id: str
    rubric_version: int
    def __init__(self, placement_id: _Optional[str] = ..., school_org: _Optional[str] = ..., enterprise_org: _Optional[str] = ..., student_ref: _Optional[str] = ..., agreement_id: _Optional[str] = ..., position_title: _Optional[str] = ..., internship_type: _Optional[str] = ..., cohort: _Optional[str] = ..., total: _Optional[str] = ..., grade: _Optional[str] = ..., passed: _Optional[bool] = ..., pass_mark: _Optional[str] = ..., credits: _Optional[str] = ..., revision: _Optional[int] = ..., reason: _Optional[str] = ..., graded_by: _Optional[str] = ..., graded_at: _Optional[str] = ..., starts_on: _Optional[str] = ..., ends_on: _Optional[str] = ..., rubric_id: _Optional[str] = ..., rubric_version: _Optional[int] = ...) -> None: ...

class EvaluationDue(_message.Message):
    __slots__ = ("placement_id", "school_org", "enterprise_org", "student_ref", "window", "opens_on", "closes_on", "parties", "occurred_at")
    PLACEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    SCHOOL_ORG_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_ORG_FIELD_NUMBER: _ClassVar[int]
    STUDENT_REF_FIELD_NUMBER: _ClassVar[int]
    WINDOW_FIELD_NUMBER: _ClassVar[int]
    OPENS_ON_FIELD_NUMBER: _ClassVar[int]
    CLOSES_ON_FIELD_NUMBER: _ClassVar[int]
    PARTIES_FIELD_NUMBER: _ClassVar[int]
    OCCURRED_AT_FIELD_NUMBER: _ClassVar[int]
    placement_id: str
    school_org: str
    enterprise_org: str
    student_ref: str
    window: str
    opens_on: str
    closes_on: str
    parties: _containers.RepeatedScalarFieldContainer[str]
    occurred_at: str
    def __init__(self, placement_id: _Optional[str] = ..., school_org: _Optional[str] = ..., enterprise_org: _Optional[str] = ..., student_ref: _Optional[str] = ..., window: _Optional[str] = ..., opens_on: _Optional[str] = ..., closes_on: _Optional[str] = ..., parties: _Optional[_Iterable[str]] = ..., occurred_at: _Optional[str] = ...) -> None: ...
