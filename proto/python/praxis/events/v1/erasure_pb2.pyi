from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional

DESCRIPTOR: _descriptor.FileDescriptor

class StudentErasureRequested(_message.Message):
    __slots__ = ("erasure_id", "school_org", "student_ref", "requested_at")
    ERASURE_ID_FIELD_NUMBER: _ClassVar[int]
    SCHOOL_ORG_FIELD_NUMBER: _ClassVar[int]
    STUDENT_REF_FIELD_NUMBER: _ClassVar[int]
    REQUESTED_AT_FIELD_NUMBER: _ClassVar[int]
    erasure_id: str
    school_org: str
    student_ref: str
    requested_at: str
    def __init__(self, erasure_id: _Optional[str] = ..., school_org: _Optional[str] = ..., student_ref: _Optional[str] = ..., requested_at: _Optional[str] = ...) -> None: ...

class StudentErased(_message.Message):
    __slots__ = ("erasure_id", "school_org", "service", "rows_changed", "erased_at")
    class RowsChangedEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: int
        def __init__(self, key: _Optional[str] = ..., value: _Optional[int] = ...) -> None: ...
    ERASURE_ID_FIELD_NUMBER: _ClassVar[int]
    SCHOOL_ORG_FIELD_NUMBER: _ClassVar[int]
    SERVICE_FIELD_NUMBER: _ClassVar[int]
    ROWS_CHANGED_FIELD_NUMBER: _ClassVar[int]
    ERASED_AT_FIELD_NUMBER: _ClassVar[int]
    erasure_id: str
    school_org: str
    service: str
    rows_changed: _containers.ScalarMap[str, int]
    erased_at: str
    def __init__(self, erasure_id: _Optional[str] = ..., school_org: _Optional[str] = ..., service: _Optional[str] = ..., rows_changed: _Optional[_Mapping[str, int]] = ..., erased_at: _Optional[str] = ...) -> None: ...
