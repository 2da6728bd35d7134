"""The credit ledger's repository: record an entry (keeping the highest revision), list a school's entries by filter
in award order (paged or streamed), and the per-student totals; and the students' recorded achievements it is kept
from for its achievement entries (the highest revision of each), with their points for the `achievements` data
measure."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import date
from decimal import Decimal

from sqlalchemy import and_, delete, func, select, tuple_
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncConnection

from internships.adapters.credits_tables import credit_ledger_entry as led_t
from internships.adapters.credits_tables import student_achievement as ach_t
from internships.domain.credit_ledger import Achievement, LedgerEntry, LedgerFilter, SourceKind, StudentTotal

ORDER = (led_t.c.awarded_on, led_t.c.source_kind, led_t.c.source_id, led_t.c.student_ref)
KEY = ("school_org", "source_kind", "source_id", "student_ref")
# What a later revision of an achievement never changes: its id, and whose it is (a row an erasure pseudonymised stays
# pseudonymised when a later revision still names the student).
ACHIEVEMENT_KEPT = ("achievement_id", "school_org", "student_ref")
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

    async def record_achievement(self, a: Achievement) -> Achievement | None:
        """Insert the achievement, or update the kept one when this revision is higher (its school and student stay
        the kept ones); an older or equal revision changes nothing. The achievement as kept now, or None when
        nothing changed."""
        row = {c.name: getattr(a, c.name) for c in ach_t.columns}
        stmt = insert(ach_t).values(row)
        stmt = stmt.on_conflict_do_update(
            constraint="pk_student_achievement",
            set_={k: stmt.excluded[k] for k in row if k not in ACHIEVEMENT_KEPT},
            where=ach_t.c.revision < stmt.excluded.revision,
        ).returning(*ach_t.columns)
        found = (await self.connection.execute(stmt)).first()
        return None if found is None else Achievement(**found._mapping)

    async def follow_achievement(self, a: Achievement) -> None:
        """The ledger's entry of the achievement as kept: replaced by `a.ledger_entry()`, gone when it has none."""
        await self.connection.execute(
            delete(led_t).where(
                led_t.c.school_org == a.school_org,
                led_t.c.source_kind == SourceKind.ACHIEVEMENT.value,
                led_t.c.source_id == a.achievement_id,
            )
        )
        entry = a.ledger_entry()
        if entry is not None:
            row = {c.name: getattr(entry, c.name) for c in led_t.columns}
            await self.connection.execute(insert(led_t).values(row | {"source_kind": entry.source_kind.value}))

    async def achievement(self, achievement_id: uuid.UUID) -> Achievement | None:
        found = (await self.connection.execute(select(ach_t).where(ach_t.c.achievement_id == achievement_id))).first()
        return None if found is None else Achievement(**found._mapping)

    async def achievement_points(self, school_org: str, student_ref: str, first: date, last: date) -> list[Decimal]:
        """The points of the student's achievements the school recorded, not withdrawn, awarded from `first` to
        `last` (inclusive), in award order."""
        rows = await self.connection.execute(
            select(ach_t.c.points)
            .where(
                ach_t.c.school_org == school_org,
                ach_t.c.student_ref == student_ref,
                ach_t.c.awarded_on.between(first, last),
                ach_t.c.withdrawn.is_(False),
            )
            .order_by(ach_t.c.awarded_on, ach_t.c.achievement_id)
        )
        return list(rows.scalars())

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
