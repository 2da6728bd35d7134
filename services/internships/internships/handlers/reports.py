"""Reports over an organisation's own placements (a school's, or an enterprise's): never anyone else's rows
(the queries: adapters/reports.py; what a report holds: domain/reports.py)."""

from __future__ import annotations

from internships.domain.reports import SHARE_BUCKETS, PlacementReport, PositionFill
from praxis_common.auth import Principal
from praxis_common.errors import Forbidden
from praxis_common.uow import UowFactory

__all__ = ["SHARE_BUCKETS", "PlacementReport", "PositionFill", "placement_report"]


async def placement_report(principal: Principal, *, uow: UowFactory) -> PlacementReport:
    if principal.org_kind not in ("school", "enterprise"):
        raise Forbidden("reports are for schools and enterprises")
    async with uow() as u:
        return await u.reports.placement_report(principal.org, principal.org_kind)
