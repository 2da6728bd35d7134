"""REST request and response bodies for agreements."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StrictInt

from internships.domain.agreements import MAX_QUOTA, Agreement, Status
from praxis_common.validation import Text

OrgId = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9][A-Za-z0-9._:-]*$")]


class AgreementCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    school_org: OrgId
    enterprise_org: OrgId
    title: Annotated[Text, Field(max_length=200)] = ""
    valid_from: date
    valid_to: date
    intern_quota: Annotated[StrictInt, Field(ge=0, le=MAX_QUOTA)]


class AgreementTerminate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: Annotated[Text, Field(min_length=1, max_length=1000)]


class AgreementRead(BaseModel):
    id: uuid.UUID
    school_org: str
    enterprise_org: str
    title: str
    valid_from: date
    valid_to: date
    intern_quota: int
    status: Status
    drafted_by_org: str
    school_signed_at: datetime | None
    enterprise_signed_at: datetime | None
    activated_at: datetime | None
    ended_at: datetime | None
    termination_reason: str | None
    terminated_by_org: str | None
    created_at: datetime
    version: int

    @classmethod
    def of(cls, a: Agreement) -> AgreementRead:
        return cls.model_validate(a, from_attributes=True)


class AgreementPage(BaseModel):
    items: list[AgreementRead]
    next_page_token: str | None
