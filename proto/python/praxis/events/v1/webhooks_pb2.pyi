from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable
from typing import ClassVar as _ClassVar, Optional as _Optional

DESCRIPTOR: _descriptor.FileDescriptor

class WebhookEndpointChanged(_message.Message):
    __slots__ = ("endpoint_id", "org", "url", "event_types", "status", "disabled_reason", "occurred_at", "org_kind")
    ENDPOINT_ID_FIELD_NUMBER: _ClassVar[int]
    ORG_FIELD_NUMBER: _ClassVar[int]
    URL_FIELD_NUMBER: _ClassVar[int]
    EVENT_TYPES_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    DISABLED_REASON_FIELD_NUMBER: _ClassVar[int]
    OCCURRED_AT_FIELD_NUMBER: _ClassVar[int]
    ORG_KIND_FIELD_NUMBER: _ClassVar[int]
    endpoint_id: str
    org: str
    url: str
    event_types: _containers.RepeatedScalarFieldContainer[str]
    status: str
    disabled_reason: str
    occurred_at: str
    org_kind: str
    def __init__(self, endpoint_id: _Optional[str] = ..., org: _Optional[str] = ..., url: _Optional[str] = ..., event_types: _Optional[_Iterable[str]] = ..., status: _Optional[str] = ..., disabled_reason: _Optional[str] = ..., occurred_at: _Optional[str] = ..., org_kind: _Optional[str] = ...) -> None: ...
