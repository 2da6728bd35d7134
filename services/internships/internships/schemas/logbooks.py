"""Request and response bodies of placement logbooks (filing and reviewing weeks), shared by REST and gRPC."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StrictBool

from internships.domain.logbooks import LogbookWeek, LogLine
from internships.handlers.logbooks import Logbook
from praxis_common.feeds import ChangePage
from praxis_common.validation import Date, Text


class LogLineIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    day: Date
    duty: Annotated[Text, Field(min_length=1, max_length=200, description="one of the position's duties")]
    hours: Annotated[Decimal, Field(gt=0, le=24, max_digits=4, decimal_places=2)]
    start: time | None = Field(default=None, description="when work began (with `end`; checked for night work)")
    end: time | None = None


class LogbookWeekIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "lines": [
                        {"day": "2027-03-01", "duty": "listings", "hours": "6", "start": "09:00", "end": "16:00"},
                        {"day": "2027-03-01", "duty": "customer chat", "hours": "1.5"},
                    ]
                }
            ]
        },
    )

    lines: Annotated[list[LogLineIn], Field(min_length=1, max_length=100)]

    def to_command(self) -> list[LogLine]:
        """The week's lines as the file_week use case takes them (its command is the list)."""
        return [LogLine(ln.day, ln.duty, ln.hours, ln.start, ln.end) for ln in self.lines]


class ReviewIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"comments": "Tuesday was a holiday"}, {"on_behalf_of_mentor": True, "comments": "mentor ill"}]
        },
    )

    comments: Annotated[Text, Field(min_length=1, max_length=2000)] | None = Field(
        default=None, description="optional to approve, required to return (the same name as a project review's)"
    )
    on_behalf_of_mentor: StrictBool = Field(
        default=False,
        description="the enterprise's admin or HR reviews for the placement's assigned mentor (recorded on the week)",
    )


class LogbookWeekRead(BaseModel):
    week_start: date
    status: str
    lines: list[LogLineIn]
    total_hours: Decimal
    core_hours: Decimal
    submitted_at: datetime
    submitted_by: str
    reviewed_at: datetime | None
    reviewed_by: str | None
    comments: str | None = Field(description="the reviewer's comments")
    reviewed_on_behalf: bool = Field(description="the enterprise's admin or HR reviewed for the assigned mentor")
    reviewer_mentor_id: uuid.UUID | None = Field(description="the assigned mentor who reviewed (or was acted for)")

    @classmethod
    def of(cls, w: LogbookWeek) -> LogbookWeekRead:
        return cls(
            **{n: getattr(w, n) for n in cls.model_fields if n not in ("lines", "comments")},
            comments=w.comment,
            lines=[LogLineIn.model_validate(ln, from_attributes=True) for ln in w.lines],
        )


class LogbookRead(BaseModel):
    placement_id: uuid.UUID
    weeks: list[LogbookWeekRead]
    approved_hours: Decimal
    approved_core_hours: Decimal
    core_work_share: Decimal | None = Field(description="approved core hours / approved hours; null before any")
    enterprise_mentor_id: uuid.UUID | None = Field(
        description="the enterprise mentor the mentors service assigned, who reviews the weeks; null until one is"
    )

    @classmethod
    def of(cls, book: Logbook) -> LogbookRead:
        return cls(
            placement_id=book.placement.id,
            weeks=[LogbookWeekRead.of(w) for w in book.weeks],
            approved_hours=book.approved_hours,
            approved_core_hours=book.approved_core_hours,
            core_work_share=book.core_work_share,
            enterprise_mentor_id=book.enterprise_mentor_id,
        )


class Week(BaseModel):
    """The {week} of the logbook routes: an ISO date (the domain checks it is a Monday)."""

    model_config = ConfigDict(extra="forbid")

    week_start: Date


class LogbookWeekChanges(ChangePage[LogbookWeekRead]):
    """A logbook's weeks changed since a cursor (`updated_since`), oldest change first."""
