"""Repository of the placements' mentors (read model of the mentors service's mentor.assigned events)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncConnection

from notifications.adapters.orm import placement_mentor
from notifications.domain.triggers import PlacementMentor


class MentoringRepository:
    def __init__(self, connection: AsyncConnection) -> None:
        self.connection = connection

    async def assigned(self, m: PlacementMentor, at: datetime) -> None:
        """The side's mentor now (a reassignment replaces the one before)."""
        row = {**vars(m), "updated_at": at}
        changed = {k: v for k, v in row.items() if k not in ("placement_id", "side")}
        await self.connection.execute(
            pg_insert(placement_mentor)
            .values(row)
            .on_conflict_do_update(index_elements=["placement_id", "side"], set_=changed)
        )

    async def of_placement(self, placement_id: str) -> list[PlacementMentor]:
        t = placement_mentor
        query = select(t.c.placement_id, t.c.side, t.c.org, t.c.mentor_id, t.c.mentor_account).where(
            t.c.placement_id == placement_id
        )
        return [PlacementMentor(**r._mapping) for r in await self.connection.execute(query)]
