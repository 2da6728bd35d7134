"""Request and response models of credentials and signing keys; each input maps to its command with to_command()."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from credentials.domain import securing
from credentials.domain.issuance import Credential
from credentials.domain.open_badges import Kind
from credentials.handlers.credentials import EndCredential, RequestCredential
from credentials.handlers.keys import KeyView
from credentials.handlers.public import Verification
from praxis_common.pages import Page
from praxis_common.validation import Text

Reason = Annotated[Text, Field(min_length=1, max_length=500)]


class CredentialCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"kind": "placement", "source_id": "7d3c6a52-8f0e-4b5e-9a53-1f0c5d1e2a44", "student_name": "李伟"}
            ]
        },
    )

    kind: Literal["placement", "project"]
    source_id: uuid.UUID = Field(description="the placement's id, or the project credit's (credit.awarded)")
    student_name: Annotated[Text, Field(max_length=200)] = Field(
        default="", description="printed on the certificate and named in the credential; empty: not named"
    )

    def to_command(self) -> RequestCredential:
        return RequestCredential(Kind(self.kind), str(self.source_id), self.student_name)


class ReasonIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"reason": "hours not yet confirmed"}]})

    reason: Reason

    def to_command(self, credential_id: uuid.UUID) -> EndCredential:
        return EndCredential(credential_id, self.reason)


class CredentialRead(BaseModel):
    id: uuid.UUID
    kind: Literal["placement", "project"]
    source_id: str
    school_org: str
    enterprise_org: str
    student_ref: str
    stage: Literal["awaiting_countersignature", "issued", "declined", "revoked"]
    requested_by: str
    requested_at: datetime
    countersigned_by: str | None
    countersigned_at: datetime | None
    ended_by: str | None
    ended_for: Literal["school", "enterprise"] | None
    ended_at: datetime | None
    end_reason: str | None
    content: dict = Field(description="what the credential says (its payload): what the enterprise countersigns")
    credential: dict | None = Field(
        description="the signed JWS (General JSON Serialization), both signatures: once countersigned (never the "
        "school's signature alone, which would pass for the credential without the enterprise's)"
    )

    @classmethod
    def of(cls, c: Credential) -> CredentialRead:
        return cls(
            id=c.id,
            kind=c.kind.value,
            source_id=c.source_id,
            school_org=c.school_org,
            enterprise_org=c.enterprise_org,
            student_ref=c.student_ref,
            stage=c.stage.value,
            requested_by=c.requested_by,
            requested_at=c.requested_at,
            countersigned_by=c.countersigned_by,
            countersigned_at=c.countersigned_at,
            ended_by=c.ended_by,
            ended_for=c.ended_for,
            ended_at=c.ended_at,
            end_reason=c.end_reason,
            content=securing.credential_of(c.secured) if c.secured else {},
            credential=c.secured if c.countersigned_at is not None and c.secured else None,
        )


class CredentialPage(Page[CredentialRead]):
    pass


class KeyRead(BaseModel):
    kid: str
    number: int
    signs: bool = Field(description="the key the organisation signs with now")
    published: bool = Field(description="listed in the organisation's DID document (false once withdrawn)")
    created_at: datetime
    retired_at: datetime | None
    withdrawn_at: datetime | None

    @classmethod
    def of(cls, k: KeyView) -> KeyRead:
        return cls(**vars(k))


class KeyPage(Page[KeyRead]):
    pass


class KidIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"kid": "did:web:praxis.example.edu:public:orgs:school:sz-poly#key-1"}]},
    )

    kid: Annotated[Text, Field(min_length=1, max_length=400)]


class VerificationRead(BaseModel):
    valid: bool
    problems: list[str] = Field(description="what failed, in words; empty when valid")
    signers: dict[str, str] = Field(description="role (issuer, countersigner) -> the key id whose signature held")
    revoked: bool
    reason: str | None = Field(description="why it was revoked or declined, when this Praxis issued it")
    credential: dict | None = Field(description="the credential the payload carries (as sent: read it with the result)")

    @classmethod
    def of(cls, v: Verification) -> VerificationRead:
        return cls(**vars(v))
