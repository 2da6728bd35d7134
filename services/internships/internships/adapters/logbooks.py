"""Logbook repository: a placement's logbook weeks, rows to LogbookWeek and back."""

from __future__ import annotations

import uuid
from datetime import date, time
from decimal import Decimal

from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from internships.adapters.orm import logbook_week as log_t
from internships.domain.logbooks import LogbookWeek, LogLine, WeekStatus


class LogbookRepository:
    def __init__(self, connection: AsyncConnection) -> None:
        self.connection = connection

    async def get(self, placement_id: uuid.UUID, week_start: date, *, for_update: bool = False) -> LogbookWeek | None:
        query = select(log_t).where(log_t.c.placement_id == placement_id, log_t.c.week_start == week_start)
        row = (await self.connection.execute(query.with_for_update() if for_update else query)).first()
        return _week(row) if row else None

    async def weeks(self, placement_id: uuid.UUID) -> list[LogbookWeek]:
        rows = await self.connection.execute(
            select(log_t).where(log_t.c.placement_id == placement_id).order_by(log_t.c.week_start)
        )
        return [_week(r) for r in rows]

    async def weeks_among(self, placement_id: uuid.UUID, ids: list[uuid.UUID]) -> dict[uuid.UUID, LogbookWeek]:
        """Those of `ids` that are weeks of the placement (a change feed's rows, praxis_common.feeds)."""
        rows = await self.connection.execute(
            select(log_t).where(log_t.c.placement_id == placement_id, log_t.c.id.in_(ids))
        )
        return {r.id: _week(r) for r in rows}

    async def save(self, w: LogbookWeek, *, new: bool) -> None:
        row = {c.name: getattr(w, c.name) for c in log_t.columns}
        row["status"] = w.status.value
        row["lines"] = [
            {
                "day": ln.day.isoformat(),
                "duty": ln.duty,
                "hours": str(ln.hours),
                "start": ln.start.isoformat() if ln.start else None,
                "end": ln.end.isoformat() if ln.end else None,
            }
            for ln in w.lines
        ]
        if new:
            await self.connection.execute(insert(log_t).values(row))
            return
        row["version"] = w.version + 1
        result = await self.connection.execute(
            update(log_t).where(log_t.c.id == w.id, log_t.c.version == w.version).values(row)
        )
        if result.rowcount != 1:
            raise RuntimeError(f"logbook week {w.id} changed concurrently")
        w.version += 1


def _week(row) -> LogbookWeek:
    data = dict(row._mapping)
    data["status"] = WeekStatus(data["status"])
    data["lines"] = [
        LogLine(
            date.fromisoformat(ln["day"]),
            ln["duty"],
            Decimal(ln["hours"]),
            time.fromisoformat(ln["start"]) if ln["start"] else None,
            time.fromisoformat(ln["end"]) if ln["end"] else None,
        )
        for ln in data["lines"]
    ]
    return LogbookWeek(**data)
