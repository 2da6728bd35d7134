"""Request and response bodies of the internship course (programme requirements, amendments, progress), shared by
REST and gRPC."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictInt, StringConstraints

from internships.domain.course import (
    CHINESE_NAME,
    InternshipMode,
    InternshipType,
    OrganisationForm,
    ProgrammeRequirement,
)
from internships.handlers.course import AmendPlacement, PlacementProgress, SetRequirement
from praxis_common.errors import FieldError, InvalidInput
from praxis_common.validation import Date, Text
from praxis_evaluation import Band

TYPE_DOC = "; ".join(f"{t.value} ({CHINESE_NAME[t]})" for t in InternshipType)
Cohort = Annotated[str, StringConstraints(min_length=1, max_length=16, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")]


class CourseFields(BaseModel):
    """A placement's course fields, each optional (booking: the defaults apply)."""

    internship_type: InternshipType | None = Field(default=None, description=f"default post_internship; {TYPE_DOC}")
    organisation_form: OrganisationForm | None = Field(default=None, description="default dispersed")
    internship_mode: InternshipMode | None = Field(default=None, description="default on_site")
    cohort: Cohort | None = Field(default=None, description="the student's enrolment cohort, e.g. 2023")

    def course(self) -> dict:
        """The fields given, as the domain takes them (enum values as strings)."""
        return {
            name: getattr(self, name).value if hasattr(getattr(self, name), "value") else getattr(self, name)
            for name in CourseFields.model_fields
            if getattr(self, name) is not None
        }


class PlacementAmend(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"starts_on": "2027-03-08", "ends_on": "2027-06-30"},
                {"internship_type": "graduation_internship", "cohort": "2023"},
            ]
        },
    )

    starts_on: Date | None = None
    ends_on: Date | None = None
    internship_type: InternshipType | None = Field(default=None, description=TYPE_DOC)
    organisation_form: OrganisationForm | None = None
    internship_mode: InternshipMode | None = None
    cohort: Cohort | None = Field(default=None, description="null clears it")

    def to_command(self) -> AmendPlacement:
        """The fields sent (an explicit null clears the cohort; the others cannot be null)."""
        changes, nulls = {}, []
        for name in sorted(self.model_fields_set):
            value = getattr(self, name)
            if value is None and name != "cohort":
                nulls.append(FieldError(name, "cannot be cleared"))
            changes[name] = value.value if hasattr(value, "value") else value
        if nulls:
            raise InvalidInput("only the cohort can be cleared", errors=nulls)
        return AmendPlacement(changes)


class BandIn(BaseModel):
    """A band of a custom grade scale: the grade and the lowest total that earns it."""

    model_config = ConfigDict(extra="forbid")

    grade: Annotated[Text, StringConstraints(min_length=1, max_length=16, strip_whitespace=True)]
    min_total: Annotated[Decimal, Field(ge=0, le=100, max_digits=5, decimal_places=2)]


class RequirementIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"required_hours": "480", "min_weeks": 12, "min_weekly_reports": 12}]},
    )

    required_hours: Annotated[Decimal, Field(ge=0, le=10000, max_digits=7, decimal_places=2)] = Field(
        description="approved logbook hours the placement must reach"
    )
    min_weeks: Annotated[StrictInt, Field(ge=0, le=104)] = Field(description="weeks with an approved logbook")
    min_weekly_reports: Annotated[StrictInt, Field(ge=0, le=104)] = 0
    pass_mark: Annotated[Decimal, Field(ge=0, le=100, max_digits=5, decimal_places=2)] = Field(
        default=Decimal(60), description="the lowest weighted total (0–100) that passes"
    )
    credits: Annotated[Decimal, Field(ge=0, le=100, max_digits=5, decimal_places=2)] = Field(
        default=Decimal(0), description="credits a passed placement earns (0 if it fails)"
    )
    grade_scale: Literal["five_level", "letter", "custom"] = Field(
        default="five_level", description="five_level (优/良/中/及格/不及格), letter (A–F), or custom with grade_bands"
    )
    grade_bands: list[BandIn] | None = Field(
        default=None, max_length=20, description="custom only: bands highest first, the last from 0"
    )

    def bands(self) -> tuple[Band, ...] | None:
        return None if self.grade_bands is None else tuple(Band(b.grade, b.min_total) for b in self.grade_bands)


