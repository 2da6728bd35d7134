"""Agreement repository: maps rows to the Agreement aggregate and back, with optimistic versions; the partnership and
booking locks an agreement's end takes."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import and_, insert, or_, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from internships.adapters.orm import agreement as t
from internships.domain.agreements import Agreement, Status
from praxis_common import locks

# Advisory-lock scopes (praxis_common.locks). The booking function (migrations/sql/book_placement_v4.sql) takes
# `school` shared and `student` exclusively: keep the names the same.
SCHOOL_BOOKINGS = "school"
PARTNERSHIPS = "enterprise"

_FIELDS = [c.name for c in t.columns]


def _to_domain(row) -> Agreement:
    data = {c: row._mapping[c] for c in _FIELDS if c != "interns_placed"}
    data["status"] = Status(data["status"])
    return Agreement(**data)


def _to_row(a: Agreement) -> dict:
    row = {name: getattr(a, name) for name in _FIELDS if name != "interns_placed"}
    row["status"] = a.status.value
    return row


class AgreementRepository:
    def __init__(self, connection: AsyncConnection) -> None:
        self.connection = connection

    async def add(self, a: Agreement) -> None:
        await self.connection.execute(insert(t).values(_to_row(a)))

    async def get(self, agreement_id: uuid.UUID, *, for_update: bool = False) -> Agreement | None:
        query = select(t).where(t.c.id == agreement_id)
        if for_update:
            query = query.with_for_update()
        row = (await self.connection.execute(query)).first()
        return _to_domain(row) if row else None

    async def save(self, a: Agreement) -> None:
        """Write back a loaded aggregate; the version check catches writers that skipped the lock."""
        row = _to_row(a)
        row["version"] = a.version + 1
        result = await self.connection.execute(update(t).where(t.c.id == a.id, t.c.version == a.version).values(row))
        if result.rowcount != 1:
            raise RuntimeError(f"agreement {a.id} changed concurrently")
        a.version += 1

    async def list_for_org(
        self,
        org: str,
        kind: str,
        *,
        status: Status | None,
        after: tuple[datetime, uuid.UUID] | None,
        limit: int,
    ) -> list[Agreement]:
        """The organisation's agreements as the party of its kind (a school as school, an enterprise as enterprise)."""
        column = {"school": t.c.school_org, "enterprise": t.c.enterprise_org}.get(kind)
        if column is None:
            return []
        query = select(t).where(column == org)
        if status is not None:
            query = query.where(t.c.status == status.value)
        if after is not None:
            created_at, last_id = after
            query = query.where(or_(t.c.created_at < created_at, and_(t.c.created_at == created_at, t.c.id < last_id)))
        query = query.order_by(t.c.created_at.desc(), t.c.id.desc()).limit(limit)
        return [_to_domain(r) for r in (await self.connection.execute(query)).all()]

    async def shown_among(
        self, ids: list[uuid.UUID], org: str, kind: str, *, status: Status | None = None
    ) -> dict[uuid.UUID, Agreement]:
        """Those of `ids` the organisation's list shows (a change feed's rows, praxis_common.feeds)."""
        column = {"school": t.c.school_org, "enterprise": t.c.enterprise_org}.get(kind)
        if column is None or not ids:
            return {}
        query = select(t).where(column == org, t.c.id.in_(ids))
        if status is not None:
            query = query.where(t.c.status == status.value)
        return {r.id: _to_domain(r) for r in await self.connection.execute(query)}

    async def covering(self, school_org: str, enterprise_org: str, day: date) -> uuid.UUID | None:
        """The active agreement between the two whose period covers `day` (the latest-ending if several)."""
        return await self.connection.scalar(
            select(t.c.id)
            .where(
                t.c.school_org == school_org,
                t.c.enterprise_org == enterprise_org,
                t.c.status == Status.ACTIVE.value,
                t.c.valid_from <= day,
                t.c.valid_to >= day,
            )
            .order_by(t.c.valid_to.desc())
            .limit(1)
        )

    async def ending(self, today: date, limit: int) -> list[uuid.UUID]:
        """Active agreements whose period is over (not locked: each is ended in a transaction of its own)."""
        rows = await self.connection.execute(
            select(t.c.id)
            .where(t.c.status == Status.ACTIVE.value, t.c.valid_to < today)
            .order_by(t.c.valid_to, t.c.id)
            .limit(limit)
        )
        return list(rows.scalars())

    async def lock_bookings_of(self, school_org: str) -> None:
        """The school's booking lock, exclusively, to the end of the transaction: every booking of the school takes
        it shared first (book_placement), a round's publish exclusively (PlacementRepository.lock_for_booking); held,
        no booking of the school is half-way."""
        await locks.lock_each(self.connection, SCHOOL_BOOKINGS, [school_org])

    async def covers_term(self, enterprise_org: str, starts_on: date, ends_on: date) -> bool:
        """Whether an active agreement of the enterprise (with any school) covers the whole term."""
        found = await self.connection.scalar(
            select(t.c.id).where(covering_term(enterprise_org, starts_on, ends_on)).limit(1)
        )
        return found is not None

    async def lock_partnerships_of(self, enterprise_org: str, *, exclusive: bool) -> None:
        """The enterprise's partnership lock, to the end of the transaction. Winding down an ended agreement takes it
        exclusively, publishing a position shared: a position is never published against an agreement that a
        concurrent wind-down is ending, and two wind-downs of one enterprise see each other's ended agreement."""
        await locks.lock(self.connection, PARTNERSHIPS, enterprise_org, shared=not exclusive)

    async def active_partners(self, school_org: str) -> list[str]:
        """The enterprises the school holds an active agreement with (whose published positions it sees)."""
        rows = await self.connection.execute(
            select(t.c.enterprise_org).where(t.c.school_org == school_org, t.c.status == Status.ACTIVE.value).distinct()
        )
        return [r.enterprise_org for r in rows]

    async def active_with(self, school_org: str, enterprise_org: str) -> bool:
        found = await self.connection.scalar(
            select(t.c.id)
            .where(
                t.c.school_org == school_org, t.c.enterprise_org == enterprise_org, t.c.status == Status.ACTIVE.value
            )
            .limit(1)
        )
        return found is not None

    async def due_for_calendar(self, today: date, limit: int) -> list[Agreement]:
        """Agreements the date starts, or ends before they ever were active, locked; rows another process holds
        are skipped. (Active agreements the date ends are wound down one by one: `ending`.)"""
        query = (
            select(t)
            .where(
                or_(
                    and_(t.c.status == Status.SIGNED.value, t.c.valid_from <= today),
                    and_(t.c.status.in_([Status.DRAFT.value, Status.SIGNED.value]), t.c.valid_to < today),
                )
            )
            .order_by(t.c.valid_from)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        return [_to_domain(r) for r in (await self.connection.execute(query)).all()]


def covering_term(enterprise_org, starts_on, ends_on):
    """The condition on an agreement row: active, of the enterprise, its period containing the whole term. A position
    is published only while such an agreement exists (with any school: every partner school sees it)."""
    return and_(
        t.c.enterprise_org == enterprise_org,
        t.c.status == Status.ACTIVE.value,
        t.c.valid_from <= starts_on,
        t.c.valid_to >= ends_on,
    )
