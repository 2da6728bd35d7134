"""Attendance and leave (domain/attendance.py, domain/leave.py) → integration events."""

from __future__ import annotations

from internships.domain.attendance import AnomalyFlagged, DayRecorded, WeekAttestedEvent
from internships.domain.leave import LeaveChanged
from internships.outgoing import _event, integration_event, placement_parties
from praxis.events.v1 import (
    attendance_pb2,
)
from praxis_common.events import IntegrationEvent


@integration_event.register
def _(event: DayRecorded, **context) -> IntegrationEvent:
    d, p = event.day, event.placement
    return _event(
        "attendance.day_recorded",
        "placement",
        p.id,
        attendance_pb2.AttendanceDayRecorded(
            **placement_parties(p),
            day=d.day.isoformat(),
            status=d.status.value,
            check_in=d.check_in.isoformat() if d.check_in else "",
            check_out=d.check_out.isoformat() if d.check_out else "",
            hours=str(d.hours),
            recorded_at=d.recorded_at.isoformat(),
            recorded_by=d.recorded_by,
            recorded_by_org=d.recorded_by_org,
        ),
    )


@integration_event.register
def _(event: LeaveChanged, **context) -> IntegrationEvent:
    r, p = event.request, event.placement
    return _event(
        f"leave.{event.kind}",
        "placement",
        p.id,
        attendance_pb2.LeaveRequestChanged(
            **placement_parties(p),
            leave_request_id=str(r.id),
            first_day=r.first_day.isoformat(),
            last_day=r.last_day.isoformat(),
            status=r.status.value,
            requested_by=r.requested_by,
            decided_by=r.decided_by or "",
            decided_on_behalf_of_mentor=r.decided_on_behalf,
            mentor_id=str(r.mentor_id or ""),
            occurred_at=(r.decided_at or r.requested_at).isoformat(),
        ),
    )


@integration_event.register
def _(event: WeekAttestedEvent, **context) -> IntegrationEvent:
    w, p = event.week, event.placement
    return _event(
        "attendance.week_attested",
        "placement",
        p.id,
        attendance_pb2.AttendanceWeekAttested(
            **placement_parties(p),
            week_start=w.week_start.isoformat(),
            disputed_days=[
                attendance_pb2.DisputedAttendanceDay(day=d.day.isoformat(), reason=d.reason) for d in w.disputed_days
            ],
            present_days=w.present_days,
            present_hours=str(w.present_hours),
            attested_at=w.attested_at.isoformat(),
            attested_by=w.attested_by,
            on_behalf_of_mentor=w.attested_on_behalf,
            mentor_id=str(w.mentor_id or ""),
            revision=w.revision,
        ),
    )


@integration_event.register
def _(event: AnomalyFlagged, **context) -> IntegrationEvent:
    w, p = event.week, event.placement
    return _event(
        "attendance.anomaly_flagged",
        "placement",
        p.id,
        attendance_pb2.AttendanceAnomalyFlagged(
            **placement_parties(p),
            week_start=w.week_start.isoformat(),
            present_hours=str(w.present_hours),
            logbook_hours=str(w.logbook_hours),
            flagged_at=w.attested_at.isoformat(),
        ),
    )
