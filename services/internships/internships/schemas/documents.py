"""Request and response bodies of agreement templates and placements' agreement documents, shared by REST and
gRPC."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from internships.domain.agreement_templates import TEMPLATE_MAX_BYTES
from internships.domain.documents import OnBehalfOf, Signature
from internships.handlers.documents import DocumentView, SignDocument, Template
from praxis_common.validation import Text

Locale = Literal["zh-CN", "en"]


class LocalePath(BaseModel):
    """The {locale} of the template routes."""

    model_config = ConfigDict(extra="forbid")

    locale: Locale


class TemplateIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"source": "# Agreement\n- School: {{ school.name }}\n"}]},
    )

    source: Annotated[Text, Field(min_length=1, max_length=TEMPLATE_MAX_BYTES)] = Field(
        description=f"Jinja2, rendered in a sandbox; at most {TEMPLATE_MAX_BYTES} bytes of UTF-8. Output lines: "
        "'# ' title, '## ' heading, '- ' bullet, other lines paragraphs (docs/documents.md)"
    )


class TemplateRead(BaseModel):
    locale: str
    source: str
    sha256: str
    is_default: bool = Field(description="the template shipped with the service: the school has none of its own")
    updated_at: datetime | None
    updated_by: str | None

    @classmethod
    def of(cls, t: Template) -> TemplateRead:
        return cls(
            locale=t.locale,
            source=t.source,
            sha256=t.sha256,
            is_default=t.is_default,
            updated_at=t.updated_at,
            updated_by=t.updated_by,
        )


class SignatureIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"document_sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"},
                {
                    "document_sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                    "on_behalf_of": "student",
                },
            ]
        },
    )

    document_sha256: Annotated[str, Field(pattern=r"^[0-9a-fA-F]{64}$")] = Field(
        description="the SHA-256 (hex) of the current version's PDF, as GET .../document reports it"
    )
    on_behalf_of: OnBehalfOf | None = Field(
        default=None,
        description="school staff signing the student party: 'student', or 'guardian' for a minor",
    )

    def to_command(self) -> SignDocument:
        return SignDocument(self.document_sha256.lower(), self.on_behalf_of)


class SignatureRead(BaseModel):
    party: str
    signer_sub: str
    signer_org: str
    on_behalf_of: str | None
    signed_at: datetime
    document_sha256: str

    @classmethod
    def of(cls, s: Signature) -> SignatureRead:
        return cls(
            party=s.party.value,
            signer_sub=s.signer_sub,
            signer_org=s.signer_org,
            on_behalf_of=s.on_behalf_of.value if s.on_behalf_of else None,
            signed_at=s.signed_at,
            document_sha256=s.document_sha256,
        )


class DocumentRead(BaseModel):
    placement_id: uuid.UUID
    version: int
    locale: str
    sha256: str = Field(description="of the PDF without the signature page: what each party signs")
    rendered_at: datetime
    signatures: list[SignatureRead] = Field(description="of the current version")
    missing: list[str] = Field(description="the parties still to sign the current version")
    complete: bool

    @classmethod
    def of(cls, v: DocumentView) -> DocumentRead:
        d = v.document
        return cls(
            placement_id=v.placement.id,
            version=d.version,
            locale=d.locale,
            sha256=d.sha256,
            rendered_at=d.rendered_at,
            signatures=[SignatureRead.of(s) for s in v.signatures],
            missing=[p.value for p in v.missing],
            complete=v.complete,
        )
