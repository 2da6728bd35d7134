"""The credit ledger's repository: record an entry (keeping the highest revision), list a school's entries by filter
in award order (paged or streamed), and the per-student totals."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import date
from decimal import Decimal

from sqlalchemy import and_, func, select, tuple_
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncConnection

from internships.adapters.credits_tables import credit_ledger_entry as led_t
from internships.domain.credit_ledger import LedgerEntry, LedgerFilter, SourceKind, StudentTotal

ORDER = (led_t.c.awarded_on, led_t.c.source_kind, led_t.c.source_id, led_t.c.student_ref)
KEY = ("school_org", "source_kind", "source_id", "student_ref")
STREAM_BATCH = 500


class CreditLedgerRepository:
    def __init__(self, connection: AsyncConnection) -> None:
        self.connection = connection

    async def record(self, e: LedgerEntry) -> bool:
        """Insert the entry, or replace the one of the same source and student when this revision is higher; an
        older or equal revision changes nothing. The award date stays the first one's (an amendment does not move
        a placement's completion). Whether it changed the ledger."""
        row = {c.name: getattr(e, c.name) for c in led_t.columns}
        row["source_kind"] = e.source_kind.value
        stmt = insert(led_t).values(row)
        stmt = stmt.on_conflict_do_update(
            constraint="pk_credit_ledger_entry",
            set_={k: stmt.excluded[k] for k in row if k not in KEY + ("awarded_on",)},
            where=led_t.c.revision < stmt.excluded.revision,
        ).returning(led_t.c.revision)
        return (await self.connection.execute(stmt)).first() is not None

    def _where(self, school_org: str, f: LedgerFilter):
        conditions = [led_t.c.school_org == school_org]
        if f.student_ref is not None:
            conditions.append(led_t.c.student_ref == f.student_ref)
        if f.source_kind is not None:
            conditions.append(led_t.c.source_kind == f.source_kind.value)
        if f.awarded_from is not None:
            conditions.append(led_t.c.awarded_on >= f.awarded_from)
        if f.awarded_to is not None:
            conditions.append(led_t.c.awarded_on <= f.awarded_to)
        if f.enterprise_org is not None:
            conditions.append(led_t.c.enterprise_org == f.enterprise_org)
        return and_(*conditions)

    async def entries(
        self, school_org: str, f: LedgerFilter, *, after: tuple[date, str, uuid.UUID, str] | None, limit: int
    ) -> list[LedgerEntry]:
        query = select(led_t).where(self._where(school_org, f))
        if after is not None:
            query = query.where(tuple_(*ORDER) > tuple_(*after))
        rows = await self.connection.execute(query.order_by(*ORDER).limit(limit))
        return [_entry(r) for r in rows]

    async def stream(self, school_org: str, f: LedgerFilter) -> AsyncIterator[LedgerEntry]:
        """Every matching entry, in award order, fetched in batches (an export of any size)."""
        after = None
        while True:
            batch = await self.entries(school_org, f, after=after, limit=STREAM_BATCH)
            for e in batch:
                yield e
            if len(batch) < STREAM_BATCH:
                return
            after = batch[-1].order_key

    async def totals(self, school_org: str, f: LedgerFilter) -> list[StudentTotal]:
        """Per student over every matching entry (not only a page), in student order."""
        rows = await self.connection.execute(
            select(
                led_t.c.student_ref,
                func.coalesce(func.sum(led_t.c.credits), Decimal(0)),
                func.count(),
                func.count().filter(led_t.c.passed),
            )
            .where(self._where(school_org, f))
            .group_by(led_t.c.student_ref)
            .order_by(led_t.c.student_ref)
        )
        return [StudentTotal(s, c, n, p) for s, c, n, p in rows]


def _entry(row) -> LedgerEntry:
    data = dict(row._mapping)
    data["source_kind"] = SourceKind(data["source_kind"])
    return LedgerEntry(**data)
