from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ExportRequested(_message.Message):
    __slots__ = ("job_id", "org", "org_kind", "expires_at", "requested_at")
    JOB_ID_FIELD_NUMBER: _ClassVar[int]
    ORG_FIELD_NUMBER: _ClassVar[int]
    ORG_KIND_FIELD_NUMBER: _ClassVar[int]
    EXPIRES_AT_FIELD_NUMBER: _ClassVar[int]
    REQUESTED_AT_FIELD_NUMBER: _ClassVar[int]
    job_id: str
    org: str
    org_kind: str
    expires_at: str
    requested_at: str
    def __init__(self, job_id: _Optional[str] = ..., org: _Optional[str] = ..., org_kind: _Optional[str] = ..., expires_at: _Optional[str] = ..., requested_at: _Optional[str] = ...) -> None: ...

class ExportFile(_message.Message):
    __slots__ = ("name", "count", "sha256", "schema_version", "bytes")
    NAME_FIELD_NUMBER: _ClassVar[int]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    SHA256_FIELD_NUMBER: _ClassVar[int]
    SCHEMA_VERSION_FIELD_NUMBER: _ClassVar[int]
    BYTES_FIELD_NUMBER: _ClassVar[int]
    name: str
    count: int
    sha256: str
    schema_version: int
    bytes: int
    def __init__(self, name: _Optional[str] = ..., count: _Optional[int] = ..., sha256: _Optional[str] = ..., schema_version: _Optional[int] = ..., bytes: _Optional[int] = ...) -> None: ...

class ExportPartReady(_message.Message):
    __slots__ = ("job_id", "service", "org", "files", "taken_at")
    JOB_ID_FIELD_NUMBER: _ClassVar[int]
    SERVICE_FIELD_NUMBER: _ClassVar[int]
    ORG_FIELD_NUMBER: _ClassVar[int]
    FILES_FIELD_NUMBER: _ClassVar[int]
    TAKEN_AT_FIELD_NUMBER: _ClassVar[int]
    job_id: str
    service: str
    org: str
    files: _containers.RepeatedCompositeFieldContainer[ExportFile]
    taken_at: str
    def __init__(self, job_id: _Optional[str] = ..., service: _Optional[str] = ..., org: _Optional[str] = ..., files: _Optional[_Iterable[_Union[ExportFile, _Mapping]]] = ..., taken_at: _Optional[str] = ...) -> None: ...

class ExportPartFailed(_message.Message):
    __slots__ = ("job_id", "service", "org", "reason")
    JOB_ID_FIELD_NUMBER: _ClassVar[int]
    SERVICE_FIELD_NUMBER: _ClassVar[int]
    ORG_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    job_id: str
    service: str
    org: str
    reason: str
    def __init__(self, job_id: _Optional[str] = ..., service: _Optional[str] = ..., org: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...
