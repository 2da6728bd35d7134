from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable
from typing import ClassVar as _ClassVar, Optional as _Optional

DESCRIPTOR: _descriptor.FileDescriptor

class RosterImported(_message.Message):
    __slots__ = ("school_org", "import_job_id", "created_student_refs", "updated_student_refs", "imported_at")
    SCHOOL_ORG_FIELD_NUMBER: _ClassVar[int]
    IMPORT_JOB_ID_FIELD_NUMBER: _ClassVar[int]
    CREATED_STUDENT_REFS_FIELD_NUMBER: _ClassVar[int]
    UPDATED_STUDENT_REFS_FIELD_NUMBER: _ClassVar[int]
    IMPORTED_AT_FIELD_NUMBER: _ClassVar[int]
    school_org: str
    import_job_id: str
    created_student_refs: _containers.RepeatedScalarFieldContainer[str]
    updated_student_refs: _containers.RepeatedScalarFieldContainer[str]
    imported_at: str
    def __init__(self, school_org: _Optional[str] = ..., import_job_id: _Optional[str] = ..., created_student_refs: _Optional[_Iterable[str]] = ..., updated_student_refs: _Optional[_Iterable[str]] = ..., imported_at: _Optional[str] = ...) -> None: ...
