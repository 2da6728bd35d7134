"""Confidentiality terms bodies: publish a version, accept the current one; the terms and an acceptance."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StrictInt

from praxis_common.validation import Text
from projects.domain.terms import MAX_TERMS_CHARS, TermsAcceptance
from projects.handlers.terms import AcceptTerms, PublishTerms, TermsView


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
