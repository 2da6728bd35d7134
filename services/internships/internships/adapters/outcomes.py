"""Outcomes repositories: hires (`u.hires`), programme competency profiles (`u.programmes`) and the partnership value
ledger's read model (`u.ledger`), which only the ledger's event consumers write (consumers.py)."""

from __future__ import annotations

import uuid
from collections import Counter
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import and_, case, distinct, func, insert, or_, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncConnection

from internships.adapters.orm import agreement
from internships.adapters.orm import placement as pl_t
from internships.adapters.outcomes_tables import (
    hire,
    ledger_demand,
    ledger_hire,
    ledger_placement,
    ledger_team,
    ledger_week,
    programme,
)
from internships.domain.outcomes import PLACED, Hire, HireKind, LedgerPlacement, Programme


def _hire(row) -> Hire:
    data = dict(row._mapping)
    data["kind"] = HireKind(data["kind"])
    return Hire(**data)


class HireRepository:
    def __init__(self, connection: AsyncConnection) -> None:
        self.connection = connection

    async def add(self, h: Hire) -> None:
        row = {c.name: getattr(h, c.name) for c in hire.columns}
        row["kind"] = h.kind.value
        await self.connection.execute(insert(hire).values(row))

    async def placed(
        self, enterprise_org: str, student_ref: str, placement_id: uuid.UUID | None
    ) -> list[tuple[uuid.UUID, uuid.UUID, str, str, str, date]]:
        """The enterprise's placements of the student that got as far as confirmed (the one named, if named), latest
        first: (placement id, agreement id, school, student_ref, status, starts_on)."""
        query = select(
            pl_t.c.id, pl_t.c.agreement_id, pl_t.c.school_org, pl_t.c.student_ref, pl_t.c.status, pl_t.c.starts_on
        ).where(pl_t.c.enterprise_org == enterprise_org)
        if placement_id is not None:
            query = query.where(pl_t.c.id == placement_id)
        else:
            query = query.where(pl_t.c.student_ref == student_ref, pl_t.c.status.in_(PLACED))
        rows = await self.connection.execute(query.order_by(pl_t.c.starts_on.desc(), pl_t.c.id.desc()))
        return [tuple(r) for r in rows]

    async def of_org(self, org: str, kind: str, *, after: tuple[datetime, uuid.UUID] | None, limit: int) -> list[Hire]:
        """An enterprise's own hires, or a school's students', newest first."""
        column = hire.c.enterprise_org if kind == "enterprise" else hire.c.school_org
        query = select(hire).where(column == org)
        if after is not None:
            at, last = after
            query = query.where(or_(hire.c.recorded_at < at, and_(hire.c.recorded_at == at, hire.c.id < last)))
        rows = await self.connection.execute(query.order_by(hire.c.recorded_at.desc(), hire.c.id.desc()).limit(limit))
        return [_hire(r) for r in rows]


def _programme(row) -> Programme:
    return Programme(**dict(row._mapping))


class ProgrammeRepository:
    def __init__(self, connection: AsyncConnection) -> None:
        self.connection = connection

    async def put(self, p: Programme) -> None:
        stmt = pg_insert(programme).values(vars(p))
        await self.connection.execute(
            stmt.on_conflict_do_update(
                index_elements=["school_org", "cohort"],
                set_={
                    "competencies": stmt.excluded.competencies,
                    "set_at": stmt.excluded.set_at,
                    "set_by": stmt.excluded.set_by,
                },
            )
        )

    async def get(self, school_org: str, cohort: str) -> Programme | None:
        row = (
            await self.connection.execute(
                select(programme).where(programme.c.school_org == school_org, programme.c.cohort == cohort)
            )
        ).first()
        return _programme(row) if row else None

    async def of_school(
        self, school_org: str, *, after: str | None = None, limit: int | None = None
    ) -> list[Programme]:
        """The school's programmes by cohort (those after `after`, at most `limit`)."""
        query = select(programme).where(programme.c.school_org == school_org)
        if after is not None:
            query = query.where(programme.c.cohort > after)
        rows = await self.connection.execute(query.order_by(programme.c.cohort).limit(limit))
        return [_programme(r) for r in rows]

    async def trained(self, school_org: str) -> dict[tuple[str, str], list[str]]:
        """(school, cohort) -> the tags the programme trains."""
        return {(p.school_org, p.cohort): p.competencies for p in await self.of_school(school_org)}


