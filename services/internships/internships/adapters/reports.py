"""Report queries over an organisation's own placements (a school's, or an enterprise's): never anyone else's rows.

Placements by state, by base tier (confirmed; unconfirmed by the enterprise's proposal) and by country; seat fill per position; the distribution of the core-work share;
and active agreements with no placement at all ("agreements that stay on paper")."""

from __future__ import annotations

from sqlalchemy import and_, case, func, literal, select
from sqlalchemy.ext.asyncio import AsyncConnection

from internships.adapters.orm import agreement as agr_t
from internships.adapters.orm import logbook_week as log_t
from internships.adapters.orm import placement as pl_t
from internships.adapters.orm import position as pos_t
from internships.adapters.orm import practice_base as base_t
from internships.domain.placements import HOLDING
from internships.domain.reports import STARTED, PlacementReport, PositionFill, core_shares


class ReportRepository:
    def __init__(self, connection: AsyncConnection) -> None:
        self.connection = connection

    async def placement_report(self, org: str, kind: str) -> PlacementReport:
        """The report over the placements of `org` as a party of `kind` ("school" or "enterprise")."""
        return await _placement_report(self.connection, org, kind)


async def _placement_report(s: AsyncConnection, org: str, kind: str) -> PlacementReport:
    mine = pl_t.c.school_org if kind == "school" else pl_t.c.enterprise_org
    own = mine == org
    by_status = dict((await s.execute(select(pl_t.c.status, func.count()).where(own).group_by(pl_t.c.status))).all())
    located = pl_t.join(pos_t, pos_t.c.id == pl_t.c.position_id).join(base_t, base_t.c.id == pos_t.c.base_id)
    # by the confirmed tier; placements at a base whose tier is not confirmed yet count by the enterprise's proposal
    tiers = (
        await s.execute(
            select(base_t.c.tier, base_t.c.tier_confirmed_at.is_not(None), func.count())
            .select_from(located)
            .where(own)
            .group_by(base_t.c.tier, base_t.c.tier_confirmed_at.is_not(None))
        )
    ).all()
    by_tier = {int(tier): n for tier, confirmed, n in tiers if confirmed}
    by_proposed_tier = {int(tier): n for tier, confirmed, n in tiers if not confirmed}
    by_country = dict(
        (
            await s.execute(
                select(base_t.c.country, func.count()).select_from(located).where(own).group_by(base_t.c.country)
            )
        ).all()
    )
    positions = await _fill(s, org, kind)
    shares = (
        await s.execute(
            select(pl_t.c.id, func.sum(log_t.c.core_hours), func.sum(log_t.c.total_hours))
            .select_from(pl_t.join(log_t, and_(log_t.c.placement_id == pl_t.c.id, log_t.c.status == "approved")))
            .where(own)
            .group_by(pl_t.c.id)
        )
    ).all()
    with_hours = {row[0] for row in shares}
    started = await s.scalar(select(func.count()).where(own, pl_t.c.status.in_(STARTED)))
    party = agr_t.c.school_org if kind == "school" else agr_t.c.enterprise_org
    paper = (
        (
            await s.execute(
                select(agr_t.c.id)
                .where(
                    party == org,
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
    buckets, mean = core_shares(share_values)
    return PlacementReport(
        by_status=by_status,
        by_tier=by_tier,
        by_proposed_tier=by_proposed_tier,
        by_country=by_country,
        positions=positions,
        core_share_buckets=buckets,
        core_share_mean=mean,
        placements_without_approved_hours=max(int(started or 0) - len(with_hours), 0),
        agreements_without_placements=[str(a) for a in paper],
    )


async def _fill(s: AsyncConnection, org: str, kind: str) -> list[PositionFill]:
    if kind == "enterprise":
        rows = await s.execute(
            select(pos_t.c.id, pos_t.c.title, pos_t.c.seats, pos_t.c.seats_taken)
            .where(pos_t.c.enterprise_org == org)
            .order_by(pos_t.c.created_at)
        )
    else:  # a school sees the seats its own students hold, per position it booked into
        holding = case((pl_t.c.status.in_([st.value for st in HOLDING] + ["completed", "terminated"]), 1), else_=0)
        rows = await s.execute(
            select(pos_t.c.id, pos_t.c.title, pos_t.c.seats, func.sum(holding))
            .select_from(pl_t.join(pos_t, pos_t.c.id == pl_t.c.position_id))
            .where(pl_t.c.school_org == org)
            .group_by(pos_t.c.id, pos_t.c.title, pos_t.c.seats, pos_t.c.created_at)
            .order_by(pos_t.c.created_at)
        )
    return [PositionFill(str(r[0]), r[1], r[2], int(r[3] or 0)) for r in rows]
