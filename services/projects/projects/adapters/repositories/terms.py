"""A project's confidentiality terms (immutable versions) and the students' acceptances of them."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import func, insert, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncConnection

from projects.adapters.orm import project_terms, terms_acceptance
from projects.domain.terms import Terms, TermsAcceptance


class TermsRepository:
    def __init__(self, connection: AsyncConnection) -> None:
        self.connection = connection

    async def current(self, project_id: uuid.UUID) -> Terms | None:
        row = (
            await self.connection.execute(
                select(project_terms)
                .where(project_terms.c.project_id == project_id)
                .order_by(project_terms.c.version.desc())
                .limit(1)
            )
        ).first()
        return Terms(**row._mapping) if row else None

    async def publish(self, project_id: uuid.UUID, text: str, *, by: str, now: datetime) -> Terms:
        """The next version (the caller holds the project's row lock, so versions never collide)."""
        latest = await self.connection.scalar(
            select(func.coalesce(func.max(project_terms.c.version), 0)).where(project_terms.c.project_id == project_id)
        )
        terms = Terms(project_id, latest + 1, text, now, by)
        await self.connection.execute(insert(project_terms).values(**vars(terms)))
        return terms

    async def accept(self, acceptance: TermsAcceptance) -> TermsAcceptance:
        """Recorded once: accepting the same version again returns the first acceptance."""
        await self.connection.execute(pg_insert(terms_acceptance).values(**vars(acceptance)).on_conflict_do_nothing())
        found = await self.acceptance(
            acceptance.project_id, acceptance.version, acceptance.school_org, acceptance.student_ref
        )
        assert found is not None
        return found

    async def acceptance(
        self, project_id: uuid.UUID, version: int, school_org: str, student_ref: str
    ) -> TermsAcceptance | None:
        row = (
            await self.connection.execute(
                select(terms_acceptance).where(
                    terms_acceptance.c.project_id == project_id,
                    terms_acceptance.c.version == version,
                    terms_acceptance.c.school_org == school_org,
                    terms_acceptance.c.student_ref == student_ref,
                )
            )
        ).first()
        return TermsAcceptance(**row._mapping) if row else None
