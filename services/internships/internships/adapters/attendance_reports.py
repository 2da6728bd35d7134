"""Attendance report queries over an organisation's own placements (a school's or an enterprise's), a page at a time:
the placements whose rate is reported, the past weeks of started placements nobody attested, and the attested weeks
whose approved logbook hours exceed the attested presence."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import and_, or_, select, text
from sqlalchemy.ext.asyncio import AsyncConnection

from internships.adapters.course_tables import attendance_week as week_t
from internships.adapters.orm import logbook_week as log_t
from internships.adapters.orm import placement as pl_t
from internships.adapters.placements import _placement
from internships.domain.attendance_summary import Anomaly, UnattestedWeek
from internships.domain.placements import Placement
from internships.domain.reports import STARTED

# Every Monday from the one of the placement's first week to the one a week before `today`'s, within the term as it
# ran (to the day an early end came): the weeks that are over (their Sunday is before today), with no attestation,
# of the org's placements that started — an ended placement's last weeks are still attested afterwards.
_UNATTESTED = text(
    """
    SELECT p.id, p.student_ref, p.school_org, p.enterprise_org, w.week_start
    FROM placement p
    CROSS JOIN LATERAL (
        SELECT gs::date AS week_start
        FROM generate_series(
            date_trunc('week', p.starts_on)::date,
            LEAST(p.ends_on, CAST(p.ended_at AS date), CAST(:today AS date) - 7),
            interval '7 days'
        ) AS gs
    ) w
    WHERE (CASE WHEN :kind = 'school' THEN p.school_org ELSE p.enterprise_org END) = :org
      AND p.status IN ('active', 'completed', 'terminated')
      AND w.week_start + 6 < CAST(:today AS date)
      AND NOT EXISTS (
          SELECT 1 FROM attendance_week a WHERE a.placement_id = p.id AND a.week_start = w.week_start
      )
      AND (CAST(:after_week AS date) IS NULL OR (w.week_start, p.id) > (CAST(:after_week AS date), CAST(:after_id AS uuid)))
    ORDER BY w.week_start, p.id
    LIMIT :limit
    """
)


class AttendanceReportRepository:
    def __init__(self, connection: AsyncConnection) -> None:
        self.connection = connection

    async def placements(self, org: str, kind: str, *, after: uuid.UUID | None, limit: int) -> list[Placement]:
        """The org's placements that started (active, completed, terminated), by id."""
        mine = pl_t.c.school_org if kind == "school" else pl_t.c.enterprise_org
        query = select(pl_t).where(mine == org, pl_t.c.status.in_(STARTED))
        if after is not None:
            query = query.where(pl_t.c.id > after)
        return [_placement(r) for r in await self.connection.execute(query.order_by(pl_t.c.id).limit(limit))]

    async def unattested_weeks(
        self, org: str, kind: str, *, today: date, after: tuple[date, uuid.UUID] | None, limit: int
    ) -> list[UnattestedWeek]:
        after_week, after_id = after if after else (None, None)
        rows = await self.connection.execute(
            _UNATTESTED,
            {"org": org, "kind": kind, "today": today, "after_week": after_week, "after_id": after_id, "limit": limit},
        )
        return [UnattestedWeek(*r) for r in rows]

    async def anomalies(
        self, org: str, kind: str, *, after: tuple[date, uuid.UUID] | None, limit: int
    ) -> list[Anomaly]:
        """Attested weeks whose approved logbook hours exceed the attested presence hours, whenever the logbook
        week was approved (before or after the attestation)."""
        mine = pl_t.c.school_org if kind == "school" else pl_t.c.enterprise_org
        query = (
            select(
                pl_t.c.id,
                pl_t.c.student_ref,
                pl_t.c.school_org,
                pl_t.c.enterprise_org,
                week_t.c.week_start,
                week_t.c.present_days,
                week_t.c.present_hours,
                log_t.c.total_hours,
            )
            .select_from(
                pl_t.join(week_t, week_t.c.placement_id == pl_t.c.id).join(
                    log_t,
                    and_(
                        log_t.c.placement_id == pl_t.c.id,
                        log_t.c.week_start == week_t.c.week_start,
                        log_t.c.status == "approved",
                    ),
                )
            )
            .where(mine == org, log_t.c.total_hours > week_t.c.present_hours)
        )
        if after is not None:
            week, pid = after
            query = query.where(or_(week_t.c.week_start > week, and_(week_t.c.week_start == week, pl_t.c.id > pid)))
        rows = await self.connection.execute(query.order_by(week_t.c.week_start, pl_t.c.id).limit(limit))
        return [Anomaly(*r) for r in rows]
