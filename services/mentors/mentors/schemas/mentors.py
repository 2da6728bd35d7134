"""Request and response bodies for mentors, their enterprise practice and certificates (REST; gRPC validates its
messages with the same input models)."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt

from mentors.domain.mentors import MAX_CAPACITY, Certificate, PracticePeriod, Qualification
from mentors.handlers.mentors import CreateMentor, MentorDetails, RecordCertificate, RecordPractice
from praxis_common.pages import Page
from praxis_common.validation import Date, Language, Tag, Text

Account = Annotated[Text, Field(min_length=1, max_length=255, description="the `sub` the mentor signs in with")]
Capacity = Annotated[StrictInt, Field(ge=0, le=MAX_CAPACITY, description="most active mentees at once")]


class MentorCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "kind": "school",
                    "display_name": "Chen Jing",
                    "expertise": ["platform-operation", "digital-marketing"],
                    "languages": ["zh", "en"],
                    "capacity": 8,
                    "account": "t-chen-jing",
                }
            ]
        },
    )

    kind: Literal["school", "enterprise"] = Field(description="must be the calling organisation's kind")
    display_name: Annotated[Text, Field(min_length=1, max_length=200)]
    expertise: Annotated[list[Tag], Field(max_length=50, description="competency tags")] = []
    languages: Annotated[list[Language], Field(max_length=20)] = []
    capacity: Capacity
    active: StrictBool = True
    account: Account | None = None

    def to_command(self) -> CreateMentor:
        return CreateMentor(**self.model_dump())


class MentorUpdate(BaseModel):
    """Only the fields sent change; `account: null` clears the sign-in account."""

    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"capacity": 10, "expertise": ["logistics"]}]}
    )

    display_name: Annotated[Text, Field(min_length=1, max_length=200)] = None  # type: ignore[assignment]
    expertise: Annotated[list[Tag], Field(max_length=50)] = None  # type: ignore[assignment]
    languages: Annotated[list[Language], Field(max_length=20)] = None  # type: ignore[assignment]
    capacity: Capacity = None  # type: ignore[assignment]
    active: StrictBool = None  # type: ignore[assignment]
    account: Account | None = None

    def to_command(self) -> dict:
        """The changes update_mentor applies: the fields sent (empty when none was)."""
        return self.model_dump(exclude_unset=True)


class PracticePeriodIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=True,
        json_schema_extra={
            "examples": [
                {
                    "enterprise": "Sea Commerce Ltd",
                    "role": "store operations lead",
                    "from": "2024-07-01",
                    "to": "2025-01-31",
                    "hours": 900,
                }
            ]
        },
    )

    enterprise: Annotated[Text, Field(min_length=1, max_length=200, description="the enterprise's name")]
    role: Annotated[Text, Field(min_length=1, max_length=200)]
    from_date: Date = Field(alias="from")
    to_date: Date = Field(alias="to")
    hours: Annotated[StrictInt, Field(ge=0, le=100_000)]

    def to_command(self) -> RecordPractice:
        return RecordPractice(self.enterprise, self.role, self.from_date, self.to_date, self.hours)


class PracticePeriodRead(BaseModel):
    model_config = ConfigDict(populate_by_name=True, serialize_by_alias=True)

    id: uuid.UUID
    enterprise: str
    role: str
    from_date: date = Field(alias="from")
    to_date: date = Field(alias="to")
    hours: int
    recorded_at: datetime

    @classmethod
    def of(cls, p: PracticePeriod) -> PracticePeriodRead:
        return cls.model_validate(p, from_attributes=True)


class CertificateIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "name": "1+X Cross-border E-commerce Multi-platform Operation (Advanced)",
                    "issuer": "Ministry of Education 1+X programme",
                    "issued_on": "2025-06-30",
                }
            ]
        },
    )

    name: Annotated[Text, Field(min_length=1, max_length=200)]
    issuer: Annotated[Text, Field(max_length=200)] = ""
    issued_on: Date
    expires_on: Date | None = None

    def to_command(self) -> RecordCertificate:
        return RecordCertificate(self.name, self.issuer, self.issued_on, self.expires_on)


class CertificateRead(BaseModel):
    id: uuid.UUID
    name: str
    issuer: str
    issued_on: date
    expires_on: date | None
    recorded_at: datetime

    @classmethod
    def of(cls, c: Certificate) -> CertificateRead:
        return cls.model_validate(c, from_attributes=True)


class QualificationRead(BaseModel):
    dual_qualified: bool
    practice_days: int = Field(description="distinct days of enterprise practice within the window")
    practice_months: Decimal = Field(description="practice_days in 30-day months")
    practice_hours: int = Field(description="hours of practice within the window (pro rata)")
    qualifying_certificates: list[str]
    window_from: date

    @classmethod
    def of(cls, q: Qualification) -> QualificationRead:
        return cls.model_validate(q, from_attributes=True)


class MentorRead(BaseModel):
    id: uuid.UUID
    org: str
    kind: str
    display_name: str
    account: str | None
    expertise: list[str]
    languages: list[str]
    capacity: int
    load: int = Field(description="current active mentees")
    free_seats: int
    active: bool
    dual_qualified: bool | None = Field(description="school mentors: derived under the configured rule")
    qualification: QualificationRead | None
    practice_periods: list[PracticePeriodRead]
    certificates: list[CertificateRead]
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, d: MentorDetails) -> MentorRead:
        m = d.mentor
        return cls(
            id=m.id,
            org=m.org,
            kind=m.kind.value,
            display_name=m.display_name,
            account=m.account,
            expertise=m.expertise,
            languages=m.languages,
            capacity=m.capacity,
            load=m.load,
            free_seats=m.free_seats,
            active=m.active,
            dual_qualified=d.qualification.dual_qualified if d.qualification else None,
            qualification=QualificationRead.of(d.qualification) if d.qualification else None,
            practice_periods=[PracticePeriodRead.of(p) for p in d.periods],
            certificates=[CertificateRead.of(c) for c in d.certificates],
            created_at=m.created_at,
            updated_at=m.updated_at,
        )


class MentorPage(Page[MentorRead]):
    """A page of mentors, by display name."""
