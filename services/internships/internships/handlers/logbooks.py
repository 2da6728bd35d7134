"""Logbook use cases: file a week (student or school), review it (enterprise), read a placement's logbook."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from internships.adapters.repositories import LogbookRepository, PlacementRepository, PositionRepository
from internships.domain.compliance import CompliancePolicy
from internships.domain.logbooks import LogbookWeek, LogLine, core_work_share
from internships.domain.placements import Placement
from internships.handlers.agreements import Clock, UowFactory, utc_clock
from internships.handlers.placements import visible
from internships.outgoing import integration_event
from praxis_common.auth import Principal
from praxis_common.errors import Forbidden, NotFound

FILING_ROLES = ("admin", "coordinator", "teacher")  # the school, on the student's behalf
REVIEWING_ROLES = ("admin", "hr", "mentor")


@dataclass(frozen=True)
class Logbook:
    placement: Placement
    weeks: list[LogbookWeek]
    approved_hours: Decimal
    approved_core_hours: Decimal
    core_work_share: Decimal | None


async def file_week(
    placement_id: uuid.UUID,
    week_start: date,
    lines: list[LogLine],
    principal: Principal,
    *,
    uow: UowFactory,
    policy: CompliancePolicy,
    clock: Clock = utc_clock,
) -> LogbookWeek:
    async with uow() as u:
        placement = await _placement(u, placement_id, principal, for_update=True)
        if not (principal.has_any_role(*FILING_ROLES) or _is_the_student(principal, placement)):
            raise Forbidden("the student, or the school on their behalf, files logbook weeks")
        position = await PositionRepository(u.session).get(placement.position_id)
        repo = LogbookRepository(u.session)
        existing = await repo.get(placement.id, week_start, for_update=True)
        week = LogbookWeek.file(
            placement=placement,
            week_start=week_start,
            lines=lines,
            duties={d.name: d.kind for d in position.duties},
            policy=policy,
            by=principal.sub,
            now=clock(),
            existing=existing,
        )
        await repo.save(week, new=existing is None)
        await u.commit()
    return week


async def review_week(
    placement_id: uuid.UUID,
    week_start: date,
    principal: Principal,
    *,
    approve: bool,
    comment: str | None,
    uow: UowFactory,
    clock: Clock = utc_clock,
) -> LogbookWeek:
    async with uow() as u:
        placement = await _placement(u, placement_id, principal)
        if principal.org_kind != "enterprise" or not principal.has_any_role(*REVIEWING_ROLES):
            raise Forbidden("the host enterprise's mentor (or HR) reviews logbook weeks")
        repo = LogbookRepository(u.session)
        week = await repo.get(placement.id, week_start, for_update=True)
        if week is None:
            raise NotFound("no such logbook week")
        week.review(placement, approve=approve, by=principal.sub, now=clock(), comment=comment)
        await repo.save(week, new=False)
        u.emit(*(integration_event(e) for e in week.pull_events()))
        await u.commit()
    return week


async def get_logbook(placement_id: uuid.UUID, principal: Principal, *, uow: UowFactory) -> Logbook:
    async with uow() as u:
        placement = await _placement(u, placement_id, principal)
        weeks = await LogbookRepository(u.session).weeks(placement.id)
    approved = [w for w in weeks if w.status.value == "approved"]
    return Logbook(
        placement,
        weeks,
        sum((w.total_hours for w in approved), Decimal(0)),
        sum((w.core_hours for w in approved), Decimal(0)),
        core_work_share(weeks),
    )


async def _placement(u, placement_id: uuid.UUID, principal: Principal, *, for_update: bool = False) -> Placement:
    return visible(await PlacementRepository(u.session).get(placement_id, for_update=for_update), principal)[0]


def _is_the_student(principal: Principal, placement: Placement) -> bool:
    return (
        principal.has_any_role("student")
        and principal.org == placement.school_org
        and principal.sub == placement.student_ref
    )
