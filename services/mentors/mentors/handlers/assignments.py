"""Assignment use cases: open and close mentoring for a context, assign and reassign by hand, fill waiting
assignments when capacity frees, and the reads ("who mentors student S now, and for what").

Capacity: a seat is taken with one conditional UPDATE per ranked candidate, tried in order; a candidate that
another process filled meanwhile is skipped. When nobody has a seat, the assignment is `pending` and waits on
its organisation's "needs a mentor" list — never dropped.

Filling waiting assignments — what triggers it:
  * a seat is released (the context ended: placement completed, withdrawn, terminated or expired; or a
    manual reassignment moved a student away from a mentor),
  * a mentor is created, their capacity raised, or they are re-activated.
In the same transaction as that change, the mentor whose capacity freed takes the oldest pending
assignments of their organisation and side, one seat each, while they have seats (`fill_from`).
A sweeper (`sweep_pending`, every `pending_sweep_seconds` in every process) catches the one race this
cannot see: a seat freed while another transaction was still creating a pending assignment.

Lock order, so that concurrent transactions cannot deadlock: assignment rows before mentor rows; the school
side's mentor rows before the enterprise side's; two mentors of one side in id order; waiting assignments
are taken with SKIP LOCKED and never waited for.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from mentors import policy
from mentors.domain.assignments import Assignment, AssignmentStatus, ContextKind, How, MentoringContext
from mentors.domain.matching import rank
from mentors.domain.mentors import Side
from mentors.domain.views import AssignmentView, HistoryEntry, Viewer
from mentors.handlers.audit import audited_read
from praxis_common.auth import Principal
from praxis_common.errors import Conflict, FieldError, Forbidden, InvalidInput, NotFound
from praxis_common.pages import DEFAULT_PAGE_SIZE, decode_page_token, encode_page_token, next_page
from praxis_common.uow import Clock, UnitOfWork, UowFactory, utc_clock


class MentorFull(Conflict):
    code, title = "mentor-full", "The mentor has no free seat"


@dataclass(frozen=True)
class AssignMentor:
    assignment_id: uuid.UUID
    mentor_id: uuid.UUID
    reason: str


@dataclass(frozen=True)
class OpenMentoring:
    """A context opened (a placement confirmed, a team formed)."""

    context: MentoringContext


@dataclass(frozen=True)
class CloseMentoring:
    """A context ended (a placement completed, withdrawn, terminated or expired; a team completed or dissolved)."""

    context: MentoringContext


@dataclass(frozen=True)
class ListAssignments:
    status: AssignmentStatus | None = None
    side: Side | None = None
    student_ref: str | None = None
    mentor_id: uuid.UUID | None = None
    page_size: int = 50
    page_token: str | None = None


# Opening and closing mentoring (driven by the producing service's events)


async def open_mentoring(cmd: OpenMentoring, *, uow: UowFactory, clock: Clock = utc_clock) -> list[Assignment]:
    """One school-side and one enterprise-side assignment for a new context, each given the best-ranked mentor
    with a free seat, or left pending. A context already known (a redelivered or replayed event, or one that
    ended before it opened here) opens nothing: []."""
    context = cmd.context
    async with uow() as u:
        if not await u.contexts.open(context):
            return []
        now = clock()
        made = []
        for side in (Side.SCHOOL, Side.ENTERPRISE):  # school side first: the lock order
            a = Assignment.open(context, side, now=now)
            candidates = await u.mentors.candidates(a.org, side)
            for choice in rank(candidates, competencies=context.competencies, languages=context.languages):
                if await u.mentors.take_seat(choice.mentor_id):
                    a.assign(choice.mentor_id, now=now, how=How.AUTOMATIC, reason=f"best match: {choice.explain()}")
                    break
            else:
                a.wait_for_mentor()
            await u.assignments.add(a)
            made.append(a)
        await u.commit()
    return made


async def close_mentoring(cmd: CloseMentoring, *, uow: UowFactory, clock: Clock = utc_clock) -> list[Assignment]:
    """End the context's assignments and release their mentors' seats, each going at once to the oldest
    waiting assignment of that mentor's organisation and side. Idempotent; a context that never opened here
    is remembered as ended so that a late `confirmed` opens nothing."""
    context = cmd.context
    async with uow() as u:
        if not await u.contexts.close(context):
            return []
        now = clock()
        ended = await u.assignments.current_of(context.kind, context.id)  # locked, school side first
        for a in ended:
            released = a.end(now=now, reason=context.end_reason or "ended")
            await u.assignments.save(a)
            if released is not None:
                await u.mentors.release_seat(released)
                await fill_from(u, released, clock=clock, trigger=f"{context.kind} {context.end_reason or 'ended'}")
        await u.commit()
    return ended


async def fill_from(u: UnitOfWork, mentor_id: uuid.UUID, *, clock: Clock, trigger: str) -> list[Assignment]:
    """The mentor's free seats go to the oldest pending assignments of their organisation and side (in the
    caller's unit: the service's MentorsUnit)."""
    m = await u.mentors.get(mentor_id)
    if m is None or m.free_seats == 0:
        return []
    filled = []
    for a in await u.assignments.oldest_pending(m.org, m.kind, limit=m.free_seats):
        if not await u.mentors.take_seat(m.id):
            break
        a.assign(m.id, now=clock(), how=How.FILLED, reason=f"capacity freed: {trigger}")
        await u.assignments.save(a)
        filled.append(a)
    return filled


async def sweep_pending(*, uow: UowFactory, clock: Clock = utc_clock, batch: int = 200) -> int:
    """Fill waiting assignments whose side has free capacity (a backstop for seats freed while the assignment
    was being created). One assignment per transaction; safe in every process at once (SKIP LOCKED)."""
    filled, seen = 0, set()
    for _ in range(batch):
        async with uow() as u:
            a = await u.assignments.next_fillable()
            if a is None or a.id in seen:
                return filled
            seen.add(a.id)
            context = await u.contexts.get(a.context_kind, a.context_id)
            ranked = rank(
                await u.mentors.candidates(a.org, a.side),
                competencies=context.competencies if context else [],
                languages=context.languages if context else [],
            )
            for choice in ranked:
                if await u.mentors.take_seat(choice.mentor_id):
                    a.assign(
                        choice.mentor_id,
                        now=clock(),
                        how=How.FILLED,
                        reason=f"capacity freed (sweep): {choice.explain()}",
                    )
                    await u.assignments.save(a)
                    filled += 1
                    break
            await u.commit()
    return filled


# Manual assignment and reassignment (the owning side)


async def assign_mentor(
    cmd: AssignMentor, principal: Principal, *, uow: UowFactory, clock: Clock = utc_clock
) -> AssignmentView:
    """The owning side picks the mentor of a pending or active assignment, with a reason. The previous
    mentor's seat goes to the oldest waiting assignment of the side."""
    reason = cmd.reason.strip()
    if not reason:
        raise InvalidInput("a reason is required", errors=[FieldError("reason", "must not be blank")])
    async with uow() as u:
        a = await visible_assignment(u, cmd.assignment_id, policy.viewer(principal), for_update=True)
        side = policy.manager(principal)
        if a.org != principal.org or a.side is not side:
            raise Forbidden(f"only the {a.side} side assigns this assignment's mentor")
        if a.status is AssignmentStatus.ENDED:
            raise Conflict("the assignment has ended")
        chosen = await u.mentors.get(cmd.mentor_id)
        if chosen is None or chosen.org != principal.org:
            raise InvalidInput(
                "no such mentor in your organisation", errors=[FieldError("mentor_id", "not a mentor of yours")]
            )
        if not chosen.active:
            raise Conflict("the mentor is not active")
        previous = a.mentor_id
        a.assign(chosen.id, now=clock(), how=How.MANUAL, reason=reason, by=principal.sub)
        # Two mentors of one side: take their rows in id order.
        if previous is not None and str(previous) < str(chosen.id):
            await u.mentors.release_seat(previous)
            await _take_or_refuse(u, chosen.id, chosen.display_name)
        else:
            await _take_or_refuse(u, chosen.id, chosen.display_name)
            if previous is not None:
                await u.mentors.release_seat(previous)
        await u.assignments.save(a)
        if previous is not None:
            await fill_from(u, previous, clock=clock, trigger="reassignment")
        await u.commit()
        return await u.assignments.view(a.id)


