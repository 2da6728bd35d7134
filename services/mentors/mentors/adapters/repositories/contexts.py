"""Mentoring contexts (a placement, a project team) and a team's members, as the producers' events described them."""

from __future__ import annotations

from sqlalchemy import insert, literal_column, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncConnection

from mentors.adapters.orm import mentoring_context, mentoring_context_member
from mentors.domain.assignments import ContextKind, ContextStatus, MentoringContext


def _context_row(c: MentoringContext) -> dict:
    return {
        "kind": c.kind.value,
        "id": c.id,
        "school_org": c.school_org,
        "enterprise_org": c.enterprise_org,
        "student_ref": c.student_ref,
        "position_id": c.position_id,
        "starts_on": c.starts_on,
        "ends_on": c.ends_on,
        "competencies": c.competencies,
        "languages": c.languages,
        "status": c.status.value,
        "opened_at": c.opened_at,
        "ended_at": c.ended_at,
        "end_reason": c.end_reason,
    }


def _context(row, members: list[str]) -> MentoringContext:
    data = dict(row._mapping)
    data["kind"], data["status"] = ContextKind(data["kind"]), ContextStatus(data["status"])
    data["competencies"], data["languages"] = list(data["competencies"]), list(data["languages"])
    return MentoringContext(**data, members=members)


class ContextRepository:
    def __init__(self, connection: AsyncConnection) -> None:
        self.connection = connection

    async def open(self, c: MentoringContext) -> bool:
        """Record a context once: False when it is already known (open, or ended before it opened here)."""
        opened = await self.connection.scalar(
            pg_insert(mentoring_context)
            .values(_context_row(c))
            .on_conflict_do_nothing(index_elements=["kind", "id"])
            .returning(mentoring_context.c.id)
        )
        if opened is not None and c.members:
            await self.connection.execute(
                insert(mentoring_context_member),
                [{"context_kind": c.kind.value, "context_id": c.id, "student_ref": s} for s in c.members],
            )
        return opened is not None

    async def has_member(self, kind: ContextKind, context_id: str, student_ref: str) -> bool:
        found = await self.connection.scalar(
            select(mentoring_context_member.c.student_ref).where(
                mentoring_context_member.c.context_kind == kind.value,
                mentoring_context_member.c.context_id == context_id,
                mentoring_context_member.c.student_ref == student_ref,
            )
        )
        return found is not None

    async def close(self, c: MentoringContext) -> bool:
        """Mark the context ended. True when an open context was ended now; a context not seen before is
        recorded as ended (so its late `confirmed` opens nothing) and an ended one stays as it was: False."""
        row = _context_row(c)
        changes = {"status": ContextStatus.ENDED.value, "ended_at": c.ended_at, "end_reason": c.end_reason}
        inserted = await self.connection.execute(
            pg_insert(mentoring_context)
            .values({**row, **changes})
            .on_conflict_do_update(
                index_elements=["kind", "id"],
                set_=changes,
                where=mentoring_context.c.status == ContextStatus.OPEN.value,
            )
            .returning(literal_column("xmax = 0").label("inserted"))
        )
        result = inserted.first()
        return result is not None and not result.inserted

    async def get(self, kind: ContextKind, context_id: str) -> MentoringContext | None:
        row = (
            await self.connection.execute(
                select(mentoring_context).where(
                    mentoring_context.c.kind == kind.value, mentoring_context.c.id == context_id
                )
            )
        ).first()
        if row is None:
            return None
        members = await self.connection.scalars(
            select(mentoring_context_member.c.student_ref)
            .where(
                mentoring_context_member.c.context_kind == kind.value,
                mentoring_context_member.c.context_id == context_id,
            )
            .order_by(mentoring_context_member.c.student_ref)
        )
        return _context(row, list(members))
