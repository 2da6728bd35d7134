from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable
from typing import ClassVar as _ClassVar, Optional as _Optional

DESCRIPTOR: _descriptor.FileDescriptor

class HireRecorded(_message.Message):
    __slots__ = ("hire_id", "enterprise_org", "school_org", "student_ref", "agreement_id", "placement_id", "kind", "on", "position_title", "recorded_at")
    HIRE_ID_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_ORG_FIELD_NUMBER: _ClassVar[int]
    SCHOOL_ORG_FIELD_NUMBER: _ClassVar[int]
    STUDENT_REF_FIELD_NUMBER: _ClassVar[int]
    AGREEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    PLACEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    ON_FIELD_NUMBER: _ClassVar[int]
    POSITION_TITLE_FIELD_NUMBER: _ClassVar[int]
    RECORDED_AT_FIELD_NUMBER: _ClassVar[int]
    hire_id: str
    enterprise_org: str
    school_org: str
    student_ref: str
    agreement_id: str
    placement_id: str
    kind: str
    on: str
    position_title: str
    recorded_at: str
    def __init__(self, hire_id: _Optional[str] = ..., enterprise_org: _Optional[str] = ..., school_org: _Optional[str] = ..., student_ref: _Optional[str] = ..., agreement_id: _Optional[str] = ..., placement_id: _Optional[str] = ..., kind: _Optional[str] = ..., on: _Optional[str] = ..., position_title: _Optional[str] = ..., recorded_at: _Optional[str] = ...) -> None: ...

class ProgrammeCompetenciesSet(_message.Message):
    __slots__ = ("school_org", "cohort", "competencies", "set_at", "set_by")
    SCHOOL_ORG_FIELD_NUMBER: _ClassVar[int]
    COHORT_FIELD_NUMBER: _ClassVar[int]
    COMPETENCIES_FIELD_NUMBER: _ClassVar[int]
    SET_AT_FIELD_NUMBER: _ClassVar[int]
    SET_BY_FIELD_NUMBER: _ClassVar[int]
    school_org: str
    cohort: str
    competencies: _containers.RepeatedScalarFieldContainer[str]
    set_at: str
    set_by: str
    def __init__(self, school_org: _Optional[str] = ..., cohort: _Optional[str] = ..., competencies: _Optional[_Iterable[str]] = ..., set_at: _Optional[str] = ..., set_by: _Optional[str] = ...) -> None: ...
