"""Base tier repository: a base's confirmed tier and its decisions, and the records of the base's placements the
evidence is computed from (approved logbook hours per placement)."""

from __future__ import annotations

import uuid
from decimal import Decimal

from sqlalchemy import func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from internships.adapters.orm import logbook_week as log_t
from internships.adapters.orm import placement as pl_t
from internships.adapters.orm import position as pos_t
from internships.adapters.orm import practice_base as base_t
from internships.adapters.placements import _placement as placement_of
from internships.adapters.tiers_tables import base_tier_decision as dec_t
from internships.domain.base_tiers import STARTED, TierDecision
from internships.domain.placements import Placement
from internships.domain.positions import PracticeBase, Tier


class BaseTierRepository:
    def __init__(self, connection: AsyncConnection) -> None:
        self.connection = connection

    async def save_tier(self, b: PracticeBase) -> None:
        await self.connection.execute(
            update(base_t)
            .where(base_t.c.id == b.id)
            .values(tier=int(b.tier), tier_confirmed_at=b.tier_confirmed_at, tier_confirmed_by=b.tier_confirmed_by)
        )

    async def add_decision(self, d: TierDecision) -> None:
        row = {c.name: getattr(d, c.name) for c in dec_t.columns}
        row["from_tier"], row["to_tier"] = int(d.from_tier), int(d.to_tier)
        row["recommended_tier"] = int(d.recommended_tier) if d.recommended_tier else None
        await self.connection.execute(insert(dec_t).values(row))

    async def decisions(self, base_id: uuid.UUID) -> list[TierDecision]:
        """The base's tier decisions, newest first."""
        rows = await self.connection.execute(
            select(dec_t).where(dec_t.c.base_id == base_id).order_by(dec_t.c.decided_at.desc(), dec_t.c.id)
        )
        found = []
        for r in rows:
            data = dict(r._mapping)
            data["from_tier"], data["to_tier"] = Tier(data["from_tier"]), Tier(data["to_tier"])
            data["recommended_tier"] = Tier(data["recommended_tier"]) if data["recommended_tier"] else None
            found.append(TierDecision(**data))
        return found

    async def started_placements(self, base_id: uuid.UUID, school_org: str) -> list[Placement]:
        """The placements of `school_org` (the school of the base's agreement) at the base's positions that started
        (active, completed or terminated). Another school with an agreement of its own may place students at the
        same positions: those placements are its record, never the evidence of this base's parties."""
        rows = await self.connection.execute(
            select(pl_t)
            .join(pos_t, pos_t.c.id == pl_t.c.position_id)
            .where(
                pos_t.c.base_id == base_id,
                pl_t.c.school_org == school_org,
                pl_t.c.status.in_([s.value for s in STARTED]),
            )
            .order_by(pl_t.c.starts_on, pl_t.c.id)
        )
        return [placement_of(r) for r in rows]

    async def approved_hours(self, placement_ids: list[uuid.UUID]) -> dict[uuid.UUID, tuple[Decimal, Decimal]]:
        """(approved hours, approved core hours) per placement that has approved logbook weeks."""
        if not placement_ids:
            return {}
        rows = await self.connection.execute(
            select(log_t.c.placement_id, func.sum(log_t.c.total_hours), func.sum(log_t.c.core_hours))
            .where(log_t.c.placement_id.in_(placement_ids), log_t.c.status == "approved")
            .group_by(log_t.c.placement_id)
        )
        return {r[0]: (Decimal(r[1]), Decimal(r[2])) for r in rows}
