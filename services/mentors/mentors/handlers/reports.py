"""Reports over the caller's own organisation (its mentors, or the contexts it is a party of): never anyone else's.

- dual-qualified ratio of a school's active school mentors, with the list and the reason behind each;
- mentor load distribution of the organisation's mentors;
- guidance frequency per mentor and per student over a period;
- pending assignments (waiting for a mentor) in the organisation's contexts, on either side.
"""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from mentors import policy
from mentors.domain.assignments import AssignmentStatus
from mentors.domain.mentors import DualQualificationRule, Mentor, Qualification, Side
from mentors.domain.views import AssignmentView
from praxis_common import pages
from praxis_common.auth import Principal
from praxis_common.errors import FieldError, Forbidden, InvalidInput
from praxis_common.uow import Clock, UowFactory, utc_clock

MAX_REPORT_DAYS = 366 * 5


def _ratio(part: int, whole: int) -> Decimal | None:
    return (Decimal(part) / whole).quantize(Decimal("0.0001"), ROUND_HALF_UP) if whole else None


@dataclass(frozen=True)
class DualQualifiedReport:
    school_org: str
    as_of: date
    rule: DualQualificationRule
    mentors_total: int
    dual_qualified: int
    ratio: Decimal | None  # None when the school has no active school mentor
    mentors: list[tuple[Mentor, Qualification]]


async def dual_qualified_report(
    principal: Principal, *, uow: UowFactory, rule: DualQualificationRule, clock: Clock = utc_clock
) -> DualQualifiedReport:
    if policy.manager(principal) is not Side.SCHOOL:
        raise Forbidden("the dual-qualified ratio is a school's report")
    today = clock().date()
    async with uow() as u:
        repo = u.mentors
        found = await repo.list_for(principal.org, Side.SCHOOL, active_only=True)
        ids = [m.id for m in found]
        periods, certificates = await repo.periods(ids), await repo.certificates(ids)
    assessed = [(m, rule.assess(periods.get(m.id, []), certificates.get(m.id, []), today)) for m in found]
    qualified = sum(1 for _, q in assessed if q.dual_qualified)
    return DualQualifiedReport(
        principal.org, today, rule, len(assessed), qualified, _ratio(qualified, len(assessed)), assessed
    )


@dataclass(frozen=True)
class LoadReport:
    org: str
    mentors: list[Mentor]
    total_capacity: int  # of active mentors
    total_load: int
    utilisation: Decimal | None
    by_load: dict[int, int]  # active mentees → number of active mentors with that many
    buckets: dict[str, int]  # idle / partly / full / no-capacity (active mentors)


async def load_report(principal: Principal, *, uow: UowFactory) -> LoadReport:
    side = policy.manager(principal)
    async with uow() as u:
        found = await u.mentors.list_for(principal.org, side)
    active = [m for m in found if m.active]
    capacity, load = sum(m.capacity for m in active), sum(m.load for m in active)

    def bucket(m: Mentor) -> str:
        if m.capacity == 0:
            return "no-capacity"
        if m.load == 0:
            return "idle"
        return "full" if m.load >= m.capacity else "partly"

    counted = Counter(bucket(m) for m in active)
    return LoadReport(
        org=principal.org,
        mentors=found,
        total_capacity=capacity,
        total_load=load,
        utilisation=_ratio(load, capacity),
        by_load=dict(sorted(Counter(m.load for m in active).items())),
        buckets={k: counted.get(k, 0) for k in ("idle", "partly", "full", "no-capacity")},
    )


@dataclass(frozen=True)
class MentorGuidance:
    mentor_id: uuid.UUID
    display_name: str
    side: str
    org: str
    sessions: int
    onsite_sessions: int
    minutes: int
    confirmed_sessions: int
    students: int  # distinct students guided in the period
    current_mentees: int  # active assignments now, among the caller's contexts
    sessions_per_30_days: Decimal


@dataclass(frozen=True)
class StudentGuidance:
    school_org: str
    student_ref: str
    sessions: int
    onsite_sessions: int
    minutes: int
    last_held_on: date | None
    sessions_per_30_days: Decimal


@dataclass(frozen=True)
class GuidanceReport:
    org: str
    from_date: date
    to_date: date
    per_mentor: list[MentorGuidance]
    per_student: list[StudentGuidance]


