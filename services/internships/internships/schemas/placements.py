"""Request and response bodies of placements (booking, life-cycle actions, consent), shared by REST and gRPC."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt

from internships.domain.placements import EARLY_COMPLETION_GRACE, Placement
from internships.handlers.placements import BookPlacement
from internships.schemas.course import CourseFields
from praxis_common.feeds import ChangePage
from praxis_common.pages import Page
from praxis_common.validation import Language, PastDate, StudentRef, Tag, Text


class StudentProfile(BaseModel):
    """The minimum the school chooses to share with the enterprise; nothing else about the student."""

    model_config = ConfigDict(extra="forbid")

    display_name: Annotated[Text, Field(max_length=100)] | None = None
    programme: Annotated[Text, Field(max_length=200)] | None = None
    competencies: Annotated[list[Tag], Field(max_length=50)] = []
    languages: Annotated[list[Language], Field(max_length=20)] = []


class PlacementCreate(CourseFields):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "position_id": "5f0c2b7e-4c1d-4f57-9a0e-2b1f8d6a3c11",
                    "student_ref": "2024-ECOM-0317",
                    "profile": {
                        "display_name": "Li Wei",
                        "programme": "Cross-border e-commerce",
                        "competencies": ["platform-operation"],
                        "languages": ["zh", "en"],
                    },
                }
            ]
        },
    )

    position_id: uuid.UUID
    student_ref: StudentRef = Field(description="The school's opaque id for the student")
    profile: StudentProfile = StudentProfile()
    birth_date: PastDate | None = Field(
        default=None, description="Kept by Praxis for the age rules, never shown to the enterprise"
    )
    study_year: Annotated[StrictInt, Field(ge=1, le=10)] | None = Field(default=None, description="1 = first year")
    profile_from_roster: StrictBool = Field(
        default=False,
        description="share the profile (and study year) the school's roster holds for the student instead of `profile`"
        " (docs/imports.md); the enterprise sees what is shared, so only when asked",
    )

    def to_command(self) -> BookPlacement:
        return BookPlacement(
            self.position_id,
            self.student_ref,
            self.profile.model_dump(exclude_none=True),
            birth_date=self.birth_date,
            study_year=self.study_year,
            course=self.course(),
            profile_from_roster=self.profile_from_roster,
        )


class PlacementAction(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"reason": "moved to another city"}, {"force": True, "reason": "the store closed early"}]
        },
    )

    reason: Annotated[Text, Field(min_length=1, max_length=1000)] | None = None
    force: StrictBool = Field(
        default=False,
        description=f"complete only: completing more than {EARLY_COMPLETION_GRACE.days} days before the end date "
        "needs force with a reason",
    )


class PlacementRead(BaseModel):
    id: uuid.UUID
    position_id: uuid.UUID
    agreement_id: uuid.UUID
    school_org: str
    enterprise_org: str
    student_ref: str
    profile: dict
    status: str
    starts_on: date
    ends_on: date
    requested_at: datetime
    hold_expires_at: datetime
    decided_at: datetime | None
    started_at: datetime | None
    ended_at: datetime | None
    reason: str | None
    student_consent_at: datetime | None = Field(
        description="kept from before agreement documents (no longer written): the signatures are on "
        "GET /v1/placements/{id}/document"
    )
    guardian_consent_at: datetime | None
    forced: bool = Field(description="completed long before its end date with force; `reason` says why")
    internship_type: str = Field(description="observation, course_practice, post_internship, graduation_internship")
    organisation_form: str = Field(description="centralised or dispersed")
    internship_mode: str = Field(description="on_site, virtual or simulated")
    cohort: str | None = Field(description="the student's enrolment cohort")
    hours_milestone: int = Field(description="the last milestone of approved hours reached: 0, 50 or 100 (%)")

    @classmethod
    def of(cls, p: Placement) -> PlacementRead:
        return cls.model_validate(p, from_attributes=True)


class PlacementPage(Page[PlacementRead]):
    """A page of placements."""


class ConsentIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"guardian": True}]})

    student: StrictBool = Field(
        default=False,
        description="no longer recorded here (true is a 422): the student signs the agreement's document, "
        "POST /v1/placements/{id}/document/signatures",
    )
    guardian: StrictBool = Field(
        default=False, description="the guardian's informed consent is signed (required for minors)"
    )


class PlacementChanges(ChangePage[PlacementRead]):
    """The placements changed since a cursor (`updated_since`), oldest change first; tombstones for the others."""
