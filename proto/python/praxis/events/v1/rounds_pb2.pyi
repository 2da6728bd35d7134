from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable
from typing import ClassVar as _ClassVar, Optional as _Optional

DESCRIPTOR: _descriptor.FileDescriptor

class RoundPublished(_message.Message):
    __slots__ = ("round_id", "title", "owner_org", "schools", "enterprise_org", "run_id", "input_hash", "algorithm_version", "seed", "students", "placements", "placement_status", "published_at")
    ROUND_ID_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    OWNER_ORG_FIELD_NUMBER: _ClassVar[int]
    SCHOOLS_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_ORG_FIELD_NUMBER: _ClassVar[int]
    RUN_ID_FIELD_NUMBER: _ClassVar[int]
    INPUT_HASH_FIELD_NUMBER: _ClassVar[int]
    ALGORITHM_VERSION_FIELD_NUMBER: _ClassVar[int]
    SEED_FIELD_NUMBER: _ClassVar[int]
    STUDENTS_FIELD_NUMBER: _ClassVar[int]
    PLACEMENTS_FIELD_NUMBER: _ClassVar[int]
    PLACEMENT_STATUS_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_AT_FIELD_NUMBER: _ClassVar[int]
    round_id: str
    title: str
    owner_org: str
    schools: _containers.RepeatedScalarFieldContainer[str]
    enterprise_org: str
    run_id: str
    input_hash: str
    algorithm_version: str
    seed: int
    students: int
    placements: int
    placement_status: str
    published_at: str
    def __init__(self, round_id: _Optional[str] = ..., title: _Optional[str] = ..., owner_org: _Optional[str] = ..., schools: _Optional[_Iterable[str]] = ..., enterprise_org: _Optional[str] = ..., run_id: _Optional[str] = ..., input_hash: _Optional[str] = ..., algorithm_version: _Optional[str] = ..., seed: _Optional[int] = ..., students: _Optional[int] = ..., placements: _Optional[int] = ..., placement_status: _Optional[str] = ..., published_at: _Optional[str] = ...) -> None: ...
