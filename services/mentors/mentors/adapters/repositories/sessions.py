"""Guidance sessions of an assignment."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import insert, select, tuple_, update
from sqlalchemy.ext.asyncio import AsyncConnection

from mentors.adapters.orm import guidance_session
from mentors.domain.mentors import Side
from mentors.domain.sessions import GuidanceSession, SessionMode


def _session(row) -> GuidanceSession:
    data = dict(row._mapping)
    data["side"], data["mode"] = Side(data["side"]), SessionMode(data["mode"])
    return GuidanceSession(**data)


def _session_row(s: GuidanceSession) -> dict:
    row = dict(vars(s))
    row.update(side=s.side.value, mode=s.mode.value)
    return row


class SessionRepository:
    def __init__(self, connection: AsyncConnection) -> None:
        self.connection = connection

    async def add(self, s: GuidanceSession) -> None:
        await self.connection.execute(insert(guidance_session).values(_session_row(s)))

    async def get(
        self, assignment_id: uuid.UUID, session_id: uuid.UUID, *, for_update: bool = False
    ) -> GuidanceSession | None:
        query = select(guidance_session).where(
            guidance_session.c.id == session_id, guidance_session.c.assignment_id == assignment_id
        )
        row = (await self.connection.execute(query.with_for_update(key_share=True) if for_update else query)).first()
        return _session(row) if row else None

    async def confirm(self, s: GuidanceSession) -> None:
        await self.connection.execute(
            update(guidance_session)
            .where(guidance_session.c.id == s.id)
            .values(confirmed_at=s.confirmed_at, confirmed_by=s.confirmed_by)
        )

    async def of_assignment(
        self,
        assignment_id: uuid.UUID,
        *,
        after: tuple[date, datetime, uuid.UUID] | None = None,
        limit: int | None = None,
    ) -> list[GuidanceSession]:
        """The assignment's sessions, latest first (after `after`: a session's day, recording time and id)."""
        key = (guidance_session.c.held_on, guidance_session.c.recorded_at, guidance_session.c.id)
        query = select(guidance_session).where(guidance_session.c.assignment_id == assignment_id)
        if after is not None:
            query = query.where(tuple_(*key) < tuple_(*after))
        query = query.order_by(*(c.desc() for c in key))
        if limit is not None:
            query = query.limit(limit)
        return [_session(r) for r in await self.connection.execute(query)]
