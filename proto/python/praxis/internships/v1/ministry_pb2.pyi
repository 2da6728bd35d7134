from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class PreviewMinistryReportRequest(_message.Message):
    __slots__ = ("month",)
    MONTH_FIELD_NUMBER: _ClassVar[int]
    month: str
    def __init__(self, month: _Optional[str] = ...) -> None: ...

class MinistryReportRowProblem(_message.Message):
    __slots__ = ("placement_id", "student_ref", "missing")
    PLACEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    STUDENT_REF_FIELD_NUMBER: _ClassVar[int]
    MISSING_FIELD_NUMBER: _ClassVar[int]
    placement_id: str
    student_ref: str
    missing: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, placement_id: _Optional[str] = ..., student_ref: _Optional[str] = ..., missing: _Optional[_Iterable[str]] = ...) -> None: ...

class MinistryReportChange(_message.Message):
    __slots__ = ("placement_id", "kind", "fields")
    PLACEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    FIELDS_FIELD_NUMBER: _ClassVar[int]
    placement_id: str
    kind: str
    fields: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, placement_id: _Optional[str] = ..., kind: _Optional[str] = ..., fields: _Optional[_Iterable[str]] = ...) -> None: ...

class MinistryReportPreview(_message.Message):
    __slots__ = ("month", "placements", "ready", "problems", "previous_month", "previous_month_downloaded", "changes_since_previous_month")
    MONTH_FIELD_NUMBER: _ClassVar[int]
    PLACEMENTS_FIELD_NUMBER: _ClassVar[int]
    READY_FIELD_NUMBER: _ClassVar[int]
    PROBLEMS_FIELD_NUMBER: _ClassVar[int]
    PREVIOUS_MONTH_FIELD_NUMBER: _ClassVar[int]
    PREVIOUS_MONTH_DOWNLOADED_FIELD_NUMBER: _ClassVar[int]
    CHANGES_SINCE_PREVIOUS_MONTH_FIELD_NUMBER: _ClassVar[int]
    month: str
    placements: int
    ready: bool
    problems: _containers.RepeatedCompositeFieldContainer[MinistryReportRowProblem]
    previous_month: str
    previous_month_downloaded: bool
    changes_since_previous_month: _containers.RepeatedCompositeFieldContainer[MinistryReportChange]
    def __init__(self, month: _Optional[str] = ..., placements: _Optional[int] = ..., ready: _Optional[bool] = ..., problems: _Optional[_Iterable[_Union[MinistryReportRowProblem, _Mapping]]] = ..., previous_month: _Optional[str] = ..., previous_month_downloaded: _Optional[bool] = ..., changes_since_previous_month: _Optional[_Iterable[_Union[MinistryReportChange, _Mapping]]] = ...) -> None: ...

class DownloadMinistryReportRequest(_message.Message):
    __slots__ = ("month", "format")
    MONTH_FIELD_NUMBER: _ClassVar[int]
    FORMAT_FIELD_NUMBER: _ClassVar[int]
    month: str
    format: str
    def __init__(self, month: _Optional[str] = ..., format: _Optional[str] = ...) -> None: ...

class MinistryReportFile(_message.Message):
    __slots__ = ("month", "format", "media_type", "filename", "sha256", "placements", "content")
    MONTH_FIELD_NUMBER: _ClassVar[int]
    FORMAT_FIELD_NUMBER: _ClassVar[int]
    MEDIA_TYPE_FIELD_NUMBER: _ClassVar[int]
    FILENAME_FIELD_NUMBER: _ClassVar[int]
    SHA256_FIELD_NUMBER: _ClassVar[int]
    PLACEMENTS_FIELD_NUMBER: _ClassVar[int]
    CONTENT_FIELD_NUMBER: _ClassVar[int]
    month: str
    format: str
    media_type: str
    filename: str
    sha256: str
    placements: int
    content: bytes
    def __init__(self, month: _Optional[str] = ..., format: _Optional[str] = ..., media_type: _Optional[str] = ..., filename: _Optional[str] = ..., sha256: _Optional[str] = ..., placements: _Optional[int] = ..., content: _Optional[bytes] = ...) -> None: ...
