"""gRPC AttendanceService: protobuf → schemas.attendance → the same handlers as REST → protobuf."""

from __future__ import annotations

from internships.domain.attendance import AttendanceDay, AttendanceWeek, DayStatus
from internships.domain.attendance_summary import AttendanceSummary
from internships.domain.leave import LeaveRequest, LeaveStatus
from internships.handlers import attendance as handlers
from internships.handlers import attendance_reports as reports
from internships.rpc.messages import Servicer, decimal, ts
from internships.schemas.attendance import (
    AttendanceDayIn,
    AttestationIn,
    Day,
    LeaveDecisionIn,
    LeaveRequestIn,
    WeekStart,
)
from praxis.internships.v1 import attendance_pb2 as pb
from praxis.internships.v1 import attendance_pb2_grpc as pb_grpc
from praxis_common import rpc
from praxis_common.pages import page_size
from praxis_common.rpc import principal
from praxis_common.validation import parse_uuid, validate

_DAY_TO_PB = {s: getattr(pb, f"ATTENDANCE_DAY_STATUS_{s.name}") for s in DayStatus}
_DAY_FROM_PB = {v: k.value for k, v in _DAY_TO_PB.items()}
_LEAVE_TO_PB = {s: getattr(pb, f"LEAVE_REQUEST_STATUS_{s.name}") for s in LeaveStatus}


def day_to_pb(d: AttendanceDay) -> pb.AttendanceDay:
    return pb.AttendanceDay(
        day=d.day.isoformat(),
        status=_DAY_TO_PB[d.status],
        check_in=ts(d.check_in),
        check_out=ts(d.check_out),
        hours=str(d.hours),
        reason=d.reason or "",
        leave_request_id=str(d.leave_request_id or ""),
        recorded_at=ts(d.recorded_at),
        recorded_by=d.recorded_by,
    )


def week_to_pb(w: AttendanceWeek) -> pb.AttendanceWeek:
    return pb.AttendanceWeek(
        week_start=w.week_start.isoformat(),
        attested_at=ts(w.attested_at),
        attested_by=w.attested_by,
        attested_on_behalf=w.attested_on_behalf,
        mentor_id=str(w.mentor_id or ""),
        disputed_days=[pb.DisputedDay(day=d.day.isoformat(), reason=d.reason) for d in w.disputed_days],
        present_days=w.present_days,
        present_hours=str(w.present_hours),
        logbook_hours=decimal(w.logbook_hours),
        anomaly=w.anomaly,
        revision=w.revision,
    )


def leave_to_pb(r: LeaveRequest) -> pb.LeaveRequest:
    return pb.LeaveRequest(
        id=str(r.id),
        placement_id=str(r.placement_id),
        first_day=r.first_day.isoformat(),
        last_day=r.last_day.isoformat(),
        reason=r.reason,
        status=_LEAVE_TO_PB[r.status],
        requested_at=ts(r.requested_at),
        requested_by=r.requested_by,
        decided_at=ts(r.decided_at),
        decided_by=r.decided_by or "",
        comments=r.comment or "",
        decided_on_behalf=r.decided_on_behalf,
        mentor_id=str(r.mentor_id or ""),
    )


def summary_to_pb(s: AttendanceSummary) -> pb.AttendanceSummary:
    return pb.AttendanceSummary(
        expected_days=s.expected_days,
        present_days=s.present_days,
        absent_days=s.absent_days,
        leave_days=s.leave_days,
        unrecorded_days=s.unrecorded_days,
        disputed_days=s.disputed_days,
        attested_weeks=s.attested_weeks,
        attendance_rate=decimal(s.rate),
    )


def _page(request) -> reports.ReportPage:
    return reports.ReportPage(page_size(request.page_size), request.page_token or None)


