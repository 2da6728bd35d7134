"""The SQL of erasing one school's student from the mentors service's tables (docs/erasure.md, "## mentors").

Every statement runs on the caller's open transaction and changes only what still names the student, so a second
run changes nothing. A student is within the school's reach through a context of that school: their placement's
context (its `student_ref`) or a team context of that school they are a member of.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import and_, select, tuple_, update
from sqlalchemy.ext.asyncio import AsyncConnection

from mentors.adapters.orm import (
    assignment,
    assignment_history,
    guidance_session,
    mentoring_context,
    mentoring_context_member,
)
from praxis_common.erasure_sql import scrub


@dataclass(frozen=True)
class Reach:
    """What of the service is about the student: their own (placement) assignments, and the assignments of the
    team contexts they are a member of."""

    own: list[uuid.UUID]
    teams: list[uuid.UUID]


class ErasureRepository:
    """`u.erasure`: the statements of the mentors service's erasure hook (handlers/erasure.py)."""

    def __init__(self, connection: AsyncConnection) -> None:
        self.connection = connection

    async def reach(self, school_org: str, student_ref: str) -> Reach:
        own = select(assignment.c.id).where(
            assignment.c.school_org == school_org, assignment.c.student_ref == student_ref
        )
        m = mentoring_context_member
        team_contexts = (
            select(m.c.context_kind, m.c.context_id)
            .join(
                mentoring_context,
                and_(mentoring_context.c.kind == m.c.context_kind, mentoring_context.c.id == m.c.context_id),
            )
            .where(m.c.student_ref == student_ref, mentoring_context.c.school_org == school_org)
        )
        teams = select(assignment.c.id).where(
            tuple_(assignment.c.context_kind, assignment.c.context_id).in_(team_contexts),
            assignment.c.school_org == school_org,
        )
        return Reach(list(await self.connection.scalars(own)), list(await self.connection.scalars(teams)))

    async def pseudonymise_contexts(self, school_org: str, student_ref: str, pseudonym: str) -> int:
        """The placement context's student (and the languages their profile gave it) and the student's team
        memberships: the pseudonym (team sizes stay)."""
        c, m = mentoring_context, mentoring_context_member
        placed = await self.connection.execute(
            update(c)
            .where(c.c.school_org == school_org, c.c.student_ref == student_ref)
            .values(student_ref=pseudonym, languages=[])  # the student's languages: a profile value
        )
        of_school = select(c.c.kind, c.c.id).where(c.c.school_org == school_org)
        member = await self.connection.execute(
            update(m)
            .where(m.c.student_ref == student_ref, tuple_(m.c.context_kind, m.c.context_id).in_(of_school))
            .values(student_ref=pseudonym)
        )
        return placed.rowcount + member.rowcount

    async def pseudonymise_assignments(self, ids: list[uuid.UUID], pseudonym: str) -> int:
        if not ids:
            return 0
        done = await self.connection.execute(
            update(assignment)
            .where(assignment.c.id.in_(ids), assignment.c.student_ref != pseudonym)
            .values(student_ref=pseudonym)
        )
        return done.rowcount

    async def scrub_history(self, reach: Reach, student_ref: str, pseudonym: str) -> int:
        """Who acted (the student, signed in) -> the pseudonym; the reasons given on the student's own assignments are
        about them -> ''; a team's reasons keep their text with the ref replaced."""
        h = assignment_history
        return await self._scrub(h, h.c.assignment_id, reach, student_ref, pseudonym, text=h.c.reason, refs=[h.c.by])

    async def scrub_sessions(self, reach: Reach, student_ref: str, pseudonym: str) -> int:
        """Guidance notes of the student's own assignments -> ''; a team's notes keep their text with the ref
        replaced; the student as the one who recorded or confirmed a session -> the pseudonym. Minutes, days and
        modes stay."""
        g = guidance_session
        refs = [g.c.recorded_by, g.c.confirmed_by]
        return await self._scrub(g, g.c.assignment_id, reach, student_ref, pseudonym, text=g.c.notes, refs=refs)

    async def _scrub(self, table, assignment_id, reach: Reach, student_ref: str, pseudonym: str, *, text, refs) -> int:
        changed = 0
        for ids, texts in ((reach.own, {"emptied": [text]}), (reach.teams, {"mentions": [text]})):
            if ids:
                statement = scrub(table, assignment_id.in_(ids), student_ref, pseudonym, refs=refs, **texts)
                changed += (await self.connection.execute(statement)).rowcount
        return changed
