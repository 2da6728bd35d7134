from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class AuditReadEntry(_message.Message):
    __slots__ = ("seq", "at", "actor", "actor_org", "actor_org_kind", "owner_org", "subject_kind", "subject_ref", "resource_kind", "resource_id", "action", "route", "hash", "owner_org_kind")
    SEQ_FIELD_NUMBER: _ClassVar[int]
    AT_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    ACTOR_ORG_FIELD_NUMBER: _ClassVar[int]
    ACTOR_ORG_KIND_FIELD_NUMBER: _ClassVar[int]
    OWNER_ORG_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_KIND_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_REF_FIELD_NUMBER: _ClassVar[int]
    RESOURCE_KIND_FIELD_NUMBER: _ClassVar[int]
    RESOURCE_ID_FIELD_NUMBER: _ClassVar[int]
    ACTION_FIELD_NUMBER: _ClassVar[int]
    ROUTE_FIELD_NUMBER: _ClassVar[int]
    HASH_FIELD_NUMBER: _ClassVar[int]
    OWNER_ORG_KIND_FIELD_NUMBER: _ClassVar[int]
    seq: int
    at: str
    actor: str
    actor_org: str
    actor_org_kind: str
    owner_org: str
    subject_kind: str
    subject_ref: str
    resource_kind: str
    resource_id: str
    action: str
    route: str
    hash: str
    owner_org_kind: str
    def __init__(self, seq: _Optional[int] = ..., at: _Optional[str] = ..., actor: _Optional[str] = ..., actor_org: _Optional[str] = ..., actor_org_kind: _Optional[str] = ..., owner_org: _Optional[str] = ..., subject_kind: _Optional[str] = ..., subject_ref: _Optional[str] = ..., resource_kind: _Optional[str] = ..., resource_id: _Optional[str] = ..., action: _Optional[str] = ..., route: _Optional[str] = ..., hash: _Optional[str] = ..., owner_org_kind: _Optional[str] = ...) -> None: ...

class ListAuditReadsRequest(_message.Message):
    __slots__ = ("student_ref", "page_size", "page_token")
    STUDENT_REF_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    student_ref: str
    page_size: int
    page_token: str
    def __init__(self, student_ref: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListAuditReadsResponse(_message.Message):
    __slots__ = ("entries", "next_page_token")
    ENTRIES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    entries: _containers.RepeatedCompositeFieldContainer[AuditReadEntry]
    next_page_token: str
    def __init__(self, entries: _Optional[_Iterable[_Union[AuditReadEntry, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class VerifyAuditChainRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class VerifyAuditChainResponse(_message.Message):
    __slots__ = ("ok", "entries", "broken_at", "head_seq", "head_hash")
    OK_FIELD_NUMBER: _ClassVar[int]
    ENTRIES_FIELD_NUMBER: _ClassVar[int]
    BROKEN_AT_FIELD_NUMBER: _ClassVar[int]
    HEAD_SEQ_FIELD_NUMBER: _ClassVar[int]
    HEAD_HASH_FIELD_NUMBER: _ClassVar[int]
    ok: bool
    entries: int
    broken_at: int
    head_seq: int
    head_hash: str
    def __init__(self, ok: _Optional[bool] = ..., entries: _Optional[int] = ..., broken_at: _Optional[int] = ..., head_seq: _Optional[int] = ..., head_hash: _Optional[str] = ...) -> None: ...
