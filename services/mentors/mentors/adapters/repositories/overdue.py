"""Repository of overdue guidance across every organisation, for the job that tells each overdue period once."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncConnection

from mentors.adapters.orm import assignment, guidance_overdue_notice, mentor, mentoring_context
from mentors.adapters.repositories.assignments import _VIEW_FROM, _assignment, last_onsite_session, overdue_clause
from mentors.domain.sessions import GuidanceOverdue


class OverdueRepository:
    def __init__(self, connection: AsyncConnection) -> None:
        self.connection = connection

    async def untold(self, since: date, *, now: datetime, limit: int) -> list[GuidanceOverdue]:
        """Assignments overdue for guidance (overdue_clause) whose current period has not been told yet; a period
        starts at the last on-site session, or at the context's start before any."""
        last_onsite = last_onsite_session()
        period = func.coalesce(last_onsite, mentoring_context.c.starts_on, func.date(assignment.c.created_at))
        told = (
            select(guidance_overdue_notice.c.assignment_id)
            .where(
                guidance_overdue_notice.c.assignment_id == assignment.c.id,
                guidance_overdue_notice.c.period_start == period,
            )
            .exists()
        )
        query = (
            select(
                assignment,
                mentor.c.account.label("mentor_account"),
                last_onsite.label("last_onsite"),
                period.label("period_start"),
            )
            .select_from(_VIEW_FROM)
            .where(overdue_clause(since, last_onsite), ~told)
            .order_by(assignment.c.created_at, assignment.c.id)
            .limit(limit)
        )
        return [
            GuidanceOverdue(
                assignment=_assignment(r),
                mentor_account=r.mentor_account,
                last_onsite=r.last_onsite,
                period_start=r.period_start,
                overdue_since=since,
                at=now,
            )
            for r in await self.connection.execute(query)
        ]

    async def tell(self, assignment_id: uuid.UUID, period_start: date, at: datetime) -> bool:
        """Record the period as told; False if it was already (another process got there first)."""
        done = await self.connection.execute(
            pg_insert(guidance_overdue_notice)
            .values(assignment_id=assignment_id, period_start=period_start, noticed_at=at)
            .on_conflict_do_nothing()
        )
        return bool(done.rowcount)
