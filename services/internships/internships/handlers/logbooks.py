"""Logbook use cases: file a week (the student or their school), review it (the placement's assigned enterprise
mentor, or the enterprise's HR on the mentor's behalf), read a placement's logbook.

Who files: the student (a token with role student whose `sub` is the placement's student_ref) or the student's
school (admin, coordinator, teacher). The host enterprise files nothing: it would be approving its own account
of the student's hours.
Who reviews: the enterprise mentor the mentors service assigned to the placement (internships knows the assignment
from mentors' events, adapters/mentoring.py; the token's `sub` must be the mentor's sign-in account), or the
enterprise's admin / HR acting explicitly on that mentor's behalf (`on_behalf_of_mentor`), recorded on the week and
in logbook.approved. Nobody reviews a week they filed."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from internships.domain.compliance import CompliancePolicy
from internships.domain.logbooks import LogbookWeek, LogLine, core_work_share
from internships.domain.placements import Placement
from internships.handlers import milestones
from internships.handlers.audit import audited_read
from internships.policy import MentorAct, enterprise_mentor_act, files_for_student, visible_placement
from praxis_common.auth import Principal
from praxis_common.errors import Forbidden, NotFound
from praxis_common.uow import Clock, UowFactory, utc_clock


@dataclass(frozen=True)
class Logbook:
    placement: Placement
    weeks: list[LogbookWeek]
    approved_hours: Decimal
    approved_core_hours: Decimal
    core_work_share: Decimal | None
    enterprise_mentor_id: uuid.UUID | None  # who reviews, as internships knows it; None until mentors assigns one


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
        if not files_for_student(principal, placement):
            raise Forbidden("the student, or the student's school on their behalf, files logbook weeks")
        position = await u.positions.get(placement.position_id)
        repo = u.logbooks
        existing = await repo.get(placement.id, week_start, for_update=True)
        mentor = await u.mentoring.mentor_of(placement.id, "enterprise")
        week = LogbookWeek.file(
            placement=placement,
            week_start=week_start,
            lines=lines,
            duties={d.name: d.kind for d in position.duties},
            policy=policy,
            by=principal.sub,
            by_org=principal.org,
            now=clock(),
            existing=existing,
            mentor_id=mentor.mentor_id if mentor else None,
            mentor_account=mentor.account if mentor else None,
        )
        await repo.save(week, new=existing is None)
        u.track(week)  # logbook.submitted: reminders of the review
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
    on_behalf_of_mentor: bool = False,
    clock: Clock = utc_clock,
) -> LogbookWeek:
    async with uow() as u:
        # Locked first, as file_week does (placement, then week): an approval moves the placement's hours milestone.
        placement = await _placement(u, placement_id, principal, for_update=True)
        mentor = await u.mentoring.mentor_of(placement.id, "enterprise")
        act = enterprise_mentor_act(principal, placement, mentor, on_behalf_of_mentor, what="reviews its logbook weeks")
        week = await review_in(u, placement, week_start, act, approve=approve, comment=comment, now=clock())
        await u.commit()
    return week


async def review_in(
    u, placement: Placement, week_start: date, act: MentorAct, *, approve: bool, comment: str | None, now: datetime
) -> LogbookWeek:
    """The review in an open unit, the placement locked and who acts settled: by a signed-in principal (review_week)
    or by an action link (handlers/action_links.py)."""
    week = await u.logbooks.get(placement.id, week_start, for_update=True)
    if week is None:
        raise NotFound("no such logbook week")
    week.review(
        placement,
        approve=approve,
        by=act.by,
        by_org=act.by_org,
        now=now,
        comment=comment,
        mentor_id=act.mentor_id,
        on_behalf=act.on_behalf,
    )
    await u.logbooks.save(week, new=False)
    u.track(week)
    if approve:
        await milestones.hours_approved(u, placement)
    return week


async def get_logbook(placement_id: uuid.UUID, principal: Principal, *, uow: UowFactory) -> Logbook:
    async with uow() as u:
        placement = await _placement(u, placement_id, principal)
        weeks = await u.logbooks.weeks(placement.id)
        mentor = await u.mentoring.mentor_of(placement.id, "enterprise")
        await audited_read(u, placement, principal, "logbook")
        await u.commit()
    approved = [w for w in weeks if w.status.value == "approved"]
    return Logbook(
        placement,
        weeks,
        sum((w.total_hours for w in approved), Decimal(0)),
        sum((w.core_hours for w in approved), Decimal(0)),
        core_work_share(weeks),
        mentor.mentor_id if mentor else None,
    )


async def _placement(u, placement_id: uuid.UUID, principal: Principal, *, for_update: bool = False) -> Placement:
    return visible_placement(await u.placements.get(placement_id, for_update=for_update), principal)[0]
