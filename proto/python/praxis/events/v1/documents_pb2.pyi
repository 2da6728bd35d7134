from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class AgreementTemplateUpdated(_message.Message):
    __slots__ = ("school_org", "locale", "sha256", "updated_at", "updated_by")
    SCHOOL_ORG_FIELD_NUMBER: _ClassVar[int]
    LOCALE_FIELD_NUMBER: _ClassVar[int]
    SHA256_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    UPDATED_BY_FIELD_NUMBER: _ClassVar[int]
    school_org: str
    locale: str
    sha256: str
    updated_at: str
    updated_by: str
    def __init__(self, school_org: _Optional[str] = ..., locale: _Optional[str] = ..., sha256: _Optional[str] = ..., updated_at: _Optional[str] = ..., updated_by: _Optional[str] = ...) -> None: ...

class PlacementDocumentRendered(_message.Message):
    __slots__ = ("placement_id", "school_org", "enterprise_org", "student_ref", "version", "locale", "document_sha256", "context_digest", "rendered_at", "previous_version")
    PLACEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    SCHOOL_ORG_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_ORG_FIELD_NUMBER: _ClassVar[int]
    STUDENT_REF_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    LOCALE_FIELD_NUMBER: _ClassVar[int]
    DOCUMENT_SHA256_FIELD_NUMBER: _ClassVar[int]
    CONTEXT_DIGEST_FIELD_NUMBER: _ClassVar[int]
    RENDERED_AT_FIELD_NUMBER: _ClassVar[int]
    PREVIOUS_VERSION_FIELD_NUMBER: _ClassVar[int]
    placement_id: str
    school_org: str
    enterprise_org: str
    student_ref: str
    version: int
    locale: str
    document_sha256: str
    context_digest: str
    rendered_at: str
    previous_version: int
    def __init__(self, placement_id: _Optional[str] = ..., school_org: _Optional[str] = ..., enterprise_org: _Optional[str] = ..., student_ref: _Optional[str] = ..., version: _Optional[int] = ..., locale: _Optional[str] = ..., document_sha256: _Optional[str] = ..., context_digest: _Optional[str] = ..., rendered_at: _Optional[str] = ..., previous_version: _Optional[int] = ...) -> None: ...

class PlacementSignature(_message.Message):
    __slots__ = ("party", "signer_sub", "signer_org", "on_behalf_of", "signed_at", "document_sha256")
    PARTY_FIELD_NUMBER: _ClassVar[int]
    SIGNER_SUB_FIELD_NUMBER: _ClassVar[int]
    SIGNER_ORG_FIELD_NUMBER: _ClassVar[int]
    ON_BEHALF_OF_FIELD_NUMBER: _ClassVar[int]
    SIGNED_AT_FIELD_NUMBER: _ClassVar[int]
    DOCUMENT_SHA256_FIELD_NUMBER: _ClassVar[int]
    party: str
    signer_sub: str
    signer_org: str
    on_behalf_of: str
    signed_at: str
    document_sha256: str
    def __init__(self, party: _Optional[str] = ..., signer_sub: _Optional[str] = ..., signer_org: _Optional[str] = ..., on_behalf_of: _Optional[str] = ..., signed_at: _Optional[str] = ..., document_sha256: _Optional[str] = ...) -> None: ...

class PlacementSignaturesVoided(_message.Message):
    __slots__ = ("placement_id", "school_org", "enterprise_org", "student_ref", "version", "new_version", "signatures", "voided_at")
    PLACEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    SCHOOL_ORG_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_ORG_FIELD_NUMBER: _ClassVar[int]
    STUDENT_REF_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    NEW_VERSION_FIELD_NUMBER: _ClassVar[int]
    SIGNATURES_FIELD_NUMBER: _ClassVar[int]
    VOIDED_AT_FIELD_NUMBER: _ClassVar[int]
    placement_id: str
    school_org: str
    enterprise_org: str
    student_ref: str
    version: int
    new_version: int
    signatures: _containers.RepeatedCompositeFieldContainer[PlacementSignature]
    voided_at: str
    def __init__(self, placement_id: _Optional[str] = ..., school_org: _Optional[str] = ..., enterprise_org: _Optional[str] = ..., student_ref: _Optional[str] = ..., version: _Optional[int] = ..., new_version: _Optional[int] = ..., signatures: _Optional[_Iterable[_Union[PlacementSignature, _Mapping]]] = ..., voided_at: _Optional[str] = ...) -> None: ...

class PlacementDocumentSigned(_message.Message):
    __slots__ = ("placement_id", "school_org", "enterprise_org", "student_ref", "version", "signature", "complete")
    PLACEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    SCHOOL_ORG_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_ORG_FIELD_NUMBER: _ClassVar[int]
    STUDENT_REF_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    SIGNATURE_FIELD_NUMBER: _ClassVar[int]
    COMPLETE_FIELD_NUMBER: _ClassVar[int]
    placement_id: str
    school_org: str
    enterprise_org: str
    student_ref: str
    version: int
    signature: PlacementSignature
    complete: bool
    def __init__(self, placement_id: _Optional[str] = ..., school_org: _Optional[str] = ..., enterprise_org: _Optional[str] = ..., student_ref: _Optional[str] = ..., version: _Optional[int] = ..., signature: _Optional[_Union[PlacementSignature, _Mapping]] = ..., complete: _Optional[bool] = ...) -> None: ...
