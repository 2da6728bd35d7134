from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class GradeRevision(_message.Message):
    __slots__ = ("revision", "total", "grade", "passed", "credits", "pass_mark", "graded_by", "graded_at", "reason")
    REVISION_FIELD_NUMBER: _ClassVar[int]
    TOTAL_FIELD_NUMBER: _ClassVar[int]
    GRADE_FIELD_NUMBER: _ClassVar[int]
    PASSED_FIELD_NUMBER: _ClassVar[int]
    CREDITS_FIELD_NUMBER: _ClassVar[int]
    PASS_MARK_FIELD_NUMBER: _ClassVar[int]
    GRADED_BY_FIELD_NUMBER: _ClassVar[int]
    GRADED_AT_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    revision: int
    total: str
    grade: str
    passed: bool
    credits: str
    pass_mark: str
    graded_by: str
    graded_at: str
    reason: str
    def __init__(self, revision: _Optional[int] = ..., total: _Optional[str] = ..., grade: _Optional[str] = ..., passed: _Optional[bool] = ..., credits: _Optional[str] = ..., pass_mark: _Optional[str] = ..., graded_by: _Optional[str] = ..., graded_at: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class GradeScaleBand(_message.Message):
    __slots__ = ("grade", "min_total")
    GRADE_FIELD_NUMBER: _ClassVar[int]
    MIN_TOTAL_FIELD_NUMBER: _ClassVar[int]
    grade: str
    min_total: str
    def __init__(self, grade: _Optional[str] = ..., min_total: _Optional[str] = ...) -> None: ...

class PlacementGrade(_message.Message):
    __slots__ = ("placement_id", "student_ref", "current", "grade_scale", "grade_bands", "credits_of_pass", "complete", "missing", "rubric_id", "rubric_version", "history")
    PLACEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    STUDENT_REF_FIELD_NUMBER: _ClassVar[int]
    CURRENT_FIELD_NUMBER: _ClassVar[int]
    GRADE_SCALE_FIELD_NUMBER: _ClassVar[int]
    GRADE_BANDS_FIELD_NUMBER: _ClassVar[int]
    CREDITS_OF_PASS_FIELD_NUMBER: _ClassVar[int]
    COMPLETE_FIELD_NUMBER: _ClassVar[int]
    MISSING_FIELD_NUMBER: _ClassVar[int]
    RUBRIC_ID_FIELD_NUMBER: _ClassVar[int]
    RUBRIC_VERSION_FIELD_NUMBER: _ClassVar[int]
    HISTORY_FIELD_NUMBER: _ClassVar[int]
    placement_id: str
    student_ref: str
    current: GradeRevision
    grade_scale: str
    grade_bands: _containers.RepeatedCompositeFieldContainer[GradeScaleBand]
    credits_of_pass: str
    complete: bool
    missing: _containers.RepeatedScalarFieldContainer[str]
    rubric_id: str
    rubric_version: int
    history: _containers.RepeatedCompositeFieldContainer[GradeRevision]
    def __init__(self, placement_id: _Optional[str] = ..., student_ref: _Optional[str] = ..., current: _Optional[_Union[GradeRevision, _Mapping]] = ..., grade_scale: _Optional[str] = ..., grade_bands: _Optional[_Iterable[_Union[GradeScaleBand, _Mapping]]] = ..., credits_of_pass: _Optional[str] = ..., complete: _Optional[bool] = ..., missing: _Optional[_Iterable[str]] = ..., rubric_id: _Optional[str] = ..., rubric_version: _Optional[int] = ..., history: _Optional[_Iterable[_Union[GradeRevision, _Mapping]]] = ...) -> None: ...

class GetPlacementGradeRequest(_message.Message):
    __slots__ = ("placement_id",)
    PLACEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    placement_id: str
    def __init__(self, placement_id: _Optional[str] = ...) -> None: ...

class GetPlacementGradeResponse(_message.Message):
    __slots__ = ("grade",)
    GRADE_FIELD_NUMBER: _ClassVar[int]
    grade: PlacementGrade
    def __init__(self, grade: _Optional[_Union[PlacementGrade, _Mapping]] = ...) -> None: ...

class AmendPlacementGradeRequest(_message.Message):
    __slots__ = ("placement_id", "total", "grade", "reason")
    PLACEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    TOTAL_FIELD_NUMBER: _ClassVar[int]
    GRADE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    placement_id: str
    total: str
    grade: str
    reason: str
    def __init__(self, placement_id: _Optional[str] = ..., total: _Optional[str] = ..., grade: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class AmendPlacementGradeResponse(_message.Message):
    __slots__ = ("grade",)
    GRADE_FIELD_NUMBER: _ClassVar[int]
    grade: PlacementGrade
    def __init__(self, grade: _Optional[_Union[PlacementGrade, _Mapping]] = ...) -> None: ...

class CreditLedgerEntry(_message.Message):
    __slots__ = ("school_org", "student_ref", "source_kind", "source_id", "title", "enterprise_org", "credits", "score", "grade", "passed", "awarded_on", "revision", "updated_at")
    SCHOOL_ORG_FIELD_NUMBER: _ClassVar[int]
    STUDENT_REF_FIELD_NUMBER: _ClassVar[int]
    SOURCE_KIND_FIELD_NUMBER: _ClassVar[int]
    SOURCE_ID_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_ORG_FIELD_NUMBER: _ClassVar[int]
    CREDITS_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    GRADE_FIELD_NUMBER: _ClassVar[int]
    PASSED_FIELD_NUMBER: _ClassVar[int]
    AWARDED_ON_FIELD_NUMBER: _ClassVar[int]
    REVISION_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    school_org: str
    student_ref: str
    source_kind: str
    source_id: str
    title: str
    enterprise_org: str
    credits: str
    score: str
    grade: str
    passed: bool
    awarded_on: str
    revision: int
    updated_at: str
    def __init__(self, school_org: _Optional[str] = ..., student_ref: _Optional[str] = ..., source_kind: _Optional[str] = ..., source_id: _Optional[str] = ..., title: _Optional[str] = ..., enterprise_org: _Optional[str] = ..., credits: _Optional[str] = ..., score: _Optional[str] = ..., grade: _Optional[str] = ..., passed: _Optional[bool] = ..., awarded_on: _Optional[str] = ..., revision: _Optional[int] = ..., updated_at: _Optional[str] = ...) -> None: ...

class StudentCreditTotal(_message.Message):
    __slots__ = ("student_ref", "credits", "entries", "passed")
    STUDENT_REF_FIELD_NUMBER: _ClassVar[int]
    CREDITS_FIELD_NUMBER: _ClassVar[int]
    ENTRIES_FIELD_NUMBER: _ClassVar[int]
    PASSED_FIELD_NUMBER: _ClassVar[int]
    student_ref: str
    credits: str
    entries: int
    passed: int
    def __init__(self, student_ref: _Optional[str] = ..., credits: _Optional[str] = ..., entries: _Optional[int] = ..., passed: _Optional[int] = ...) -> None: ...

class ListCreditLedgerRequest(_message.Message):
    __slots__ = ("student_ref", "source_kind", "to", "enterprise_org", "page_size", "page_token")
    STUDENT_REF_FIELD_NUMBER: _ClassVar[int]
    SOURCE_KIND_FIELD_NUMBER: _ClassVar[int]
    FROM_FIELD_NUMBER: _ClassVar[int]
    TO_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_ORG_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    student_ref: str
    source_kind: str
    to: str
    enterprise_org: str
    page_size: int
    page_token: str
    def __init__(self, student_ref: _Optional[str] = ..., source_kind: _Optional[str] = ..., to: _Optional[str] = ..., enterprise_org: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., **kwargs) -> None: ...

class ListCreditLedgerResponse(_message.Message):
    __slots__ = ("entries", "next_page_token", "totals")
    ENTRIES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTALS_FIELD_NUMBER: _ClassVar[int]
    entries: _containers.RepeatedCompositeFieldContainer[CreditLedgerEntry]
    next_page_token: str
    totals: _containers.RepeatedCompositeFieldContainer[StudentCreditTotal]
    def __init__(self, entries: _Optional[_Iterable[_Union[CreditLedgerEntry, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., totals: _Optional[_Iterable[_Union[StudentCreditTotal, _Mapping]]] = ...) -> None: ...

class GetStudentCreditsRequest(_message.Message):
    __slots__ = ("student_ref",)
    STUDENT_REF_FIELD_NUMBER: _ClassVar[int]
    student_ref: str
    def __init__(self, student_ref: _Optional[str] = ...) -> None: ...

class GetStudentCreditsResponse(_message.Message):
    __slots__ = ("total", "entries")
    TOTAL_FIELD_NUMBER: _ClassVar[int]
    ENTRIES_FIELD_NUMBER: _ClassVar[int]
    total: StudentCreditTotal
    entries: _containers.RepeatedCompositeFieldContainer[CreditLedgerEntry]
    def __init__(self, total: _Optional[_Union[StudentCreditTotal, _Mapping]] = ..., entries: _Optional[_Iterable[_Union[CreditLedgerEntry, _Mapping]]] = ...) -> None: ...
