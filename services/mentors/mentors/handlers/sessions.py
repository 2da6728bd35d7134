"""Guidance-session use cases: record (the assignment's side: its managers or its mentor; emits guidance.recorded),
confirm (the student's school: its managers or the student), list, and the overdue-guidance list."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from mentors import policy
from mentors.domain.mentors import Side
from mentors.domain.sessions import GuidanceSession, overdue_since
from mentors.domain.views import AssignmentView
from mentors.handlers.assignments import visible_assignment
from mentors.handlers.audit import audited_read
from mentors.outgoing import guidance_recorded, integration_event
from praxis_common import pages
from praxis_common.auth import Principal
from praxis_common.errors import Forbidden, NotFound
from praxis_common.uow import Clock, UowFactory, utc_clock


@dataclass(frozen=True)
class RecordSession:
    held_on: date
    mode: str
    minutes: int
    notes: str = ""


@dataclass(frozen=True)
class Overdue:
    assignment: AssignmentView
    last_onsite: date | None


async def record_session(
    assignment_id: uuid.UUID, cmd: RecordSession, principal: Principal, *, uow: UowFactory, clock: Clock = utc_clock
) -> GuidanceSession:
    viewer = policy.viewer(principal)
    now = clock()
    async with uow() as u:
        a = await visible_assignment(u, assignment_id, viewer)
        if not viewer.owns(a.org, a.side) or viewer.student_ref is not None:
            raise Forbidden(f"only the {a.side} side's mentor or managers record this assignment's sessions")
        session = GuidanceSession.record(
            a,
            held_on=cmd.held_on,
            mode=cmd.mode,
            minutes=cmd.minutes,
            notes=cmd.notes,
            by=principal.sub,
            today=now.date(),
            now=now,
        )
        await u.sessions.add(session)
        u.emit(guidance_recorded(session, a))
        await u.commit()
    return session


async def confirm_session(
    assignment_id: uuid.UUID,
    session_id: uuid.UUID,
    principal: Principal,
    *,
    uow: UowFactory,
    clock: Clock = utc_clock,
) -> GuidanceSession:
    viewer = policy.viewer(principal)
    async with uow() as u:
        a = await visible_assignment(u, assignment_id, viewer)
        sessions = u.sessions
        session = await sessions.get(a.id, session_id, for_update=True)
        if session is None:
            raise NotFound("no such session")
        school_side = viewer.side is Side.SCHOOL and viewer.org == a.school_org
        if not school_side or not (viewer.manager or viewer.student_ref is not None):
            raise Forbidden("the student's school (its managers, or the student) confirms sessions")
        if session.confirm(by=principal.sub, now=clock()):
            await sessions.confirm(session)
        await u.commit()
    return session


async def list_sessions(
    assignment_id: uuid.UUID,
    principal: Principal,
    *,
    uow: UowFactory,
    page_size: int = pages.DEFAULT_PAGE_SIZE,
    page_token: str | None = None,
) -> tuple[list[GuidanceSession], str | None]:
    """A page of an assignment's sessions, latest first."""
    after = pages.decode_page_token(page_token, date, datetime, uuid.UUID) if page_token else None
    async with uow() as u:
        a = await visible_assignment(u, assignment_id, policy.viewer(principal))
        found = await u.sessions.of_assignment(a.id, after=after, limit=page_size + 1)
        await audited_read(u, a, principal, "guidance_sessions")
        await u.commit()
    return pages.next_page(found, page_size, lambda x: (x.held_on, x.recorded_at, x.id))


async def overdue_guidance(
    principal: Principal,
    *,
    uow: UowFactory,
    days: int,
    clock: Clock = utc_clock,
    page_size: int = pages.DEFAULT_PAGE_SIZE,
    page_token: str | None = None,
) -> tuple[list[Overdue], str | None]:
    """A page of the active enterprise-side assignments of the caller's contexts (the school's students, or the
    students the enterprise hosts) whose context began at least `days` days ago and that had no on-site session
    with the enterprise mentor in the last `days` days; oldest first."""
    viewer = policy.viewer(principal)
    after = pages.decode_page_token(page_token) if page_token else None
    async with uow() as u:
        found = await u.assignments.overdue_guidance(
            viewer, since=overdue_since(clock().date(), days), limit=page_size + 1, after=after
        )
    page, token = pages.next_page(found, page_size, lambda o: (o[0].assignment.created_at, o[0].assignment.id))
    return [Overdue(view, last) for view, last in page], token


async def tell_overdue_guidance(*, uow: UowFactory, days: int, clock: Clock = utc_clock, batch: int = 200) -> int:
    """Publish mentors.guidance.overdue once per assignment and overdue period (the periodic job of every process:
    a period recorded by one is skipped by the others). How many were told."""
    now = clock()
    told = 0
    async with uow() as u:
        for overdue in await u.overdue.untold(overdue_since(now.date(), days), now=now, limit=batch):
            if await u.overdue.tell(overdue.assignment.id, overdue.period_start, now):
                u.emit(integration_event(overdue))
                told += 1
        await u.commit()
    return told
