"""Round repository: rounds, their positions, and the agreements they book under (SQLAlchemy Core). Students: round_students.py;
runs and matches: round_runs.py."""

from __future__ import annotations

import json
import uuid
from datetime import datetime

from sqlalchemy import (
    and_,
    delete,
    exists,
    func,
    insert,
    literal_column,
    null,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncConnection

from internships.adapters.orm import agreement as agr_t
from internships.adapters.orm import allocation_round as t
from internships.adapters.orm import position as pos_t
from internships.adapters.orm import practice_base as base_t
from internships.adapters.orm import round_position as rp_t
from internships.adapters.orm import round_student as rs_t
from internships.adapters.round_students import all_rows, lists
from internships.domain.agreements import Status
from internships.domain.allocation import TieRule
from internships.domain.round_views import CoveringAgreement, RoundPosition
from internships.domain.rounds import PublishAs, Round, RoundStatus

_ROUND_FIELDS = [c.name for c in t.columns if c.name != "publish_as"]


def _round(row) -> Round:
    m = row._mapping
    data = {name: m[name] for name in _ROUND_FIELDS}
    data["status"] = RoundStatus(data["status"])
    data["tie_rule"] = TieRule(data["tie_rule"])
    data["schools"] = list(data["schools"])
    data["invited_schools"] = list(data["invited_schools"])
    return Round(**data, publish_as=PublishAs(m["publish_as"]))


def _round_row(r: Round) -> dict:
    row = {name: getattr(r, name) for name in _ROUND_FIELDS}
    row["status"] = r.status.value
    row["tie_rule"] = r.tie_rule.value
    row["publish_as"] = r.publish_as.value
    return row


_applicants = (
    select(func.count()).where(rs_t.c.round_id == rp_t.c.round_id, lists(rp_t.c.position_id)).scalar_subquery()
)


def visible_to(school: str):
    """A round position a school sees: one of an enterprise it holds an active agreement with."""
    return exists().where(
        agr_t.c.school_org == school,
        agr_t.c.enterprise_org == rp_t.c.enterprise_org,
        agr_t.c.status == Status.ACTIVE.value,
    )


def _positions_query(with_ranking: bool):
    """The round's positions with their post and base; a ranking (up to 50,000 students) only when asked for."""
    ranking = rp_t.c.ranking if with_ranking else null().label("ranking")
    return (
        select(
            *(c for c in rp_t.c if c.name != "ranking"),
            ranking,
            rp_t.c.ranking.is_not(None).label("ranked"),
            pos_t.c.title,
            pos_t.c.status,
            pos_t.c.seats,
            pos_t.c.seats_taken,
            pos_t.c.interns_current,
            pos_t.c.starts_on,
            pos_t.c.ends_on,
            pos_t.c.competencies,
            pos_t.c.post_staff,
            pos_t.c.monthly_pay,
            pos_t.c.reference_monthly_wage,
            pos_t.c.base_id,
            base_t.c.staff.label("base_staff"),
            base_t.c.interns_current.label("base_interns_current"),
        )
        .join(pos_t, pos_t.c.id == rp_t.c.position_id)
        .join(base_t, base_t.c.id == pos_t.c.base_id)
    )


# The round's advisory lock, keyed as releases before the kernel's praxis_lock_key keyed it: during a rolling
# upgrade old and new processes must take the same lock. Moves to praxis_common.locks in a release after that.
_ROUND_LOCK = {
    "update": text("SELECT pg_advisory_xact_lock(hashtextextended(:key, 2))"),
    "share": text("SELECT pg_advisory_xact_lock_shared(hashtextextended(:key, 2))"),
}


def _position(row) -> RoundPosition:
    return RoundPosition(**row._mapping)


class RoundRepository:
    def __init__(self, connection: AsyncConnection) -> None:
        self.connection = connection

    # ---- the round

    async def add(self, r: Round) -> None:
        await self.connection.execute(insert(t).values(_round_row(r)))

    async def get(self, round_id: uuid.UUID, *, lock: str | None = None) -> Round | None:
        """`lock`: "update" to change the round's state, "share" to change its inputs (which closing freezes).

        Both take the round's advisory lock first (exclusive / shared) and then read the row, so an edit of the
        inputs either commits before a close reads them or sees the round closed. A shared advisory lock, not
        FOR SHARE: thousands of list edits would otherwise rewrite the round's row with a new multixact each."""
        if lock is not None:
            await self.connection.execute(_ROUND_LOCK[lock], {"key": str(round_id)})
        query = select(t).where(t.c.id == round_id)
        if lock == "update":
            query = query.with_for_update()
        row = (await self.connection.execute(query)).first()
        return _round(row) if row else None

    async def save(self, r: Round) -> None:
        row = _round_row(r)
        row["version"] = r.version + 1
        result = await self.connection.execute(update(t).where(t.c.id == r.id, t.c.version == r.version).values(row))
        if result.rowcount != 1:
            raise RuntimeError(f"round {r.id} changed concurrently")
        r.version += 1

    async def enterprise_takes_part(self, round_id: uuid.UUID, enterprise_org: str) -> bool:
        found = await self.connection.scalar(
            select(exists().where(rp_t.c.round_id == round_id, rp_t.c.enterprise_org == enterprise_org))
        )
        return bool(found)

    async def list_for(
        self, org: str, kind: str, *, after: tuple[datetime, uuid.UUID] | None, limit: int
    ) -> list[Round]:
        """A school's rounds (as owner or co-owner); an enterprise's (order classes for it, or rounds with its
        positions). Newest first."""
        if kind == "school":
            query = select(t).where(t.c.schools.contains([org]))
        elif kind == "enterprise":
            query = select(t).where(
                or_(
                    t.c.enterprise_org == org,
                    exists().where(rp_t.c.round_id == t.c.id, rp_t.c.enterprise_org == org),
                )
            )
        else:
            return []
        if after is not None:
            at, last_id = after
            query = query.where(or_(t.c.created_at < at, and_(t.c.created_at == at, t.c.id < last_id)))
        rows = await self.connection.execute(query.order_by(t.c.created_at.desc(), t.c.id.desc()).limit(limit))
        return [_round(r) for r in rows]

    async def invitations(self, school: str, *, after: tuple[datetime, uuid.UUID] | None, limit: int) -> list[Round]:
        """The rounds inviting the school as a co-owner that it has not answered yet, newest first."""
        query = select(t).where(t.c.invited_schools.contains([school]))
        if after is not None:
            at, last_id = after
            query = query.where(or_(t.c.created_at < at, and_(t.c.created_at == at, t.c.id < last_id)))
        rows = await self.connection.execute(query.order_by(t.c.created_at.desc(), t.c.id.desc()).limit(limit))
        return [_round(r) for r in rows]

    async def counts(self, round_id: uuid.UUID) -> tuple[int, int]:
        """(positions, students) in the round."""
        row = (
            await self.connection.execute(
                select(
                    select(func.count()).where(rp_t.c.round_id == round_id).scalar_subquery(),
                    select(func.count()).where(rs_t.c.round_id == round_id).scalar_subquery(),
                )
            )
        ).one()
        return row[0], row[1]

    # ---- positions

    async def add_position(
        self, round_id: uuid.UUID, position_id: uuid.UUID, enterprise_org: str, added_by: str, now: datetime
    ) -> None:
        await self.connection.execute(
            pg_insert(rp_t)
            .values(
                round_id=round_id,
                position_id=position_id,
                enterprise_org=enterprise_org,
                added_by_org=added_by,
                added_at=now,
            )
            .on_conflict_do_nothing()
        )

    async def remove_position(self, round_id: uuid.UUID, position_id: uuid.UUID) -> None:
        await self.connection.execute(
            delete(rp_t).where(rp_t.c.round_id == round_id, rp_t.c.position_id == position_id)
        )

    async def positions(
        self,
        round_id: uuid.UUID,
        *,
        ids: list[uuid.UUID] | None = None,
        enterprise: str | None = None,
        visible_to_school: str | None = None,
        with_applicants: bool = False,
        with_ranking: bool = True,
        after: uuid.UUID | None = None,
        limit: int | None = None,
    ) -> list[RoundPosition]:
        """The round's positions (all, the given ones, one enterprise's, or those a school may see: of enterprises
        it holds an active agreement with), by position id (after `after`, at most `limit`); `applicants` is
        counted only when asked for (0 otherwise): it reads every list naming the position."""
        query = (
            _positions_query(with_ranking)
            .add_columns((_applicants if with_applicants else literal_column("0")).label("applicants"))
            .where(rp_t.c.round_id == round_id)
        )
        if ids is not None:
            query = query.where(rp_t.c.position_id.in_(ids))
        if enterprise is not None:
            query = query.where(rp_t.c.enterprise_org == enterprise)
        if visible_to_school is not None:
            query = query.where(visible_to(visible_to_school))
        if after is not None:
            query = query.where(rp_t.c.position_id > after)
        query = query.order_by(rp_t.c.position_id)
        if limit is not None:
            query = query.limit(limit)
        return await all_rows(self.connection, query, _position)

    async def listed_anywhere(self, round_id: uuid.UUID, position_id: uuid.UUID) -> bool:
        return bool(
            await self.connection.scalar(select(exists().where(rs_t.c.round_id == round_id, lists(position_id))))
        )

    async def set_ranking(
        self, round_id: uuid.UUID, position_id: uuid.UUID, ranking: list | None, now: datetime | None
    ) -> None:
        await self.connection.execute(
            update(rp_t)
            .where(rp_t.c.round_id == round_id, rp_t.c.position_id == position_id)
            .values(ranking=ranking, ranked_at=now)
        )

    async def freeze_positions(self, round_id: uuid.UUID, offered: dict[uuid.UUID, tuple[int, str, list[str]]]) -> None:
        """Record, at close, each position's offered seats, what limited them, and its competency tags."""
        if not offered:
            return
        await self.connection.execute(
            text(
                "UPDATE round_position rp SET offered_seats = x.seats, offered_limit = x.limit_, tags = x.tags "
                "FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS x(position_id uuid, seats integer, limit_ text, "
                "tags varchar(64)[]) WHERE rp.round_id = :round_id AND rp.position_id = x.position_id"
            ),
            {
                "round_id": round_id,
                "rows": json.dumps(
                    [
                        {"position_id": str(pid), "seats": seats, "limit_": limit, "tags": tags}
                        for pid, (seats, limit, tags) in offered.items()
                    ]
                ),
            },
        )

    async def thaw_positions(self, round_id: uuid.UUID) -> None:
        await self.connection.execute(
            update(rp_t).where(rp_t.c.round_id == round_id).values(offered_seats=None, offered_limit=None, tags=None)
        )

    # ---- agreements the round books under

    async def active_agreements(self, schools: list[str], enterprises: list[str]) -> list[CoveringAgreement]:
        rows = await self.connection.execute(
            select(
                agr_t.c.id,
                agr_t.c.school_org,
                agr_t.c.enterprise_org,
                agr_t.c.valid_from,
                agr_t.c.valid_to,
                (agr_t.c.intern_quota - agr_t.c.interns_placed).label("remaining"),
            ).where(
                agr_t.c.school_org.in_(schools),
                agr_t.c.enterprise_org.in_(enterprises),
                agr_t.c.status == Status.ACTIVE.value,
            )
        )
        return [CoveringAgreement(**r._mapping) for r in rows]