async def guidance_report(
    principal: Principal, *, uow: UowFactory, from_date: date | None, to_date: date | None, clock: Clock = utc_clock
) -> GuidanceReport:
    """Sessions held in [from, to] (default: the last 90 days) in the caller's contexts, per mentor and per
    student; mentors with current mentees and students with a current assignment (even one still waiting for
    a mentor) but no session appear with zeros."""
    policy.manager(principal)
    to_date = to_date or clock().date()
    from_date = from_date or date.fromordinal(to_date.toordinal() - 89)
    if from_date > to_date:
        raise InvalidInput("the period is empty", errors=[FieldError("from", "must not be after to")])
    if (to_date - from_date).days > MAX_REPORT_DAYS:
        raise InvalidInput("the period is too long", errors=[FieldError("from", "at most 5 years before to")])
    months = Decimal((to_date - from_date).days + 1) / 30
    viewer = policy.viewer(principal)
    async with uow() as u:
        by_mentor, by_student, current, people = await u.reports.guidance(viewer, from_date, to_date)
    mentee_counts = Counter(r.mentor_id for r in current if r.mentor_id is not None)
    mentor_ids = {r[0] for r in by_mentor} | set(mentee_counts)

    def per_30(n: int) -> Decimal:
        return (n / months).quantize(Decimal("0.01"), ROUND_HALF_UP)

    mentors_seen = {r[0]: r for r in by_mentor}
    per_mentor = []
    for mentor_id in sorted(mentor_ids, key=lambda i: (people[i].display_name, str(i))):
        r, p = mentors_seen.get(mentor_id), people[mentor_id]
        sessions = r[1] if r else 0
        per_mentor.append(
            MentorGuidance(
                mentor_id=mentor_id,
                display_name=p.display_name,
                side=p.kind,
                org=p.org,
                sessions=sessions,
                onsite_sessions=r[2] if r else 0,
                minutes=int(r[3] or 0) if r else 0,
                confirmed_sessions=r[4] if r else 0,
                students=r[5] if r else 0,
                current_mentees=mentee_counts.get(mentor_id, 0),
                sessions_per_30_days=per_30(sessions),
            )
        )
    students_seen = {(r[0], r[1]): r for r in by_student}
    student_keys = set(students_seen) | {(r.school_org, r.student_ref) for r in current}
    per_student = []
    for key in sorted(student_keys):
        r = students_seen.get(key)
        sessions = r[2] if r else 0
        per_student.append(
            StudentGuidance(
                school_org=key[0],
                student_ref=key[1],
                sessions=sessions,
                onsite_sessions=r[3] if r else 0,
                minutes=int(r[4] or 0) if r else 0,
                last_held_on=r[5] if r else None,
                sessions_per_30_days=per_30(sessions),
            )
        )
    return GuidanceReport(principal.org, from_date, to_date, per_mentor, per_student)


@dataclass(frozen=True)
class PendingReport:
    org: str
    total: int
    by_side: dict[str, int]
    oldest_since: datetime | None
    items: list[AssignmentView]  # a page of them, oldest first
    next_page_token: str | None


async def pending_report(
    principal: Principal, *, uow: UowFactory, page_size: int = pages.DEFAULT_PAGE_SIZE, page_token: str | None = None
) -> PendingReport:
    """Assignments still waiting for a mentor in the caller's contexts, on either side (a school also sees its
    students waiting for an enterprise mentor): the counts, and a page of them, oldest first."""
    policy.manager(principal)
    viewer = policy.viewer(principal)
    after = pages.decode_page_token(page_token) if page_token else None
    async with uow() as u:
        rows = await u.reports.pending_by_side(viewer)
        found = await u.assignments.list_visible(
            viewer, status=AssignmentStatus.PENDING, oldest_first=True, after=after, limit=page_size + 1
        )
    items, token = pages.next_page(found, page_size, lambda v: (v.assignment.created_at, v.assignment.id))
    counts = {side: n for side, n, _ in rows}
    by_side = {side.value: counts.get(side.value, 0) for side in Side}
    return PendingReport(
        org=principal.org,
        total=sum(by_side.values()),
        by_side=by_side,
        oldest_since=min((oldest for _, _, oldest in rows), default=None),
        items=items,
        next_page_token=token,
    )
