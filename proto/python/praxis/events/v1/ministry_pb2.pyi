from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Optional as _Optional

DESCRIPTOR: _descriptor.FileDescriptor

class MinistryReportDownloaded(_message.Message):
    __slots__ = ("download_id", "school_org", "month", "format", "placements", "sha256", "downloaded_by", "downloaded_at")
    DOWNLOAD_ID_FIELD_NUMBER: _ClassVar[int]
    SCHOOL_ORG_FIELD_NUMBER: _ClassVar[int]
    MONTH_FIELD_NUMBER: _ClassVar[int]
    FORMAT_FIELD_NUMBER: _ClassVar[int]
    PLACEMENTS_FIELD_NUMBER: _ClassVar[int]
    SHA256_FIELD_NUMBER: _ClassVar[int]
    DOWNLOADED_BY_FIELD_NUMBER: _ClassVar[int]
    DOWNLOADED_AT_FIELD_NUMBER: _ClassVar[int]
    download_id: str
    school_org: str
    month: str
    format: str
    placements: int
    sha256: str
    downloaded_by: str
    downloaded_at: str
    def __init__(self, download_id: _Optional[str] = ..., school_org: _Optional[str] = ..., month: _Optional[str] = ..., format: _Optional[str] = ..., placements: _Optional[int] = ..., sha256: _Optional[str] = ..., downloaded_by: _Optional[str] = ..., downloaded_at: _Optional[str] = ...) -> None: ...
