"""Placement repository: rows to the Placement aggregate and back, and booking through the `book_placement` and
`end_hold` database functions (migrations/sql/)."""

from __future__ import annotations

import asyncio
import json
import uuid
from collections import Counter
from collections.abc import Awaitable
from datetime import date, datetime

from sqlalchemy import and_, bindparam, exists, insert, or_, select, text, update
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.ext.asyncio import AsyncConnection

from internships.adapters.agreements import SCHOOL_BOOKINGS
from internships.adapters.orm import agreement as agr_t
from internships.adapters.orm import placement as pl_t
from internships.adapters.orm import position as pos_t
from internships.adapters.orm import practice_base as base_t
from internships.adapters.positions import _position
from internships.domain.agreements import Status
from internships.domain.booking import BookingTarget, QuotaCounters, SeatCounters, Statement, decide_statements
from internships.domain.placements import HOLDING, Placement, PlacementStatus
from praxis_common import locks, outbox
from praxis_common.db import copy_in


class PlacementRepository:
    def __init__(self, connection: AsyncConnection) -> None:
        self.connection = connection

    async def add(self, p: Placement) -> None:
        await self.connection.execute(insert(pl_t).values(_placement_row(p)))

    async def get(self, placement_id: uuid.UUID, *, for_update: bool = False) -> Placement | None:
        query = select(pl_t).where(pl_t.c.id == placement_id)
        row = (await self.connection.execute(query.with_for_update() if for_update else query)).first()
        return _placement(row) if row else None

    async def save(self, p: Placement) -> None:
        row = _placement_row(p)
        row["version"] = p.version + 1
        result = await self.connection.execute(
            update(pl_t).where(pl_t.c.id == p.id, pl_t.c.version == p.version).values(row)
        )
        if result.rowcount != 1:
            raise RuntimeError(f"placement {p.id} changed concurrently")
        p.version += 1

    async def list_for(
        self,
        org: str,
        kind: str,
        *,
        status: PlacementStatus | None,
        after: tuple[datetime, uuid.UUID] | None,
        limit: int,
        student_ref: str | None = None,
    ) -> list[Placement]:
        column = {"school": pl_t.c.school_org, "enterprise": pl_t.c.enterprise_org}.get(kind)
        if column is None:
            return []
        query = select(pl_t).where(column == org)
        if student_ref is not None:
            query = query.where(pl_t.c.student_ref == student_ref)
        if status is not None:
            query = query.where(pl_t.c.status == status.value)
        if after is not None:
            at, last_id = after
            query = query.where(or_(pl_t.c.requested_at < at, and_(pl_t.c.requested_at == at, pl_t.c.id < last_id)))
        rows = await self.connection.execute(query.order_by(pl_t.c.requested_at.desc(), pl_t.c.id.desc()).limit(limit))
        return [_placement(r) for r in rows]

    async def shown_among(
        self,
        ids: list[uuid.UUID],
        org: str,
        kind: str,
        *,
        status: PlacementStatus | None = None,
        student_ref: str | None = None,
    ) -> dict[uuid.UUID, Placement]:
        """Those of `ids` the caller's list shows (a change feed's rows, praxis_common.feeds)."""
        column = {"school": pl_t.c.school_org, "enterprise": pl_t.c.enterprise_org}.get(kind)
        if column is None or not ids:
            return {}
        query = select(pl_t).where(column == org, pl_t.c.id.in_(ids))
        if student_ref is not None:
            query = query.where(pl_t.c.student_ref == student_ref)
        if status is not None:
            query = query.where(pl_t.c.status == status.value)
        return {r.id: _placement(r) for r in await self.connection.execute(query)}

    async def booking_target(self, position_id: uuid.UUID, school_org: str) -> BookingTarget | None:
        """In one round trip: the position with its base's declared staff, whether the school may see it (an
        active agreement with the enterprise) and the active agreement covering its start, if any."""
        row = (
            await self.connection.execute(_BOOKING_TARGET, {"position_id": position_id, "school": school_org})
        ).first()
        if row is None:
            return None
        m = row._mapping
        return BookingTarget(_position(row), m["base_staff"], m["visible"], m["agreement_id"])

    async def book(
        self,
        p: Placement,
        outbox_rows: list[dict],
        *,
        max_at_base: int | None,
        max_in_post: int | None,
        today: date,
    ):
        """Take the seat, count the intern at the base and against the agreement's quota, and insert the placement
        with its outbox rows, in one statement (the `book_placement` database function), or change nothing. The
        function also re-checks, under the agreement's lock, that the agreement is still in force on `today`.
        Returns (refusal or None, interns at the base, interns in the post) as the function saw them."""
        row = (
            await self.connection.execute(
                _BOOK,
                {
                    "placement": json.dumps(_placement_row(p), default=str),
                    "outbox": json.dumps(outbox.rows_json(outbox_rows), default=str),
                    "max_at_base": max_at_base,
                    "max_in_post": max_in_post,
                    "today": today,
                },
            )
        ).one()
        return row.refusal, row.interns_at_base, row.interns_in_post

    async def book_batch(
        self,
        bookings: list[tuple[Placement, int | None, int | None]],
        outbox_rows: Awaitable[list[dict]],
        *,
        today: date,
    ) -> list[str | None]:
        """The atomic step for many placements (placement, max_at_base, max_in_post) at once, in the caller's
        transaction, which holds their schools' booking locks and their positions', bases' and agreements' rows
        (lock_for_booking). Their rows and the students' holding placements are read in four statements;
        domain.booking.decide_statements decides every booking in order, as `book_placement` called once each
        would; and if none is refused each counter row is updated once, the placements are copied in (COPY) and
        `outbox_rows` (their events, UnitOfWork.outbox_rows) copied in too (outbox.copy_rows): awaited only then, so
        the caller can lay them out in a worker thread while the database books. Returns each booking's refusal or
        None; when any is refused nothing is written."""
        if not bookings:
            return []
        placements = [p for p, _, _ in bookings]
        c = self.connection
        rows = await c.execute(
            select(
                pos_t.c.id, pos_t.c.status, pos_t.c.seats, pos_t.c.seats_taken, pos_t.c.interns_current, pos_t.c.base_id
            ).where(pos_t.c.id.in_(sorted({p.position_id for p in placements})))
        )
        positions = {r.id: SeatCounters(r.status, r.seats, r.seats_taken, r.interns_current, r.base_id) for r in rows}
        base_ids = sorted({s.base_id for s in positions.values()})
        bases = {
            r.id: [r.interns_current]
            for r in await c.execute(select(base_t.c.id, base_t.c.interns_current).where(base_t.c.id.in_(base_ids)))
        }
        rows = await c.execute(
            select(
                agr_t.c.id,
                agr_t.c.status,
                agr_t.c.valid_from,
                agr_t.c.valid_to,
                agr_t.c.interns_placed,
                agr_t.c.intern_quota,
            ).where(agr_t.c.id.in_(sorted({p.agreement_id for p in placements})))
        )
        agreements = {
            r.id: QuotaCounters(r.status, r.valid_from, r.valid_to, r.interns_placed, r.intern_quota) for r in rows
        }
        students = sorted({(p.school_org, p.student_ref) for p in placements})
        holding: dict[tuple[str, str], list[tuple[date, date]]] = {}
        for r in await c.execute(
            _HOLDING_OF,
            {
                "schools": [s for s, _ in students],
                "refs": [ref for _, ref in students],
                "holding": sorted(s.value for s in HOLDING),
            },
        ):
            holding.setdefault((r.school_org, r.student_ref), []).append((r.starts_on, r.ends_on))
        # Tens of thousands of bookings: decided in a worker thread (off the event loop), as their rows are laid out.
        decided = await asyncio.to_thread(_decide, bookings, positions, bases, agreements, holding, today)
        if any(d is not None for d in decided):
            return decided
        per_position = Counter(p.position_id for p in placements)
        per_base = Counter(positions[p.position_id].base_id for p in placements)
        per_agreement = Counter(p.agreement_id for p in placements)
        for statement, counts in (
            (_ADD_TO_POSITIONS, per_position),
            (_ADD_TO_BASES, per_base),
            (_ADD_TO_AGREEMENTS, per_agreement),
        ):
            ids = sorted(counts)
            await c.execute(statement, {"ids": ids, "counts": [counts[k] for k in ids]})
        columns, records = await asyncio.to_thread(_copy_records, placements)
        await copy_in(c, pl_t.name, columns, records)
        await outbox.copy_rows(c, await outbox_rows)
        return decided

    async def lock_for_booking(
        self,
        schools: list[str],
        position_ids: list[uuid.UUID],
        base_ids: list[uuid.UUID],
        agreement_ids: list[uuid.UUID],
    ) -> None:
        """Take, up front and each kind in a fixed order, the locks `book_placement` takes row by row: each school's
        booking lock EXCLUSIVELY (instead of one lock per student, which would overflow PostgreSQL's lock table
        on a national round; the booking rows are then called with `school_locked`), then the positions, their
        bases, the agreements. Booking takes them in that same order of kinds (its school's lock shared), so a
        concurrent booking and a publishing round wait for each other instead of deadlocking."""
        await locks.lock_each(self.connection, SCHOOL_BOOKINGS, schools)
        for table, ids in ((pos_t, position_ids), (base_t, base_ids), (agr_t, agreement_ids)):
            await self.connection.execute(
                select(table.c.id).where(table.c.id.in_(sorted(set(ids)))).order_by(table.c.id).with_for_update()
            )

    async def end_hold(self, p: Placement, *, give_back_seat: bool) -> None:
        """The placement no longer counts as a current intern of its position and base; with `give_back_seat`
        its seat and its place in the agreement's quota come back too."""
        await self.connection.execute(
            _END_HOLD, {"position_id": p.position_id, "agreement_id": p.agreement_id, "seat": give_back_seat}
        )

    async def holding_under(self, agreement_id: uuid.UUID) -> list[Placement]:
        """The agreement's requested, confirmed and active placements, locked in id order."""
        rows = await self.connection.execute(
            select(pl_t)
            .where(pl_t.c.agreement_id == agreement_id, pl_t.c.status.in_([s.value for s in HOLDING]))
            .order_by(pl_t.c.id)
            .with_for_update()
        )
        return [_placement(r) for r in rows]

    async def expired_holds(self, now: datetime, limit: int) -> list[Placement]:
        rows = await self.connection.execute(
            select(pl_t)
            .where(pl_t.c.status == PlacementStatus.REQUESTED.value, pl_t.c.hold_expires_at <= now)
            .order_by(pl_t.c.hold_expires_at)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        return [_placement(r) for r in rows]


_active_agreement = and_(
    agr_t.c.school_org == bindparam("school"),
    agr_t.c.enterprise_org == pos_t.c.enterprise_org,
    agr_t.c.status == Status.ACTIVE.value,
)
_BOOKING_TARGET = (
    select(
        pos_t,
        base_t.c.staff.label("base_staff"),
        exists().where(_active_agreement).label("visible"),
        select(agr_t.c.id)
        .where(_active_agreement, agr_t.c.valid_from <= pos_t.c.starts_on, agr_t.c.valid_to >= pos_t.c.starts_on)
        # domain/booking.covering_agreement's rule, in the query: the latest-ending, ties to the greater id (without
        # the tie-break, two agreements on the same dates made the choice whichever the database found first)
        .order_by(agr_t.c.valid_to.desc(), agr_t.c.id.desc())
        .limit(1)
        .scalar_subquery()
        .label("agreement_id"),
    )
    .join(base_t, base_t.c.id == pos_t.c.base_id)
    .where(pos_t.c.id == bindparam("position_id"))
)
_BOOK = text(
    "SELECT refusal, interns_at_base, interns_in_post FROM "
    "book_placement(CAST(:placement AS jsonb), CAST(:outbox AS jsonb), :max_at_base, :max_in_post, "
    "booking_day => :today)"
)
_END_HOLD = text("SELECT end_hold(:position_id, :agreement_id, :seat)")
_HOLDING_OF = text(
    "SELECT p.school_org, p.student_ref, p.starts_on, p.ends_on FROM placement p "
    "JOIN unnest(CAST(:schools AS text[]), CAST(:refs AS text[])) AS s(school_org, student_ref) "
    "USING (school_org, student_ref) WHERE p.status = ANY(CAST(:holding AS text[]))"
)
# A round's publish counts each row once (book_batch); the CHECK constraints stay the last word.
_ADD_TO_POSITIONS = text(
    "UPDATE position SET seats_taken = position.seats_taken + d.n, interns_current = position.interns_current + d.n "
    "FROM unnest(CAST(:ids AS uuid[]), CAST(:counts AS integer[])) AS d(id, n) WHERE position.id = d.id"
)
_ADD_TO_BASES = text(
    "UPDATE practice_base SET interns_current = practice_base.interns_current + d.n "
    "FROM unnest(CAST(:ids AS uuid[]), CAST(:counts AS integer[])) AS d(id, n) WHERE practice_base.id = d.id"
)
_ADD_TO_AGREEMENTS = text(
    "UPDATE agreement SET interns_placed = agreement.interns_placed + d.n "
    "FROM unnest(CAST(:ids AS uuid[]), CAST(:counts AS integer[])) AS d(id, n) WHERE agreement.id = d.id"
)


def _decide(bookings, positions, bases, agreements, holding, today: date) -> list[str | None]:
    statements = [
        Statement(p.position_id, p.agreement_id, p.school_org, p.student_ref, p.starts_on, p.ends_on, at_base, in_post)
        for p, at_base, in_post in bookings
    ]
    return decide_statements(statements, positions, bases, agreements, holding, today)


def _copy_records(placements: list[Placement]) -> tuple[list[str], list[tuple]]:
    """The placements' rows as COPY takes them (praxis_common.db.copy_in): the columns, and a tuple per row."""
    columns = [col.name for col in pl_t.columns]
    as_json = {col.name for col in pl_t.columns if isinstance(col.type, JSONB)}
    records = [
        tuple(json.dumps(row[name]) if name in as_json else row[name] for name in columns)
        for row in map(_placement_row, placements)
    ]
    return columns, records


def _placement_row(p: Placement) -> dict:
    row = {c.name: getattr(p, c.name) for c in pl_t.columns}
    row["status"] = p.status.value
    return row


def _placement(row) -> Placement:
    data = dict(row._mapping)
    data["status"] = PlacementStatus(data["status"])
    return Placement(**data)
