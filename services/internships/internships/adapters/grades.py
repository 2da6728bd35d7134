"""Grades repository: the revisions of a placement's grade (rows to PlacementGrade and back)."""

from __future__ import annotations

import uuid

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncConnection

from internships.adapters.course import bands_from_json, bands_to_json
from internships.adapters.credits_tables import placement_grade as grade_t
from internships.domain.grades import PlacementGrade


class GradeRepository:
    def __init__(self, connection: AsyncConnection) -> None:
        self.connection = connection

    async def add(self, g: PlacementGrade) -> None:
        """A new revision; a second writer of the same revision fails on the primary key (the caller holds the
        placement's row lock, so it does not happen in practice)."""
        await self.connection.execute(
            insert(grade_t).values(
                placement_id=g.placement_id,
                revision=g.revision,
                total=g.total,
                grade=g.grade,
                passed=g.passed,
                credits=g.credits,
                credits_of_pass=g.credits_of_pass,
                pass_mark=g.pass_mark,
                grade_scale=g.grade_scale,
                grade_bands=bands_to_json(g.bands),
                graded_by=g.graded_by,
                graded_at=g.graded_at,
                reason=g.reason,
                complete=g.complete,
                missing=list(g.missing),
                rubric_id=g.rubric_id,
                rubric_version=g.rubric_version,
            )
        )

    async def history(self, placement_id: uuid.UUID) -> list[PlacementGrade]:
        """Every revision, oldest first (the last is the grade)."""
        rows = await self.connection.execute(
            select(grade_t).where(grade_t.c.placement_id == placement_id).order_by(grade_t.c.revision)
        )
        return [_grade(r) for r in rows]

    async def current(self, placement_id: uuid.UUID) -> PlacementGrade | None:
        rows = await self.connection.execute(
            select(grade_t).where(grade_t.c.placement_id == placement_id).order_by(grade_t.c.revision.desc()).limit(1)
        )
        row = rows.first()
        return _grade(row) if row else None


def _grade(row) -> PlacementGrade:
    d = row._mapping
    return PlacementGrade(
        placement_id=d["placement_id"],
        revision=d["revision"],
        total=d["total"],
        grade=d["grade"],
        passed=d["passed"],
        credits=d["credits"],
        credits_of_pass=d["credits_of_pass"],
        pass_mark=d["pass_mark"],
        grade_scale=d["grade_scale"],
        bands=bands_from_json(d["grade_bands"]) or (),
        graded_by=d["graded_by"],
        graded_at=d["graded_at"],
        reason=d["reason"],
        complete=d["complete"],
        missing=tuple(d["missing"]),
        rubric_id=d["rubric_id"],
        rubric_version=d["rubric_version"],
    )
