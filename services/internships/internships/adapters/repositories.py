"""Agreement repository: maps rows to the Agreement aggregate and back, with optimistic versions."""

from __future__ import annotations

import asyncio
import json
import uuid
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal

from sqlalchemy import and_, bindparam, exists, func, insert, or_, select, text, update
from sqlalchemy.ext.asyncio import AsyncConnection

from internships.adapters.orm import agreement as t
from internships.adapters.orm import logbook_week as log_t
from internships.adapters.orm import placement as pl_t
from internships.adapters.orm import position as pos_t
from internships.adapters.orm import practice_base as base_t
from internships.domain.agreements import Agreement, Status
from internships.domain.logbooks import LogbookWeek, LogLine, WeekStatus
from internships.domain.placements import HOLDING, Placement, PlacementStatus
from internships.domain.positions import Duty, DutyKind, Position, PositionStatus, PracticeBase, Tier

agr_t = t

_FIELDS = [c.name for c in t.columns]


def _to_domain(row) -> Agreement:
    data = {c: row._mapping[c] for c in _FIELDS if c != "interns_placed"}
    data["status"] = Status(data["status"])
    return Agreement(**data)


def _to_row(a: Agreement) -> dict:
    row = {name: getattr(a, name) for name in _FIELDS if name != "interns_placed"}
    row["status"] = a.status.value
    return row


# Schools' booking locks, exclusively, in key order (so two lockers never deadlock). The key is the one the
# `book_placement` function (migration 0009) takes shared for each booking: keep the two the same.
LOCK_SCHOOLS_FOR_BOOKING = text(
    "SELECT pg_advisory_xact_lock(k) FROM (SELECT DISTINCT hashtextextended("
    "'school' || chr(31) || s, 1) AS k FROM unnest(CAST(:schools AS text[])) AS u(s) ORDER BY k) AS keys"
)


