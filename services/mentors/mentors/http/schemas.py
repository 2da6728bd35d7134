"""REST request and response bodies of the mentors service (also the validation the gRPC edge applies)."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt

from mentors.adapters.repositories import AssignmentView, HistoryEntry
from mentors.domain.mentors import MAX_CAPACITY, Certificate, PracticePeriod, Qualification
from mentors.domain.sessions import MAX_MINUTES, GuidanceSession
from mentors.handlers.mentors import MentorDetails
from praxis_common.pages import Page
from praxis_common.validation import Date, Language, Tag, Text

Account = Annotated[Text, Field(min_length=1, max_length=255, description="the `sub` the mentor signs in with")]
Capacity = Annotated[StrictInt, Field(ge=0, le=MAX_CAPACITY, description="most active mentees at once")]
Reason = Annotated[Text, Field(min_length=1, max_length=1000)]


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

    def changes(self) -> dict:
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


class MentorRef(BaseModel):
    id: uuid.UUID
    display_name: str | None


class AssignmentRead(BaseModel):
    id: uuid.UUID
    context_kind: str = Field(description="placement or project (a project team)")
    context_id: str = Field(description="what the pair of mentors is for: the placement id or the team id")
    side: str = Field(description="school or enterprise")
    org: str = Field(description="the side's organisation, which owns the assignment")
    school_org: str
    enterprise_org: str
    student_ref: str
    status: str = Field(description="pending (needs a mentor), active or ended")
    mentor: MentorRef | None
    created_at: datetime
    assigned_at: datetime | None
    ended_at: datetime | None
    end_reason: str | None
    position_id: str | None
    starts_on: date | None
    ends_on: date | None
    competencies: list[str]
    members: list[str] = Field(description="project teams: the team's students (student_ref then names the team)")

    @classmethod
    def of(cls, v: AssignmentView) -> AssignmentRead:
        a = v.assignment
        return cls(
            id=a.id,
            context_kind=a.context_kind.value,
            context_id=a.context_id,
            side=a.side.value,
            org=a.org,
            school_org=a.school_org,
            enterprise_org=a.enterprise_org,
            student_ref=a.student_ref,
            status=a.status.value,
            mentor=MentorRef(id=a.mentor_id, display_name=v.mentor_display_name) if a.mentor_id else None,
            created_at=a.created_at,
            assigned_at=a.assigned_at,
            ended_at=a.ended_at,
            end_reason=a.end_reason,
            position_id=v.position_id,
            starts_on=v.starts_on,
            ends_on=v.ends_on,
            competencies=v.competencies,
            members=v.members,
        )


class AssignmentPage(Page[AssignmentRead]):
    """A page of assignments."""


class AssignIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"mentor_id": "3f1d2c4b-5a69-4e7d-8c1b-2a3f4e5d6c7b", "reason": "speaks Malay with the host"}]
        },
    )

    mentor_id: uuid.UUID
    reason: Reason


class HistoryRead(BaseModel):
    at: datetime
    action: str = Field(description="pending, assigned, reassigned or ended")
    mentor_id: uuid.UUID | None
    previous_mentor_id: uuid.UUID | None
    how: str | None = Field(description="automatic, manual or filled (capacity freed)")
    reason: str
    by: str = Field(description="the acting user's sub, or system")

    @classmethod
    def of(cls, h: HistoryEntry) -> HistoryRead:
        return cls.model_validate(h, from_attributes=True)


class HistoryPage(Page[HistoryRead]):
    """A page of an assignment's history, oldest first."""


class StudentMentorsRead(BaseModel):
    student_ref: str
    assignments: list[AssignmentRead] = Field(description="who mentors the student, and for what")


class SessionIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"held_on": "2027-03-12", "mode": "onsite", "minutes": 90, "notes": "listing review"}]
        },
    )

    held_on: Date = Field(description="not in the future")
    mode: Literal["onsite", "online"]
    minutes: Annotated[StrictInt, Field(ge=1, le=MAX_MINUTES)]
    notes: Annotated[Text, Field(max_length=4000)] = ""


class SessionRead(BaseModel):
    id: uuid.UUID
    assignment_id: uuid.UUID
    mentor_id: uuid.UUID
    side: str
    held_on: date
    mode: str
    minutes: int
    notes: str
    recorded_at: datetime
    recorded_by: str
    confirmed_at: datetime | None
    confirmed_by: str | None

    @classmethod
    def of(cls, s: GuidanceSession) -> SessionRead:
        data = {n: getattr(s, n) for n in cls.model_fields}
        data.update(side=s.side.value, mode=s.mode.value)
        return cls(**data)


class SessionPage(Page[SessionRead]):
    """A page of an assignment's guidance sessions, latest first."""


class OverdueRead(BaseModel):
    assignment: AssignmentRead
    last_onsite_session: date | None = Field(description="the last on-site session with the enterprise mentor")


class OverdueList(Page[OverdueRead]):
    """A page of the assignments overdue for on-site guidance, oldest first."""

    days: int = Field(description="the threshold used")
