"""Attendance repository: a placement's recorded days, leave requests and attested weeks, rows to domain and back."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

from sqlalchemy import Table, insert, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from internships.adapters.course_tables import attendance_day as day_t
from internships.adapters.course_tables import attendance_week as week_t
from internships.adapters.course_tables import leave_request as leave_t
from internships.adapters.orm import logbook_week as log_t
from internships.domain.attendance import AttendanceDay, AttendanceWeek, DayStatus, DisputedDay, monday_of
from internships.domain.leave import LeaveRequest, LeaveStatus


class AttendanceRepository:
    def __init__(self, connection: AsyncConnection) -> None:
        self.connection = connection

    # ---- days

    async def day(self, placement_id: uuid.UUID, day: date, *, for_update: bool = False) -> AttendanceDay | None:
        query = select(day_t).where(day_t.c.placement_id == placement_id, day_t.c.day == day)
        row = (await self.connection.execute(query.with_for_update() if for_update else query)).first()
        return _day(row) if row else None

    async def days(
        self, placement_id: uuid.UUID, first: date | None = None, last: date | None = None
    ) -> list[AttendanceDay]:
        query = select(day_t).where(day_t.c.placement_id == placement_id)
        if first is not None:
            query = query.where(day_t.c.day >= first)
        if last is not None:
            query = query.where(day_t.c.day <= last)
        return [_day(r) for r in await self.connection.execute(query.order_by(day_t.c.day))]

    async def days_of(self, placement_ids: list[uuid.UUID]) -> list[AttendanceDay]:
        rows = await self.connection.execute(select(day_t).where(day_t.c.placement_id.in_(placement_ids)))
        return [_day(r) for r in rows]

    async def save_day(self, d: AttendanceDay, *, new: bool) -> None:
        row = {c.name: getattr(d, c.name) for c in day_t.columns}
        row["status"] = d.status.value
        await self._save(day_t, row, d, (day_t.c.placement_id == d.placement_id, day_t.c.day == d.day), new=new)

    # ---- leave requests

    async def leave(
        self, placement_id: uuid.UUID, request_id: uuid.UUID, *, for_update: bool = False
    ) -> LeaveRequest | None:
        query = select(leave_t).where(leave_t.c.id == request_id, leave_t.c.placement_id == placement_id)
        row = (await self.connection.execute(query.with_for_update() if for_update else query)).first()
        return _leave(row) if row else None

    async def leaves(self, placement_id: uuid.UUID) -> list[LeaveRequest]:
        rows = await self.connection.execute(
            select(leave_t).where(leave_t.c.placement_id == placement_id).order_by(leave_t.c.first_day, leave_t.c.id)
        )
        return [_leave(r) for r in rows]

    async def save_leave(self, r: LeaveRequest, *, new: bool) -> None:
        row = {c.name: getattr(r, c.name) for c in leave_t.columns}
        row["status"] = r.status.value
        await self._save(leave_t, row, r, (leave_t.c.id == r.id,), new=new)

    # ---- attested weeks

    async def week(self, placement_id: uuid.UUID, week_start: date, *, for_update: bool = False):
        query = select(week_t).where(week_t.c.placement_id == placement_id, week_t.c.week_start == week_start)
        row = (await self.connection.execute(query.with_for_update() if for_update else query)).first()
        return _week(row) if row else None

    async def weeks(self, placement_id: uuid.UUID) -> list[AttendanceWeek]:
        return await self.weeks_of([placement_id])

    async def weeks_of(self, placement_ids: list[uuid.UUID]) -> list[AttendanceWeek]:
        rows = await self.connection.execute(
            select(week_t).where(week_t.c.placement_id.in_(placement_ids)).order_by(week_t.c.week_start)
        )
        return [_week(r) for r in rows]

    async def attested_weeks_between(self, placement_id: uuid.UUID, first: date, last: date) -> set[date]:
        """The Mondays of the attested weeks that hold a day of first..last."""
        rows = await self.connection.execute(
            select(week_t.c.week_start).where(
                week_t.c.placement_id == placement_id,
                week_t.c.week_start >= monday_of(first),
                week_t.c.week_start <= last,
            )
        )
        return {r[0] for r in rows}

    async def save_week(self, w: AttendanceWeek, *, new: bool) -> None:
        row = {c.name: getattr(w, c.name) for c in week_t.columns}
        row["disputed_days"] = [{"day": d.day.isoformat(), "reason": d.reason} for d in w.disputed_days]
        await self._save(week_t, row, w, (week_t.c.id == w.id,), new=new)

    async def approved_logbook_hours(self, placement_id: uuid.UUID, week_start: date) -> Decimal | None:
        return await self.connection.scalar(
            select(log_t.c.total_hours).where(
                log_t.c.placement_id == placement_id, log_t.c.week_start == week_start, log_t.c.status == "approved"
            )
        )

    async def _save(self, table: Table, row: dict, obj, key: tuple, *, new: bool) -> None:
        if new:
            await self.connection.execute(insert(table).values(row))
            return
        row["version"] = obj.version + 1
        result = await self.connection.execute(update(table).where(*key, table.c.version == obj.version).values(row))
        if result.rowcount != 1:
            raise RuntimeError(f"{table.name} row changed concurrently")
        obj.version += 1


def _day(row) -> AttendanceDay:
    data = dict(row._mapping)
    data["status"] = DayStatus(data["status"])
    return AttendanceDay(**data)


def _leave(row) -> LeaveRequest:
    data = dict(row._mapping)
    data["status"] = LeaveStatus(data["status"])
    return LeaveRequest(**data)


def _week(row) -> AttendanceWeek:
    data = dict(row._mapping)
    data["disputed_days"] = [DisputedDay(date.fromisoformat(d["day"]), d["reason"]) for d in data["disputed_days"]]
    return AttendanceWeek(**data)
