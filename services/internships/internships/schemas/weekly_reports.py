"""Request and response bodies of weekly reports and their review reports, shared by REST and gRPC."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictInt

from internships.domain.report_reviews import PendingReport, ReviewRate, Shortfall, TeacherQueue
from internships.domain.weekly_reports import (
    MAX_COMMENT,
    MAX_DUTIES,
    MAX_EVIDENCE,
    MAX_LINK,
    MAX_TEXT,
    ReportComment,
    ReportKind,
    WeeklyReport,
)
from internships.handlers.report_reviews import ReviewQueue, ReviewRates
from internships.handlers.weekly_reports import CommentReport, FileReport, PlacementReports, ReviewReport
from praxis_common.validation import Date, Text

# https only (evidence is opened by teachers' browsers: no http, javascript:, data: or file: links), a host, no
# whitespace or control characters.
HTTPS_LINK = r"^https://[^\s/?#@\x00-\x1f\x7f]+([/?#][^\s\x00-\x1f\x7f]*)?$"
Link = Annotated[str, Field(min_length=9, max_length=MAX_LINK, pattern=HTTPS_LINK, description="an https URL")]
Kind = Annotated[
    Literal["weekly", "monthly"],
    Field(description="weekly: week_start is the week's Monday; monthly: week_start is the month's first day"),
]


class WeeklyReportIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "text": "Listed 40 products on the Amazon store and answered buyers' questions.",
                    "evidence": ["https://drive.example.com/listings-week-9"],
                    "duties": ["listings"],
                },
                {"kind": "monthly", "text": "March: took over the store's listings and ran the first campaign."},
            ]
        },
    )

    kind: Kind = "weekly"
    text: Annotated[Text, Field(min_length=1, max_length=MAX_TEXT, description=f"at most {MAX_TEXT} characters")]
    evidence: Annotated[list[Link], Field(max_length=MAX_EVIDENCE)] = []
    duties: Annotated[
        list[Annotated[Text, Field(min_length=1, max_length=200)]],
        Field(max_length=MAX_DUTIES, description="names of the position's duties the report concerns"),
    ] = []

    def to_command(self, week_start: date) -> FileReport:
        return FileReport(ReportKind(self.kind), week_start, self.text, list(self.evidence), list(self.duties))


class WeeklyReportReviewIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"decision": "accepted", "score": 85},
                {"decision": "returned", "comments": "Say what you did on the campaign, not what the team did."},
            ]
        },
    )

    kind: Kind = "weekly"
    decision: Literal["accepted", "returned"]
    comments: Annotated[Text, Field(min_length=1, max_length=MAX_COMMENT)] | None = Field(
        default=None, description="optional to accept, required to return"
    )
    score: Annotated[StrictInt, Field(ge=0, le=100)] | None = Field(default=None, description="0–100, to accept")

    def to_command(self, week_start: date) -> ReviewReport:
        return ReviewReport(ReportKind(self.kind), week_start, self.decision == "accepted", self.comments, self.score)


class WeeklyReportCommentIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"text": "He also trained the new intern this week."}]}
    )

    kind: Kind = "weekly"
    text: Annotated[Text, Field(min_length=1, max_length=MAX_COMMENT)]

    def to_command(self, week_start: date) -> CommentReport:
        return CommentReport(ReportKind(self.kind), week_start, self.text)


class WeeklyReportCommentRead(BaseModel):
    id: uuid.UUID
    body: str
    side: str = Field(description="school or enterprise: whose assigned mentor wrote it")
    author: str
    mentor_id: uuid.UUID | None
    created_at: datetime

    @classmethod
    def of(cls, c: ReportComment) -> WeeklyReportCommentRead:
        return cls(**{n: getattr(c, n) for n in cls.model_fields})


class WeeklyReportRead(BaseModel):
    id: uuid.UUID
    placement_id: uuid.UUID
    kind: str
    period_start: date
    period_end: date
    text: str
    evidence: list[str]
    duties: list[str]
    status: str = Field(description="submitted, accepted or returned")
    submitted_at: datetime
    submitted_by: str
    reviewed_at: datetime | None
    reviewed_by: str | None
    review_comments: str | None
    score: int | None
    reviewer_mentor_id: uuid.UUID | None
    comments: list[WeeklyReportCommentRead] = Field(description="the assigned mentors' comments, oldest first")

    @classmethod
    def of(cls, r: WeeklyReport) -> WeeklyReportRead:
        return cls(
            **{n: getattr(r, n) for n in cls.model_fields if n != "comments"},
            comments=[WeeklyReportCommentRead.of(c) for c in r.comments],
        )


class WeeklyReportsRead(BaseModel):
    placement_id: uuid.UUID
    reports: list[WeeklyReportRead]
    weekly_accepted: int
    weekly_filed: int
    school_mentor_id: uuid.UUID | None = Field(
        description="the school mentor the mentors service assigned, who reviews; null until one is"
    )

    @classmethod
    def of(cls, r: PlacementReports) -> WeeklyReportsRead:
        return cls(
            placement_id=r.placement.id,
            reports=[WeeklyReportRead.of(x) for x in r.reports],
            weekly_accepted=r.weekly_accepted,
            weekly_filed=r.weekly_filed,
            school_mentor_id=r.school_mentor_id,
        )


class PendingWeeklyReportRead(BaseModel):
    report_id: uuid.UUID
    placement_id: uuid.UUID
    student_ref: str
    kind: str
    period_start: date
    submitted_at: datetime
    waiting_hours: Decimal
    mentor_id: uuid.UUID | None
    mentor_account: str | None

    @classmethod
    def of(cls, p: PendingReport, now: datetime) -> PendingWeeklyReportRead:
        return cls(**vars(p), waiting_hours=p.waiting_hours(now))


class TeacherQueueRead(BaseModel):
    mentor_id: uuid.UUID | None = Field(description="null: placements without an assigned school mentor")
    mentor_account: str | None
    pending: int
    oldest_waiting_hours: Decimal

    @classmethod
    def of(cls, q: TeacherQueue) -> TeacherQueueRead:
        return cls(**vars(q))


class ReviewQueueRead(BaseModel):
    pending: list[PendingWeeklyReportRead] = Field(description="oldest first")
    teachers: list[TeacherQueueRead] = Field(description="per teacher, for the school's admins and coordinators")

    @classmethod
    def of(cls, q: ReviewQueue) -> ReviewQueueRead:
        return cls(
            pending=[PendingWeeklyReportRead.of(p, q.now) for p in q.pending],
            teachers=[TeacherQueueRead.of(t) for t in q.teachers],
        )


class ReviewRateRead(BaseModel):
    mentor_id: uuid.UUID | None
    mentor_account: str | None
    filed: int
    accepted: int
    returned: int
    pending: int
    rate: Decimal | None = Field(description="(accepted + returned) / filed; null when nothing was filed")

    @classmethod
    def of(cls, r: ReviewRate) -> ReviewRateRead:
        return cls(**vars(r), rate=r.rate)


class ReviewRatesRead(BaseModel):
    teachers: list[ReviewRateRead] = Field(description="per assigned school mentor (mentor_id null: none assigned)")
    school: ReviewRateRead

    @classmethod
    def of(cls, r: ReviewRates) -> ReviewRatesRead:
        return cls(teachers=[ReviewRateRead.of(t) for t in r.teachers], school=ReviewRateRead.of(r.school))


class ShortfallRead(BaseModel):
    placement_id: uuid.UUID
    student_ref: str
    status: str
    starts_on: date
    ends_on: date
    accepted: int
    filed: int
    minimum: int = Field(description="accepted weekly reports this placement needs")
    missing: int

    @classmethod
    def of(cls, s: Shortfall) -> ShortfallRead:
        return cls(**{n: getattr(s, n) for n in cls.model_fields})


class ShortfallsRead(BaseModel):
    minimum: int | None = Field(description="the minimum asked for; null: each placement's programme minimum")
    placements: list[ShortfallRead]


class WeekStart(BaseModel):
    """The {week_start} of the weekly report routes (the domain checks the day for the kind)."""

    model_config = ConfigDict(extra="forbid")

    week_start: Date


class MinimumIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    minimum: Annotated[StrictInt, Field(ge=1, le=100)] | None = None
