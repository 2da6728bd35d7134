"""Reports over an organisation's own placements (a school's, or an enterprise's): never anyone else's rows.

Placements by state, by base tier and by country; seat fill per position; the distribution of the
core-work share; and active agreements with no placement at all ("agreements that stay on paper")."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import and_, case, func, literal, select

from internships.adapters.orm import agreement as agr_t
from internships.adapters.orm import logbook_week as log_t
from internships.adapters.orm import placement as pl_t
from internships.adapters.orm import position as pos_t
from internships.adapters.orm import practice_base as base_t
from internships.domain.placements import HOLDING
from internships.handlers.agreements import UowFactory
from praxis_common.auth import Principal
from praxis_common.errors import Forbidden

SHARE_BUCKETS = (
    (Decimal("0"), Decimal("0.25")),
    (Decimal("0.25"), Decimal("0.5")),
    (Decimal("0.5"), Decimal("0.75")),
    (Decimal("0.75"), Decimal("1.0001")),
)


@dataclass(frozen=True)
class PositionFill:
    position_id: str
    title: str
    seats: int
    seats_taken: int  # all schools' (the enterprise's view) or this school's seat-holding placements


@dataclass(frozen=True)
class PlacementReport:
    by_status: dict[str, int]
    by_tier: dict[int, int]
    by_country: dict[str, int]
    positions: list[PositionFill]
    core_share_buckets: dict[str, int]  # "0-25%": placements whose approved core share falls there
    core_share_mean: Decimal | None
    placements_without_approved_hours: int
    agreements_without_placements: list[str]


async def placement_report(principal: Principal, *, uow: UowFactory) -> PlacementReport:
    if principal.org_kind not in ("school", "enterprise"):
        raise Forbidden("reports are for schools and enterprises")
    mine = pl_t.c.school_org if principal.org_kind == "school" else pl_t.c.enterprise_org
    own = mine == principal.org
    async with uow() as u:
        s = u.session
        by_status = dict(
            (await s.execute(select(pl_t.c.status, func.count()).where(own).group_by(pl_t.c.status))).all()
        )
        located = pl_t.join(pos_t, pos_t.c.id == pl_t.c.position_id).join(base_t, base_t.c.id == pos_t.c.base_id)
        by_tier = dict(
            (
                await s.execute(
                    select(base_t.c.tier, func.count()).select_from(located).where(own).group_by(base_t.c.tier)
                )
            ).all()
        )
        by_country = dict(
            (
                await s.execute(
                    select(base_t.c.country, func.count()).select_from(located).where(own).group_by(base_t.c.country)
                )
            ).all()
        )
        positions = await _fill(s, principal)
        shares = (
            await s.execute(
                select(pl_t.c.id, func.sum(log_t.c.core_hours), func.sum(log_t.c.total_hours))
                .select_from(pl_t.join(log_t, and_(log_t.c.placement_id == pl_t.c.id, log_t.c.status == "approved")))
                .where(own)
                .group_by(pl_t.c.id)
            )
        ).all()
        with_hours = {row[0] for row in shares}
        started = await s.scalar(
            select(func.count()).where(own, pl_t.c.status.in_(["active", "completed", "terminated"]))
        )
        party = agr_t.c.school_org if principal.org_kind == "school" else agr_t.c.enterprise_org
        paper = (
            (
                await s.execute(
                    select(agr_t.c.id)
                    .where(
                        party == principal.org,
                        agr_t.c.status == "active",
                        agr_t.c.interns_placed == 0,
                        ~select(literal(1)).where(pl_t.c.agreement_id == agr_t.c.id).exists(),
                    )
                    .order_by(agr_t.c.created_at)
                )
            )
            .scalars()
            .all()
        )
    share_values = [core / total for _, core, total in shares if total]
    buckets = {
        f"{int(lo * 100)}-{min(int(hi * 100), 100)}%": sum(lo <= v < hi for v in share_values)
        for lo, hi in SHARE_BUCKETS
    }
    mean = (sum(share_values) / len(share_values)).quantize(Decimal("0.0001")) if share_values else None
    return PlacementReport(
        by_status=by_status,
        by_tier={int(k): v for k, v in by_tier.items()},
        by_country=by_country,
        positions=positions,
        core_share_buckets=buckets,
        core_share_mean=mean,
        placements_without_approved_hours=max(int(started or 0) - len(with_hours), 0),
        agreements_without_placements=[str(a) for a in paper],
    )


async def _fill(s, principal: Principal) -> list[PositionFill]:
    if principal.org_kind == "enterprise":
        rows = await s.execute(
            select(pos_t.c.id, pos_t.c.title, pos_t.c.seats, pos_t.c.seats_taken)
            .where(pos_t.c.enterprise_org == principal.org)
            .order_by(pos_t.c.created_at)
        )
    else:  # a school sees the seats its own students hold, per position it booked into
        holding = case((pl_t.c.status.in_([st.value for st in HOLDING] + ["completed", "terminated"]), 1), else_=0)
        rows = await s.execute(
            select(pos_t.c.id, pos_t.c.title, pos_t.c.seats, func.sum(holding))
            .select_from(pl_t.join(pos_t, pos_t.c.id == pl_t.c.position_id))
            .where(pl_t.c.school_org == principal.org)
            .group_by(pos_t.c.id, pos_t.c.title, pos_t.c.seats, pos_t.c.created_at)
            .order_by(pos_t.c.created_at)
        )
    return [PositionFill(str(r[0]), r[1], r[2], int(r[3] or 0)) for r in rows]