class RequirementKey(BaseModel):
    """The {internship_type} of the route and its ?cohort= (absent: the type's default)."""

    model_config = ConfigDict(extra="forbid")

    internship_type: InternshipType
    cohort: Cohort | None = None

    def to_command(self, body: RequirementIn) -> SetRequirement:
        return SetRequirement(
            self.internship_type,
            self.cohort,
            body.required_hours,
            body.min_weeks,
            body.min_weekly_reports,
            pass_mark=body.pass_mark,
            credits=body.credits,
            grade_scale=body.grade_scale,
            grade_bands=body.bands(),
        )


class BandRead(BaseModel):
    grade: str
    min_total: Decimal


class RequirementRead(BaseModel):
    internship_type: InternshipType
    cohort: str | None = Field(description="null: the type's default, for every cohort without its own")
    required_hours: Decimal
    min_weeks: int
    min_weekly_reports: int
    set_at: datetime
    set_by: str
    pass_mark: Decimal
    credits: Decimal
    grade_scale: str = Field(description="five_level, letter or custom")
    grade_bands: list[BandRead] = Field(description="the scale's bands, highest first (named scales too)")

    @classmethod
    def of(cls, r: ProgrammeRequirement) -> RequirementRead:
        return cls(
            internship_type=r.internship_type,
            cohort=r.cohort,
            required_hours=r.required_hours,
            min_weeks=r.min_weeks,
            min_weekly_reports=r.min_weekly_reports,
            set_at=r.set_at,
            set_by=r.set_by,
            pass_mark=r.pass_mark,
            credits=r.credits,
            grade_scale=r.grade_scale,
            grade_bands=[BandRead(grade=b.grade, min_total=b.min_total) for b in r.bands],
        )


class RequirementList(BaseModel):
    requirements: list[RequirementRead] = Field(description="at most one per type and cohort: not paginated")


class ProgressRead(BaseModel):
    placement_id: uuid.UUID
    internship_type: str
    cohort: str | None
    starts_on: date
    ends_on: date
    requirement: RequirementRead | None = Field(description="the cohort's, else the type's default, else null")
    approved_hours: Decimal
    approved_weeks: int = Field(description="weeks with an approved logbook")
    weekly_reports: int | None = Field(description="accepted weekly reports")
    hours_percent: Decimal | None
    weeks_percent: Decimal | None
    reports_percent: Decimal | None
    status: str = Field(description="no_requirement, not_started, on_track, reached, ended_short or closed")
    short_of: dict[str, str] = Field(description="what is missing: hours, weeks, weekly_reports")
    hours_milestone: int = Field(description="the last milestone of approved hours reached: 0, 50 or 100 (%)")

    @classmethod
    def of(cls, found: PlacementProgress) -> ProgressRead:
        p, g = found.placement, found.progress
        return cls(
            placement_id=p.id,
            internship_type=p.internship_type,
            cohort=p.cohort,
            starts_on=p.starts_on,
            ends_on=p.ends_on,
            requirement=RequirementRead.of(g.requirement) if g.requirement else None,
            approved_hours=g.approved_hours,
            approved_weeks=g.approved_weeks,
            weekly_reports=g.weekly_reports,
            hours_percent=g.hours_percent,
            weeks_percent=g.weeks_percent,
            reports_percent=g.reports_percent,
            status=g.status.value,
            short_of=g.short_of,
            hours_milestone=p.hours_milestone,
        )
