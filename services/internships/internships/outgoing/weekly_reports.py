"""Weekly and monthly reports (domain/weekly_reports.py) → integration events."""

from __future__ import annotations

from internships.domain.weekly_reports import ReportChanged, ReportCommented
from internships.outgoing import _event, integration_event, placement_parties
from praxis.events.v1 import (
    weekly_reports_pb2,
)
from praxis_common.events import IntegrationEvent


@integration_event.register
def _(event: ReportChanged, **context) -> IntegrationEvent:
    r, p = event.report, event.placement
    reviewed = event.happened != "submitted"
    return _event(
        f"weekly_report.{event.happened}",
        "weekly_report",
        r.id,
        weekly_reports_pb2.WeeklyReportChanged(
            report_id=str(r.id),
            **placement_parties(p),
            kind=r.kind.value,
            period_start=r.period_start.isoformat(),
            status=r.status.value,
            occurred_at=(r.reviewed_at if reviewed else r.submitted_at).isoformat(),
            actor=(r.reviewed_by if reviewed else r.submitted_by) or "",
            score=r.score,
            mentor_id=str(r.reviewer_mentor_id or ""),
            duties=r.duties,
        ),
    )


@integration_event.register
def _(event: ReportCommented, **context) -> IntegrationEvent:
    r, p, c = event.report, event.placement, event.comment
    return _event(
        "weekly_report.commented",
        "weekly_report",
        r.id,
        weekly_reports_pb2.WeeklyReportCommented(
            report_id=str(r.id),
            **placement_parties(p),
            kind=r.kind.value,
            period_start=r.period_start.isoformat(),
            comment_id=str(c.id),
            side=c.side,
            author=c.author,
            mentor_id=str(c.mentor_id or ""),
            commented_at=c.created_at.isoformat(),
        ),
    )
