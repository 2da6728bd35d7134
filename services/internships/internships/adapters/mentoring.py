"""The mentors service's assignments of placements and its mentors' sign-in accounts, as internships keeps them
from mentor.assigned / released / updated events (a read model: no call to mentors when a week is reviewed).

Applying is idempotent and order-tolerant: an assignment keeps the mentor of its latest `assigned_at` (a late
older event changes nothing), an ended assignment keeps the last mentor it had (their weeks can still be reviewed
after the placement ended), and a mentor's account is the one of the highest record version seen."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import and_, func, or_, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncConnection

from internships.adapters.orm import mentor_account, placement_mentor
from internships.domain.mentoring import AssignedMentor


class MentoringRepository:
    def __init__(self, connection: AsyncConnection) -> None:
        self.connection = connection

    async def assigned(
        self,
        *,
        assignment_id: uuid.UUID,
        placement_id: uuid.UUID,
        side: str,
        org: str,
        mentor_id: uuid.UUID,
        assigned_at: datetime,
    ) -> None:
        row = dict(
            assignment_id=assignment_id,
            placement_id=placement_id,
            side=side,
            org=org,
            mentor_id=mentor_id,
            assigned_at=assigned_at,
        )
        stmt = insert(placement_mentor).values(row)
        await self.connection.execute(
            stmt.on_conflict_do_update(
                index_elements=["assignment_id"],
                set_={"mentor_id": stmt.excluded.mentor_id, "assigned_at": stmt.excluded.assigned_at},
                where=or_(
                    placement_mentor.c.assigned_at.is_(None), placement_mentor.c.assigned_at < stmt.excluded.assigned_at
                ),
            )
        )

    async def released(
        self,
        *,
        assignment_id: uuid.UUID,
        placement_id: uuid.UUID,
        side: str,
        org: str,
        mentor_id: uuid.UUID | None,
        ended_at: datetime,
    ) -> None:
        stmt = insert(placement_mentor).values(
            assignment_id=assignment_id,
            placement_id=placement_id,
            side=side,
            org=org,
            mentor_id=mentor_id,
            ended_at=ended_at,
        )
        await self.connection.execute(
            stmt.on_conflict_do_update(
                index_elements=["assignment_id"],
                set_={
                    "ended_at": stmt.excluded.ended_at,
                    "mentor_id": func.coalesce(placement_mentor.c.mentor_id, stmt.excluded.mentor_id),
                },
            )
        )

    async def account(
        self, *, mentor_id: uuid.UUID, org: str, account: str | None, version: int, display_name: str | None = None
    ) -> None:
        stmt = insert(mentor_account).values(
            mentor_id=mentor_id, org=org, account=account, version=version, display_name=display_name
        )
        await self.connection.execute(
            stmt.on_conflict_do_update(
                index_elements=["mentor_id"],
                set_={
                    "account": stmt.excluded.account,
                    "org": stmt.excluded.org,
                    "version": stmt.excluded.version,
                    "display_name": stmt.excluded.display_name,
                },
                where=mentor_account.c.version < stmt.excluded.version,
            )
        )

    async def mentor_of(self, placement_id: uuid.UUID, side: str) -> AssignedMentor | None:
        """The mentor the side's assignment of the placement holds (or last held), with their sign-in account."""
        m = assigned_mentors(side)
        row = (
            await self.connection.execute(
                select(m.c.mentor_id, m.c.org, m.c.account, m.c.display_name).where(m.c.placement_id == placement_id)
            )
        ).first()
        return AssignedMentor(row.mentor_id, row.org, row.account, row.display_name) if row else None


def assigned_mentors(side: str):
    """Each placement's mentor on `side` — the mentor of its latest assignment, kept after the assignment ended —
    with the account they sign in with, their name and when that assignment ended: the one definition of "the
    placement's assigned mentor", for one placement (mentor_of) and in the reports' joins."""
    latest = (
        func.row_number()
        .over(partition_by=placement_mentor.c.placement_id, order_by=placement_mentor.c.assigned_at.desc().nulls_last())
        .label("latest")
    )
    ranked = (
        select(
            placement_mentor.c.placement_id,
            placement_mentor.c.mentor_id,
            placement_mentor.c.org,
            placement_mentor.c.ended_at,
            mentor_account.c.account,
            mentor_account.c.display_name,
            latest,
        )
        .select_from(
            placement_mentor.outerjoin(
                mentor_account,
                and_(
                    mentor_account.c.mentor_id == placement_mentor.c.mentor_id,
                    mentor_account.c.org == placement_mentor.c.org,
                ),
            )
        )
        .where(placement_mentor.c.side == side, placement_mentor.c.mentor_id.is_not(None))
        .subquery(f"ranked_{side}_mentor")
    )
    columns = ("placement_id", "mentor_id", "org", "ended_at", "account", "display_name")
    return select(*(ranked.c[c] for c in columns)).where(ranked.c.latest == 1).subquery(f"{side}_mentor")