# The order of a placement's statuses: a late event of an earlier status does not move the ledger back.
RANK = {"requested": 0, "confirmed": 1, "active": 2}
FINAL_RANK = 3  # completed, rejected, withdrawn, terminated, expired


def _ledger_placement(row) -> LedgerPlacement:
    data = dict(row._mapping)
    data.pop("rank")
    return LedgerPlacement(**data)


# The ledger's writes, built once: a statement built per call spent most of an event's CPU in SQLAlchemy's
# construction and cache-key walk (the value ledger applies every placement event). Executed with a dict of
# values; the columns inserted are the dict's keys.
def _upsert_placement():
    stmt = pg_insert(ledger_placement)
    newer = stmt.excluded.rank >= ledger_placement.c.rank
    return stmt.on_conflict_do_update(
        index_elements=["placement_id"],
        set_={
            "status": case((newer, stmt.excluded.status), else_=ledger_placement.c.status),
            "rank": func.greatest(stmt.excluded.rank, ledger_placement.c.rank),
            "cohort": case((newer, stmt.excluded.cohort), else_=ledger_placement.c.cohort),
            # events emitted without the position's tags leave the kept ones
            "competencies": case(
                (func.jsonb_array_length(stmt.excluded.competencies) > 0, stmt.excluded.competencies),
                else_=ledger_placement.c.competencies,
            ),
            "starts_on": stmt.excluded.starts_on,
            "ends_on": stmt.excluded.ends_on,
        },
    )


def _upsert_week():
    stmt = pg_insert(ledger_week)
    return stmt.on_conflict_do_update(
        index_elements=["placement_id", "week_start"],
        set_={
            "core_hours": stmt.excluded.core_hours,
            "total_hours": stmt.excluded.total_hours,
            "approved_at": stmt.excluded.approved_at,
        },
        where=ledger_week.c.approved_at <= stmt.excluded.approved_at,
    )


def _upsert_demand():
    stmt = pg_insert(ledger_demand)
    return stmt.on_conflict_do_update(index_elements=["source"], set_={"competencies": stmt.excluded.competencies})


_RECORD_PLACEMENT = _upsert_placement()
_RECORD_WEEK = _upsert_week()
_RECORD_TEAM = pg_insert(ledger_team).on_conflict_do_nothing(index_elements=["team_id"])
_RECORD_HIRE = pg_insert(ledger_hire).on_conflict_do_nothing(index_elements=["hire_id"])
_RECORD_DEMAND = _upsert_demand()


