"""Weekly (and monthly) narrative reports of a placement, reviewed by the placement's assigned school mentor.

The student (or the student's school on their behalf) files one report per ISO week (`period_start` is its Monday)
or per calendar month (`period_start` is its first day): a narrative, links to evidence and the position's duties it
concerns. The assigned school mentor accepts it (optionally with a score 0–100) or returns it with comments; a
returned report can be filed again and is then submitted again, an accepted one is final. The assigned mentors may
comment at any time. Who is who is decided in handlers/weekly_reports.py; the rules on the report itself live here.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum

from internships.domain.placements import Placement, PlacementStatus
from praxis_common.errors import Conflict, FieldError, Forbidden, InvalidInput

MAX_TEXT = 10_000  # characters of narrative: about four pages, more than any school's template asks for
MAX_EVIDENCE = 10  # links per report
MAX_LINK = 2_000  # characters per link
MAX_DUTIES = 20  # duty names per report
MAX_COMMENT = 2_000  # characters of a review's or a mentor's comments
# A report may be filed while the placement runs and after it ended (the last week is written after the last day).
FILING_STATES = {PlacementStatus.ACTIVE, PlacementStatus.COMPLETED}


class ReportKind(StrEnum):
    WEEKLY = "weekly"
    MONTHLY = "monthly"


class ReportStatus(StrEnum):
    SUBMITTED = "submitted"
    ACCEPTED = "accepted"
    RETURNED = "returned"


class ReportAccepted(Conflict):
    code, title = "report-accepted", "The report is accepted and final"


class ReportNotSubmitted(Conflict):
    code, title = "report-not-submitted", "Only a submitted report can be reviewed"


class PlacementNotReporting(Conflict):
    code, title = "placement-not-reporting", "Reports are filed for an active or completed placement"


@dataclass(frozen=True)
class ReportComment:
    id: uuid.UUID
    report_id: uuid.UUID
    body: str
    side: str  # "school" or "enterprise": whose assigned mentor wrote it
    author: str  # the token subject
    author_org: str
    mentor_id: uuid.UUID | None
    created_at: datetime


@dataclass(frozen=True)
class ReportChanged:
    """submitted, accepted or returned."""

    happened: str
    report: WeeklyReport
    placement: Placement


@dataclass(frozen=True)
class ReportCommented:
    report: WeeklyReport
    placement: Placement
    comment: ReportComment


@dataclass
class WeeklyReport:
    id: uuid.UUID
    placement_id: uuid.UUID
    kind: ReportKind
    period_start: date
    text: str
    evidence: list[str]
    duties: list[str]
    submitted_at: datetime
    submitted_by: str
    submitted_by_org: str
    status: ReportStatus = ReportStatus.SUBMITTED
    reviewed_at: datetime | None = None
    reviewed_by: str | None = None
    review_comments: str | None = None
    score: int | None = None
    reviewer_mentor_id: uuid.UUID | None = None
    version: int = 0
    comments: list[ReportComment] = field(default_factory=list, compare=False)
    events: list[ReportChanged | ReportCommented] = field(default_factory=list, repr=False, compare=False)

    @property
    def period_end(self) -> date:
        return period_end(self.kind, self.period_start)

    @classmethod
    def file(
        cls,
        *,
        placement: Placement,
        kind: ReportKind,
        period_start: date,
        text: str,
        evidence: list[str],
        duties: list[str],
        known_duties: set[str],
        by: str,
        by_org: str,
        now: datetime,
        existing: WeeklyReport | None = None,
    ) -> WeeklyReport:
        """File a report, or file again one that was returned (or is still waiting for its review)."""
        if placement.status not in FILING_STATES:
            raise PlacementNotReporting(
                f"reports are filed for an active or completed placement; this one is {placement.status}"
            )
        if existing is not None and existing.status is ReportStatus.ACCEPTED:
            raise ReportAccepted(f"the {kind} report of {period_start} is accepted; it can no longer be changed")
        _validate(placement, kind, period_start, text, duties, known_duties, today=now.date())
        duties = list(dict.fromkeys(duties))  # a duty named twice is one duty
        report = existing or cls(
            id=uuid.uuid4(),
            placement_id=placement.id,
            kind=kind,
            period_start=period_start,
            text=text,
            evidence=[],
            duties=[],
            submitted_at=now,
            submitted_by=by,
            submitted_by_org=by_org,
        )
        report.text, report.evidence, report.duties = text, list(evidence), duties
        report.submitted_at, report.submitted_by, report.submitted_by_org = now, by, by_org
        report.status = ReportStatus.SUBMITTED
        report.reviewed_at = report.reviewed_by = report.review_comments = None
        report.score = report.reviewer_mentor_id = None
        report.events.append(ReportChanged("submitted", report, placement))
        return report

    def review(
        self,
        placement: Placement,
        *,
        accept: bool,
        comments: str | None,
        score: int | None,
        by: str,
        by_org: str,
        mentor_id: uuid.UUID,
        now: datetime,
    ) -> None:
        """Accept (optionally scored) or return (with comments) a submitted report."""
        if by == self.submitted_by and by_org == self.submitted_by_org:
            raise Forbidden("nobody reviews a report they filed")
        if self.status is not ReportStatus.SUBMITTED:
            raise ReportNotSubmitted(f"the report is {self.status}; only a submitted report can be reviewed")
        problems = []
        if not accept and not comments:
            problems.append(FieldError("comments", "say why the report is returned"))
        if not accept and score is not None:
            problems.append(FieldError("score", "only an accepted report is scored"))
        if problems:
            raise InvalidInput("the review cannot be recorded", errors=problems)
        self.status = ReportStatus.ACCEPTED if accept else ReportStatus.RETURNED
        self.reviewed_at, self.reviewed_by, self.review_comments = now, by, comments
        self.score, self.reviewer_mentor_id = score, mentor_id
        self.events.append(ReportChanged(self.status.value, self, placement))

    def comment(
        self, placement: Placement, *, body: str, side: str, by: str, by_org: str, mentor_id: uuid.UUID, now: datetime
    ) -> ReportComment:
        note = ReportComment(uuid.uuid4(), self.id, body, side, by, by_org, mentor_id, now)
        self.comments.append(note)
        self.events.append(ReportCommented(self, placement, note))
        return note

    def pull_events(self) -> list[ReportChanged | ReportCommented]:
        events, self.events = self.events, []
        return events


def period_end(kind: ReportKind, start: date) -> date:
    if kind is ReportKind.WEEKLY:
        return start + timedelta(days=6)
    following = date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return following - timedelta(days=1)


def _validate(
    placement: Placement,
    kind: ReportKind,
    start: date,
    text: str,
    duties: list[str],
    known: set[str],
    *,
    today: date,
) -> None:
    problems = []
    if kind is ReportKind.WEEKLY and start.weekday() != 0:
        problems.append(FieldError("week_start", "a weekly report's week_start is the Monday that starts the week"))
    elif kind is ReportKind.MONTHLY and start.day != 1:
        problems.append(FieldError("week_start", "a monthly report's week_start is the first day of the month"))
    elif period_end(kind, start) < placement.starts_on or start > placement.ends_on:
        problems.append(
            FieldError(
                "week_start", f"the {kind} period is outside the placement ({placement.starts_on}–{placement.ends_on})"
            )
        )
    elif start > today:
        problems.append(FieldError("week_start", f"the {kind} period has not begun"))
    if not text.strip():
        problems.append(FieldError("text", "write the report"))
    for i, duty in enumerate(duties):
        if duty not in known:
            problems.append(FieldError(f"duties.{i}", f"not a duty of this position ({', '.join(sorted(known))})"))
    if problems:
        raise InvalidInput(f"the {kind} report cannot be filed", errors=problems)
