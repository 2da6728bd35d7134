"""REST routes for attendance attested by the enterprise (/v1/placements/{id}/attendance, …/leave-requests) and its
reports (/v1/reports/attendance, …/unattested-weeks, …/attendance-anomalies)."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Request, Response

from internships.handlers import attendance as handlers
from internships.handlers import attendance_reports as reports
from internships.schemas.attendance import (
    AnomalyPage,
    AnomalyRead,
    AttendanceDayIn,
    AttendanceDayRead,
    AttendanceRead,
    AttendanceWeekRead,
    AttestationIn,
    LeaveDecisionIn,
    LeaveRequestIn,
    LeaveRequestRead,
    PlacementAttendancePage,
    PlacementAttendanceRead,
    UnattestedWeekPage,
    UnattestedWeekRead,
)
from praxis_common.http import IdempotencyKey, PrincipalDep, created
from praxis_common.queries import PageSize, PageToken
from praxis_common.service import Runtime
from praxis_common.validation import Date

ATTESTER = "not the placement's assigned enterprise mentor, nor its enterprise's admin / HR with on_behalf_of_mentor"


def router(rt: Runtime) -> APIRouter:
    r = APIRouter(tags=["attendance"])

    @r.put(
        "/v1/placements/{placement_id}/attendance/{day}",
        operation_id="recordAttendanceDay",
        response_model=AttendanceDayRead,
        summary="Record a day's attendance (the student or their school)",
        responses={
            403: {"description": "not the student nor the student's school"},
            409: {"description": "attendance-closed, week-attested or day-on-leave (problem+json)"},
            422: {"description": "a day outside the placement or in the future, times missing or reversed"},
        },
    )
    async def record_day(placement_id: uuid.UUID, day: Date, body: AttendanceDayIn, principal: PrincipalDep):
        """Present with check-in and check-out times (local), or absent with a reason, for a day of an active
        placement up to today. A day can be corrected until the enterprise mentor attests its week."""
        return AttendanceDayRead.of(
            await handlers.record_day(body.to_command(placement_id, day), principal, uow=rt.uow, clock=rt.clock)
        )

    @r.get(
        "/v1/placements/{placement_id}/attendance",
        operation_id="getAttendance",
        response_model=AttendanceRead,
        summary="A placement's attendance, weeks and rate",
    )
    async def get(placement_id: uuid.UUID, principal: PrincipalDep) -> AttendanceRead:
        """Every recorded day, attested week and leave request, and the attendance rate (docs/attendance.md)."""
        return AttendanceRead.of(await handlers.get_attendance(placement_id, principal, uow=rt.uow, clock=rt.clock))

    @r.post(
        "/v1/placements/{placement_id}/attendance/weeks/{week_start}/attestation",
        operation_id="attestAttendanceWeek",
        response_model=AttendanceWeekRead,
        summary="Attest a week's attendance (the assigned enterprise mentor)",
        responses={
            403: {"description": ATTESTER},
            409: {"description": "attendance-closed or attestation-final (problem+json)"},
            422: {
                "description": "week_start not a Monday of the placement, the week not yet at its Friday, or a "
                "disputed day outside the week"
            },
        },
    )
    async def attest(
        placement_id: uuid.UUID, week_start: Date, principal: PrincipalDep, body: AttestationIn | None = None
    ) -> AttendanceWeekRead:
        """The whole week in one call, disputing the days the mentor does not confirm (none: all attested). A week
        can be attested again, replacing its disputes, until 14 days after its Sunday."""
        body = body or AttestationIn()
        return AttendanceWeekRead.of(
            await handlers.attest_week(body.to_command(placement_id, week_start), principal, uow=rt.uow, clock=rt.clock)
        )

    @r.post(
        "/v1/placements/{placement_id}/leave-requests",
        operation_id="requestLeave",
        status_code=201,
        response_model=LeaveRequestRead,
        summary="Request leave (the student or their school)",
        responses={409: {"description": "attendance-closed or leave-overlaps (problem+json)"}},
    )
    async def request_leave(
        request: Request,
        placement_id: uuid.UUID,
        body: LeaveRequestIn,
        principal: PrincipalDep,
        idempotency_key: IdempotencyKey = None,
    ) -> Response:
        """Days first_day..last_day within the placement; the assigned enterprise mentor decides. Send an
        Idempotency-Key to retry safely."""

        async def ask(uow):
            made = await handlers.request_leave(body.to_command(placement_id), principal, uow=uow, clock=rt.clock)
            return LeaveRequestRead.of(made), f"/v1/placements/{placement_id}/leave-requests/{made.id}"

        return await created(request, principal, rt.uow, idempotency_key, body=body, create=ask)

    @r.get(
        "/v1/placements/{placement_id}/leave-requests/{request_id}",
        operation_id="getLeaveRequest",
        response_model=LeaveRequestRead,
        summary="One leave request of a placement",
    )
    async def get_leave(placement_id: uuid.UUID, request_id: uuid.UUID, principal: PrincipalDep) -> LeaveRequestRead:
        return LeaveRequestRead.of(await handlers.get_leave_request(placement_id, request_id, principal, uow=rt.uow))

    @r.post(
        "/v1/placements/{placement_id}/leave-requests/{request_id}/decision",
        operation_id="decideLeaveRequest",
        response_model=LeaveRequestRead,
        summary="Approve or reject leave (the assigned enterprise mentor)",
        responses={
            403: {"description": ATTESTER},
            409: {"description": "leave-decided, or week-attested for an approval (problem+json)"},
            422: {"description": "a rejection without comments"},
        },
    )
    async def decide(
        placement_id: uuid.UUID, request_id: uuid.UUID, body: LeaveDecisionIn, principal: PrincipalDep
    ) -> LeaveRequestRead:
        """Approving marks the days as leave (days recorded present stay present); rejecting needs comments."""
        return LeaveRequestRead.of(
            await handlers.decide_leave(
                body.to_command(placement_id, request_id), principal, uow=rt.uow, clock=rt.clock
            )
        )

    @r.get(
        "/v1/reports/attendance",
        operation_id="getAttendanceReport",
        response_model=PlacementAttendancePage,
        summary="Attendance rate per placement of the caller's organisation",
    )
    async def report(principal: PrincipalDep, page_size: PageSize = 50, page_token: PageToken = None):
        """The started placements of the caller's school or enterprise, each with its attendance summary."""
        items, token = await reports.attendance_report(
            reports.ReportPage(page_size, page_token), principal, uow=rt.uow, clock=rt.clock
        )
        return PlacementAttendancePage(items=[PlacementAttendanceRead.of(i) for i in items], next_page_token=token)

    @r.get(
        "/v1/reports/unattested-weeks",
        operation_id="listUnattestedWeeks",
        response_model=UnattestedWeekPage,
        summary="Past weeks of active placements not attested",
    )
    async def unattested(principal: PrincipalDep, page_size: PageSize = 50, page_token: PageToken = None):
        """Every week that ended before today, of the caller's active placements, with no attestation; oldest
        first."""
        items, token = await reports.unattested_weeks(
            reports.ReportPage(page_size, page_token), principal, uow=rt.uow, clock=rt.clock
        )
        return UnattestedWeekPage(items=[UnattestedWeekRead.of(i) for i in items], next_page_token=token)

    @r.get(
        "/v1/reports/attendance-anomalies",
        operation_id="listAttendanceAnomalies",
        response_model=AnomalyPage,
        summary="Attested weeks with more logbook hours than presence",
    )
    async def anomalies(principal: PrincipalDep, page_size: PageSize = 50, page_token: PageToken = None):
        """Attested weeks whose approved logbook hours exceed the attested presence hours (whichever came first)."""
        items, token = await reports.attendance_anomalies(
            reports.ReportPage(page_size, page_token), principal, uow=rt.uow
        )
        return AnomalyPage(items=[AnomalyRead.of(i) for i in items], next_page_token=token)

    return r
