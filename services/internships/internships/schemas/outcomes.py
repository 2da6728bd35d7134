"""Request and response bodies of hires, programme competency profiles, the partnership value ledger and a school's
yearly outcomes, shared by the REST and gRPC edges."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StrictInt

from internships.domain.outcomes import MOST_COMPETENCIES, Alignment, Hire, HireKind, Programme, TagCount
from internships.domain.outcomes import ValueLedger as Ledger
from internships.domain.outcomes import YearOutcomes as Outcomes
from internships.handlers.outcomes import RecordHire, SetProgramme
from internships.schemas.course import Cohort
from praxis_common.pages import Page
from praxis_common.validation import Date, StudentRef, Tag, Text

FIRST_YEAR, LAST_YEAR = 2000, 2100


class HireCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "student_ref": "stu-2024-0173",
                    "placement_id": "0b6f8f7e-1d2c-4a55-9d0e-6b1f3c2a9e10",
                    "kind": "return_offer",
                    "on": "2027-06-20",
                    "position_title": "Amazon store operator",
                }
            ]
        },
    )

    student_ref: StudentRef = Field(description="the school's reference of a student placed with your enterprise")
    placement_id: uuid.UUID | None = Field(
        default=None, description="the placement the hire follows; absent: the student's latest with you"
    )
    kind: HireKind = Field(description="return_offer (留用 offer after the internship) or hired")
    on: Date = Field(description="the day of the offer or hire: not in the future, not before the placement's start")
    position_title: Annotated[Text, Field(min_length=1, max_length=200)] | None = None

    def to_command(self) -> RecordHire:
        return RecordHire(**self.model_dump())


class HireRead(BaseModel):
    id: uuid.UUID
    enterprise_org: str
    school_org: str
    student_ref: str
    agreement_id: uuid.UUID
    placement_id: uuid.UUID | None
    kind: HireKind
    on: date
    position_title: str | None
    recorded_by: str
    recorded_at: datetime

    @classmethod
    def of(cls, h: Hire) -> HireRead:
        return cls(**{n: getattr(h, n) for n in cls.model_fields})


class HirePage(Page[HireRead]):
    pass


class ProgrammeKey(BaseModel):
    """Which programme (the gRPC request's cohort; REST validates the path with the same type)."""

    cohort: Cohort


class ProgrammeCompetencies(BaseModel):
    """The body of PUT /v1/programmes/{cohort}/competencies."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"competencies": ["platform-operation", "digital-marketing", "english"]}]},
    )

    competencies: Annotated[list[Tag], Field(min_length=1, max_length=MOST_COMPETENCIES)]


class ProgrammeSet(ProgrammeCompetencies):
    """A programme's cohort and its competencies (the REST route's path and body, the gRPC request)."""

    cohort: Cohort

    def to_command(self) -> SetProgramme:
        return SetProgramme(cohort=self.cohort, competencies=list(self.competencies))


class ProgrammeRead(BaseModel):
    school_org: str
    cohort: str
    competencies: list[str]
    set_at: datetime
    set_by: str

    @classmethod
    def of(cls, p: Programme) -> ProgrammeRead:
        return cls(**{n: getattr(p, n) for n in cls.model_fields})


class ProgrammePage(Page[ProgrammeRead]):
    pass


class YearQuery(BaseModel):
    year: StrictInt = Field(ge=FIRST_YEAR, le=LAST_YEAR)


class AlignmentRead(BaseModel):
    aligned: int = Field(description="hosted placements whose position aligns with their programme (Jaccard ≥ 0.3)")
    with_profile: int = Field(description="hosted placements whose programme has a competency profile")
    rate: Decimal | None = Field(description="aligned / with_profile, four places; null when with_profile is 0")

    @classmethod
    def of(cls, a: Alignment) -> AlignmentRead:
        return cls(aligned=a.aligned, with_profile=a.with_profile, rate=a.rate)


class AgreementValueRead(BaseModel):
    agreement_id: uuid.UUID
    school_org: str
    enterprise_org: str
    interns_hosted: int = Field(description="placements under the agreement that started (active, completed, ended)")
    interns_completed: int
    core_hours: Decimal = Field(description="approved logbook hours on core duties")
    total_hours: Decimal = Field(description="all approved logbook hours")
    core_share: Decimal | None = Field(description="core_hours / total_hours; null with no approved hours")
    projects_delivered: int = Field(description="distinct projects a team of the school completed for the enterprise")
    teams_completed: int
    guidance_sessions: int
    guidance_minutes: int
    onsite_guidance_minutes: int
    students_hired: int = Field(description="distinct students hired or given a return offer")
    return_offers: int
    hires: int
    alignment: AlignmentRead

    @classmethod
    def of(cls, v: Ledger) -> AgreementValueRead:
        fields = {n: getattr(v, n) for n in cls.model_fields if n != "alignment"}
        return cls(**fields, alignment=AlignmentRead.of(v.alignment))


class TagCountRead(BaseModel):
    tag: str
    count: int

    @classmethod
    def of(cls, t: TagCount) -> TagCountRead:
        return cls(tag=t.tag, count=t.count)


class YearOutcomesRead(BaseModel):
    school_org: str
    year: int
    placements: int = Field(description="the school's hosted placements that started in the year")
    alignment: AlignmentRead
    hired: int = Field(description="completed placements whose student the host hired or gave a return offer")
    completed: int
    ended: int = Field(description="completed or terminated")
    hire_rate: Decimal | None = Field(description="hired / completed")
    completion_rate: Decimal | None = Field(description="completed / ended")
    demanded: list[TagCountRead] = Field(description="tags of partner enterprises' positions and projects that year")
    trained: list[TagCountRead] = Field(description="tags of the school's programmes (count: programmes)")
    gaps: list[TagCountRead] = Field(description="demanded, trained by no programme")

    @classmethod
    def of(cls, o: Outcomes) -> YearOutcomesRead:
        return cls(
            school_org=o.school_org,
            year=o.year,
            placements=o.placements,
            alignment=AlignmentRead.of(o.alignment),
            hired=o.hired,
            completed=o.completed,
            ended=o.ended,
            hire_rate=o.hire_rate,
            completion_rate=o.completion_rate,
            demanded=[TagCountRead.of(t) for t in o.demanded],
            trained=[TagCountRead.of(t) for t in o.trained],
            gaps=[TagCountRead.of(t) for t in o.gaps],
        )
