from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class AgreementEndReason(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    AGREEMENT_END_REASON_UNSPECIFIED: _ClassVar[AgreementEndReason]
    AGREEMENT_END_REASON_TERMINATED: _ClassVar[AgreementEndReason]
    AGREEMENT_END_REASON_EXPIRED: _ClassVar[AgreementEndReason]
AGREEMENT_END_REASON_UNSPECIFIED: AgreementEndReason
AGREEMENT_END_REASON_TERMINATED: AgreementEndReason
AGREEMENT_END_REASON_EXPIRED: AgreementEndReason

class AgreementActivated(_message.Message):
    __slots__ = ("agreement_id", "school_org", "enterprise_org", "valid_from", "valid_to", "intern_quota", "activated_at")
    AGREEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    SCHOOL_ORG_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_ORG_FIELD_NUMBER: _ClassVar[int]
    VALID_FROM_FIELD_NUMBER: _ClassVar[int]
    VALID_TO_FIELD_NUMBER: _ClassVar[int]
    INTERN_QUOTA_FIELD_NUMBER: _ClassVar[int]
    ACTIVATED_AT_FIELD_NUMBER: _ClassVar[int]
    agreement_id: str
    school_org: str
    enterprise_org: str
    valid_from: str
    valid_to: str
    intern_quota: int
    activated_at: str
    def __init__(self, agreement_id: _Optional[str] = ..., school_org: _Optional[str] = ..., enterprise_org: _Optional[str] = ..., valid_from: _Optional[str] = ..., valid_to: _Optional[str] = ..., intern_quota: _Optional[int] = ..., activated_at: _Optional[str] = ...) -> None: ...

class AgreementEnded(_message.Message):
    __slots__ = ("agreement_id", "school_org", "enterprise_org", "reason", "ended_at", "terminated_by_org", "note")
    AGREEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    SCHOOL_ORG_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_ORG_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    ENDED_AT_FIELD_NUMBER: _ClassVar[int]
    TERMINATED_BY_ORG_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    agreement_id: str
    school_org: str
    enterprise_org: str
    reason: AgreementEndReason
    ended_at: str
    terminated_by_org: str
    note: str
    def __init__(self, agreement_id: _Optional[str] = ..., school_org: _Optional[str] = ..., enterprise_org: _Optional[str] = ..., reason: _Optional[_Union[AgreementEndReason, str]] = ..., ended_at: _Optional[str] = ..., terminated_by_org: _Optional[str] = ..., note: _Optional[str] = ...) -> None: ...
