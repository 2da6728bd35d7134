"""Request and response bodies of practice bases and positions, shared by the REST and gRPC edges."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt

from internships.domain.positions import Duty, DutyKind, Position
from internships.handlers.positions import CreateBase, CreatePosition, SearchPositions
from praxis_common.feeds import ChangePage
from praxis_common.pages import Page
from praxis_common.queries import value_list
from praxis_common.validation import Date, Language, Tag, Text

# GET /v1/positions?competency= and SearchPositions.competencies: tags, repeated or comma-separated.
Competencies = value_list(Tag, most=20)


class BaseCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "agreement_id": "6b3d5e61-2435-4fc0-a24a-a28c086b40de",
                    "name": "Shenzhen cross-border hub",
                    "tier": 1,
                    "country": "CN",
                    "city": "Shenzhen",
                    "capacity": 40,
                }
            ]
        },
    )

    agreement_id: uuid.UUID = Field(description="The active agreement the base belongs to")
    name: Annotated[Text, Field(min_length=1, max_length=200)]
    tier: Annotated[
        StrictInt,
        Field(
            ge=1,
            le=3,
            description="The enterprise's proposed tier (1 flagship/regional, 2 school-level, 3 basic); the school of "
            "the agreement or a platform authority confirms it (POST /v1/bases/{id}/tier)",
        ),
    ]
    country: Annotated[str, Field(pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2, e.g. CN, MY, TH")]
    city: Annotated[Text, Field(min_length=1, max_length=100)]
    capacity: Annotated[StrictInt, Field(ge=0, le=100_000, description="Most interns the base can host at once")]
    staff: Annotated[StrictInt, Field(ge=0, le=10_000_000)] | None = Field(
        default=None, description="On-post staff of the unit; interns may be at most 10% of it (compliance policy)"
    )

    def to_command(self) -> CreateBase:
        return CreateBase(**self.model_dump())


class BaseRead(BaseModel):
    id: uuid.UUID
    agreement_id: uuid.UUID
    school_org: str
    enterprise_org: str
    name: str
    tier: int = Field(description="The tier in force: the confirmed tier, or the enterprise's proposal until confirmed")
    proposed_tier: int = Field(description="The enterprise's proposal at creation")
    tier_confirmed: bool = Field(description="false: `tier` is the enterprise's unconfirmed proposal")
    tier_confirmed_at: datetime | None
    tier_confirmed_by: str | None
    country: str
    city: str
    capacity: int
    staff: int | None
    created_at: datetime

    @classmethod
    def of(cls, b) -> BaseRead:
        return cls.model_validate(b, from_attributes=True)


class BasePage(Page[BaseRead]):
    """A page of practice bases."""


class DutyIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Annotated[Text, Field(min_length=1, max_length=200)]
    kind: Literal["core", "peripheral"] = Field(description="core work (store operation, marketing…) or peripheral")


class PositionCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "base_id": "0d9a1f0e-7a55-4a5c-b4a4-9d9c1f7e1a10",
                    "title": "Cross-border store operations intern",
                    "description": "Runs listings and promotions for the Southeast Asia storefront.",
                    "seats": 4,
                    "starts_on": "2027-03-01",
                    "ends_on": "2027-06-30",
                    "languages": ["en", "zh"],
                    "competencies": ["platform-operation", "digital-marketing"],
                    "duties": [
                        {"name": "listing optimisation", "kind": "core"},
                        {"name": "customer chat", "kind": "peripheral"},
                    ],
                }
            ]
        },
    )

    base_id: uuid.UUID
    title: Annotated[Text, Field(min_length=1, max_length=200)]
    description: Annotated[Text, Field(max_length=10_000)] = ""
    seats: Annotated[StrictInt, Field(ge=1, le=10_000)]
    starts_on: Date
    ends_on: Date
    languages: Annotated[list[Language], Field(max_length=20)] = []
    competencies: Annotated[list[Tag], Field(max_length=50)] = []
    duties: Annotated[list[DutyIn], Field(min_length=1, max_length=50)]
    post_staff: Annotated[StrictInt, Field(ge=0, le=10_000_000)] | None = Field(
        default=None, description="Staff in this kind of post; interns may be at most 20% of it"
    )
    monthly_pay: Annotated[Decimal, Field(ge=0, max_digits=12, decimal_places=2)] | None = Field(
        default=None, description="The intern's monthly pay"
    )
    reference_monthly_wage: Annotated[Decimal, Field(ge=0, max_digits=12, decimal_places=2)] | None = Field(
        default=None, description="The post's (probation) wage; pay must be at least 80% of it"
    )

    def to_command(self) -> CreatePosition:
        return CreatePosition(
            **self.model_dump(exclude={"duties"}), duties=[Duty(d.name, DutyKind(d.kind)) for d in self.duties]
        )


class PositionRead(BaseModel):
    id: uuid.UUID
    base_id: uuid.UUID
    enterprise_org: str
    title: str
    description: str
    seats: int
    seats_taken: int
    open_seats: int
    starts_on: date
    ends_on: date
    languages: list[str]
    competencies: list[str]
    duties: list[DutyIn]
    status: str
    created_at: datetime
    published_at: datetime | None
    closed_at: datetime | None
    post_staff: int | None
    monthly_pay: Decimal | None
    reference_monthly_wage: Decimal | None

    @classmethod
    def of(cls, p: Position) -> PositionRead:
        return cls(
            **{name: getattr(p, name) for name in cls.model_fields if name != "duties"},
            duties=[DutyIn(name=d.name, kind=d.kind.value) for d in p.duties],
        )


class PositionPage(Page[PositionRead]):
    """A page of positions."""


class PositionQuery(BaseModel):
    """The filters of GET /v1/positions (its query parameters) and of SearchPositions, with the same limits."""

    model_config = ConfigDict(extra="forbid")

    competencies: Competencies = []
    country: Annotated[str, Field(pattern=r"^[A-Z]{2}$")] | None = None
    starts_from: Date | None = None
    ends_by: Date | None = None
    open_seats: StrictBool = False
    q: Annotated[Text, Field(max_length=200)] | None = None

    def to_command(self, *, page_size: int, page_token: str | None) -> SearchPositions:
        return SearchPositions(
            competencies=tuple(self.competencies),
            country=self.country,
            starts_from=self.starts_from,
            ends_by=self.ends_by,
            open_only=self.open_seats,
            text=self.q or None,
            page_size=page_size,
            page_token=page_token,
        )


class PositionChanges(ChangePage[PositionRead]):
    """The positions changed since a cursor (`updated_since`), oldest change first; tombstones for the others."""