class AttendanceServicer(Servicer, pb_grpc.AttendanceServiceServicer):
    """praxis.internships.v1.AttendanceService."""

    async def RecordAttendanceDay(self, request: pb.RecordAttendanceDayRequest, context):
        placement_id = parse_uuid(request.placement_id, "placement_id")
        day = validate(Day, {"day": request.day}).day
        body = validate(
            AttendanceDayIn,
            {  # proto3: "" (and the unspecified status) is "not given"
                "status": _DAY_FROM_PB.get(request.status),
                "check_in": request.check_in or None,
                "check_out": request.check_out or None,
                "reason": request.reason or None,
            },
        )
        recorded = await handlers.record_day(
            body.to_command(placement_id, day), principal(), uow=self.rt.uow, clock=self.rt.clock
        )
        return pb.RecordAttendanceDayResponse(day=day_to_pb(recorded))

    async def GetAttendance(self, request: pb.GetAttendanceRequest, context):
        a = await handlers.get_attendance(
            parse_uuid(request.placement_id, "placement_id"), principal(), uow=self.rt.uow, clock=self.rt.clock
        )
        return pb.GetAttendanceResponse(
            placement_id=str(a.placement.id),
            days=[day_to_pb(d) for d in a.days],
            weeks=[week_to_pb(w) for w in a.weeks],
            leave_requests=[leave_to_pb(r) for r in a.leave_requests],
            summary=summary_to_pb(a.summary),
            enterprise_mentor_id=str(a.enterprise_mentor_id or ""),
        )

    async def AttestAttendanceWeek(self, request: pb.AttestAttendanceWeekRequest, context):
        placement_id = parse_uuid(request.placement_id, "placement_id")
        week = validate(WeekStart, {"week_start": request.week_start}).week_start
        body = validate(
            AttestationIn,
            {
                "disputed_days": [{"day": d.day, "reason": d.reason} for d in request.disputed_days],
                "on_behalf_of_mentor": request.on_behalf_of_mentor,
            },
        )
        attested = await handlers.attest_week(
            body.to_command(placement_id, week), principal(), uow=self.rt.uow, clock=self.rt.clock
        )
        return pb.AttestAttendanceWeekResponse(week=week_to_pb(attested))

    async def RequestLeave(self, request: pb.RequestLeaveRequest, context):
        placement_id = parse_uuid(request.placement_id, "placement_id")
        body = validate(
            LeaveRequestIn, {"first_day": request.first_day, "last_day": request.last_day, "reason": request.reason}
        )

        async def ask(uow):
            made = await handlers.request_leave(
                body.to_command(placement_id), principal(), uow=uow, clock=self.rt.clock
            )
            return pb.RequestLeaveResponse(leave_request=leave_to_pb(made))

        return await rpc.created(context, self.rt.uow, request, ask, pb.RequestLeaveResponse)

    async def GetLeaveRequest(self, request: pb.GetLeaveRequestRequest, context):
        found = await handlers.get_leave_request(
            parse_uuid(request.placement_id, "placement_id"),
            parse_uuid(request.request_id, "request_id"),
            principal(),
            uow=self.rt.uow,
        )
        return pb.GetLeaveRequestResponse(leave_request=leave_to_pb(found))

    async def DecideLeaveRequest(self, request: pb.DecideLeaveRequestRequest, context):
        placement_id = parse_uuid(request.placement_id, "placement_id")
        request_id = parse_uuid(request.request_id, "request_id")
        body = validate(
            LeaveDecisionIn,
            {
                "approve": request.approve,
                "comments": request.comments or None,
                "on_behalf_of_mentor": request.on_behalf_of_mentor,
            },
        )
        decided = await handlers.decide_leave(
            body.to_command(placement_id, request_id), principal(), uow=self.rt.uow, clock=self.rt.clock
        )
        return pb.DecideLeaveRequestResponse(leave_request=leave_to_pb(decided))

    async def ListPlacementAttendance(self, request: pb.ListPlacementAttendanceRequest, context):
        items, token = await reports.attendance_report(
            _page(request), principal(), uow=self.rt.uow, clock=self.rt.clock
        )
        return pb.ListPlacementAttendanceResponse(
            placements=[
                pb.PlacementAttendance(
                    placement_id=str(i.placement.id),
                    student_ref=i.placement.student_ref,
                    school_org=i.placement.school_org,
                    enterprise_org=i.placement.enterprise_org,
                    status=i.placement.status.value,
                    summary=summary_to_pb(i.summary),
                )
                for i in items
            ],
            next_page_token=token or "",
        )

    async def ListUnattestedWeeks(self, request: pb.ListUnattestedWeeksRequest, context):
        items, token = await reports.unattested_weeks(_page(request), principal(), uow=self.rt.uow, clock=self.rt.clock)
        return pb.ListUnattestedWeeksResponse(
            weeks=[
                pb.UnattestedWeek(
                    placement_id=str(w.placement_id),
                    student_ref=w.student_ref,
                    school_org=w.school_org,
                    enterprise_org=w.enterprise_org,
                    week_start=w.week_start.isoformat(),
                )
                for w in items
            ],
            next_page_token=token or "",
        )

    async def ListAttendanceAnomalies(self, request: pb.ListAttendanceAnomaliesRequest, context):
        items, token = await reports.attendance_anomalies(_page(request), principal(), uow=self.rt.uow)
        return pb.ListAttendanceAnomaliesResponse(
            anomalies=[
                pb.AttendanceAnomaly(
                    placement_id=str(a.placement_id),
                    student_ref=a.student_ref,
                    school_org=a.school_org,
                    enterprise_org=a.enterprise_org,
                    week_start=a.week_start.isoformat(),
                    present_days=a.present_days,
                    present_hours=str(a.present_hours),
                    logbook_hours=str(a.logbook_hours),
                )
                for a in items
            ],
            next_page_token=token or "",
        )
