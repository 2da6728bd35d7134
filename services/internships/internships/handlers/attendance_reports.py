"""Attendance reports over the caller's own placements (its school's or its enterprise's), a page at a time: the
attendance rate per placement, the past weeks of active placements nobody attested, and the anomalies (attested
weeks with more approved logbook hours than attested presence). For an organisation's managers: a school's admin
or coordinator, an enterprise's admin or HR (policy.manager)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from internships.domain.attendance_summary import Anomaly, AttendanceSummary, UnattestedWeek, summarise
from internships.domain.placements import Placement
from internships.policy import manager
from praxis_common.auth import Principal
from praxis_common.pages import decode_page_token, next_page
from praxis_common.uow import Clock, UowFactory, utc_clock


@dataclass(frozen=True)
class ReportPage:
    page_size: int = 50
    page_token: str | None = None


@dataclass(frozen=True)
class PlacementAttendance:
    placement: Placement
    summary: AttendanceSummary


async def attendance_report(
    query: ReportPage, principal: Principal, *, uow: UowFactory, clock: Clock = utc_clock
) -> tuple[list[PlacementAttendance], str | None]:
    kind = manager(principal, "school", "enterprise")
    after = decode_page_token(query.page_token, uuid.UUID)[0] if query.page_token else None
    async with uow() as u:
        placements = await u.attendance_reports.placements(principal.org, kind, after=after, limit=query.page_size + 1)
        ids = [p.id for p in placements[: query.page_size]]
        days = await u.attendance.days_of(ids) if ids else []
        weeks = await u.attendance.weeks_of(ids) if ids else []
    now = clock()
    rows = [
        PlacementAttendance(
            p,
            summarise(
                p,
                [d for d in days if d.placement_id == p.id],
                [w for w in weeks if w.placement_id == p.id],
                now=now,
            ),
        )
        for p in placements
    ]
    return next_page(rows, query.page_size, lambda r: (r.placement.id,))


async def unattested_weeks(
    query: ReportPage, principal: Principal, *, uow: UowFactory, clock: Clock = utc_clock
) -> tuple[list[UnattestedWeek], str | None]:
    kind = manager(principal, "school", "enterprise")
    after = decode_page_token(query.page_token, date, uuid.UUID) if query.page_token else None
    async with uow() as u:
        rows = await u.attendance_reports.unattested_weeks(
            principal.org, kind, today=clock().date(), after=after, limit=query.page_size + 1
        )
    return next_page(rows, query.page_size, lambda w: (w.week_start, w.placement_id))


async def attendance_anomalies(
    query: ReportPage, principal: Principal, *, uow: UowFactory
) -> tuple[list[Anomaly], str | None]:
    kind = manager(principal, "school", "enterprise")
    after = decode_page_token(query.page_token, date, uuid.UUID) if query.page_token else None
    async with uow() as u:
        rows = await u.attendance_reports.anomalies(principal.org, kind, after=after, limit=query.page_size + 1)
    return next_page(rows, query.page_size, lambda a: (a.week_start, a.placement_id))
