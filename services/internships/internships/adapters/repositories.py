"""Agreement repository: maps rows to the Agreement aggregate and back, with optimistic versions."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import and_, insert, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from internships.adapters.orm import agreement as t
from internships.domain.agreements import Agreement, Status

_FIELDS = [c.name for c in t.columns]


def _to_domain(row) -> Agreement:
    data = dict(row._mapping)
    data["status"] = Status(data["status"])
    return Agreement(**data)


def _to_row(a: Agreement) -> dict:
    row = {name: getattr(a, name) for name in _FIELDS}
    row["status"] = a.status.value
    return row


class AgreementRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, a: Agreement) -> None:
        await self.session.execute(insert(t).values(_to_row(a)))

    async def get(self, agreement_id: uuid.UUID, *, for_update: bool = False) -> Agreement | None:
        query = select(t).where(t.c.id == agreement_id)
        if for_update:
            query = query.with_for_update()
        row = (await self.session.execute(query)).first()
        return _to_domain(row) if row else None

    async def save(self, a: Agreement) -> None:
        """Write back a loaded aggregate; the version check catches writers that skipped the lock."""
        row = _to_row(a)
        row["version"] = a.version + 1
        result = await self.session.execute(update(t).where(t.c.id == a.id, t.c.version == a.version).values(row))
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
        return [_to_domain(r) for r in (await self.session.execute(query)).all()]

    async def due_for_calendar(self, today: date, limit: int) -> list[Agreement]:
        """Agreements whose state the date changes, locked; rows another process holds are skipped."""
        query = (
            select(t)
            .where(
                or_(
                    and_(t.c.status == Status.SIGNED.value, t.c.valid_from <= today),
                    and_(
                        t.c.status.in_([Status.DRAFT.value, Status.SIGNED.value, Status.ACTIVE.value]),
                        t.c.valid_to < today,
                    ),
                )
            )
            .order_by(t.c.valid_from)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        return [_to_domain(r) for r in (await self.session.execute(query)).all()]
