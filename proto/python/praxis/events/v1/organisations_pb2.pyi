from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Optional as _Optional

DESCRIPTOR: _descriptor.FileDescriptor

class OrganisationProfileUpdated(_message.Message):
    __slots__ = ("org", "kind", "name_zh", "name_en", "school_code", "uscc", "version", "updated_at")
    ORG_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    NAME_ZH_FIELD_NUMBER: _ClassVar[int]
    NAME_EN_FIELD_NUMBER: _ClassVar[int]
    SCHOOL_CODE_FIELD_NUMBER: _ClassVar[int]
    USCC_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    org: str
    kind: str
    name_zh: str
    name_en: str
    school_code: str
    uscc: str
    version: int
    updated_at: str
    def __init__(self, org: _Optional[str] = ..., kind: _Optional[str] = ..., name_zh: _Optional[str] = ..., name_en: _Optional[str] = ..., school_code: _Optional[str] = ..., uscc: _Optional[str] = ..., version: _Optional[int] = ..., updated_at: _Optional[str] = ...) -> None: ...
