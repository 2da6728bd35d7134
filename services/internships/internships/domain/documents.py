"""The tripartite agreement of a placement as a signed document: its versions, its signatures, and who is missing.

A version is rendered from the placement's data (its context); the context's digest says whether the data changed
since. Each of the three parties (school, enterprise, student) signs the exact bytes of the current version, named
by their SHA-256; a new version voids the signatures of the one before (they are kept, marked voided). The student
signs in person, or the school signs for the student (`on_behalf_of="student"`) or, for a minor, records the
guardian's signature (`on_behalf_of="guardian"`). Who may sign for which party is decided in handlers/documents.py.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from internships.domain.placements import Placement
from praxis_common.errors import Conflict

LOCALES = ("zh-CN", "en")


class SigningParty(StrEnum):
    SCHOOL = "school"
    ENTERPRISE = "enterprise"
    STUDENT = "student"


class OnBehalfOf(StrEnum):
    STUDENT = "student"  # the school signs for the student
    GUARDIAN = "guardian"  # the school records the signature of a minor's guardian


REQUIRED = (SigningParty.SCHOOL, SigningParty.ENTERPRISE, SigningParty.STUDENT)


class StaleDocument(Conflict):
    code, title = "stale-document", "The document signed is not the current version"


@dataclass
class PlacementDocument:
    placement_id: uuid.UUID
    version: int
    locale: str
    sha256: str  # of `pdf`
    context_digest: str
    body: str  # the template's output the PDF was typeset from (the signature page is typeset from it again)
    pdf: bytes
    rendered_at: datetime
    voided_at: datetime | None = None


@dataclass
class Signature:
    placement_id: uuid.UUID
    document_version: int
    document_sha256: str
    party: SigningParty
    signer_sub: str
    signer_org: str
    on_behalf_of: OnBehalfOf | None
    signed_at: datetime
    voided_at: datetime | None = None
    id: uuid.UUID | None = None


@dataclass(frozen=True)
class DocumentRendered:
    document: PlacementDocument
    placement: Placement
    previous_version: int | None


@dataclass(frozen=True)
class SignaturesVoided:
    placement: Placement
    version: int  # the version whose signatures were voided
    signatures: tuple[Signature, ...]
    new_version: int
    at: datetime


@dataclass(frozen=True)
class DocumentSigned:
    signature: Signature
    placement: Placement
    complete: bool


@dataclass(frozen=True)
class TemplateUpdated:
    school_org: str
    locale: str
    sha256: str
    updated_at: datetime
    updated_by: str


def context_digest(context: dict) -> str:
    """SHA-256 of the context as canonical JSON: equal data, equal digest, whatever the key order."""
    text = json.dumps(context, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def missing(signatures: list[Signature]) -> list[SigningParty]:
    """The required parties without a signature (voided ones do not count), in the order school, enterprise,
    student."""
    signed = {s.party for s in signatures if s.voided_at is None}
    return [p for p in REQUIRED if p not in signed]


def check_current(document: PlacementDocument, quoted_sha256: str) -> None:
    """A signer quotes the SHA-256 of what they read; it must be the current version's."""
    if quoted_sha256.lower() != document.sha256:
        raise StaleDocument(
            f"the current version of the agreement is {document.version} with SHA-256 {document.sha256}; "
            "read it and sign that one"
        )
