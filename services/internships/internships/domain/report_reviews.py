"""What the review reports over weekly reports hold: a teacher's queue with waiting times, review rates per teacher
and per school, and the placements short of the minimum count of accepted weekly reports (the queries:
adapters/weekly_reports.py)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

# 校友邦's deployments require at least 12 accepted weekly reports per student; the programme requirements of the
# school replace this default once they exist.
DEFAULT_MINIMUM_REPORTS = 12


@dataclass(frozen=True)
class PendingReport:
    report_id: uuid.UUID
    placement_id: uuid.UUID
    student_ref: str
    kind: str
    period_start: date
    submitted_at: datetime
    mentor_id: uuid.UUID | None  # the placement's assigned school mentor; None while none is assigned
    mentor_account: str | None

    def waiting_hours(self, now: datetime) -> Decimal:
        return (Decimal((now - self.submitted_at).total_seconds()) / 3600).quantize(Decimal("0.1"))


@dataclass(frozen=True)
class TeacherQueue:
    mentor_id: uuid.UUID | None
    mentor_account: str | None
    pending: int
    oldest_waiting_hours: Decimal


@dataclass(frozen=True)
class ReviewRate:
    """Reports filed (each report once, whatever its history) and how many have a decision."""

    mentor_id: uuid.UUID | None
    mentor_account: str | None
    filed: int
    accepted: int
    returned: int
    pending: int

    @property
    def reviewed(self) -> int:
        return self.accepted + self.returned

    @property
    def rate(self) -> Decimal | None:
        return (Decimal(self.reviewed) / self.filed).quantize(Decimal("0.0001")) if self.filed else None


@dataclass(frozen=True)
class Shortfall:
    placement_id: uuid.UUID
    student_ref: str
    status: str
    starts_on: date
    ends_on: date
    accepted: int
    filed: int
    minimum: int

    @property
    def missing(self) -> int:
        return max(self.minimum - self.accepted, 0)


def teacher_queues(pending: list[PendingReport], now: datetime) -> list[TeacherQueue]:
    """Pending reports per assigned school mentor (unassigned ones together), longest waiting first."""
    groups: dict[uuid.UUID | None, list[PendingReport]] = {}
    for p in pending:
        groups.setdefault(p.mentor_id, []).append(p)
    queues = [
        TeacherQueue(
            mentor_id,
            reports[0].mentor_account,
            len(reports),
            max(r.waiting_hours(now) for r in reports),
        )
        for mentor_id, reports in groups.items()
    ]
    return sorted(queues, key=lambda q: (-q.oldest_waiting_hours, str(q.mentor_id)))
