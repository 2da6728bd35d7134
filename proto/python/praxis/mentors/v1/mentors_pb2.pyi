from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Partnership(_message.Message):
    __slots__ = ("agreement_id", "school_org", "enterprise_org", "valid_from", "valid_to", "intern_quota", "active", "activated_at", "ended_at")
    AGREEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    SCHOOL_ORG_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_ORG_FIELD_NUMBER: _ClassVar[int]
    VALID_FROM_FIELD_NUMBER: _ClassVar[int]
    VALID_TO_FIELD_NUMBER: _ClassVar[int]
    INTERN_QUOTA_FIELD_NUMBER: _ClassVar[int]
    ACTIVE_FIELD_NUMBER: _ClassVar[int]
    ACTIVATED_AT_FIELD_NUMBER: _ClassVar[int]
    ENDED_AT_FIELD_NUMBER: _ClassVar[int]
    agreement_id: str
    school_org: str
    enterprise_org: str
    valid_from: str
    valid_to: str
    intern_quota: int
    active: bool
    activated_at: str
    ended_at: str
    def __init__(self, agreement_id: _Optional[str] = ..., school_org: _Optional[str] = ..., enterprise_org: _Optional[str] = ..., valid_from: _Optional[str] = ..., valid_to: _Optional[str] = ..., intern_quota: _Optional[int] = ..., active: _Optional[bool] = ..., activated_at: _Optional[str] = ..., ended_at: _Optional[str] = ...) -> None: ...

class ListPartnershipsRequest(_message.Message):
    __slots__ = ("include_ended",)
    INCLUDE_ENDED_FIELD_NUMBER: _ClassVar[int]
    include_ended: bool
    def __init__(self, include_ended: _Optional[bool] = ...) -> None: ...

class ListPartnershipsResponse(_message.Message):
    __slots__ = ("partnerships",)
    PARTNERSHIPS_FIELD_NUMBER: _ClassVar[int]
    partnerships: _containers.RepeatedCompositeFieldContainer[Partnership]
    def __init__(self, partnerships: _Optional[_Iterable[_Union[Partnership, _Mapping]]] = ...) -> None: ...
