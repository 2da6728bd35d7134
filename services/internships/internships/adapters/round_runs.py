"""Round runs repository: a round's computed runs, their stored inputs and matches (SQLAlchemy Core)."""

from __future__ import annotations

import uuid

from sqlalchemy import Text, and_, cast, func, insert, literal, literal_column, or_, select, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.ext.asyncio import AsyncConnection

from internships.adapters.orm import round_match as match_t
from internships.adapters.orm import round_position as rp_t
from internships.adapters.orm import round_run as run_t
from internships.adapters.orm import round_student as rs_t
from internships.adapters.round_students import all_rows
from internships.domain.round_views import Match, Run


def _match(row) -> Match:
    return Match(**row._mapping)


class RunRepository:
    def __init__(self, connection: AsyncConnection) -> None:
        self.connection = connection

    async def next_seq(self, round_id: uuid.UUID) -> int:
        return int(
            await self.connection.scalar(
                select(func.coalesce(func.max(run_t.c.seq), 0) + 1).where(run_t.c.round_id == round_id)
            )
        )

    async def add_run(self, run: Run, inputs_json: str, matches_json: str) -> None:
        """`inputs_json`, `matches_json`: the run's inputs and match rows as JSON, serialised off the event loop."""
        await self.connection.execute(
            insert(run_t).values({**run.__dict__, "inputs": cast(literal(inputs_json, Text), JSONB)})
        )
        await self.connection.execute(
            text(
                "INSERT INTO round_match (run_id, school_org, student_ref, position_id, choice, explanation) "
                "SELECT CAST(:run_id AS uuid), x.school_org, x.student_ref, x.position_id, x.choice, x.explanation "
                "FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS x(school_org text, student_ref text, position_id uuid, "
                "choice smallint, explanation jsonb)"
            ),
            {"run_id": str(run.id), "rows": matches_json},
        )

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
        with_explanation: bool = True,
        after: tuple[str, str] | None = None,
        limit: int | None = None,
    ) -> list[Match]:
        """The run's matches with the students' shared profiles, by school and student: one school's students,
        or the students matched to one enterprise's positions (explanations left empty unless wanted)."""
        query = (
            select(
                match_t.c.school_org,
                match_t.c.student_ref,
                match_t.c.position_id,
                match_t.c.choice,
                match_t.c.explanation if with_explanation else literal_column("'[]'::jsonb").label("explanation"),
                func.coalesce(rs_t.c.profile, literal_column("'{}'::jsonb")).label("profile"),
            )
            .outerjoin(
                rs_t,
                and_(
                    rs_t.c.round_id == run.round_id,
                    rs_t.c.school_org == match_t.c.school_org,
                    rs_t.c.student_ref == match_t.c.student_ref,
                ),
            )
            .where(match_t.c.run_id == run.id)
        )
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

    async def filled(self, run_id: uuid.UUID) -> dict[uuid.UUID, int]:
        rows = await self.connection.execute(
            select(match_t.c.position_id, func.count())
            .where(match_t.c.run_id == run_id, match_t.c.position_id.is_not(None))
            .group_by(match_t.c.position_id)
        )
        return {pid: n for pid, n in rows}
