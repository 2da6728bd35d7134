"""Practice base and position repositories: rows to the PracticeBase and Position aggregates and back."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import and_, exists, func, insert, or_, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from internships.adapters.agreements import covering_term
from internships.adapters.orm import agreement as agr_t
from internships.adapters.orm import position as pos_t
from internships.adapters.orm import practice_base as base_t
from internships.domain.positions import Duty, DutyKind, Position, PositionStatus, PracticeBase, Tier


def _positions_query():
    return select(pos_t, base_t.c.country).join(base_t, base_t.c.id == pos_t.c.base_id)


class BaseRepository:
    def __init__(self, connection: AsyncConnection) -> None:
        self.connection = connection

    async def add(self, b: PracticeBase) -> None:
        await self.connection.execute(insert(base_t).values({c.name: getattr(b, c.name) for c in base_t.columns}))

    async def get(self, base_id: uuid.UUID, *, for_update: bool = False) -> PracticeBase | None:
        query = select(base_t).where(base_t.c.id == base_id)
        row = (await self.connection.execute(query.with_for_update() if for_update else query)).first()
        return _base(row) if row else None

    async def list_for(
        self, org: str, kind: str, *, after: tuple[datetime, uuid.UUID] | None = None, limit: int
    ) -> list[PracticeBase]:
        """The organisation's bases, newest first (after `after`)."""
        column = {"school": base_t.c.school_org, "enterprise": base_t.c.enterprise_org}.get(kind)
        if column is None:
            return []
        query = select(base_t).where(column == org)
        if after is not None:
            at, last_id = after
            query = query.where(or_(base_t.c.created_at < at, and_(base_t.c.created_at == at, base_t.c.id < last_id)))
        rows = await self.connection.execute(
            query.order_by(base_t.c.created_at.desc(), base_t.c.id.desc()).limit(limit)
        )
        return [_base(r) for r in rows]

    async def seats_offered(self, base_id: uuid.UUID) -> int:
        total = await self.connection.scalar(
            select(func.coalesce(func.sum(pos_t.c.seats), 0)).where(
                pos_t.c.base_id == base_id, pos_t.c.status != PositionStatus.CLOSED.value
            )
        )
        return int(total or 0)


def _base(row) -> PracticeBase:
    data = dict(row._mapping)
    data["tier"], data["proposed_tier"] = Tier(data["tier"]), Tier(data["proposed_tier"])
    return PracticeBase(**data)


class PositionRepository:
    def __init__(self, connection: AsyncConnection) -> None:
        self.connection = connection

    async def add(self, p: Position) -> None:
        await self.connection.execute(insert(pos_t).values(_position_row(p)))

    async def by_external_refs(self, enterprise_org: str, refs: list[str]) -> dict[str, Position]:
        """The enterprise's positions with these external references, by reference."""
        rows = await self.connection.execute(
            _positions_query().where(pos_t.c.enterprise_org == enterprise_org, pos_t.c.external_ref.in_(refs))
        )
        return {r.external_ref: _position(r) for r in rows}

    async def get(self, position_id: uuid.UUID, *, for_update: bool = False) -> Position | None:
        query = select(pos_t).where(pos_t.c.id == position_id)
        row = (await self.connection.execute(query.with_for_update() if for_update else query)).first()
        return _position(row) if row else None

    async def save(self, p: Position) -> None:
        row = _position_row(p)
        del row["seats_taken"], row["interns_current"]  # owned by the database functions book_placement, end_hold
        row["version"] = p.version + 1
        result = await self.connection.execute(
            update(pos_t).where(pos_t.c.id == p.id, pos_t.c.version == p.version).values(row)
        )
        if result.rowcount != 1:
            raise RuntimeError(f"position {p.id} changed concurrently")
        p.version += 1

    async def search(
        self,
        *,
        visible_to_school: str | None,
        enterprise: str | None,
        competencies: list[str],
        country: str | None,
        starts_from: date | None,
        ends_by: date | None,
        open_only: bool,
        text: str | None,
        after: tuple[datetime, uuid.UUID] | None,
        limit: int,
        ids: list[uuid.UUID] | None = None,
    ) -> list[Position]:
        """Positions in newest-first order. A school sees published positions of enterprises it holds an
        active agreement with; an enterprise sees its own in any state. `ids`: only those of them (a change feed's
        rows, praxis_common.feeds)."""
        query = _positions_query()
        if ids is not None:
            query = query.where(pos_t.c.id.in_(ids))
        if visible_to_school is not None:
            query = query.where(
                pos_t.c.status == PositionStatus.PUBLISHED.value,
                exists().where(
                    agr_t.c.school_org == visible_to_school,
                    agr_t.c.enterprise_org == pos_t.c.enterprise_org,
                    agr_t.c.status == "active",
                ),
            )
        if enterprise is not None:
            query = query.where(pos_t.c.enterprise_org == enterprise)
        if competencies:
            query = query.where(pos_t.c.competencies.overlap(competencies))
        if country:
            query = query.where(base_t.c.country == country)
        if starts_from:
            query = query.where(pos_t.c.starts_on >= starts_from)
        if ends_by:
            query = query.where(pos_t.c.ends_on <= ends_by)
        if open_only:
            query = query.where(pos_t.c.seats_taken < pos_t.c.seats)
        if text:
            pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            query = query.where(or_(pos_t.c.title.ilike(pattern), pos_t.c.description.ilike(pattern)))
        if after is not None:
            created_at, last_id = after
            query = query.where(
                or_(pos_t.c.created_at < created_at, and_(pos_t.c.created_at == created_at, pos_t.c.id < last_id))
            )
        rows = await self.connection.execute(query.order_by(pos_t.c.created_at.desc(), pos_t.c.id.desc()).limit(limit))
        return [_position(r) for r in rows]

    async def uncovered(self, enterprise_org: str) -> list[Position]:
        """The enterprise's published positions whose term no active agreement of the enterprise covers, locked in
        id order (a wind-down closes them)."""
        query = (
            select(pos_t)
            .where(
                pos_t.c.enterprise_org == enterprise_org,
                pos_t.c.status == PositionStatus.PUBLISHED.value,
                ~exists().where(covering_term(enterprise_org, pos_t.c.starts_on, pos_t.c.ends_on)),
            )
            .order_by(pos_t.c.id)
            .with_for_update(of=pos_t)
        )
        return [_position(r) for r in await self.connection.execute(query)]

    async def country_of(self, position_id: uuid.UUID) -> str:
        return await self.connection.scalar(
            select(base_t.c.country).join(pos_t, pos_t.c.base_id == base_t.c.id).where(pos_t.c.id == position_id)
        )


def _position_row(p: Position) -> dict:
    row = {c.name: getattr(p, c.name) for c in pos_t.columns}
    row["status"] = p.status.value
    row["duties"] = [{"name": d.name, "kind": d.kind.value} for d in p.duties]
    return row


def _position(row) -> Position:
    data = {c.name: row._mapping[c.name] for c in pos_t.columns}
    data["status"] = PositionStatus(data["status"])
    data["duties"] = [Duty(d["name"], DutyKind(d["kind"])) for d in data["duties"]]
    return Position(**data)
