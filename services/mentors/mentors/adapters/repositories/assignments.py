"""Assignments, their history (a row per domain event), and what a viewer sees of them (AssignmentView)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date, datetime

from sqlalchemy import and_, exists, func, insert, literal_column, or_, select, true, tuple_, update
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.ext.asyncio import AsyncConnection

from mentors.adapters.orm import (
    assignment,
    assignment_history,
    guidance_session,
    mentor,
    mentoring_context,
    mentoring_context_member,
)
from mentors.domain.assignments import (
    Assignment,
    AssignmentEnded,
    AssignmentEvent,
    AssignmentStatus,
    ContextKind,
    MentorAssigned,
    MentorPending,
)
from mentors.domain.mentors import Side
from mentors.domain.sessions import SessionMode
from mentors.domain.views import AssignmentView, HistoryEntry, Viewer

_ASSIGNMENT_FIELDS = [c.name for c in assignment.columns]


def _assignment(row) -> Assignment:
    data = {c: row._mapping[c] for c in _ASSIGNMENT_FIELDS}
    data["context_kind"] = ContextKind(data["context_kind"])
    data["side"], data["status"] = Side(data["side"]), AssignmentStatus(data["status"])
    return Assignment(**data)


def _assignment_row(a: Assignment) -> dict:
    row = {name: getattr(a, name) for name in _ASSIGNMENT_FIELDS}
    row.update(context_kind=a.context_kind.value, side=a.side.value, status=a.status.value)
    return row


def member_of(student_ref: str):
    """The SQL condition "the assignment is for this student": the student's own (a placement), or one of a team
    whose context lists the student among its members."""
    return or_(
        assignment.c.student_ref == student_ref,
        exists().where(
            mentoring_context_member.c.context_kind == assignment.c.context_kind,
            mentoring_context_member.c.context_id == assignment.c.context_id,
            mentoring_context_member.c.student_ref == student_ref,
        ),
    )


def visible_clause(viewer: Viewer):
    """The SQL condition for the assignments a viewer sees (see policy.Viewer)."""
    conditions = []
    if viewer.org is not None:
        if viewer.side is Side.SCHOOL:
            conditions.append(assignment.c.school_org == viewer.org)
        elif viewer.side is Side.ENTERPRISE:
            conditions.append(assignment.c.enterprise_org == viewer.org)
        else:
            conditions.append(or_(assignment.c.school_org == viewer.org, assignment.c.enterprise_org == viewer.org))
    if viewer.mentor_account is not None:
        conditions.append(
            assignment.c.mentor_id.in_(
                select(mentor.c.id).where(
                    mentor.c.org == viewer.org,
                    mentor.c.kind == viewer.side.value,
                    mentor.c.account == viewer.mentor_account,
                )
            )
        )
    if viewer.student_ref is not None:
        conditions.append(member_of(viewer.student_ref))
    return and_(*conditions) if conditions else literal_column("true")


_VIEW_COLUMNS = (
    assignment,
    mentor.c.display_name.label("mentor_display_name"),
    mentoring_context.c.position_id,
    mentoring_context.c.starts_on,
    mentoring_context.c.ends_on,
    mentoring_context.c.competencies,
    select(
        func.array_agg(
            aggregate_order_by(mentoring_context_member.c.student_ref, mentoring_context_member.c.student_ref)
        )
    )
    .where(
        mentoring_context_member.c.context_kind == assignment.c.context_kind,
        mentoring_context_member.c.context_id == assignment.c.context_id,
    )
    .scalar_subquery()
    .label("members"),
)
_VIEW_FROM = assignment.join(
    mentoring_context,
    and_(mentoring_context.c.kind == assignment.c.context_kind, mentoring_context.c.id == assignment.c.context_id),
).outerjoin(mentor, mentor.c.id == assignment.c.mentor_id)


def _view(row) -> AssignmentView:
    return AssignmentView(
        assignment=_assignment(row),
        mentor_display_name=row.mentor_display_name,
        position_id=row.position_id,
        starts_on=row.starts_on,
        ends_on=row.ends_on,
        competencies=list(row.competencies),
        members=list(row.members or []),
    )


class AssignmentRepository:
    """`add` and `save` write an assignment with its history (a row per new domain event) and hand it to the unit,
    which turns the events into integration events at commit."""

    def __init__(self, connection: AsyncConnection, *, track: Callable[..., None] = lambda *_: None) -> None:
        self.connection = connection
        self._track = track
        # id(a) -> (a, its event list, how many of those have rows); pulling the events at commit starts a new list
        self._saved: dict[int, tuple[Assignment, list, int]] = {}

    async def add(self, a: Assignment) -> None:
        await self.connection.execute(insert(assignment).values(_assignment_row(a)))
        await self._changed(a)

    async def get(self, assignment_id: uuid.UUID, *, for_update: bool = False) -> Assignment | None:
        query = select(assignment).where(assignment.c.id == assignment_id)
        row = (await self.connection.execute(query.with_for_update(key_share=True) if for_update else query)).first()
        return _assignment(row) if row else None

    async def save(self, a: Assignment) -> None:
        row = _assignment_row(a)
        row["version"] = a.version + 1
        result = await self.connection.execute(
            update(assignment).where(assignment.c.id == a.id, assignment.c.version == a.version).values(row)
        )
        if result.rowcount != 1:
            raise RuntimeError(f"assignment {a.id} changed concurrently")
        a.version += 1
        await self._changed(a)

    async def _changed(self, a: Assignment) -> None:
        """One history row per domain event not yet written, dated when the change happened."""
        _, events, written = self._saved.get(id(a), (a, None, 0))
        written = written if events is a.events else 0
        rows = [_history_row(e, a.ended_at or a.assigned_at or a.created_at) for e in a.events[written:]]
        if rows:
            await self.connection.execute(insert(assignment_history), rows)
        self._saved[id(a)] = (a, a.events, len(a.events))
        self._track(a)

    def assigned_mentors(self) -> set[uuid.UUID]:
        """The mentors the saved assignments' pending events assign (their integration events name them)."""
        return {
            e.assignment.mentor_id
            for a, _, _ in self._saved.values()
            for e in a.events
            if isinstance(e, MentorAssigned)
        }

    async def current_of(self, kind: ContextKind, context_id: str) -> list[Assignment]:
        """The context's current assignments, locked, the school side first (every transaction that takes
        mentor rows takes the school side's before the enterprise side's, so they cannot deadlock)."""
        rows = await self.connection.execute(
            select(assignment)
            .where(
                assignment.c.context_kind == kind.value,
                assignment.c.context_id == context_id,
                assignment.c.status != AssignmentStatus.ENDED.value,
            )
            .order_by(assignment.c.side.desc())  # 'school' > 'enterprise'
            .with_for_update(key_share=True)
        )
        return [_assignment(r) for r in rows]

    async def oldest_pending(self, org: str, side: Side, limit: int) -> list[Assignment]:
        """The organisation's oldest waiting assignments of a side, locked; rows another transaction is
        filling are skipped (it will fill them)."""
        rows = await self.connection.execute(
            select(assignment)
            .where(
                assignment.c.org == org,
                assignment.c.side == side.value,
                assignment.c.status == AssignmentStatus.PENDING.value,
            )
            .order_by(assignment.c.created_at, assignment.c.id)
            .limit(limit)
            .with_for_update(skip_locked=True, key_share=True)
        )
        return [_assignment(r) for r in rows]

    async def next_fillable(self) -> Assignment | None:
        """The oldest waiting assignment (of any organisation) whose side has an active mentor with a free
        seat, locked; for the sweeper that catches capacity freed while the assignment was being created."""
        free = (
            select(literal_column("1"))
            .where(
                mentor.c.org == assignment.c.org,
                mentor.c.kind == assignment.c.side,
                mentor.c.active.is_(True),
                mentor.c.load < mentor.c.capacity,
            )
            .exists()
        )
        row = (
            await self.connection.execute(
                select(assignment)
                .where(assignment.c.status == AssignmentStatus.PENDING.value, free)
                .order_by(assignment.c.created_at, assignment.c.id)
                .limit(1)
                .with_for_update(skip_locked=True, key_share=True, of=assignment)
            )
        ).first()
        return _assignment(row) if row else None

    async def history(
        self, assignment_id: uuid.UUID, *, after: int | None = None, limit: int | None = None
    ) -> list[HistoryEntry]:
        query = select(assignment_history).where(assignment_history.c.assignment_id == assignment_id)
        if after is not None:
            query = query.where(assignment_history.c.id > after)
        query = query.order_by(assignment_history.c.id)
        if limit is not None:
            query = query.limit(limit)
        return [
            HistoryEntry(r.at, r.action, r.mentor_id, r.previous_mentor_id, r.how, r.reason, r.by, r.id)
            for r in await self.connection.execute(query)
        ]

    async def view(self, assignment_id: uuid.UUID) -> AssignmentView | None:
        row = (
            await self.connection.execute(
                select(*_VIEW_COLUMNS).select_from(_VIEW_FROM).where(assignment.c.id == assignment_id)
            )
        ).first()
        return _view(row) if row else None

    async def list_visible(
        self,
        viewer: Viewer,
        *,
        status: AssignmentStatus | None = None,
        current_only: bool = False,
        side: Side | None = None,
        student_ref: str | None = None,
        mentor_id: uuid.UUID | None = None,
        owned_by: str | None = None,
        context: tuple[ContextKind, str] | None = None,
        after: tuple[datetime, uuid.UUID] | None = None,
        oldest_first: bool = False,
        limit: int = 200,
        ids: list[uuid.UUID] | None = None,
    ) -> list[AssignmentView]:
        query = select(*_VIEW_COLUMNS).select_from(_VIEW_FROM).where(visible_clause(viewer))
        if ids is not None:  # a change feed's rows (praxis_common.feeds)
            query = query.where(assignment.c.id.in_(ids))
        if status is not None:
            query = query.where(assignment.c.status == status.value)
        if current_only:
            query = query.where(assignment.c.status != AssignmentStatus.ENDED.value)
        if side is not None:
            query = query.where(assignment.c.side == side.value)
        if student_ref is not None:
            query = query.where(member_of(student_ref))
        if mentor_id is not None:
            query = query.where(assignment.c.mentor_id == mentor_id)
        if owned_by is not None:
            query = query.where(assignment.c.org == owned_by)
        if context is not None:
            query = query.where(assignment.c.context_kind == context[0].value, assignment.c.context_id == context[1])
        if oldest_first:
            if after is not None:
                query = query.where(
                    or_(
                        assignment.c.created_at > after[0],
                        and_(assignment.c.created_at == after[0], assignment.c.id > after[1]),
                    )
                )
            query = query.order_by(assignment.c.created_at, assignment.c.id)
        else:
            if after is not None:
                query = query.where(
                    or_(
                        assignment.c.created_at < after[0],
                        and_(assignment.c.created_at == after[0], assignment.c.id < after[1]),
                    )
                )
            query = query.order_by(assignment.c.created_at.desc(), assignment.c.id.desc())
        rows = await self.connection.execute(query.limit(limit))
        return [_view(r) for r in rows]

    async def overdue_guidance(
        self, viewer: Viewer, *, since: date, limit: int, after: tuple[datetime, uuid.UUID] | None = None
    ) -> list[tuple[AssignmentView, date]]:
        """Assignments overdue for guidance (overdue_clause) that the viewer sees: (the assignment, the day of its
        last on-site session or None), oldest first (after `after`: an assignment's creation time and id)."""
        last_onsite = last_onsite_session()
        query = (
            select(*_VIEW_COLUMNS, last_onsite.label("last_onsite"))
            .select_from(_VIEW_FROM)
            .where(
                visible_clause(viewer),
                overdue_clause(since, last_onsite),
                true() if after is None else tuple_(assignment.c.created_at, assignment.c.id) > tuple_(*after),
            )
            .order_by(assignment.c.created_at, assignment.c.id)
            .limit(limit)
        )
        return [(_view(r), r.last_onsite) for r in await self.connection.execute(query)]


