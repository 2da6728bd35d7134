"""The record of used action links (used_action_link): claiming a link's `jti` in the action's transaction."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncConnection

from internships.adapters.orm import used_action_link


class ActionLinkRepository:
    def __init__(self, connection: AsyncConnection) -> None:
        self.connection = connection

    async def claim(self, jti: uuid.UUID, *, action: str, placement_id: uuid.UUID, now: datetime) -> bool:
        """Record the link as used; False if it was already (a concurrent claim waits for the other transaction and
        then sees its row, so of two submits one wins)."""
        stmt = (
            insert(used_action_link)
            .values(jti=jti, used_at=now, action=action, placement_id=placement_id)
            .on_conflict_do_nothing(index_elements=["jti"])
            .returning(used_action_link.c.jti)
        )
        return (await self.connection.execute(stmt)).first() is not None

    async def used_at(self, jti: uuid.UUID) -> datetime | None:
        row = (
            await self.connection.execute(select(used_action_link.c.used_at).where(used_action_link.c.jti == jti))
        ).first()
        return row.used_at if row else None
