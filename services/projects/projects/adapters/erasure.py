"""The SQL of erasing one school's student from the projects service's tables (docs/erasure.md, "## projects").

A student is within the school's reach through the teams that school formed (`team.school_org`) and the rows that
name the school themselves (credits, terms acceptances). Every statement changes only what still names the student,
so a second run changes nothing.
"""

from __future__ import annotations

import uuid

from sqlalchemy import delete, or_, select
from sqlalchemy.ext.asyncio import AsyncConnection

from praxis_common.erasure_sql import scrub
from projects.adapters.orm import (
    credit,
    deliverable,
    evaluation,
    peer_rating,
    stage_review,
    team,
    team_member,
    terms_acceptance,
)


class ErasureRepository:
    """`u.erasure`: the statements of the projects service's erasure hook (handlers/erasure.py)."""

    def __init__(self, connection: AsyncConnection) -> None:
        self.connection = connection

    async def _count(self, statement) -> int:
        return (await self.connection.execute(statement)).rowcount

    async def teams_of(self, school_org: str, student_ref: str) -> list[uuid.UUID]:
        """The school's teams the student is or was a member of."""
        query = (
            select(team_member.c.team_id)
            .join(team, team.c.id == team_member.c.team_id)
            .where(team.c.school_org == school_org, team_member.c.student_ref == student_ref)
            .distinct()
        )
        return list(await self.connection.scalars(query))

    async def pseudonymise_members(self, teams: list[uuid.UUID], student_ref: str, pseudonym: str) -> int:
        """The membership stays (team sizes), under the pseudonym and without the name the school shared."""
        m = team_member
        where = m.c.team_id.in_(teams) & (m.c.student_ref == student_ref)
        return await self._count(
            scrub(m, where, student_ref, pseudonym, refs=[m.c.student_ref], nulled=[m.c.display_name])
        )

    async def pseudonymise_evaluations(self, teams: list[uuid.UUID], student_ref: str, pseudonym: str) -> int:
        """Scores and criteria stay for statistics; the comments about the student go."""
        e = evaluation
        where = e.c.team_id.in_(teams) & (e.c.student_ref == student_ref)
        return await self._count(
            scrub(e, where, student_ref, pseudonym, refs=[e.c.student_ref], emptied=[e.c.comments])
        )

    async def pseudonymise_peer_ratings(self, teams: list[uuid.UUID], student_ref: str, pseudonym: str) -> int:
        """Ratings the student gave and received: the ref -> the pseudonym on either end, the comments go."""
        r = peer_rating
        where = r.c.team_id.in_(teams) & or_(r.c.rater_ref == student_ref, r.c.ratee_ref == student_ref)
        refs = [r.c.rater_ref, r.c.ratee_ref]
        return await self._count(scrub(r, where, student_ref, pseudonym, refs=refs, emptied=[r.c.comments]))

    async def pseudonymise_credits(self, school_org: str, student_ref: str, pseudonym: str) -> int:
        """Credits and scores stay (the school's totals); the ref goes."""
        c = credit
        return await self._count(scrub(c, c.c.school_org == school_org, student_ref, pseudonym, refs=[c.c.student_ref]))

    async def delete_terms_acceptances(self, school_org: str, student_ref: str) -> int:
        t = terms_acceptance
        return await self._count(delete(t).where(t.c.school_org == school_org, t.c.student_ref == student_ref))

    async def scrub_team_work(self, teams: list[uuid.UUID], student_ref: str, pseudonym: str) -> dict[str, int]:
        """The team's work stays; where the student submitted it, or a text names them, the pseudonym instead."""
        d, s, t = deliverable, stage_review, team
        texts = [d.c.title, d.c.link, d.c.file_ref]
        statements = {
            "deliverable": scrub(
                d, d.c.team_id.in_(teams), student_ref, pseudonym, refs=[d.c.submitted_by], mentions=texts
            ),
            "stage_review": scrub(s, s.c.team_id.in_(teams), student_ref, pseudonym, mentions=[s.c.comments]),
            "team": scrub(t, t.c.id.in_(teams), student_ref, pseudonym, mentions=[t.c.end_reason]),
        }
        return {name: await self._count(statement) for name, statement in statements.items()}