def last_onsite_session():
    """The day of an assignment's last on-site guidance session (None before the first), for a query of assignments."""
    return (
        select(func.max(guidance_session.c.held_on))
        .where(
            guidance_session.c.assignment_id == assignment.c.id,
            guidance_session.c.mode == SessionMode.ONSITE.value,
        )
        .scalar_subquery()
    )


def overdue_clause(since: date, last_onsite):
    """The one definition of "overdue for guidance" (domain.sessions.overdue_since gives `since`): an active
    enterprise-side assignment whose context began on or before `since` with no on-site session held after it."""
    return and_(
        assignment.c.side == Side.ENTERPRISE.value,
        assignment.c.status == AssignmentStatus.ACTIVE.value,
        func.coalesce(mentoring_context.c.starts_on, func.date(assignment.c.created_at)) <= since,
        or_(last_onsite.is_(None), last_onsite <= since),
    )


def _history_row(e: AssignmentEvent, now: datetime) -> dict:
    a = e.assignment
    if isinstance(e, MentorAssigned):
        return {
            "assignment_id": a.id,
            "at": a.assigned_at or now,
            "action": "reassigned" if e.previous_mentor_id else "assigned",
            "mentor_id": a.mentor_id,
            "previous_mentor_id": e.previous_mentor_id,
            "how": e.how.value,
            "reason": e.reason,
            "by": e.by,
        }
    if isinstance(e, MentorPending):
        return {
            "assignment_id": a.id,
            "at": now,
            "action": "pending",
            "mentor_id": None,
            "previous_mentor_id": None,
            "how": None,
            "reason": "no mentor of the side had a free seat",
            "by": "system",
        }
    if isinstance(e, AssignmentEnded):
        return {
            "assignment_id": a.id,
            "at": a.ended_at or now,
            "action": "ended",
            "mentor_id": e.mentor_id,
            "previous_mentor_id": None,
            "how": None,
            "reason": e.reason,
            "by": "system",
        }
    raise TypeError(f"no history for {type(e).__name__}")