async def _take_or_refuse(u, mentor_id: uuid.UUID, name: str) -> None:
    if not await u.mentors.take_seat(mentor_id):
        raise MentorFull(f"{name} has no free seat (load equals capacity)")


# Reads


async def visible_assignment(
    u: UnitOfWork, assignment_id: uuid.UUID, viewer: Viewer, *, for_update: bool = False
) -> Assignment:
    a = await u.assignments.get(assignment_id, for_update=for_update)
    if a is None or not await sees(u, viewer, a):
        if viewer.mentor_account is not None:  # a mentor sees only their own: say which record that means
            raise NotFound(
                f"no such assignment among those of the mentor whose account is {viewer.mentor_account!r} (your "
                "token's sub); a mentor signs in with the sub their mentor record's `account` holds (docs/roles.md)"
            )
        raise NotFound("no such assignment")
    return a


async def sees(u: UnitOfWork, viewer: Viewer, a: Assignment) -> bool:
    if viewer.org is not None:
        if viewer.side is Side.SCHOOL and a.school_org != viewer.org:
            return False
        if viewer.side is Side.ENTERPRISE and a.enterprise_org != viewer.org:
            return False
        if viewer.side is None and viewer.org not in (a.school_org, a.enterprise_org):
            return False
    if viewer.student_ref is not None and a.student_ref != viewer.student_ref:
        if not await u.contexts.has_member(a.context_kind, a.context_id, viewer.student_ref):
            return False
    if viewer.mentor_account is not None:
        if not viewer.owns(a.org, a.side) or a.mentor_id is None:
            return False
        return await u.mentors.account_of(a.mentor_id) == viewer.mentor_account
    return True


