"""Request and response bodies of cooperation agreements, shared by the REST and gRPC edges."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt

from internships.domain import commands
from internships.domain.agreements import MAX_QUOTA, Agreement, Status
from internships.handlers.agreements import Terminated
from praxis_common.feeds import ChangePage
from praxis_common.pages import Page
from praxis_common.validation import Date, OrgId, Text


class AgreementCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "school_org": "gdpi",
                    "enterprise_org": "sea-commerce-ltd",
                    "title": "Cross-border e-commerce 2027",
                    "valid_from": "2027-02-01",
                    "valid_to": "2028-01-31",
                    "intern_quota": 30,
                }
            ]
        },
    )

    school_org: OrgId
    enterprise_org: OrgId
    title: Annotated[Text, Field(max_length=200)] = ""
    valid_from: Date
    valid_to: Date
    intern_quota: Annotated[StrictInt, Field(ge=0, le=MAX_QUOTA)]

    def to_command(self) -> commands.DraftAgreement:
        return commands.DraftAgreement(**self.model_dump())


class AgreementTerminate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"reason": "programme closed"},
                {
                    "reason": "the site closed",
                    "end_active_placements": True,
                    "active_placements_reason": "the warehouse is shut; students return to school",
                },
            ]
        },
    )

    reason: Annotated[Text, Field(min_length=1, max_length=1000)]
    end_active_placements: StrictBool = Field(
        default=False,
        description="also terminate placements under way (by default they run to their end date)",
    )
    active_placements_reason: Annotated[Text, Field(min_length=1, max_length=1000)] | None = Field(
        default=None, description="required with end_active_placements; each terminated placement carries it"
    )

    def to_command(self, agreement_id: uuid.UUID) -> commands.TerminateAgreement:
        return commands.TerminateAgreement(agreement_id, **self.model_dump())


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


class WindDownRead(BaseModel):
    """What the end of the agreement did, by placement id and position id."""

    rejected: list[uuid.UUID] = Field(description="requested placements, rejected (agreement-ended)")
    withdrawn: list[uuid.UUID] = Field(description="confirmed placements not started, withdrawn (agreement-ended)")
    terminated: list[uuid.UUID] = Field(description="active placements ended on request (end_active_placements)")
    expired: list[uuid.UUID] = Field(description="requests whose hold had lapsed already")
    continuing: list[uuid.UUID] = Field(description="active placements that run to their end date")
    positions_closed: list[uuid.UUID] = Field(description="positions no remaining agreement covers")


class AgreementTerminated(AgreementRead):
    wind_down: WindDownRead

    @classmethod
    def of_termination(cls, done: Terminated) -> AgreementTerminated:
        return cls(
            **AgreementRead.of(done.agreement).model_dump(),
            wind_down=WindDownRead.model_validate(done.wind_down, from_attributes=True),
        )


class AgreementPage(Page[AgreementRead]):
    """A page of agreements."""


class AgreementChanges(ChangePage[AgreementRead]):
    """The agreements changed since a cursor (`updated_since`), oldest change first; tombstones for the others."""
