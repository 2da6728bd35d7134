"""The school's student roster: rows compared and written a batch at a time, and read a page at a time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, tuple_
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncConnection

from internships.adapters.imports_tables import student_roster as t
from internships.domain.roster import RosterStudent

_PROFILE = ("display_name", "programme", "competencies", "languages", "study_year")


@dataclass(frozen=True)
class StoredStudent(RosterStudent):
    created_at: datetime | None = None
    updated_at: datetime | None = None


def _student(row) -> RosterStudent:
    return RosterStudent(
        student_ref=row.student_ref,
        display_name=row.display_name,
        programme=row.programme,
        competencies=tuple(row.competencies),
        languages=tuple(row.languages),
        study_year=row.study_year,
    )


class RosterRepository:
    def __init__(self, connection: AsyncConnection) -> None:
        self.connection = connection

    async def get_many(self, school_org: str, refs: list[str]) -> dict[str, RosterStudent]:
        rows = await self.connection.execute(
            select(t.c.student_ref, *(t.c[c] for c in _PROFILE)).where(
                t.c.school_org == school_org, t.c.student_ref.in_(refs)
            )
        )
        return {r.student_ref: _student(r) for r in rows}

    async def upsert(self, school_org: str, students: list[RosterStudent], now: datetime) -> None:
        """New students are added, known ones get the imported profile (one statement per batch)."""
        stmt = insert(t)
        await self.connection.execute(
            stmt.on_conflict_do_update(
                index_elements=[t.c.school_org, t.c.student_ref],
                set_={**{c: stmt.excluded[c] for c in _PROFILE}, "updated_at": stmt.excluded.updated_at},
            ),
            [
                {
                    "school_org": school_org,
                    "student_ref": s.student_ref,
                    "display_name": s.display_name,
                    "programme": s.programme,
                    "competencies": list(s.competencies),
                    "languages": list(s.languages),
                    "study_year": s.study_year,
                    "created_at": now,
                    "updated_at": now,
                }
                for s in students
            ],
        )

    async def page(self, school_org: str, *, after: str | None, limit: int) -> list[StoredStudent]:
        query = select(t).where(t.c.school_org == school_org)
        if after is not None:
            query = query.where(tuple_(t.c.student_ref) > tuple_(after))
        rows = await self.connection.execute(query.order_by(t.c.student_ref).limit(limit))
        return [
            StoredStudent(**{**_student(r).__dict__, "created_at": r.created_at, "updated_at": r.updated_at})
            for r in rows
        ]
