"""Attendance use cases: record a day and request leave (the student, or the student's school on their behalf),
decide a leave request and attest a week (the placement's assigned enterprise mentor, or the enterprise's admin /
HR explicitly on the mentor's behalf: the same rule as a logbook week's review, handlers/logbooks.py), read a
placement's attendance.

Who is who is decided exactly as for logbooks, by the same functions: the host enterprise records nothing (it
attests), the school and the student attest nothing (they record)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from internships import policy
from internships.domain.attendance import (
    AttendanceDay,
    AttendanceWeek,
    DayStatus,
    DisputedDay,
    WeekAttested,
    monday_of,
)
from internships.domain.attendance_summary import AttendanceSummary, summarise
from internships.domain.leave import LeaveRequest, LeaveStatus
from internships.domain.placements import Placement
from internships.handlers.audit import audited_read
from internships.handlers.logbooks import _placement
from praxis_common.auth import Principal
from praxis_common.errors import Forbidden, NotFound
from praxis_common.uow import Clock, UowFactory, utc_clock


@dataclass(frozen=True)
class RecordDay:
    placement_id: uuid.UUID
    day: date
    status: DayStatus
    check_in: time | None = None
    check_out: time | None = None
    reason: str | None = None


@dataclass(frozen=True)
class RequestLeave:
    placement_id: uuid.UUID
    first_day: date
    last_day: date
    reason: str


@dataclass(frozen=True)
class DecideLeave:
    placement_id: uuid.UUID
    request_id: uuid.UUID
    approve: bool
    comment: str | None = None
    on_behalf_of_mentor: bool = False


@dataclass(frozen=True)
class AttestWeek:
    placement_id: uuid.UUID
    week_start: date
    disputed_days: list[DisputedDay]
    on_behalf_of_mentor: bool = False


@dataclass(frozen=True)
class Attendance:
    placement: Placement
    days: list[AttendanceDay]
    weeks: list[AttendanceWeek]
    leave_requests: list[LeaveRequest]
    summary: AttendanceSummary
    enterprise_mentor_id: uuid.UUID | None  # who attests, as internships knows it; None until mentors assigns one


async def record_day(cmd: RecordDay, principal: Principal, *, uow: UowFactory, clock: Clock = utc_clock):
    async with uow() as u:
        placement = await _placement(u, cmd.placement_id, principal, for_update=True)
        _recorder(principal, placement)
        existing = await u.attendance.day(placement.id, cmd.day, for_update=True)
        attested = await u.attendance.week(placement.id, monday_of(cmd.day)) is not None
        day = AttendanceDay.record(
            placement=placement,
            day=cmd.day,
            status=cmd.status,
            check_in=cmd.check_in,
            check_out=cmd.check_out,
            reason=cmd.reason,
            by=principal.sub,
            by_org=principal.org,
            now=clock(),
            existing=existing,
            week_attested=attested,
        )
        await u.attendance.save_day(day, new=existing is None)
        u.track(day)
        await u.commit()
    return day


async def request_leave(
    cmd: RequestLeave, principal: Principal, *, uow: UowFactory, clock: Clock = utc_clock
) -> LeaveRequest:
    async with uow() as u:
        placement = await _placement(u, cmd.placement_id, principal, for_update=True)
        _recorder(principal, placement)
        request = LeaveRequest.ask(
            placement=placement,
            first_day=cmd.first_day,
            last_day=cmd.last_day,
            reason=cmd.reason,
            by=principal.sub,
            by_org=principal.org,
            now=clock(),
            others=await u.attendance.leaves(placement.id),
        )
        await u.attendance.save_leave(request, new=True)
        u.track(request)
        await u.commit()
    return request


async def decide_leave(
    cmd: DecideLeave, principal: Principal, *, uow: UowFactory, clock: Clock = utc_clock
) -> LeaveRequest:
    """Approve or reject a pending request; approving marks its days as leave (days recorded present stay
    present). A request with a day in an attested week cannot be approved (the week is fixed)."""
    async with uow() as u:
        placement = await _placement(u, cmd.placement_id, principal, for_update=True)
        mentor = await u.mentoring.mentor_of(placement.id, "enterprise")
        on_behalf = policy.acting_for_enterprise_mentor(
            principal, placement, mentor, cmd.on_behalf_of_mentor, what="decides leave requests"
        )
        request = await u.attendance.leave(placement.id, cmd.request_id, for_update=True)
        if request is None:
            raise NotFound("no such leave request")
        now = clock()
        request.decide(
            placement,
            approve=cmd.approve,
            by=principal.sub,
            now=now,
            comment=cmd.comment,
            mentor_id=mentor.mentor_id if mentor else None,
            on_behalf=on_behalf,
        )
        if request.status is LeaveStatus.APPROVED:
            attested = await u.attendance.attested_weeks_between(placement.id, request.first_day, request.last_day)
            if attested:
                raise WeekAttested(f"the week of {min(attested)} is attested; leave in it cannot be approved")
            recorded = {d.day: d for d in await u.attendance.days(placement.id, request.first_day, request.last_day)}
            for day in request.days():
                existing = recorded.get(day)
                if existing is not None and existing.status is DayStatus.PRESENT:
                    continue
                leave = existing or AttendanceDay(placement.id, day, DayStatus.LEAVE, now, principal.sub, principal.org)
                leave.status, leave.check_in, leave.check_out, leave.hours = DayStatus.LEAVE, None, None, Decimal(0)
                leave.reason, leave.leave_request_id = request.reason, request.id
                leave.recorded_at, leave.recorded_by, leave.recorded_by_org = now, principal.sub, principal.org
                await u.attendance.save_day(leave, new=existing is None)
        await u.attendance.save_leave(request, new=False)
        u.track(request)
        await u.commit()
    return request


async def attest_week(
    cmd: AttestWeek, principal: Principal, *, uow: UowFactory, clock: Clock = utc_clock
) -> AttendanceWeek:
    async with uow() as u:
        placement = await _placement(u, cmd.placement_id, principal, for_update=True)
        mentor = await u.mentoring.mentor_of(placement.id, "enterprise")
        act = policy.enterprise_mentor_act(
            principal, placement, mentor, cmd.on_behalf_of_mentor, what="attests its attendance"
        )
        week = await attest_in(u, placement, cmd, act, now=clock())
        await u.commit()
    return week


async def attest_in(
    u, placement: Placement, cmd: AttestWeek, act: policy.MentorAct, *, now: datetime
) -> AttendanceWeek:
    """The attestation in an open unit, the placement locked and who acts settled: by a signed-in principal
    (attest_week) or by an action link (handlers/action_links.py)."""
    existing = await u.attendance.week(placement.id, cmd.week_start, for_update=True)
    week = AttendanceWeek.attest(
        placement=placement,
        week_start=cmd.week_start,
        disputed=cmd.disputed_days,
        days=await u.attendance.days(placement.id, cmd.week_start, cmd.week_start + timedelta(days=6)),
        logbook_hours=await u.attendance.approved_logbook_hours(placement.id, cmd.week_start),
        by=act.by,
        by_org=act.by_org,
        mentor_id=act.mentor_id,
        on_behalf=act.on_behalf,
        now=now,
        existing=existing,
    )
    await u.attendance.save_week(week, new=existing is None)
    u.track(week)
    return week


async def get_leave_request(
    placement_id: uuid.UUID, request_id: uuid.UUID, principal: Principal, *, uow: UowFactory
) -> LeaveRequest:
    async with uow() as u:
        placement = await _placement(u, placement_id, principal)
        request = await u.attendance.leave(placement.id, request_id)
        if request is None:
            raise NotFound("no such leave request")
        await audited_read(u, placement, principal, "leave_request", request_id)
        await u.commit()
    return request


async def get_attendance(
    placement_id: uuid.UUID, principal: Principal, *, uow: UowFactory, clock: Clock = utc_clock
) -> Attendance:
    async with uow() as u:
        placement = await _placement(u, placement_id, principal)
        days = await u.attendance.days(placement.id)
        weeks = await u.attendance.weeks(placement.id)
        leaves = await u.attendance.leaves(placement.id)
        mentor = await u.mentoring.mentor_of(placement.id, "enterprise")
        await audited_read(u, placement, principal, "attendance")
        await u.commit()
    summary = summarise(placement, days, weeks, now=clock())
    return Attendance(placement, days, weeks, leaves, summary, mentor.mentor_id if mentor else None)


def _recorder(principal: Principal, placement: Placement) -> None:
    if not policy.files_for_student(principal, placement):
        raise Forbidden("the student, or the student's school on their behalf, records attendance and asks for leave")