class AgreementRepository:
    def __init__(self, session: AsyncConnection) -> None:
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

    async def covering(self, school_org: str, enterprise_org: str, day: date) -> uuid.UUID | None:
        """The active agreement between the two whose period covers `day` (the latest-ending if several)."""
        return await self.session.scalar(
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
        rows = await self.session.execute(
            select(t.c.id)
            .where(t.c.status == Status.ACTIVE.value, t.c.valid_to < today)
            .order_by(t.c.valid_to, t.c.id)
            .limit(limit)
        )
        return list(rows.scalars())

    async def lock_bookings_of(self, school_org: str) -> None:
        """The school's booking lock, exclusively, to the end of the transaction: every booking of the school takes
        it shared first (book_placement), a round's publish exclusively (RoundRepository.lock_for_booking); held,
        no booking of the school is half-way."""
        await self.session.execute(LOCK_SCHOOLS_FOR_BOOKING, {"schools": [school_org]})

    async def covers_term(self, enterprise_org: str, starts_on: date, ends_on: date) -> bool:
        """Whether an active agreement of the enterprise (with any school) covers the whole term."""
        found = await self.session.scalar(
            select(t.c.id).where(covering_term(enterprise_org, starts_on, ends_on)).limit(1)
        )
        return found is not None

    async def lock_partnerships_of(self, enterprise_org: str, *, exclusive: bool) -> None:
        """The enterprise's partnership lock, to the end of the transaction. Winding down an ended agreement takes it
        exclusively, publishing a position shared: a position is never published against an agreement that a
        concurrent wind-down is ending, and two wind-downs of one enterprise see each other's ended agreement."""
        lock = "pg_advisory_xact_lock" if exclusive else "pg_advisory_xact_lock_shared"
        await self.session.execute(
            text(f"SELECT {lock}(hashtextextended('enterprise' || chr(31) || :org, 1))"), {"org": enterprise_org}
        )

    async def active_with(self, school_org: str, enterprise_org: str) -> bool:
        found = await self.session.scalar(
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
        return [_to_domain(r) for r in (await self.session.execute(query)).all()]


def covering_term(enterprise_org, starts_on, ends_on):
    """The condition on an agreement row: active, of the enterprise, its period containing the whole term. A position
    is published only while such an agreement exists (with any school: every partner school sees it)."""
    return and_(
        t.c.enterprise_org == enterprise_org,
        t.c.status == Status.ACTIVE.value,
        t.c.valid_from <= starts_on,
        t.c.valid_to >= ends_on,
    )


def _positions_query():
    return select(pos_t, base_t.c.country).join(base_t, base_t.c.id == pos_t.c.base_id)


class BaseRepository:
    def __init__(self, session: AsyncConnection) -> None:
        self.session = session

    async def add(self, b: PracticeBase) -> None:
        await self.session.execute(insert(base_t).values({c.name: getattr(b, c.name) for c in base_t.columns}))

    async def get(self, base_id: uuid.UUID, *, for_update: bool = False) -> PracticeBase | None:
        query = select(base_t).where(base_t.c.id == base_id)
        row = (await self.session.execute(query.with_for_update() if for_update else query)).first()
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
        rows = await self.session.execute(query.order_by(base_t.c.created_at.desc(), base_t.c.id.desc()).limit(limit))
        return [_base(r) for r in rows]

    async def seats_offered(self, base_id: uuid.UUID) -> int:
        total = await self.session.scalar(
            select(func.coalesce(func.sum(pos_t.c.seats), 0)).where(
                pos_t.c.base_id == base_id, pos_t.c.status != PositionStatus.CLOSED.value
            )
        )
        return int(total or 0)


def _base(row) -> PracticeBase:
    data = dict(row._mapping)
    data["tier"] = Tier(data["tier"])
    return PracticeBase(**data)


class PositionRepository:
    def __init__(self, session: AsyncConnection) -> None:
        self.session = session

    async def add(self, p: Position) -> None:
        await self.session.execute(insert(pos_t).values(_position_row(p)))

    async def get(self, position_id: uuid.UUID, *, for_update: bool = False) -> Position | None:
        query = select(pos_t).where(pos_t.c.id == position_id)
        row = (await self.session.execute(query.with_for_update() if for_update else query)).first()
        return _position(row) if row else None

    async def save(self, p: Position) -> None:
        row = _position_row(p)
        del row["seats_taken"], row["interns_current"]  # owned by the database functions book_placement, end_hold
        row["version"] = p.version + 1
        result = await self.session.execute(
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
    ) -> list[Position]:
        """Positions in newest-first order. A school sees published positions of enterprises it holds an
        active agreement with; an enterprise sees its own in any state."""
        query = _positions_query()
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
        rows = await self.session.execute(query.order_by(pos_t.c.created_at.desc(), pos_t.c.id.desc()).limit(limit))
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
        return [_position(r) for r in await self.session.execute(query)]

    async def country_of(self, position_id: uuid.UUID) -> str:
        return await self.session.scalar(
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


class PlacementRepository:
    def __init__(self, session: AsyncConnection) -> None:
        self.session = session

    async def add(self, p: Placement) -> None:
        await self.session.execute(insert(pl_t).values(_placement_row(p)))

    async def get(self, placement_id: uuid.UUID, *, for_update: bool = False) -> Placement | None:
        query = select(pl_t).where(pl_t.c.id == placement_id)
        row = (await self.session.execute(query.with_for_update() if for_update else query)).first()
        return _placement(row) if row else None

    async def save(self, p: Placement) -> None:
        row = _placement_row(p)
        row["version"] = p.version + 1
        result = await self.session.execute(
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
        rows = await self.session.execute(query.order_by(pl_t.c.requested_at.desc(), pl_t.c.id.desc()).limit(limit))
        return [_placement(r) for r in rows]

    async def booking_target(self, position_id: uuid.UUID, school_org: str) -> BookingTarget | None:
        """In one round trip: the position with its base's declared staff, whether the school may see it (an
        active agreement with the enterprise) and the active agreement covering its start, if any."""
        row = (await self.session.execute(_BOOKING_TARGET, {"position_id": position_id, "school": school_org})).first()
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
            await self.session.execute(
                _BOOK,
                {
                    "placement": json.dumps(_placement_row(p), default=str),
                    "outbox": json.dumps([{**r, "payload": r["payload"].decode()} for r in outbox_rows], default=str),
                    "max_at_base": max_at_base,
                    "max_in_post": max_in_post,
                    "today": today,
                },
            )
        ).one()
        return row.refusal, row.interns_at_base, row.interns_in_post

    async def book_many(
        self, bookings: list[tuple[Placement, list[dict], int | None, int | None]], *, today: date
    ) -> list[tuple]:
        """`book` for many placements in one statement and in the caller's transaction: the same `book_placement`
        function runs once per (placement, its outbox rows, max_at_base, max_in_post), in order. The caller must
        hold the booking locks of the placements' schools exclusively (RoundRepository.lock_for_booking). A refused booking
        changes nothing and the rest still run, so one call reports every refusal; the caller rolls back if any.
        Returns (refusal or None, interns at the base, interns in the post) per booking."""
        if not bookings:
            return []
        # Tens of thousands of rows as one JSON document: serialised in a worker thread, off the event loop.
        rows = await asyncio.to_thread(_booking_rows_json, bookings)
        result = await self.session.execute(_BOOK_MANY, {"rows": rows, "today": today})
        return [tuple(r) for r in result]

    async def end_hold(self, p: Placement, *, give_back_seat: bool) -> None:
        """The placement no longer counts as a current intern of its position and base; with `give_back_seat`
        its seat and its place in the agreement's quota come back too."""
        await self.session.execute(
            _END_HOLD, {"position_id": p.position_id, "agreement_id": p.agreement_id, "seat": give_back_seat}
        )

    async def holding_under(self, agreement_id: uuid.UUID) -> list[Placement]:
        """The agreement's requested, confirmed and active placements, locked in id order."""
        rows = await self.session.execute(
            select(pl_t)
            .where(pl_t.c.agreement_id == agreement_id, pl_t.c.status.in_([s.value for s in HOLDING]))
            .order_by(pl_t.c.id)
            .with_for_update()
        )
        return [_placement(r) for r in rows]

    async def expired_holds(self, now: datetime, limit: int) -> list[Placement]:
        rows = await self.session.execute(
            select(pl_t)
            .where(pl_t.c.status == PlacementStatus.REQUESTED.value, pl_t.c.hold_expires_at <= now)
            .order_by(pl_t.c.hold_expires_at)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        return [_placement(r) for r in rows]


def _booking_rows_json(bookings: list[tuple[Placement, list[dict], int | None, int | None]]) -> str:
    rows = [
        {
            "placement": _placement_row(p),
            "outbox": [{**r, "payload": r["payload"].decode()} for r in outbox_rows],
            "max_at_base": max_at_base,
            "max_in_post": max_in_post,
        }
        for p, outbox_rows, max_at_base, max_in_post in bookings
    ]
    return json.dumps(rows, default=str)


@dataclass(frozen=True)
class BookingTarget:
    position: Position
    base_staff: int | None
    visible: bool  # the school holds an active agreement with the enterprise
    agreement_id: uuid.UUID | None  # the active agreement covering the position's start


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
        .order_by(agr_t.c.valid_to.desc())
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
_BOOK_MANY = text(
    "SELECT b.refusal, b.interns_at_base, b.interns_in_post "
    "FROM jsonb_array_elements(CAST(:rows AS jsonb)) WITH ORDINALITY AS r(item, ord) "
    "CROSS JOIN LATERAL book_placement(r.item->'placement', r.item->'outbox', "
    "(r.item->>'max_at_base')::integer, (r.item->>'max_in_post')::integer, school_locked => true, "
    "booking_day => :today) AS b "
    "ORDER BY r.ord"
)
_END_HOLD = text("SELECT end_hold(:position_id, :agreement_id, :seat)")


def _placement_row(p: Placement) -> dict:
    row = {c.name: getattr(p, c.name) for c in pl_t.columns}
    row["status"] = p.status.value
    return row


def _placement(row) -> Placement:
    data = dict(row._mapping)
    data["status"] = PlacementStatus(data["status"])
    return Placement(**data)


class LogbookRepository:
    def __init__(self, session: AsyncConnection) -> None:
        self.session = session

    async def get(self, placement_id: uuid.UUID, week_start: date, *, for_update: bool = False) -> LogbookWeek | None:
        query = select(log_t).where(log_t.c.placement_id == placement_id, log_t.c.week_start == week_start)
        row = (await self.session.execute(query.with_for_update() if for_update else query)).first()
        return _week(row) if row else None

    async def weeks(self, placement_id: uuid.UUID) -> list[LogbookWeek]:
        rows = await self.session.execute(
            select(log_t).where(log_t.c.placement_id == placement_id).order_by(log_t.c.week_start)
        )
        return [_week(r) for r in rows]

    async def save(self, w: LogbookWeek, *, new: bool) -> None:
        row = {c.name: getattr(w, c.name) for c in log_t.columns}
        row["status"] = w.status.value
        row["lines"] = [
            {
                "day": ln.day.isoformat(),
                "duty": ln.duty,
                "hours": str(ln.hours),
                "start": ln.start.isoformat() if ln.start else None,
                "end": ln.end.isoformat() if ln.end else None,
            }
            for ln in w.lines
        ]
        if new:
            await self.session.execute(insert(log_t).values(row))
            return
        row["version"] = w.version + 1
        result = await self.session.execute(
            update(log_t).where(log_t.c.id == w.id, log_t.c.version == w.version).values(row)
        )
        if result.rowcount != 1:
            raise RuntimeError(f"logbook week {w.id} changed concurrently")
        w.version += 1


def _week(row) -> LogbookWeek:
    data = dict(row._mapping)
    data["status"] = WeekStatus(data["status"])
    data["lines"] = [
        LogLine(
            date.fromisoformat(ln["day"]),
            ln["duty"],
            Decimal(ln["hours"]),
            time.fromisoformat(ln["start"]) if ln["start"] else None,
            time.fromisoformat(ln["end"]) if ln["end"] else None,
        )
        for ln in data["lines"]
    ]
    return LogbookWeek(**data)
