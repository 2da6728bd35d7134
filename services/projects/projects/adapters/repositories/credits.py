"""Credit records, as a school, a student or an enterprise lists them."""

from __future__ import annotations

import uuid

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncConnection

from projects.adapters.orm import credit
from projects.adapters.repositories import After, newest_first
from projects.domain.credits import Credit


class CreditRepository:
    def __init__(self, connection: AsyncConnection) -> None:
        self.connection = connection

    async def add(self, credits: list[Credit]) -> None:
        if credits:
            await self.connection.execute(insert(credit), [vars(c) for c in credits])

    async def list(
        self,
        *,
        school_org: str | None = None,
        enterprise_org: str | None = None,
        student_ref: str | None = None,
        project_id: uuid.UUID | None = None,
        after: After = None,
        limit: int = 10_000,
        ids: list[uuid.UUID] | None = None,
    ) -> list[Credit]:
        query = select(credit)
        if ids is not None:  # a change feed's rows (praxis_common.feeds)
            query = query.where(credit.c.id.in_(ids))
        if school_org is not None:
            query = query.where(credit.c.school_org == school_org)
        if enterprise_org is not None:
            query = query.where(credit.c.enterprise_org == enterprise_org)
        if student_ref is not None:
            query = query.where(credit.c.student_ref == student_ref)
        if project_id is not None:
            query = query.where(credit.c.project_id == project_id)
        rows = await self.connection.execute(newest_first(query, credit.c.awarded_at, credit.c.id, after, limit))
        return [Credit(**r._mapping) for r in rows]
