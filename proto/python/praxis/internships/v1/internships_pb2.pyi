from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class AgreementStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    AGREEMENT_STATUS_UNSPECIFIED: _ClassVar[AgreementStatus]
    AGREEMENT_STATUS_DRAFT: _ClassVar[AgreementStatus]
    AGREEMENT_STATUS_SIGNED: _ClassVar[AgreementStatus]
    AGREEMENT_STATUS_ACTIVE: _ClassVar[AgreementStatus]
    AGREEMENT_STATUS_TERMINATED: _ClassVar[AgreementStatus]
    AGREEMENT_STATUS_EXPIRED: _ClassVar[AgreementStatus]
AGREEMENT_STATUS_UNSPECIFIED: AgreementStatus
AGREEMENT_STATUS_DRAFT: AgreementStatus
AGREEMENT_STATUS_SIGNED: AgreementStatus
AGREEMENT_STATUS_ACTIVE: AgreementStatus
AGREEMENT_STATUS_TERMINATED: AgreementStatus
AGREEMENT_STATUS_EXPIRED: AgreementStatus

class Agreement(_message.Message):
    __slots__ = ("id", "school_org", "enterprise_org", "title", "valid_from", "valid_to", "intern_quota", "status", "drafted_by_org", "school_signed_at", "enterprise_signed_at", "activated_at", "ended_at", "termination_reason", "created_at", "version")
    ID_FIELD_NUMBER: _ClassVar[int]
    SCHOOL_ORG_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_ORG_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    VALID_FROM_FIELD_NUMBER: _ClassVar[int]
    VALID_TO_FIELD_NUMBER: _ClassVar[int]
    INTERN_QUOTA_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    DRAFTED_BY_ORG_FIELD_NUMBER: _ClassVar[int]
    SCHOOL_SIGNED_AT_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_SIGNED_AT_FIELD_NUMBER: _ClassVar[int]
    ACTIVATED_AT_FIELD_NUMBER: _ClassVar[int]
    ENDED_AT_FIELD_NUMBER: _ClassVar[int]
    TERMINATION_REASON_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    id: str
    school_org: str
    enterprise_org: str
    title: str
    valid_from: str
    valid_to: str
    intern_quota: int
    status: AgreementStatus
    drafted_by_org: str
    school_signed_at: str
    enterprise_signed_at: str
    activated_at: str
    ended_at: str
    termination_reason: str
    created_at: str
    version: int
    def __init__(self, id: _Optional[str] = ..., school_org: _Optional[str] = ..., enterprise_org: _Optional[str] = ..., title: _Optional[str] = ..., valid_from: _Optional[str] = ..., valid_to: _Optional[str] = ..., intern_quota: _Optional[int] = ..., status: _Optional[_Union[AgreementStatus, str]] = ..., drafted_by_org: _Optional[str] = ..., school_signed_at: _Optional[str] = ..., enterprise_signed_at: _Optional[str] = ..., activated_at: _Optional[str] = ..., ended_at: _Optional[str] = ..., termination_reason: _Optional[str] = ..., created_at: _Optional[str] = ..., version: _Optional[int] = ...) -> None: ...

class CreateAgreementRequest(_message.Message):
    __slots__ = ("school_org", "enterprise_org", "title", "valid_from", "valid_to", "intern_quota")
    SCHOOL_ORG_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_ORG_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    VALID_FROM_FIELD_NUMBER: _ClassVar[int]
    VALID_TO_FIELD_NUMBER: _ClassVar[int]
    INTERN_QUOTA_FIELD_NUMBER: _ClassVar[int]
    school_org: str
    enterprise_org: str
    title: str
    valid_from: str
    valid_to: str
    intern_quota: int
    def __init__(self, school_org: _Optional[str] = ..., enterprise_org: _Optional[str] = ..., title: _Optional[str] = ..., valid_from: _Optional[str] = ..., valid_to: _Optional[str] = ..., intern_quota: _Optional[int] = ...) -> None: ...

class CreateAgreementResponse(_message.Message):
    __slots__ = ("agreement",)
    AGREEMENT_FIELD_NUMBER: _ClassVar[int]
    agreement: Agreement
    def __init__(self, agreement: _Optional[_Union[Agreement, _Mapping]] = ...) -> None: ...

class GetAgreementRequest(_message.Message):
    __slots__ = ("id",)
    ID_FIELD_NUMBER: _ClassVar[int]
    id: str
    def __init__(self, id: _Optional[str] = ...) -> None: ...

class GetAgreementResponse(_message.Message):
    __slots__ = ("agreement",)
    AGREEMENT_FIELD_NUMBER: _ClassVar[int]
    agreement: Agreement
    def __init__(self, agreement: _Optional[_Union[Agreement, _Mapping]] = ...) -> None: ...

class ListAgreementsRequest(_message.Message):
    __slots__ = ("status", "page_size", "page_token")
    STATUS_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    status: AgreementStatus
    page_size: int
    page_token: str
    def __init__(self, status: _Optional[_Union[AgreementStatus, str]] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListAgreementsResponse(_message.Message):
    __slots__ = ("agreements", "next_page_token")
    AGREEMENTS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    agreements: _containers.RepeatedCompositeFieldContainer[Agreement]
    next_page_token: str
    def __init__(self, agreements: _Optional[_Iterable[_Union[Agreement, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class SignAgreementRequest(_message.Message):
    __slots__ = ("id",)
    ID_FIELD_NUMBER: _ClassVar[int]
    id: str
    def __init__(self, id: _Optional[str] = ...) -> None: ...

class SignAgreementResponse(_message.Message):
    __slots__ = ("agreement",)
    AGREEMENT_FIELD_NUMBER: _ClassVar[int]
    agreement: Agreement
    def __init__(self, agreement: _Optional[_Union[Agreement, _Mapping]] = ...) -> None: ...

class TerminateAgreementRequest(_message.Message):
    __slots__ = ("id", "reason")
    ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    id: str
    reason: str
    def __init__(self, id: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class TerminateAgreementResponse(_message.Message):
    __slots__ = ("agreement",)
    AGREEMENT_FIELD_NUMBER: _ClassVar[int]
    agreement: Agreement
    def __init__(self, agreement: _Optional[_Union[Agreement, _Mapping]] = ...) -> None: ...
