"""Feedback repository: the students' survey answers, one per placement, and a base's answers for its figures."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncConnection

from internships.adapters.orm import placement as pl_t
from internships.adapters.orm import position as pos_t
from internships.adapters.tiers_tables import placement_feedback as fb_t
from internships.domain.feedback import Feedback


class FeedbackRepository:
    def __init__(self, connection: AsyncConnection) -> None:
        self.connection = connection

    async def add(self, f: Feedback) -> bool:
        """Keep the answers; False when the placement has answers already (the first stay)."""
        result = await self.connection.execute(
            insert(fb_t)
            .values({c.name: getattr(f, c.name) for c in fb_t.columns})
            .on_conflict_do_nothing(index_elements=["placement_id"])
        )
        return result.rowcount == 1

    async def get(self, placement_id: uuid.UUID) -> Feedback | None:
        row = (await self.connection.execute(select(fb_t).where(fb_t.c.placement_id == placement_id))).first()
        return Feedback(**dict(row._mapping)) if row else None

    async def of_base(self, base_id: uuid.UUID, school_org: str) -> list[Feedback]:
        """The answers of `school_org`'s students placed at the base (see BaseTiersRepository.started_placements)."""
        rows = await self.connection.execute(
            select(fb_t).where(fb_t.c.base_id == base_id, fb_t.c.school_org == school_org)
        )
        return [Feedback(**dict(r._mapping)) for r in rows]

    async def base_of(self, placement_id: uuid.UUID) -> uuid.UUID | None:
        """The base of the placement's position."""
        return await self.connection.scalar(
            select(pos_t.c.base_id)
            .select_from(pl_t.join(pos_t, pos_t.c.id == pl_t.c.position_id))
            .where(pl_t.c.id == placement_id)
        )
