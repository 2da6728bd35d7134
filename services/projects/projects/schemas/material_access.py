"""Access to a project's material: a share's expiry; confidentiality terms (publish a version, accept the current
one), the terms and an acceptance."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Annotated

from pydantic import AfterValidator, AwareDatetime, BaseModel, ConfigDict, Field, StrictInt

from praxis_common.validation import Text
from projects.domain.terms import MAX_TERMS_CHARS, TermsAcceptance
from projects.handlers.projects import ShareProject
from projects.handlers.terms import AcceptTerms, PublishTerms, TermsView

MAX_SHARE_YEARS = 10


def _within_years(value: datetime) -> datetime:
    """In UTC, and at most MAX_SHARE_YEARS ahead (a far date is 'until revoked': omit it)."""
    try:
        utc = value.astimezone(UTC)
    except OverflowError:
        raise ValueError("out of range") from None
    if utc > datetime.now(UTC) + timedelta(days=366 * MAX_SHARE_YEARS):
        raise ValueError(f"at most {MAX_SHARE_YEARS} years ahead; omit it to share until revoked")
    return utc


class ShareIn(BaseModel):
    """How long the school sees the project; an empty body (or none) shares it until revoked."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"expires_at": "2027-06-30T23:59:59Z"}]})

    expires_at: Annotated[AwareDatetime, AfterValidator(_within_years)] | None = Field(
        default=None, description="with a time zone, in the future; past it the school gets 404 as if revoked"
    )

    def to_command(self) -> ShareProject:
        return ShareProject(self.expires_at)


class TermsIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"text": "Use the material only for this project; share none of it."}]},
    )

    text: Annotated[Text, Field(min_length=1, max_length=MAX_TERMS_CHARS)]

    def to_command(self) -> PublishTerms:
        return PublishTerms(self.text)


class AcceptTermsIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"version": 1}]})

    version: StrictInt = Field(ge=1, le=2**31 - 1, description="the version read: it must be the current one")

    def to_command(self) -> AcceptTerms:
        return AcceptTerms(self.version)


class TermsRead(BaseModel):
    project_id: uuid.UUID
    version: int
    text: str
    published_at: datetime
    published_by: str
    accepted: bool = Field(description="the calling student accepted this version")

    @classmethod
    def of(cls, view: TermsView) -> TermsRead:
        return cls(**vars(view.terms), accepted=view.accepted)


class AcceptanceRead(BaseModel):
    project_id: uuid.UUID
    version: int
    student_ref: str
    school_org: str
    accepted_at: datetime

    @classmethod
    def of(cls, a: TermsAcceptance) -> AcceptanceRead:
        return cls(**vars(a))
