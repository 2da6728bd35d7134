"""Round students repository: the students of a round with their ranked lists (SQLAlchemy Core)."""

from __future__ import annotations

import asyncio
import json
import uuid
from datetime import datetime

from sqlalchemy import and_, delete, func, or_, select, text, update
from sqlalchemy.dialects.postgresql import array
from sqlalchemy.ext.asyncio import AsyncConnection

from internships.adapters.orm import round_student as rs_t
from internships.domain.round_views import RoundStudent

# Rows converted per await: a national round's 50,000 students are read in slices, so converting them never holds
# the event loop for long.
FETCH_SLICE = 2_000


async def all_rows(connection: AsyncConnection, query, convert) -> list:
    """Every row of a query that may return a national round's worth, converted a slice at a time."""
    result = await connection.stream(query)
    out: list = []
    async for rows in result.partitions(FETCH_SLICE):
        out.extend(convert(r) for r in rows)
    return out


def lists(position_id):
    """The students whose list names the position: `preferences @> ARRAY[id]`, which the GIN index answers."""
    return rs_t.c.preferences.contains(array([position_id]))


def _student(row) -> RoundStudent:
    data = dict(row._mapping)
    data["preferences"] = list(data.get("preferences") or [])
    data.setdefault("profile", {})
    return RoundStudent(**data)


class RoundStudentRepository:
    def __init__(self, connection: AsyncConnection) -> None:
        self.connection = connection

    async def upsert_students(self, round_id: uuid.UUID, school_org: str, entries: list[dict], now: datetime) -> None:
        """Add a school's students (student_ref, profile, birth_date, study_year) or update their shared profile.

        One JSON parameter, serialised off the event loop: a thousand rows as a multi-row VALUES would cost
        SQLAlchemy ~0.1 s of compiling 7,000 bind parameters on the loop."""
        rows = await asyncio.to_thread(json.dumps, entries, default=str)
        await self.connection.execute(
            text(
                "INSERT INTO round_student (round_id, school_org, student_ref, profile, birth_date, study_year, "
                "added_at) SELECT :round_id, :school_org, x.student_ref, x.profile, x.birth_date, x.study_year, "
                ":now FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS x(student_ref text, profile jsonb, "
                "birth_date date, study_year smallint) ON CONFLICT (round_id, school_org, student_ref) DO UPDATE "
                "SET profile = excluded.profile, birth_date = excluded.birth_date, study_year = excluded.study_year"
            ),
            {"round_id": round_id, "school_org": school_org, "now": now, "rows": rows},
        )

    async def remove_student(self, round_id: uuid.UUID, school_org: str, student_ref: str) -> bool:
        result = await self.connection.execute(
            delete(rs_t).where(
                rs_t.c.round_id == round_id, rs_t.c.school_org == school_org, rs_t.c.student_ref == student_ref
            )
        )
        return result.rowcount == 1

    async def students(
        self,
        round_id: uuid.UUID,
        *,
        school: str | None = None,
        refs: list[str] | None = None,
        applicants_of: uuid.UUID | None = None,
        with_preferences: bool = True,
        with_profiles: bool = True,
        after: tuple[str, str] | None = None,
        limit: int | None = None,
    ) -> list[RoundStudent]:
        """The round's students by school and reference (after `after`, at most `limit`); without their lists or
        profiles (left empty) when not needed, which saves decoding (and holding) every one of them."""
        left_out = {
            name for name, wanted in (("preferences", with_preferences), ("profile", with_profiles)) if not wanted
        }
        columns = [c for c in rs_t.columns if c.name not in left_out]
        query = select(*columns).where(rs_t.c.round_id == round_id)
        if school is not None:
            query = query.where(rs_t.c.school_org == school)
        if refs is not None:
            query = query.where(rs_t.c.student_ref.in_(refs))
        if applicants_of is not None:
            query = query.where(lists(applicants_of))
        if after is not None:
            query = query.where(
                or_(
                    rs_t.c.school_org > after[0],
                    and_(rs_t.c.school_org == after[0], rs_t.c.student_ref > after[1]),
                )
            )
        query = query.order_by(rs_t.c.school_org, rs_t.c.student_ref)
        if limit is not None:
            query = query.limit(limit)
        return await all_rows(self.connection, query, _student)

    async def student_count(self, round_id: uuid.UUID) -> int:
        return int(await self.connection.scalar(select(func.count()).where(rs_t.c.round_id == round_id)))

    async def not_applicants(
        self, round_id: uuid.UUID, position_id: uuid.UUID, keys: list[tuple[str, str]], *, first: int
    ) -> set[tuple[str, str]]:
        """The first `first` of these (school_org, student_ref), in their order, that do not list the position in
        the round: the database answers for a ranking of 50,000 without sending the applicants here, and a
        refusal needs to name only the first few."""
        if not keys:
            return set()
        rows = await self.connection.execute(
            text(
                "SELECT k.school_org, k.student_ref FROM unnest(CAST(:schools AS text[]), CAST(:refs AS text[])) "
                "WITH ORDINALITY AS k(school_org, student_ref, n) WHERE NOT EXISTS (SELECT 1 FROM round_student rs "
                "WHERE rs.round_id = :round_id AND rs.school_org = k.school_org AND rs.student_ref = k.student_ref "
                "AND rs.preferences @> ARRAY[CAST(:position_id AS uuid)]) ORDER BY k.n LIMIT :first"
            ),
            {
                "round_id": round_id,
                "position_id": position_id,
                "schools": [k[0] for k in keys],
                "refs": [k[1] for k in keys],
                "first": first,
            },
        )
        return {(school, ref) for school, ref in rows}

    async def set_preferences(
        self, round_id: uuid.UUID, school_org: str, student_ref: str, positions: list[uuid.UUID], now: datetime
    ) -> RoundStudent | None:
        row = (
            await self.connection.execute(
                update(rs_t)
                .where(rs_t.c.round_id == round_id, rs_t.c.school_org == school_org, rs_t.c.student_ref == student_ref)
                .values(preferences=positions, preferences_at=now)
                .returning(*rs_t.columns)
            )
        ).first()
        return _student(row) if row else None
