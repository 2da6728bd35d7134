"""Insurance repository: policies, their attachment to placements, and the placements whose cover has a gap."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import and_, func, insert, literal, or_, select
from sqlalchemy.dialects.postgresql import DATERANGE
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncConnection

from internships.adapters.course_tables import insurance_policy as pol_t
from internships.adapters.course_tables import placement_insurance as att_t
from internships.adapters.orm import placement as pl_t
from internships.adapters.placements import _placement as placement_of
from internships.domain.insurance import COVERING, Attachment, CoverageType, InsurancePolicy, Payer
from internships.domain.placements import HOLDING, Placement


class InsuranceRepository:
    def __init__(self, connection: AsyncConnection) -> None:
        self.connection = connection

    async def add(self, p: InsurancePolicy) -> None:
        row = {c.name: getattr(p, c.name) for c in pol_t.columns}
        row["coverage_type"], row["payer"] = p.coverage_type.value, p.payer.value
        await self.connection.execute(insert(pol_t).values(row))

    async def get(self, policy_id: uuid.UUID, *, for_update: bool = False) -> InsurancePolicy | None:
        query = select(pol_t).where(pol_t.c.id == policy_id)
        row = (await self.connection.execute(query.with_for_update() if for_update else query)).first()
        return _policy(row) if row else None

    async def owned(
        self, org: str, kind: str, *, after: tuple[datetime, uuid.UUID] | None, limit: int
    ) -> list[InsurancePolicy]:
        """The organisation's policies, newest first."""
        query = select(pol_t).where(
            pol_t.c.owner_org == org, or_(pol_t.c.owner_kind.is_(None), pol_t.c.owner_kind == kind)
        )
        if after is not None:
            at, last = after
            query = query.where(or_(pol_t.c.recorded_at < at, and_(pol_t.c.recorded_at == at, pol_t.c.id < last)))
        rows = await self.connection.execute(query.order_by(pol_t.c.recorded_at.desc(), pol_t.c.id.desc()).limit(limit))
        return [_policy(r) for r in rows]

    async def attached_to(self, policy_id: uuid.UUID, placement_ids: list[uuid.UUID]) -> set[uuid.UUID]:
        """Which of these placements the policy is attached to already."""
        if not placement_ids:
            return set()
        rows = await self.connection.execute(
            select(att_t.c.placement_id).where(att_t.c.policy_id == policy_id, att_t.c.placement_id.in_(placement_ids))
        )
        return set(rows.scalars())

    async def attach(self, policy_id: uuid.UUID, placement_ids: list[uuid.UUID], *, at: datetime, by: str) -> None:
        if placement_ids:
            await self.connection.execute(
                pg_insert(att_t)
                .values(
                    [
                        {"placement_id": p, "policy_id": policy_id, "attached_at": at, "attached_by": by}
                        for p in placement_ids
                    ]
                )
                .on_conflict_do_nothing()
            )

    async def placements(self, placement_ids: list[uuid.UUID]) -> dict[uuid.UUID, Placement]:
        """The placements of these ids that exist, locked against a concurrent change of state (FOR SHARE)."""
        if not placement_ids:
            return {}
        rows = await self.connection.execute(
            select(pl_t).where(pl_t.c.id.in_(set(placement_ids))).with_for_update(read=True)
        )
        return {r.id: placement_of(r) for r in rows}

    async def policies_of(self, placement_id: uuid.UUID) -> list[Attachment]:
        """The policies attached to a placement (every coverage type), by period start."""
        rows = await self.connection.execute(
            select(pol_t, att_t.c.attached_at, att_t.c.attached_by)
            .select_from(pol_t.join(att_t, att_t.c.policy_id == pol_t.c.id))
            .where(att_t.c.placement_id == placement_id)
            .order_by(pol_t.c.starts_on, pol_t.c.id)
        )
        return [Attachment(_policy(r), placement_id, r.attached_at, r.attached_by) for r in rows]

    async def policies_by_placement(self, placement_ids: list[uuid.UUID]) -> dict[uuid.UUID, list[InsurancePolicy]]:
        found: dict[uuid.UUID, list[InsurancePolicy]] = {p: [] for p in placement_ids}
        if placement_ids:
            rows = await self.connection.execute(
                select(pol_t, att_t.c.placement_id.label("attached_placement"))
                .select_from(pol_t.join(att_t, att_t.c.policy_id == pol_t.c.id))
                .where(att_t.c.placement_id.in_(placement_ids))
            )
            for r in rows:
                found[r.attached_placement].append(_policy(r))
        return found

    async def gaps(self, org: str, kind: str, *, after: tuple[date, uuid.UUID] | None, limit: int) -> list[Placement]:
        """The organisation's current placements (requested, confirmed, active) whose attached liability policies
        do not together cover every day of their term, by start date."""
        mine = pl_t.c.school_org if kind == "school" else pl_t.c.enterprise_org
        term = func.daterange(pl_t.c.starts_on, pl_t.c.ends_on, literal("[]"), type_=DATERANGE)
        cover = (
            select(func.range_agg(func.daterange(pol_t.c.starts_on, pol_t.c.ends_on, literal("[]"), type_=DATERANGE)))
            .select_from(att_t.join(pol_t, pol_t.c.id == att_t.c.policy_id))
            .where(att_t.c.placement_id == pl_t.c.id, pol_t.c.coverage_type.in_([c.value for c in COVERING]))
            .scalar_subquery()
        )
        query = select(pl_t).where(
            mine == org,
            pl_t.c.status.in_([s.value for s in HOLDING]),
            func.coalesce(cover.op("@>")(term), False).is_(False),
        )
        if after is not None:
            starts, last = after
            query = query.where(or_(pl_t.c.starts_on > starts, and_(pl_t.c.starts_on == starts, pl_t.c.id > last)))
        rows = await self.connection.execute(query.order_by(pl_t.c.starts_on, pl_t.c.id).limit(limit))
        return [placement_of(r) for r in rows]


def _policy(row) -> InsurancePolicy:
    data = {c.name: getattr(row, c.name) for c in pol_t.columns}
    data["coverage_type"], data["payer"] = CoverageType(data["coverage_type"]), Payer(data["payer"])
    return InsurancePolicy(**data)
