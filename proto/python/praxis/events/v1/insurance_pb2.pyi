from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Optional as _Optional

DESCRIPTOR: _descriptor.FileDescriptor

class InsurancePolicyRecorded(_message.Message):
    __slots__ = ("policy_id", "owner_org", "insurer", "policy_number", "coverage_type", "starts_on", "ends_on", "payer", "recorded_by", "recorded_at")
    POLICY_ID_FIELD_NUMBER: _ClassVar[int]
    OWNER_ORG_FIELD_NUMBER: _ClassVar[int]
    INSURER_FIELD_NUMBER: _ClassVar[int]
    POLICY_NUMBER_FIELD_NUMBER: _ClassVar[int]
    COVERAGE_TYPE_FIELD_NUMBER: _ClassVar[int]
    STARTS_ON_FIELD_NUMBER: _ClassVar[int]
    ENDS_ON_FIELD_NUMBER: _ClassVar[int]
    PAYER_FIELD_NUMBER: _ClassVar[int]
    RECORDED_BY_FIELD_NUMBER: _ClassVar[int]
    RECORDED_AT_FIELD_NUMBER: _ClassVar[int]
    policy_id: str
    owner_org: str
    insurer: str
    policy_number: str
    coverage_type: str
    starts_on: str
    ends_on: str
    payer: str
    recorded_by: str
    recorded_at: str
    def __init__(self, policy_id: _Optional[str] = ..., owner_org: _Optional[str] = ..., insurer: _Optional[str] = ..., policy_number: _Optional[str] = ..., coverage_type: _Optional[str] = ..., starts_on: _Optional[str] = ..., ends_on: _Optional[str] = ..., payer: _Optional[str] = ..., recorded_by: _Optional[str] = ..., recorded_at: _Optional[str] = ...) -> None: ...

class PlacementInsured(_message.Message):
    __slots__ = ("placement_id", "policy_id", "school_org", "enterprise_org", "student_ref", "coverage_type", "starts_on", "ends_on", "attached_at", "attached_by")
    PLACEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    POLICY_ID_FIELD_NUMBER: _ClassVar[int]
    SCHOOL_ORG_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_ORG_FIELD_NUMBER: _ClassVar[int]
    STUDENT_REF_FIELD_NUMBER: _ClassVar[int]
    COVERAGE_TYPE_FIELD_NUMBER: _ClassVar[int]
    STARTS_ON_FIELD_NUMBER: _ClassVar[int]
    ENDS_ON_FIELD_NUMBER: _ClassVar[int]
    ATTACHED_AT_FIELD_NUMBER: _ClassVar[int]
    ATTACHED_BY_FIELD_NUMBER: _ClassVar[int]
    placement_id: str
    policy_id: str
    school_org: str
    enterprise_org: str
    student_ref: str
    coverage_type: str
    starts_on: str
    ends_on: str
    attached_at: str
    attached_by: str
    def __init__(self, placement_id: _Optional[str] = ..., policy_id: _Optional[str] = ..., school_org: _Optional[str] = ..., enterprise_org: _Optional[str] = ..., student_ref: _Optional[str] = ..., coverage_type: _Optional[str] = ..., starts_on: _Optional[str] = ..., ends_on: _Optional[str] = ..., attached_at: _Optional[str] = ..., attached_by: _Optional[str] = ...) -> None: ...
