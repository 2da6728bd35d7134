"""The aggregate queries behind the reports, over what a viewer sees (see repositories.assignments.visible_clause)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any, NamedTuple

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncConnection

from mentors.adapters.orm import assignment, guidance_session, mentor
from mentors.adapters.repositories.assignments import visible_clause
from mentors.domain.assignments import AssignmentStatus
from mentors.domain.views import Viewer

Row = Sequence[Any]


class GuidanceRows(NamedTuple):
    """by_mentor: (mentor_id, sessions, onsite, minutes, confirmed, distinct students);
    by_student: (school_org, student_ref, sessions, onsite, minutes, last held on);
    current: the current assignments' (mentor_id, school_org, student_ref);
    people: mentor id -> (id, display_name, kind, org) of every mentor in by_mentor or current."""

    by_mentor: list[Row]
    by_student: list[Row]
    current: list[Row]
    people: dict[Any, Row]


class ReportRepository:
    def __init__(self, connection: AsyncConnection) -> None:
        self.connection = connection

    async def guidance(self, viewer: Viewer, from_date: date, to_date: date) -> GuidanceRows:
        """Sessions held in [from, to] in the viewer's contexts, counted per mentor and per student, and the
        current assignments (so mentors and students without a session can be listed)."""
        visible = visible_clause(viewer)
        in_period = guidance_session.c.held_on.between(from_date, to_date)
        onsite = func.count().filter(guidance_session.c.mode == "onsite")
        joined = guidance_session.join(assignment, assignment.c.id == guidance_session.c.assignment_id)
        c = self.connection
        by_mentor = (
            await c.execute(
                select(
                    guidance_session.c.mentor_id,
                    func.count(),
                    onsite,
                    func.sum(guidance_session.c.minutes),
                    func.count().filter(guidance_session.c.confirmed_at.is_not(None)),
                    func.count(func.distinct(func.concat(assignment.c.school_org, "/", assignment.c.student_ref))),
                )
                .select_from(joined)
                .where(visible, in_period)
                .group_by(guidance_session.c.mentor_id)
            )
        ).all()
        by_student = (
            await c.execute(
                select(
                    assignment.c.school_org,
                    assignment.c.student_ref,
                    func.count(),
                    onsite,
                    func.sum(guidance_session.c.minutes),
                    func.max(guidance_session.c.held_on),
                )
                .select_from(joined)
                .where(visible, in_period)
                .group_by(assignment.c.school_org, assignment.c.student_ref)
            )
        ).all()
        current = (
            await c.execute(
                select(assignment.c.mentor_id, assignment.c.school_org, assignment.c.student_ref).where(
                    visible, assignment.c.status != AssignmentStatus.ENDED.value
                )
            )
        ).all()
        mentor_ids = {r[0] for r in by_mentor} | {r.mentor_id for r in current if r.mentor_id is not None}
        people = {
            r.id: r
            for r in await c.execute(
                select(mentor.c.id, mentor.c.display_name, mentor.c.kind, mentor.c.org).where(
                    mentor.c.id.in_(mentor_ids)
                )
            )
        }
        return GuidanceRows(by_mentor, by_student, current, people)

    async def pending_by_side(self, viewer: Viewer) -> list[Row]:
        """(side, how many, the oldest's creation time) of the pending assignments the viewer sees."""
        return (
            await self.connection.execute(
                select(assignment.c.side, func.count(), func.min(assignment.c.created_at))
                .where(visible_clause(viewer), assignment.c.status == AssignmentStatus.PENDING.value)
                .group_by(assignment.c.side)
            )
        ).all()