async def get_assignment(assignment_id: uuid.UUID, principal: Principal, *, uow: UowFactory) -> AssignmentView:
    async with uow() as u:
        a = await visible_assignment(u, assignment_id, policy.viewer(principal))
        view = await u.assignments.view(assignment_id)
        await audited_read(u, a, principal, "assignment")
        await u.commit()
    return view


async def assignment_history(
    assignment_id: uuid.UUID,
    principal: Principal,
    *,
    uow: UowFactory,
    page_size: int = DEFAULT_PAGE_SIZE,
    page_token: str | None = None,
) -> tuple[list[HistoryEntry], str | None]:
    """A page of an assignment's history, oldest first."""
    after = decode_page_token(page_token, int)[0] if page_token else None
    async with uow() as u:
        a = await visible_assignment(u, assignment_id, policy.viewer(principal))
        found = await u.assignments.history(assignment_id, after=after, limit=page_size + 1)
        await audited_read(u, a, principal, "assignment_history")
        await u.commit()
    return next_page(found, page_size, lambda h: (h.seq,))


async def list_assignments(
    query: ListAssignments, principal: Principal, *, uow: UowFactory
) -> tuple[list[AssignmentView], str | None]:
    """The assignments the caller sees, newest first."""
    after = decode_page_token(query.page_token) if query.page_token else None
    async with uow() as u:
        page = await u.assignments.list_visible(
            policy.viewer(principal),
            status=query.status,
            side=query.side,
            student_ref=query.student_ref,
            mentor_id=query.mentor_id,
            after=after,
            limit=query.page_size + 1,
        )
        more = len(page) > query.page_size
        page = page[: query.page_size]
        await audited_read(u, [v.assignment for v in page], principal, "assignment")
        await u.commit()
    last = page[-1].assignment if page else None
    return page, (encode_page_token(last.created_at, last.id) if more and last else None)


async def needs_a_mentor(
    principal: Principal, *, uow: UowFactory, page_size: int = 200, page_token: str | None = None
) -> tuple[list[AssignmentView], str | None]:
    """The organisation's own pending assignments (those it must find a mentor for), oldest first."""
    side = policy.manager(principal)
    after = decode_page_token(page_token) if page_token else None
    async with uow() as u:
        page = await u.assignments.list_visible(
            policy.viewer(principal),
            status=AssignmentStatus.PENDING,
            side=side,
            owned_by=principal.org,
            oldest_first=True,
            after=after,
            limit=page_size + 1,
        )
    more = len(page) > page_size
    page = page[:page_size]
    last = page[-1].assignment if page else None
    return page, (encode_page_token(last.created_at, last.id) if more and last else None)


async def student_mentors(
    student_ref: str,
    principal: Principal,
    *,
    uow: UowFactory,
    include_ended: bool = False,
    service_org: str | None = None,
) -> list[AssignmentView]:
    """Who mentors the student now, and for what (current assignments, or every one with include_ended): the
    student's school sees its student's, the host enterprise those of the contexts it hosts."""
    async with uow() as u:
        found = await u.assignments.list_visible(
            policy.asking_viewer(principal, service_org=service_org),
            student_ref=student_ref,
            current_only=not include_ended,
            oldest_first=True,
            limit=500,
        )
        await audited_read(u, [v.assignment for v in found], principal, "assignment")
        await u.commit()
    return found


async def is_mentor_of(
    mentor_id: uuid.UUID | None,
    student_ref: str,
    principal: Principal,
    *,
    uow: UowFactory,
    context: tuple[ContextKind, str] | None = None,
    service_org: str | None = None,
) -> AssignmentView | None:
    """The active assignment in which the mentor mentors the student (in the context, if given), among those
    the caller sees; None otherwise. A student of a project team is mentored by the team's pair.

    Without a mentor_id the question is about the caller: the mentor of the caller's organisation who signs in
    with the caller's account (`sub`). Another service that forwards its user's token asks this way, so the
    answer binds the user's identity to the mentor record here, not to an id the user typed."""
    viewer = policy.asking_viewer(principal, service_org=service_org)
    async with uow() as u:
        if mentor_id is None:
            if viewer.side is None:
                raise InvalidInput(
                    "a platform service must name the mentor", errors=[FieldError("mentor_id", "required")]
                )
            mentor_id = await u.mentors.by_account(principal.org, viewer.side, principal.sub)
            if mentor_id is None:
                return None
        found = await u.assignments.list_visible(
            viewer,
            status=AssignmentStatus.ACTIVE,
            student_ref=student_ref,
            mentor_id=mentor_id,
            context=context,
            oldest_first=True,
            limit=1,
        )
    return found[0] if found else None
