"""The guidance sessions internships keeps from the mentors service's guidance.recorded events. A session is
recorded once (keyed by its id), so applying an event again changes nothing."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from sqlalchemy import Integer, and_, case, func, or_, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncConnection

from internships.adapters.orm import placement
from internships.adapters.outcomes_tables import guidance_record
from internships.domain.guidance import GuidanceRecord, GuidanceTotals


def _record(row) -> GuidanceRecord:
    return GuidanceRecord(**dict(row._mapping))


def _totals(row) -> GuidanceTotals:
    return GuidanceTotals(sessions=row.sessions or 0, minutes=row.minutes or 0, onsite_minutes=row.onsite or 0)


_SUMS = (
    func.count().label("sessions"),
    func.coalesce(func.sum(guidance_record.c.minutes), 0).label("minutes"),
    func.coalesce(func.sum(case((guidance_record.c.mode == "onsite", guidance_record.c.minutes), else_=0)), 0)
    .cast(Integer)
    .label("onsite"),
)


class GuidanceRepository:
    def __init__(self, connection: AsyncConnection) -> None:
        self.connection = connection

    async def add(self, r: GuidanceRecord) -> bool:
        """Keep the session; False if it was already kept."""
        result = await self.connection.execute(
            insert(guidance_record).values(vars(r)).on_conflict_do_nothing(index_elements=["session_id"])
        )
        return result.rowcount == 1

    async def of_placements(self, ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, list[GuidanceRecord]]:
        """Each placement's sessions, oldest first (placements without any are absent)."""
        keys = [str(i) for i in ids]
        found: dict[uuid.UUID, list[GuidanceRecord]] = defaultdict(list)
        if not keys:
            return {}
        rows = await self.connection.execute(
            select(guidance_record)
            .where(guidance_record.c.context_kind == "placement", guidance_record.c.context_id.in_(keys))
            .order_by(guidance_record.c.held_on, guidance_record.c.recorded_at, guidance_record.c.session_id)
        )
        for row in rows:
            found[uuid.UUID(row.context_id)].append(_record(row))
        return dict(found)

    async def of_agreement(
        self,
        agreement_id: uuid.UUID,
        *,
        school_org: str,
        enterprise_org: str,
        valid_from: date | None = None,
        valid_to: date | None = None,
    ) -> GuidanceTotals:
        """The guidance of an agreement: its placements' sessions, and those of the project teams of its school on
        its enterprise's projects held while the agreement was valid (a team's context names the pair, not an
        agreement; without a window, all of the pair's)."""
        placements = select(func.cast(placement.c.id, guidance_record.c.context_id.type)).where(
            placement.c.agreement_id == agreement_id
        )
        row = (
            await self.connection.execute(
                select(*_SUMS).where(
                    or_(
                        and_(
                            guidance_record.c.context_kind == "placement", guidance_record.c.context_id.in_(placements)
                        ),
                        and_(
                            guidance_record.c.context_kind == "project",
                            guidance_record.c.school_org == school_org,
                            guidance_record.c.enterprise_org == enterprise_org,
                            guidance_record.c.held_on >= (valid_from or date.min),
                            guidance_record.c.held_on <= (valid_to or date.max),
                        ),
                    )
                )
            )
        ).one()
        return _totals(row)

    async def of_org(self, org: str) -> GuidanceTotals:
        """All guidance of an organisation's students or hosted interns and teams (either party)."""
        row = (
            await self.connection.execute(
                select(*_SUMS).where(or_(guidance_record.c.school_org == org, guidance_record.c.enterprise_org == org))
            )
        ).one()
        return _totals(row)