class LedgerRepository:
    """The value ledger's read model. Every `record_*` is idempotent and tolerates events arriving late."""

    def __init__(self, connection: AsyncConnection) -> None:
        self.connection = connection

    # ---- applied from events

    async def record_placement(self, p: LedgerPlacement) -> None:
        await self.connection.execute(_RECORD_PLACEMENT, {**vars(p), "rank": RANK.get(p.status, FINAL_RANK)})

    async def record_week(
        self, placement_id: uuid.UUID, week_start: date, core: Decimal, total: Decimal, approved_at: datetime
    ) -> None:
        await self.connection.execute(
            _RECORD_WEEK,
            {
                "placement_id": placement_id,
                "week_start": week_start,
                "core_hours": core,
                "total_hours": total,
                "approved_at": approved_at,
            },
        )

    async def record_team(self, team_id: str, project_id: str, school_org: str, enterprise_org: str, on: date) -> None:
        await self.connection.execute(
            _RECORD_TEAM,
            {
                "team_id": team_id,
                "project_id": project_id,
                "school_org": school_org,
                "enterprise_org": enterprise_org,
                "completed_on": on,
            },
        )

    async def record_hire(self, **row) -> None:
        await self.connection.execute(_RECORD_HIRE, row)

    async def record_demand(self, source: str, enterprise_org: str, competencies: list[str], year: int) -> None:
        await self.connection.execute(
            _RECORD_DEMAND,
            {
                "source": source,
                "enterprise_org": enterprise_org,
                "competencies": sorted(set(competencies)),
                "year": year,
            },
        )

    # ---- read

    async def placements_of_agreement(self, agreement_id: uuid.UUID) -> list[LedgerPlacement]:
        rows = await self.connection.execute(
            select(ledger_placement).where(ledger_placement.c.agreement_id == agreement_id)
        )
        return [_ledger_placement(r) for r in rows]

    async def placements_of_school(self, school_org: str, year: int) -> list[LedgerPlacement]:
        """The school's placements that start in `year`."""
        rows = await self.connection.execute(
            select(ledger_placement).where(
                ledger_placement.c.school_org == school_org,
                ledger_placement.c.starts_on >= date(year, 1, 1),
                ledger_placement.c.starts_on <= date(year, 12, 31),
            )
        )
        return [_ledger_placement(r) for r in rows]

    async def hours_of_agreement(self, agreement_id: uuid.UUID) -> tuple[Decimal, Decimal]:
        """(core, total) approved hours of the agreement's placements."""
        row = (
            await self.connection.execute(
                select(
                    func.coalesce(func.sum(ledger_week.c.core_hours), 0),
                    func.coalesce(func.sum(ledger_week.c.total_hours), 0),
                ).where(
                    ledger_week.c.placement_id.in_(
                        select(ledger_placement.c.placement_id).where(ledger_placement.c.agreement_id == agreement_id)
                    )
                )
            )
        ).one()
        return Decimal(row[0]), Decimal(row[1])

    async def teams_of_pair(
        self, school_org: str, enterprise_org: str, valid_from: date, valid_to: date
    ) -> tuple[int, int]:
        """(projects delivered, teams completed) by the school's teams on the enterprise's projects, completed while
        the agreement was valid."""
        row = (
            await self.connection.execute(
                select(func.count(distinct(ledger_team.c.project_id)), func.count()).where(
                    ledger_team.c.school_org == school_org,
                    ledger_team.c.enterprise_org == enterprise_org,
                    ledger_team.c.completed_on >= valid_from,
                    ledger_team.c.completed_on <= valid_to,
                )
            )
        ).one()
        return row[0], row[1]

    async def hires_of_agreement(self, agreement_id: uuid.UUID) -> tuple[int, int, int]:
        """(distinct students, return offers, hires)."""
        row = (
            await self.connection.execute(
                select(
                    func.count(distinct(ledger_hire.c.student_ref)),
                    func.count().filter(ledger_hire.c.kind == "return_offer"),
                    func.count().filter(ledger_hire.c.kind == "hired"),
                ).where(ledger_hire.c.agreement_id == agreement_id)
            )
        ).one()
        return row[0], row[1], row[2]

    async def hired_students(self, school_org: str) -> set[tuple[str, str]]:
        """(enterprise, student_ref) of every hire or return offer of the school's students."""
        rows = await self.connection.execute(
            select(ledger_hire.c.enterprise_org, ledger_hire.c.student_ref)
            .where(ledger_hire.c.school_org == school_org)
            .distinct()
        )
        return {(r[0], r[1]) for r in rows}

    async def demanded(self, school_org: str, year: int) -> Counter:
        """Tag -> how many positions and projects published in `year` by the school's partner enterprises (those it
        holds or held an agreement signed by both with) ask for it."""
        partners = select(agreement.c.enterprise_org).where(
            agreement.c.school_org == school_org,
            # signed by both: a draft the school made on its own makes no partner (nor an unsigned one run out)
            agreement.c.school_signed_at.is_not(None),
            agreement.c.enterprise_signed_at.is_not(None),
        )
        rows = await self.connection.execute(
            select(ledger_demand.c.competencies).where(
                ledger_demand.c.year == year, ledger_demand.c.enterprise_org.in_(partners)
            )
        )
        found: Counter = Counter()
        for (tags,) in rows:
            found.update(set(tags))
        return found
