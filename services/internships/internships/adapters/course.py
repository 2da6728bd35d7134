"""The course's repository: a school's programme requirements (rows to ProgrammeRequirement and back), the locks and
the overlap check of a placement's amendment."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

from sqlalchemy import and_, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncConnection

from internships.adapters.agreements import SCHOOL_BOOKINGS
from internships.adapters.course_tables import programme_requirement as req_t
from internships.adapters.orm import placement as pl_t
from internships.domain.course import InternshipType, ProgrammeRequirement
from internships.domain.placements import HOLDING
from praxis_common import locks
from praxis_evaluation import Band


class CourseRepository:
    def __init__(self, connection: AsyncConnection) -> None:
        self.connection = connection

    async def requirements(
        self, school_org: str, internship_type: InternshipType | None = None, *, for_update: bool = False
    ) -> list[ProgrammeRequirement]:
        query = select(req_t).where(req_t.c.school_org == school_org)
        if internship_type is not None:
            query = query.where(req_t.c.internship_type == internship_type.value)
        query = query.order_by(req_t.c.internship_type, req_t.c.cohort.nulls_first())
        rows = await self.connection.execute(query.with_for_update() if for_update else query)
        return [_requirement(r) for r in rows]

    async def save_requirement(self, r: ProgrammeRequirement) -> None:
        """Insert or update the (school, type, cohort) row; a concurrent first set of the same key updates it."""
        row = {c.name: getattr(r, c.name) for c in req_t.columns}
        row["internship_type"] = r.internship_type.value
        row["grade_bands"] = bands_to_json(r.grade_bands)
        cohort_null = req_t.c.cohort.is_(None)
        stmt = insert(req_t).values(row)
        stmt = stmt.on_conflict_do_update(
            index_elements=["school_org", "internship_type"] + ([] if r.cohort is None else ["cohort"]),
            index_where=cohort_null if r.cohort is None else req_t.c.cohort.isnot(None),
            set_={
                k: stmt.excluded[k]
                for k in (
                    "required_hours",
                    "min_weeks",
                    "min_weekly_reports",
                    "set_at",
                    "set_by",
                    "pass_mark",
                    "credits",
                    "grade_scale",
                    "grade_bands",
                )
            },
        ).returning(req_t.c.id)
        r.id = (await self.connection.execute(stmt)).scalar_one()

    async def lock_student(self, school_org: str, student_ref: str) -> None:
        """The booking locks of the student (the school's shared, the student's exclusive), in booking's order:
        taken before the placement's row, so an amendment and a booking of the same student take turns."""
        await locks.lock(self.connection, SCHOOL_BOOKINGS, school_org, shared=True)
        await locks.lock(self.connection, "student", school_org, student_ref)

    async def overlaps(
        self, placement_id: uuid.UUID, school_org: str, student_ref: str, starts_on: date, ends_on: date
    ) -> bool:
        """Whether the student holds another current placement overlapping the dates."""
        found = await self.connection.execute(
            select(pl_t.c.id)
            .where(
                and_(
                    pl_t.c.school_org == school_org,
                    pl_t.c.student_ref == student_ref,
                    pl_t.c.id != placement_id,
                    pl_t.c.status.in_([s.value for s in HOLDING]),
                    pl_t.c.starts_on <= ends_on,
                    pl_t.c.ends_on >= starts_on,
                )
            )
            .limit(1)
        )
        return found.first() is not None


def _requirement(row) -> ProgrammeRequirement:
    data = dict(row._mapping)
    data["internship_type"] = InternshipType(data["internship_type"])
    data["grade_bands"] = bands_from_json(data["grade_bands"])
    return ProgrammeRequirement(**data)


def bands_to_json(bands) -> list | None:
    """A grade scale's bands as kept in JSONB: [{"grade": "优", "min_total": "90"}, …]."""
    return None if bands is None else [{"grade": b.grade, "min_total": str(b.min_total)} for b in bands]


def bands_from_json(data: list | None) -> tuple[Band, ...] | None:
    return None if data is None else tuple(Band(b["grade"], Decimal(b["min_total"])) for b in data)
