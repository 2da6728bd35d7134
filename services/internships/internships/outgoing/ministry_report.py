"""The monthly ministry report (domain/ministry_report.py) → integration events."""

from __future__ import annotations

from internships.domain.ministry_report import ReportDownloaded
from internships.outgoing import _event, integration_event
from praxis.events.v1 import (
    ministry_pb2,
)
from praxis_common.events import IntegrationEvent


@integration_event.register
def _(event: ReportDownloaded, **context) -> IntegrationEvent:
    return _event(
        "ministry_report.downloaded",
        "ministry_report",
        f"{event.school_org}/{event.month}",
        ministry_pb2.MinistryReportDownloaded(
            download_id=str(event.download_id),
            school_org=event.school_org,
            month=str(event.month),
            format=event.fmt,
            placements=event.placements,
            sha256=event.sha256,
            downloaded_by=event.by,
            downloaded_at=event.at.isoformat(),
        ),
    )
