"""Request and response bodies of grades (a placement's grade, its amendment) and the school's credit ledger (list,
per-student summary, export filters), shared by REST and gRPC."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from internships.domain.credit_ledger import LedgerEntry, LedgerFilter, SourceKind, StudentTotal
from internships.domain.grades import PlacementGrade
from internships.handlers.credit_ledger import ListLedger, StudentSummary
from internships.handlers.grades import AmendGrade, GradeHistory
from praxis_common.errors import FieldError, InvalidInput
from praxis_common.pages import Page
from praxis_common.validation import Date, OrgId, StudentRef, Text

Score = Annotated[Decimal, Field(ge=0, le=100, max_digits=5, decimal_places=2)]


class GradeAmend(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"total": "78.50", "reason": "the enterprise mentor's final score arrived after completion"},
                {"grade": "及格", "reason": "make-up assessment passed on 2027-07-10"},
            ]
        },
    )

    total: Score | None = Field(default=None, description="the new total, 0–100: grade, passed and credits follow")
    grade: Annotated[Text, Field(min_length=1, max_length=16)] | None = Field(
        default=None, description="a grade on the placement's scale: it stands, and passed follows from its band"
    )
    reason: Annotated[Text, Field(min_length=1, max_length=1000)] = Field(description="why; kept in the history")

    def to_command(self) -> AmendGrade:
        if self.total is None and self.grade is None:
            raise InvalidInput(
                "give a new total, a new grade, or both", errors=[FieldError("total", "a total or a grade is needed")]
            )
        return AmendGrade(total=self.total, grade=self.grade, reason=self.reason)


class BandOut(BaseModel):
    grade: str
    min_total: Decimal


class GradeRevisionRead(BaseModel):
    revision: int = Field(description="1 at completion, then one per amendment")
    total: Decimal
    grade: str
    passed: bool
    credits: Decimal = Field(description="earned: the programme's credits if passed, else 0")
    pass_mark: Decimal
    graded_by: str = Field(description='"system" at completion, else the amending admin\'s subject')
    graded_at: datetime
    reason: str | None = Field(description="why it was amended (null at completion)")

    @classmethod
    def of(cls, g: PlacementGrade) -> GradeRevisionRead:
        return cls.model_validate(g, from_attributes=True)


class GradeRead(BaseModel):
    placement_id: uuid.UUID
    student_ref: str
    current: GradeRevisionRead
    grade_scale: str = Field(description="five_level, letter or custom: the scale the placement is graded on")
    grade_bands: list[BandOut]
    credits_of_pass: Decimal = Field(description="what the programme gives a passed placement")
    complete: bool = Field(description="every part of the scorecard was there at completion")
    missing: list[str] = Field(description="the parts missing at completion, with why")
    rubric_id: str | None = Field(description="the rubric scored on: the agreement's id, or default:<internship type>")
    rubric_version: int | None
    history: list[GradeRevisionRead] = Field(description="every revision, oldest first")

    @classmethod
    def of(cls, h: GradeHistory) -> GradeRead:
        g = h.current
        return cls(
            placement_id=h.placement.id,
            student_ref=h.placement.student_ref,
            current=GradeRevisionRead.of(g),
            grade_scale=g.grade_scale,
            grade_bands=[BandOut(grade=b.grade, min_total=b.min_total) for b in g.bands],
            credits_of_pass=g.credits_of_pass,
            complete=g.complete,
            missing=list(g.missing),
            rubric_id=g.rubric_id,
            rubric_version=g.rubric_version,
            history=[GradeRevisionRead.of(r) for r in h.revisions],
        )


class LedgerQuery(BaseModel):
    """The ledger's filters (query parameters on REST, fields on gRPC)."""

    model_config = ConfigDict(extra="forbid")

    student_ref: StudentRef | None = None
    source_kind: SourceKind | None = Field(default=None, description="placement, project or achievement")
    from_: Date | None = Field(default=None, alias="from", description="awarded on or after")
    to: Date | None = Field(default=None, description="awarded on or before")
    enterprise_org: OrgId | None = None

    def filter(self) -> LedgerFilter:
        if self.from_ is not None and self.to is not None and self.to < self.from_:
            raise InvalidInput("the period is empty", errors=[FieldError("to", "must not be before from")])
        return LedgerFilter(self.student_ref, self.source_kind, self.from_, self.to, self.enterprise_org)

    def to_command(self, page_size: int = 50, page_token: str | None = None) -> ListLedger:
        return ListLedger(self.filter(), page_size, page_token)


class LedgerEntryRead(BaseModel):
    school_org: str
    student_ref: str
    source_kind: SourceKind
    source_id: uuid.UUID = Field(description="the placement's, the project's or the achievement's id")
    title: str = Field(description="the position's, the project's or the achievement's title")
    enterprise_org: str
    credits: Decimal
    score: Decimal | None = Field(description="the weighted total, 0–100; null for achievements")
    grade: str | None = Field(description="on the school's scale (placements); null for projects and achievements")
    passed: bool
    awarded_on: date
    revision: int = Field(
        description="the grade's revision (placements), the achievement's (achievements); 1 for projects"
    )
    updated_at: datetime

    @classmethod
    def of(cls, e: LedgerEntry) -> LedgerEntryRead:
        return cls.model_validate(e, from_attributes=True)


class StudentTotalRead(BaseModel):
    student_ref: str
    credits: Decimal = Field(description="the sum of the student's entries' credits")
    entries: int
    passed: int

    @classmethod
    def of(cls, t: StudentTotal) -> StudentTotalRead:
        return cls.model_validate(t, from_attributes=True)


class LedgerPage(Page[LedgerEntryRead]):
    totals: list[StudentTotalRead] = Field(description="per student, over every entry the filters match")


class StudentSummaryRead(BaseModel):
    student_ref: str
    credits: Decimal = Field(description="the sum of the student's entries' credits")
    entry_count: int
    passed_count: int
    entries: list[LedgerEntryRead] = Field(description="every entry, in award order (a student has few)")

    @classmethod
    def of(cls, s: StudentSummary) -> StudentSummaryRead:
        return cls(
            student_ref=s.student_ref,
            credits=s.total.credits,
            entry_count=s.total.entries,
            passed_count=s.total.passed,
            entries=[LedgerEntryRead.of(e) for e in s.entries],
        )
