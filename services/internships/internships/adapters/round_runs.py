"""Round runs repository: a round's computed runs, their stored inputs and matches (SQLAlchemy Core)."""

from __future__ import annotations

import uuid

from sqlalchemy import Text, and_, cast, func, insert, literal, literal_column, or_, select
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, UUID
from sqlalchemy.ext.asyncio import AsyncConnection

from internships.adapters.orm import position as pos_t
from internships.adapters.orm import round_match as match_t
from internships.adapters.orm import round_position as rp_t
from internships.adapters.orm import round_run as run_t
from internships.adapters.orm import round_run_position as position_t
from internships.adapters.orm import round_student as rs_t
from internships.adapters.round_students import all_rows
from internships.adapters.rounds import visible_to
from internships.domain.allocation import PositionFacts
from internships.domain.round_views import Match, RoundPositionFill, Run
from praxis_common.db import copy_in


def _match(row) -> Match:
    data = dict(row._mapping)
    if "passed_over" in data:
        data["passed_over"] = tuple(zip(data["passed_over"], data.pop("bands"), strict=True))
    return Match(**data)


class RunRepository:
    def __init__(self, connection: AsyncConnection) -> None:
        self.connection = connection

    async def next_seq(self, round_id: uuid.UUID) -> int:
        return int(
            await self.connection.scalar(
                select(func.coalesce(func.max(run_t.c.seq), 0) + 1).where(run_t.c.round_id == round_id)
            )
        )

    async def add_run(self, run: Run, inputs_json: str, matches: list[tuple], positions: list[tuple]) -> None:
        """`inputs_json`: the run's inputs as JSON, serialised off the event loop; `matches`: (school_org,
        student_ref, position_id, choice, passed_over, bands) per student; `positions`: (position_id, seats, tags,
        ranked, cutoff) per position of the round. Both copied in (COPY)."""
        await self.connection.execute(
            insert(run_t).values({**run.__dict__, "inputs": cast(literal(inputs_json, Text), JSONB)})
        )
        await copy_in(
            self.connection,
            match_t.name,
            ["run_id", "school_org", "student_ref", "position_id", "choice", "passed_over", "bands"],
            ((run.id, *m) for m in matches),
        )
        await copy_in(
            self.connection,
            position_t.name,
            ["run_id", "position_id", "seats", "tags", "ranked", "cutoff"],
            ((run.id, *p) for p in positions),
        )

    async def positions(self, run_id: uuid.UUID, ids: list[uuid.UUID]) -> dict[uuid.UUID, PositionFacts]:
        """What the run keeps of these positions to explain them."""
        rows = await self.connection.execute(
            select(
                position_t.c.position_id,
                position_t.c.seats,
                position_t.c.tags,
                position_t.c.ranked,
                position_t.c.cutoff,
            ).where(position_t.c.run_id == run_id, position_t.c.position_id == func.any(cast(ids, ARRAY(UUID))))
        )
        return {r.position_id: PositionFacts(r.seats, r.tags, r.ranked, r.cutoff) for r in rows}

    async def runs(self, round_id: uuid.UUID, *, after: int | None = None, limit: int | None = None) -> list[Run]:
        query = select(*(c for c in run_t.columns if c.name != "inputs")).where(run_t.c.round_id == round_id)
        if after is not None:
            query = query.where(run_t.c.seq > after)
        query = query.order_by(run_t.c.seq)
        if limit is not None:
            query = query.limit(limit)
        return [Run(**r._mapping) for r in await self.connection.execute(query)]

    async def run(self, round_id: uuid.UUID, run_id: uuid.UUID) -> Run | None:
        row = (
            await self.connection.execute(
                select(*(c for c in run_t.columns if c.name != "inputs")).where(
                    run_t.c.round_id == round_id, run_t.c.id == run_id
                )
            )
        ).first()
        return Run(**row._mapping) if row else None

    async def run_inputs(self, run_id: uuid.UUID) -> dict:
        return await self.connection.scalar(select(run_t.c.inputs).where(run_t.c.id == run_id))

    async def matches(
        self,
        run: Run,
        *,
        school: str | None = None,
        student_ref: str | None = None,
        enterprise: str | None = None,
        matched_only: bool = False,
        passed_over: bool = False,
        with_profiles: bool = True,
        after: tuple[str, str] | None = None,
        limit: int | None = None,
    ) -> list[Match]:
        """The run's matches with the students' shared profiles (empty without `with_profiles`), by school and
        student: one school's students, or the students matched to one enterprise's positions; with `passed_over`,
        what explains each."""
        # The profile by a subquery per row, which looks the student up by the whole key whatever the planner
        # believes of the tables' sizes: as a join, with no statistics yet (a run just copied in), it chose a nested
        # loop scanning the school's students for every match (3.7 s for 5,000, quadratic in the round).
        profile = (
            select(rs_t.c.profile)
            .where(
                rs_t.c.round_id == run.round_id,
                rs_t.c.school_org == match_t.c.school_org,
                rs_t.c.student_ref == match_t.c.student_ref,
            )
            .scalar_subquery()
        )
        query = select(
            match_t.c.school_org,
            match_t.c.student_ref,
            match_t.c.position_id,
            match_t.c.choice,
            *((match_t.c.passed_over, match_t.c.bands) if passed_over else ()),
            (
                func.coalesce(profile, literal_column("'{}'::jsonb"))
                if with_profiles
                else literal_column("'{}'::jsonb")
            ).label("profile"),
        ).where(match_t.c.run_id == run.id)
        if school is not None:
            query = query.where(match_t.c.school_org == school)
        if student_ref is not None:
            query = query.where(match_t.c.student_ref == student_ref)
        if enterprise is not None:
            query = query.where(
                match_t.c.position_id.in_(
                    select(rp_t.c.position_id).where(
                        rp_t.c.round_id == run.round_id, rp_t.c.enterprise_org == enterprise
                    )
                )
            )
        if matched_only:
            query = query.where(match_t.c.position_id.is_not(None))
        if after is not None:
            query = query.where(
                or_(
                    match_t.c.school_org > after[0],
                    and_(match_t.c.school_org == after[0], match_t.c.student_ref > after[1]),
                )
            )
        query = query.order_by(match_t.c.school_org, match_t.c.student_ref)
        if limit is not None:
            query = query.limit(limit)
        return await all_rows(self.connection, query, _match)

    async def fill(
        self, run: Run, *, school: str | None = None, enterprise: str | None = None
    ) -> list[RoundPositionFill]:
        """The seats offered and filled in the run at each position of the round a school sees (visible_to), or
        at one enterprise's, by position id: one statement, only the columns shown."""
        filled = (
            select(match_t.c.position_id, func.count().label("filled"))
            .where(match_t.c.run_id == run.id, match_t.c.position_id.is_not(None))
            .group_by(match_t.c.position_id)
            .subquery()
        )
        query = (
            select(
                rp_t.c.position_id,
                rp_t.c.enterprise_org,
                pos_t.c.title,
                rp_t.c.offered_seats,
                rp_t.c.offered_limit,
                func.coalesce(filled.c.filled, 0).label("filled"),
            )
            .join(pos_t, pos_t.c.id == rp_t.c.position_id)
            .outerjoin(filled, filled.c.position_id == rp_t.c.position_id)
            .where(rp_t.c.round_id == run.round_id)
            .order_by(rp_t.c.position_id)
        )
        if school is not None:
            query = query.where(visible_to(school))
        if enterprise is not None:
            query = query.where(rp_t.c.enterprise_org == enterprise)
        return await all_rows(self.connection, query, lambda r: RoundPositionFill(*r))
