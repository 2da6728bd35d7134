"""The SQL of erasing one school's student from the credentials service's tables (docs/erasure.md, "## credentials").

The school's records stay under the pseudonym, as internships keeps its grades: the achievements events reported
(`achievement`), and each credential's row with its stage and its status list index, so a revoked credential stays
revoked for every verifier. What names the student goes: the stored copy of each credential (its JSON carries the
student's name and the salted hash of their reference) is emptied; the student holds their own copy, which still
checks out against the organisations' keys and the school's status list, but Praxis no longer shows or verifies
one it kept. The achievements the school recorded from outside stay under the pseudonym too (the credit the
school awarded for them stands), but a presented badge's copy, which names the student, goes.
"""

from __future__ import annotations

from sqlalchemy import and_, literal, update
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.ext.asyncio import AsyncConnection

from credentials.adapters.orm import achievement, credential, recorded_achievement
from praxis_common.erasure_sql import scrub


class ErasureRepository:
    """`u.erasure`: the statements of the credentials service's erasure hook (handlers/erasure.py)."""

    def __init__(self, connection: AsyncConnection) -> None:
        self.connection = connection

    async def _count(self, statement) -> int:
        return (await self.connection.execute(statement)).rowcount

    async def pseudonymise_achievements(self, school_org: str, student_ref: str, pseudonym: str) -> int:
        a = achievement
        return await self._count(scrub(a, a.c.school_org == school_org, student_ref, pseudonym, refs=[a.c.student_ref]))

    async def empty_credentials(self, school_org: str, student_ref: str, pseudonym: str) -> int:
        """The student's credentials: the ref -> the pseudonym, the stored JSON -> `{}` (stage and index stay)."""
        c = credential
        return await self._count(
            update(c)
            .where(and_(c.c.school_org == school_org, c.c.student_ref == student_ref))
            .values(student_ref=pseudonym, secured=literal({}, JSONB))
        )

    async def pseudonymise_recorded(self, school_org: str, student_ref: str, pseudonym: str) -> int:
        """The student's recorded achievements: the ref -> the pseudonym, a presented badge's copy -> NULL."""
        r = recorded_achievement
        return await self._count(
            update(r)
            .where(and_(r.c.school_org == school_org, r.c.student_ref == student_ref))
            .values(student_ref=pseudonym, presented=None)
        )
