from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class AgreementTemplate(_message.Message):
    __slots__ = ("locale", "source", "sha256", "is_default", "updated_at", "updated_by")
    LOCALE_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    SHA256_FIELD_NUMBER: _ClassVar[int]
    IS_DEFAULT_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    UPDATED_BY_FIELD_NUMBER: _ClassVar[int]
    locale: str
    source: str
    sha256: str
    is_default: bool
    updated_at: str
    updated_by: str
    def __init__(self, locale: _Optional[str] = ..., source: _Optional[str] = ..., sha256: _Optional[str] = ..., is_default: _Optional[bool] = ..., updated_at: _Optional[str] = ..., updated_by: _Optional[str] = ...) -> None: ...

class SetTemplateRequest(_message.Message):
    __slots__ = ("locale", "source")
    LOCALE_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    locale: str
    source: str
    def __init__(self, locale: _Optional[str] = ..., source: _Optional[str] = ...) -> None: ...

class SetTemplateResponse(_message.Message):
    __slots__ = ("template",)
    TEMPLATE_FIELD_NUMBER: _ClassVar[int]
    template: AgreementTemplate
    def __init__(self, template: _Optional[_Union[AgreementTemplate, _Mapping]] = ...) -> None: ...

class GetTemplateRequest(_message.Message):
    __slots__ = ("locale",)
    LOCALE_FIELD_NUMBER: _ClassVar[int]
    locale: str
    def __init__(self, locale: _Optional[str] = ...) -> None: ...

class GetTemplateResponse(_message.Message):
    __slots__ = ("template",)
    TEMPLATE_FIELD_NUMBER: _ClassVar[int]
    template: AgreementTemplate
    def __init__(self, template: _Optional[_Union[AgreementTemplate, _Mapping]] = ...) -> None: ...

class DocumentSignature(_message.Message):
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

class PlacementDocument(_message.Message):
    __slots__ = ("placement_id", "version", "locale", "sha256", "rendered_at", "signatures", "missing", "complete")
    PLACEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    LOCALE_FIELD_NUMBER: _ClassVar[int]
    SHA256_FIELD_NUMBER: _ClassVar[int]
    RENDERED_AT_FIELD_NUMBER: _ClassVar[int]
    SIGNATURES_FIELD_NUMBER: _ClassVar[int]
    MISSING_FIELD_NUMBER: _ClassVar[int]
    COMPLETE_FIELD_NUMBER: _ClassVar[int]
    placement_id: str
    version: int
    locale: str
    sha256: str
    rendered_at: str
    signatures: _containers.RepeatedCompositeFieldContainer[DocumentSignature]
    missing: _containers.RepeatedScalarFieldContainer[str]
    complete: bool
    def __init__(self, placement_id: _Optional[str] = ..., version: _Optional[int] = ..., locale: _Optional[str] = ..., sha256: _Optional[str] = ..., rendered_at: _Optional[str] = ..., signatures: _Optional[_Iterable[_Union[DocumentSignature, _Mapping]]] = ..., missing: _Optional[_Iterable[str]] = ..., complete: _Optional[bool] = ...) -> None: ...

class GetDocumentRequest(_message.Message):
    __slots__ = ("placement_id",)
    PLACEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    placement_id: str
    def __init__(self, placement_id: _Optional[str] = ...) -> None: ...

class GetDocumentResponse(_message.Message):
    __slots__ = ("document",)
    DOCUMENT_FIELD_NUMBER: _ClassVar[int]
    document: PlacementDocument
    def __init__(self, document: _Optional[_Union[PlacementDocument, _Mapping]] = ...) -> None: ...

class GetDocumentPdfRequest(_message.Message):
    __slots__ = ("placement_id", "without_signature_page")
    PLACEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    WITHOUT_SIGNATURE_PAGE_FIELD_NUMBER: _ClassVar[int]
    placement_id: str
    without_signature_page: bool
    def __init__(self, placement_id: _Optional[str] = ..., without_signature_page: _Optional[bool] = ...) -> None: ...

class GetDocumentPdfResponse(_message.Message):
    __slots__ = ("pdf", "sha256", "version")
    PDF_FIELD_NUMBER: _ClassVar[int]
    SHA256_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    pdf: bytes
    sha256: str
    version: int
    def __init__(self, pdf: _Optional[bytes] = ..., sha256: _Optional[str] = ..., version: _Optional[int] = ...) -> None: ...

class SignDocumentRequest(_message.Message):
    __slots__ = ("placement_id", "document_sha256", "on_behalf_of")
    PLACEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    DOCUMENT_SHA256_FIELD_NUMBER: _ClassVar[int]
    ON_BEHALF_OF_FIELD_NUMBER: _ClassVar[int]
    placement_id: str
    document_sha256: str
    on_behalf_of: str
    def __init__(self, placement_id: _Optional[str] = ..., document_sha256: _Optional[str] = ..., on_behalf_of: _Optional[str] = ...) -> None: ...

class SignDocumentResponse(_message.Message):
    __slots__ = ("document",)
    DOCUMENT_FIELD_NUMBER: _ClassVar[int]
    document: PlacementDocument
    def __init__(self, document: _Optional[_Union[PlacementDocument, _Mapping]] = ...) -> None: ...
