"""Repositories of the mentors service: rows ↔ domain objects, in SQLAlchemy Core statements only.

Capacity is never counted in Python: a seat is taken with one conditional UPDATE (`load < capacity`) and
given back with another; the CHECK constraint load <= capacity stands behind both. Rows are locked
FOR NO KEY UPDATE (keys never change), so inserting a session or history row that references an
assignment (a KEY SHARE lock) does not wait for it.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import and_, delete, exists, func, insert, literal_column, or_, select, true, tuple_, update
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection

from mentors.adapters.orm import (
    assignment,
    assignment_history,
    guidance_session,
    mentor,
    mentor_certificate,
    mentoring_context,
    mentoring_context_member,
    practice_period,
)
from mentors.domain.assignments import (
    Assignment,
    AssignmentEnded,
    AssignmentEvent,
    AssignmentStatus,
    ContextKind,
    ContextStatus,
    MentorAssigned,
    MentoringContext,
    MentorPending,
)
from mentors.domain.matching import Candidate
from mentors.domain.mentors import Certificate, Mentor, PracticePeriod, Side
from mentors.domain.sessions import GuidanceSession, SessionMode
from mentors.policy import Viewer
from praxis_common.errors import Conflict, FieldError

_MENTOR_FIELDS = [c.name for c in mentor.columns]
_ASSIGNMENT_FIELDS = [c.name for c in assignment.columns]


class AccountTaken(Conflict):
    code, title = "account-taken", "Another mentor of the organisation signs in with this account"


def _mentor(row) -> Mentor:
    data = {c: row._mapping[c] for c in _MENTOR_FIELDS}
    data["kind"] = Side(data["kind"])
    data["expertise"], data["languages"] = list(data["expertise"]), list(data["languages"])
    return Mentor(**data)


def _mentor_row(m: Mentor) -> dict:
    row = {name: getattr(m, name) for name in _MENTOR_FIELDS}
    row["kind"] = m.kind.value
    return row


def _account_conflict(exc: IntegrityError) -> bool:
    return "uq_mentor_account" in str(exc.orig)


class MentorRepository:
    def __init__(self, session: AsyncConnection) -> None:
        self.session = session

    async def add(self, m: Mentor) -> None:
        try:
            await self.session.execute(insert(mentor).values(_mentor_row(m)))
        except IntegrityError as exc:
            if _account_conflict(exc):
                raise AccountTaken(errors=[FieldError("account", "already used by another mentor")]) from exc
            raise

    async def by_account(self, org: str, kind: Side, account: str) -> uuid.UUID | None:
        """The mentor of the organisation who signs in with this account (a token's `sub`), if any."""
        return await self.session.scalar(
            select(mentor.c.id).where(mentor.c.org == org, mentor.c.kind == kind.value, mentor.c.account == account)
        )

    async def get(self, mentor_id: uuid.UUID, *, for_update: bool = False) -> Mentor | None:
        query = select(mentor).where(mentor.c.id == mentor_id)
        row = (await self.session.execute(query.with_for_update(key_share=True) if for_update else query)).first()
        return _mentor(row) if row else None

    async def save(self, m: Mentor) -> None:
        """Write back a mentor loaded FOR UPDATE (so `load` cannot have moved); the version check catches
        writers that skipped the lock. `load` itself is only ever changed by take_seat / release_seat."""
        row = _mentor_row(m)
        del row["load"]
        row["version"] = m.version + 1
        try:
            result = await self.session.execute(
                update(mentor).where(mentor.c.id == m.id, mentor.c.version == m.version).values(row)
            )
        except IntegrityError as exc:
            if _account_conflict(exc):
                raise AccountTaken(errors=[FieldError("account", "already used by another mentor")]) from exc
            raise
        if result.rowcount != 1:
            raise RuntimeError(f"mentor {m.id} changed concurrently")
        m.version += 1

    async def list_for(
        self,
        org: str,
        kind: Side,
        *,
        active_only: bool = False,
        after: tuple[str, uuid.UUID] | None = None,
        limit: int | None = None,
    ) -> list[Mentor]:
        """The organisation's mentors by display name (an organisation id is an organisation only together with
        its kind), after `after` (a display name and id), at most `limit`."""
        query = select(mentor).where(mentor.c.org == org, mentor.c.kind == kind.value)
        if active_only:
            query = query.where(mentor.c.active.is_(True))
        if after is not None:
            query = query.where(tuple_(mentor.c.display_name, mentor.c.id) > tuple_(*after))
        query = query.order_by(mentor.c.display_name, mentor.c.id)
        if limit is not None:
            query = query.limit(limit)
        return [_mentor(r) for r in await self.session.execute(query)]

    async def candidates(self, org: str, side: Side) -> list[Candidate]:
        """Active mentors of the organisation and side with a free seat right now (a snapshot: take_seat decides)."""
        rows = await self.session.execute(
            select(mentor.c.id, mentor.c.expertise, mentor.c.languages, mentor.c.load, mentor.c.capacity).where(
                mentor.c.org == org,
                mentor.c.kind == side.value,
                mentor.c.active.is_(True),
                mentor.c.load < mentor.c.capacity,
            )
        )
        return [Candidate(r.id, frozenset(r.expertise), frozenset(r.languages), r.load, r.capacity) for r in rows]

    async def take_seat(self, mentor_id: uuid.UUID) -> bool:
        """One conditional statement: under READ COMMITTED a concurrent taker waits on the row and re-checks
        `load < capacity` against the committed value, so the capacity cannot be exceeded."""
        taken = await self.session.scalar(
            update(mentor)
            .where(mentor.c.id == mentor_id, mentor.c.active.is_(True), mentor.c.load < mentor.c.capacity)
            .values(load=mentor.c.load + 1)
            .returning(mentor.c.id)
        )
        return taken is not None

    async def release_seat(self, mentor_id: uuid.UUID) -> None:
        result = await self.session.execute(
            update(mentor).where(mentor.c.id == mentor_id, mentor.c.load > 0).values(load=mentor.c.load - 1)
        )
        if result.rowcount != 1:
            raise RuntimeError(f"mentor {mentor_id} had no seat taken to release")

    async def names(self, ids: set[uuid.UUID]) -> dict[uuid.UUID, str]:
        if not ids:
            return {}
        rows = await self.session.execute(select(mentor.c.id, mentor.c.display_name).where(mentor.c.id.in_(ids)))
        return {r.id: r.display_name for r in rows}

    async def account_of(self, mentor_id: uuid.UUID) -> str | None:
        return await self.session.scalar(select(mentor.c.account).where(mentor.c.id == mentor_id))

    async def sign_in(self, mentor_id: uuid.UUID) -> tuple[str | None, int]:
        """The mentor's sign-in account and the version of the record it was read at."""
        row = (
            await self.session.execute(select(mentor.c.account, mentor.c.version).where(mentor.c.id == mentor_id))
        ).one()
        return row.account, row.version

    # Enterprise practice and certificates (school mentors)

    async def add_period(self, p: PracticePeriod) -> None:
        await self.session.execute(insert(practice_period).values(vars(p)))

    async def add_certificate(self, c: Certificate) -> None:
        await self.session.execute(insert(mentor_certificate).values(vars(c)))

    async def remove_period(self, mentor_id: uuid.UUID, period_id: uuid.UUID) -> bool:
        result = await self.session.execute(
            delete(practice_period).where(practice_period.c.id == period_id, practice_period.c.mentor_id == mentor_id)
        )
        return result.rowcount == 1

    async def remove_certificate(self, mentor_id: uuid.UUID, certificate_id: uuid.UUID) -> bool:
        result = await self.session.execute(
            delete(mentor_certificate).where(
                mentor_certificate.c.id == certificate_id, mentor_certificate.c.mentor_id == mentor_id
            )
        )
        return result.rowcount == 1

    async def periods(self, mentor_ids: list[uuid.UUID]) -> dict[uuid.UUID, list[PracticePeriod]]:
        found: dict[uuid.UUID, list[PracticePeriod]] = defaultdict(list)
        if mentor_ids:
            rows = await self.session.execute(
                select(practice_period)
                .where(practice_period.c.mentor_id.in_(mentor_ids))
                .order_by(practice_period.c.from_date, practice_period.c.id)
            )
            for r in rows:
                found[r.mentor_id].append(PracticePeriod(**r._mapping))
        return found

    async def certificates(self, mentor_ids: list[uuid.UUID]) -> dict[uuid.UUID, list[Certificate]]:
        found: dict[uuid.UUID, list[Certificate]] = defaultdict(list)
        if mentor_ids:
            rows = await self.session.execute(
                select(mentor_certificate)
                .where(mentor_certificate.c.mentor_id.in_(mentor_ids))
                .order_by(mentor_certificate.c.issued_on, mentor_certificate.c.id)
            )
            for r in rows:
                found[r.mentor_id].append(Certificate(**r._mapping))
        return found


def _context_row(c: MentoringContext) -> dict:
    return {
        "kind": c.kind.value,
        "id": c.id,
        "school_org": c.school_org,
        "enterprise_org": c.enterprise_org,
        "student_ref": c.student_ref,
        "position_id": c.position_id,
        "starts_on": c.starts_on,
        "ends_on": c.ends_on,
        "competencies": c.competencies,
        "languages": c.languages,
        "status": c.status.value,
        "opened_at": c.opened_at,
        "ended_at": c.ended_at,
        "end_reason": c.end_reason,
    }


def _context(row, members: list[str]) -> MentoringContext:
    data = dict(row._mapping)
    data["kind"], data["status"] = ContextKind(data["kind"]), ContextStatus(data["status"])
    data["competencies"], data["languages"] = list(data["competencies"]), list(data["languages"])
    return MentoringContext(**data, members=members)


def _member_of(student_ref: str):
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


class ContextRepository:
    def __init__(self, session: AsyncConnection) -> None:
        self.session = session

    async def open(self, c: MentoringContext) -> bool:
        """Record a context once: False when it is already known (open, or ended before it opened here)."""
        opened = await self.session.scalar(
            pg_insert(mentoring_context)
            .values(_context_row(c))
            .on_conflict_do_nothing(index_elements=["kind", "id"])
            .returning(mentoring_context.c.id)
        )
        if opened is not None and c.members:
            await self.session.execute(
                insert(mentoring_context_member),
                [{"context_kind": c.kind.value, "context_id": c.id, "student_ref": s} for s in c.members],
            )
        return opened is not None

    async def has_member(self, kind: ContextKind, context_id: str, student_ref: str) -> bool:
        found = await self.session.scalar(
            select(mentoring_context_member.c.student_ref).where(
                mentoring_context_member.c.context_kind == kind.value,
                mentoring_context_member.c.context_id == context_id,
                mentoring_context_member.c.student_ref == student_ref,
            )
        )
        return found is not None

    async def close(self, c: MentoringContext) -> bool:
        """Mark the context ended. True when an open context was ended now; a context not seen before is
        recorded as ended (so its late `confirmed` opens nothing) and an ended one stays as it was: False."""
        row = _context_row(c)
        changes = {"status": ContextStatus.ENDED.value, "ended_at": c.ended_at, "end_reason": c.end_reason}
        inserted = await self.session.execute(
            pg_insert(mentoring_context)
            .values({**row, **changes})
            .on_conflict_do_update(
                index_elements=["kind", "id"],
                set_=changes,
                where=mentoring_context.c.status == ContextStatus.OPEN.value,
            )
            .returning(literal_column("xmax = 0").label("inserted"))
        )
        result = inserted.first()
        return result is not None and not result.inserted

    async def get(self, kind: ContextKind, context_id: str) -> MentoringContext | None:
        row = (
            await self.session.execute(
                select(mentoring_context).where(
                    mentoring_context.c.kind == kind.value, mentoring_context.c.id == context_id
                )
            )
        ).first()
        if row is None:
            return None
        members = await self.session.scalars(
            select(mentoring_context_member.c.student_ref)
            .where(
                mentoring_context_member.c.context_kind == kind.value,
                mentoring_context_member.c.context_id == context_id,
            )
            .order_by(mentoring_context_member.c.student_ref)
        )
        return _context(row, list(members))


def _assignment(row) -> Assignment:
    data = {c: row._mapping[c] for c in _ASSIGNMENT_FIELDS}
    data["context_kind"] = ContextKind(data["context_kind"])
    data["side"], data["status"] = Side(data["side"]), AssignmentStatus(data["status"])
    return Assignment(**data)


def _assignment_row(a: Assignment) -> dict:
    row = {name: getattr(a, name) for name in _ASSIGNMENT_FIELDS}
    row.update(context_kind=a.context_kind.value, side=a.side.value, status=a.status.value)
    return row


@dataclass(frozen=True)
class AssignmentView:
    """An assignment as callers read it: with its mentor's name and what it is for."""

    assignment: Assignment
    mentor_display_name: str | None
    position_id: str | None
    starts_on: date | None
    ends_on: date | None
    competencies: list[str]
    members: list[str]  # a project team's students; empty for a placement


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    action: str
    mentor_id: uuid.UUID | None
    previous_mentor_id: uuid.UUID | None
    how: str | None
    reason: str
    by: str
    seq: int = 0  # the entry's place in the history (its row id): the page key


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
        conditions.append(_member_of(viewer.student_ref))
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
    def __init__(self, session: AsyncConnection) -> None:
        self.session = session

    async def add(self, a: Assignment) -> None:
        await self.session.execute(insert(assignment).values(_assignment_row(a)))

    async def get(self, assignment_id: uuid.UUID, *, for_update: bool = False) -> Assignment | None:
        query = select(assignment).where(assignment.c.id == assignment_id)
        row = (await self.session.execute(query.with_for_update(key_share=True) if for_update else query)).first()
        return _assignment(row) if row else None

    async def save(self, a: Assignment) -> None:
        row = _assignment_row(a)
        row["version"] = a.version + 1
        result = await self.session.execute(
            update(assignment).where(assignment.c.id == a.id, assignment.c.version == a.version).values(row)
        )
        if result.rowcount != 1:
            raise RuntimeError(f"assignment {a.id} changed concurrently")
        a.version += 1

    async def current_of(self, kind: ContextKind, context_id: str) -> list[Assignment]:
        """The context's current assignments, locked, the school side first (every transaction that takes
        mentor rows takes the school side's before the enterprise side's, so they cannot deadlock)."""
        rows = await self.session.execute(
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
        rows = await self.session.execute(
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
            await self.session.execute(
                select(assignment)
                .where(assignment.c.status == AssignmentStatus.PENDING.value, free)
                .order_by(assignment.c.created_at, assignment.c.id)
                .limit(1)
                .with_for_update(skip_locked=True, key_share=True, of=assignment)
            )
        ).first()
        return _assignment(row) if row else None

    async def record(self, events: list[AssignmentEvent], *, now: datetime) -> None:
        """One history row per domain event."""
        rows = [_history_row(e, now) for e in events]
        if rows:
            await self.session.execute(insert(assignment_history), rows)

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
            for r in await self.session.execute(query)
        ]

    async def view(self, assignment_id: uuid.UUID) -> AssignmentView | None:
        row = (
            await self.session.execute(
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
    ) -> list[AssignmentView]:
        query = select(*_VIEW_COLUMNS).select_from(_VIEW_FROM).where(visible_clause(viewer))
        if status is not None:
            query = query.where(assignment.c.status == status.value)
        if current_only:
            query = query.where(assignment.c.status != AssignmentStatus.ENDED.value)
        if side is not None:
            query = query.where(assignment.c.side == side.value)
        if student_ref is not None:
            query = query.where(_member_of(student_ref))
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
        rows = await self.session.execute(query.limit(limit))
        return [_view(r) for r in rows]

    async def overdue_guidance(
        self, viewer: Viewer, *, since: date, limit: int, after: tuple[datetime, uuid.UUID] | None = None
    ) -> list[tuple[AssignmentView, date]]:
        """Active enterprise-side assignments whose context began on or before `since` and that have no on-site
        session held after `since`: (the assignment, the day of its last on-site session or None), oldest first
        (after `after`: an assignment's creation time and id)."""
        last_onsite = (
            select(func.max(guidance_session.c.held_on))
            .where(
                guidance_session.c.assignment_id == assignment.c.id,
                guidance_session.c.mode == SessionMode.ONSITE.value,
            )
            .scalar_subquery()
        )
        query = (
            select(*_VIEW_COLUMNS, last_onsite.label("last_onsite"))
            .select_from(_VIEW_FROM)
            .where(
                visible_clause(viewer),
                assignment.c.side == Side.ENTERPRISE.value,
                assignment.c.status == AssignmentStatus.ACTIVE.value,
                func.coalesce(mentoring_context.c.starts_on, func.date(assignment.c.created_at)) <= since,
                or_(last_onsite.is_(None), last_onsite <= since),
                true() if after is None else tuple_(assignment.c.created_at, assignment.c.id) > tuple_(*after),
            )
            .order_by(assignment.c.created_at, assignment.c.id)
            .limit(limit)
        )
        return [(_view(r), r.last_onsite) for r in await self.session.execute(query)]


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


def _session(row) -> GuidanceSession:
    data = dict(row._mapping)
    data["side"], data["mode"] = Side(data["side"]), SessionMode(data["mode"])
    return GuidanceSession(**data)


def _session_row(s: GuidanceSession) -> dict:
    row = dict(vars(s))
    row.update(side=s.side.value, mode=s.mode.value)
    return row


class SessionRepository:
    def __init__(self, session: AsyncConnection) -> None:
        self.session = session

    async def add(self, s: GuidanceSession) -> None:
        await self.session.execute(insert(guidance_session).values(_session_row(s)))

    async def get(
        self, assignment_id: uuid.UUID, session_id: uuid.UUID, *, for_update: bool = False
    ) -> GuidanceSession | None:
        query = select(guidance_session).where(
            guidance_session.c.id == session_id, guidance_session.c.assignment_id == assignment_id
        )
        row = (await self.session.execute(query.with_for_update(key_share=True) if for_update else query)).first()
        return _session(row) if row else None

    async def confirm(self, s: GuidanceSession) -> None:
        await self.session.execute(
            update(guidance_session)
            .where(guidance_session.c.id == s.id)
            .values(confirmed_at=s.confirmed_at, confirmed_by=s.confirmed_by)
        )

    async def of_assignment(
        self,
        assignment_id: uuid.UUID,
        *,
        after: tuple[date, datetime, uuid.UUID] | None = None,
        limit: int | None = None,
    ) -> list[GuidanceSession]:
        """The assignment's sessions, latest first (after `after`: a session's day, recording time and id)."""
        key = (guidance_session.c.held_on, guidance_session.c.recorded_at, guidance_session.c.id)
        query = select(guidance_session).where(guidance_session.c.assignment_id == assignment_id)
        if after is not None:
            query = query.where(tuple_(*key) < tuple_(*after))
        query = query.order_by(*(c.desc() for c in key))
        if limit is not None:
            query = query.limit(limit)
        return [_session(r) for r in await self.session.execute(query)]
