"""The SQL of erasing one school's student from the mentors service's tables (docs/erasure.md, "## mentors").

Every statement runs on the caller's open transaction and changes only what still names the student, so a second
run changes nothing. A student is within the school's reach through a context of that school: their placement's
context (its `student_ref`) or a team context of that school they are a member of.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import and_, func, select, tuple_, update
from sqlalchemy.ext.asyncio import AsyncConnection

from mentors.adapters.orm import (
    assignment,
    assignment_history,
    guidance_session,
    mentoring_context,
    mentoring_context_member,
)


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
        """The placement context's student and the student's team memberships: the pseudonym (team sizes stay)."""
        c, m = mentoring_context, mentoring_context_member
        placed = await self.connection.execute(
            update(c).where(c.c.school_org == school_org, c.c.student_ref == student_ref).values(student_ref=pseudonym)
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
        statements = []
        if reach.own:
            statements.append(update(h).where(h.c.assignment_id.in_(reach.own), h.c.reason != "").values(reason=""))
        if reach.teams:
            statements.append(
                update(h)
                .where(h.c.assignment_id.in_(reach.teams), func.strpos(h.c.reason, student_ref) > 0)
                .values(reason=func.replace(h.c.reason, student_ref, pseudonym))
            )
        if reach.own or reach.teams:
            ids = reach.own + reach.teams
            statements.append(update(h).where(h.c.assignment_id.in_(ids), h.c.by == student_ref).values(by=pseudonym))
        return sum([(await self.connection.execute(s)).rowcount for s in statements])

    async def scrub_sessions(self, reach: Reach, student_ref: str, pseudonym: str) -> int:
        """Guidance notes of the student's own assignments -> ''; a team's notes keep their text with the ref replaced;
        the student as the one who recorded or confirmed a session -> the pseudonym. Minutes, days and modes stay."""
        g = guidance_session
        changed = 0
        if reach.own:
            done = await self.connection.execute(
                update(g).where(g.c.assignment_id.in_(reach.own), g.c.notes != "").values(notes="")
            )
            changed += done.rowcount
        if reach.teams:
            done = await self.connection.execute(
                update(g)
                .where(g.c.assignment_id.in_(reach.teams), func.strpos(g.c.notes, student_ref) > 0)
                .values(notes=func.replace(g.c.notes, student_ref, pseudonym))
            )
            changed += done.rowcount
        everything = reach.own + reach.teams
        for column in (g.c.recorded_by, g.c.confirmed_by) if everything else ():
            done = await self.connection.execute(
                update(g)
                .where(g.c.assignment_id.in_(everything), column == student_ref)
                .values({column.name: pseudonym})
            )
            changed += done.rowcount
        return changed
