"""Response bodies of the reports (over the caller's own organisation)."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal

from pydantic import BaseModel, Field

from mentors.schemas.assignments import AssignmentRead
from mentors.schemas.mentors import QualificationRead
from praxis_common.pages import Page


class RuleRead(BaseModel):
    min_months: int = Field(description="30-day months of enterprise practice needed ...")
    window_years: int = Field(description="... within this many years")
    certificates: list[str] = Field(description="... or one of these certificates, valid today")


class DualQualifiedMentor(BaseModel):
    mentor_id: uuid.UUID
    display_name: str
    qualification: QualificationRead


class DualQualifiedReportRead(BaseModel):
    school_org: str
    as_of: date
    rule: RuleRead
    mentors_total: int = Field(description="active school mentors")
    dual_qualified: int
    ratio: Decimal | None = Field(description="dual_qualified / mentors_total; null without mentors")
    mentors: list[DualQualifiedMentor] = Field(description="the list behind the ratio")


class MentorLoad(BaseModel):
    mentor_id: uuid.UUID
    display_name: str
    kind: str
    active: bool
    capacity: int
    load: int
    free_seats: int


class LoadReportRead(BaseModel):
    org: str
    total_capacity: int = Field(description="of active mentors")
    total_load: int
    utilisation: Decimal | None
    by_load: dict[int, int] = Field(description="active mentees → how many active mentors have that many")
    buckets: dict[str, int] = Field(description="active mentors: idle, partly, full, no-capacity")
    mentors: list[MentorLoad]


class MentorGuidanceRead(BaseModel):
    mentor_id: uuid.UUID
    display_name: str
    side: str
    org: str
    sessions: int
    onsite_sessions: int
    minutes: int
    confirmed_sessions: int
    students: int = Field(description="distinct students guided in the period")
    current_mentees: int
    sessions_per_30_days: Decimal


class StudentGuidanceRead(BaseModel):
    school_org: str
    student_ref: str
    sessions: int
    onsite_sessions: int
    minutes: int
    last_held_on: date | None
    sessions_per_30_days: Decimal


class GuidanceReportRead(BaseModel):
    org: str
    from_date: date = Field(alias="from")
    to_date: date = Field(alias="to")
    per_mentor: list[MentorGuidanceRead]
    per_student: list[StudentGuidanceRead]


class PendingReportRead(Page[AssignmentRead]):
    """The counts of assignments waiting for a mentor, and a page of them (`items`), oldest first."""

    org: str
    total: int
    by_side: dict[str, int]
    oldest_since: datetime | None
