"""Mentor use cases: create, read, change; record enterprise practice and certificates (school mentors).

Creating a mentor, raising their capacity or re-activating them frees capacity: waiting assignments of the
organisation and side take it in the same transaction (handlers.assignments.fill_from)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date

from mentors import policy
from mentors.domain.mentors import Certificate, DualQualificationRule, Mentor, PracticePeriod, Qualification, Side
from mentors.handlers.assignments import fill_from
from praxis_common import pages
from praxis_common.auth import Principal
from praxis_common.errors import NotFound
from praxis_common.uow import Clock, UnitOfWork, UowFactory, utc_clock


@dataclass(frozen=True)
class CreateMentor:
    kind: str
    display_name: str
    capacity: int
    expertise: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    active: bool = True
    account: str | None = None


@dataclass(frozen=True)
class RecordPractice:
    enterprise: str
    role: str
    from_date: date
    to_date: date
    hours: int


@dataclass(frozen=True)
class RecordCertificate:
    name: str
    issuer: str
    issued_on: date
    expires_on: date | None = None


@dataclass(frozen=True)
class MentorDetails:
    """A mentor with their practice record and, for school mentors, the derived qualification."""

    mentor: Mentor
    periods: list[PracticePeriod]
    certificates: list[Certificate]
    qualification: Qualification | None  # None for enterprise mentors


async def create_mentor(
    cmd: CreateMentor,
    principal: Principal,
    *,
    uow: UowFactory,
    rule: DualQualificationRule,
    clock: Clock = utc_clock,
) -> MentorDetails:
    policy.manager(principal)
    now = clock()
    m = Mentor.create(
        org=principal.org,
        org_kind=principal.org_kind,
        kind=cmd.kind,
        display_name=cmd.display_name,
        expertise=cmd.expertise,
        languages=cmd.languages,
        capacity=cmd.capacity,
        active=cmd.active,
        account=cmd.account,
        now=now,
    )
    async with uow() as u:
        await u.mentors.add(m)
        await fill_from(u, m.id, clock=clock, trigger="mentor created")
        details = await _details(u, m.id, rule, now.date())
        await u.commit()
    return details


async def get_mentor(
    mentor_id: uuid.UUID,
    principal: Principal,
    *,
    uow: UowFactory,
    rule: DualQualificationRule,
    clock: Clock = utc_clock,
) -> MentorDetails:
    async with uow() as u:
        await _own(u, mentor_id, principal)
        return await _details(u, mentor_id, rule, clock().date())


async def list_mentors(
    principal: Principal,
    *,
    uow: UowFactory,
    rule: DualQualificationRule,
    active_only: bool = False,
    clock: Clock = utc_clock,
    page_size: int = pages.DEFAULT_PAGE_SIZE,
    page_token: str | None = None,
) -> tuple[list[MentorDetails], str | None]:
    """A page of the caller's organisation's mentors, by display name."""
    side = policy.member(principal)
    after = pages.decode_page_token(page_token, str, uuid.UUID) if page_token else None
    today = clock().date()
    async with uow() as u:
        repo = u.mentors
        found = await repo.list_for(principal.org, side, active_only=active_only, after=after, limit=page_size + 1)
        found, token = pages.next_page(found, page_size, lambda m: (m.display_name, m.id))
        school = [m.id for m in found if m.kind is Side.SCHOOL]
        periods, certificates = await repo.periods(school), await repo.certificates(school)
    return [_assess(m, periods.get(m.id, []), certificates.get(m.id, []), rule, today) for m in found], token


async def update_mentor(
    mentor_id: uuid.UUID,
    changes: dict,
    principal: Principal,
    *,
    uow: UowFactory,
    rule: DualQualificationRule,
    clock: Clock = utc_clock,
) -> MentorDetails:
    """A partial update (display_name, expertise, languages, capacity, active, account). Capacity may not drop
    below the current load; raising it or re-activating the mentor fills waiting assignments."""
    now = clock()
    async with uow() as u:
        m = await _own(u, mentor_id, principal, for_update=True, manage=True)
        was_active = m.active
        freed = m.update(now=now, **changes)
        await u.mentors.save(m)  # its MentorUpdated goes out at commit (internships: who reviews logbooks)
        if freed:
            trigger = "mentor re-activated" if m.active and not was_active else "capacity raised"
            await fill_from(u, m.id, clock=clock, trigger=trigger)
        details = await _details(u, m.id, rule, now.date())
        await u.commit()
    return details


async def record_practice(
    mentor_id: uuid.UUID,
    cmd: RecordPractice,
    principal: Principal,
    *,
    uow: UowFactory,
    rule: DualQualificationRule,
    clock: Clock = utc_clock,
) -> tuple[PracticePeriod, MentorDetails]:
    now = clock()
    async with uow() as u:
        m = await _own(u, mentor_id, principal, manage=True)
        period = PracticePeriod.record(mentor=m, **vars(cmd), today=now.date(), now=now)
        await u.mentors.add_period(period)
        details = await _details(u, m.id, rule, now.date())
        await u.commit()
    return period, details


async def record_certificate(
    mentor_id: uuid.UUID,
    cmd: RecordCertificate,
    principal: Principal,
    *,
    uow: UowFactory,
    rule: DualQualificationRule,
    clock: Clock = utc_clock,
) -> tuple[Certificate, MentorDetails]:
    now = clock()
    async with uow() as u:
        m = await _own(u, mentor_id, principal, manage=True)
        certificate = Certificate.record(mentor=m, **vars(cmd), today=now.date(), now=now)
        await u.mentors.add_certificate(certificate)
        details = await _details(u, m.id, rule, now.date())
        await u.commit()
    return certificate, details


async def remove_record(
    mentor_id: uuid.UUID,
    record_id: uuid.UUID,
    what: str,
    principal: Principal,
    *,
    uow: UowFactory,
    rule: DualQualificationRule,
    clock: Clock = utc_clock,
) -> MentorDetails:
    """Delete a practice period (`what` = "practice-period") or a certificate recorded in error."""
    async with uow() as u:
        repo = u.mentors
        await _own(u, mentor_id, principal, manage=True)
        remove = repo.remove_period if what == "practice-period" else repo.remove_certificate
        if not await remove(mentor_id, record_id):
            raise NotFound(f"no such {what.replace('-', ' ')}")
        details = await _details(u, mentor_id, rule, clock().date())
        await u.commit()
    return details


async def _own(
    u: UnitOfWork, mentor_id: uuid.UUID, principal: Principal, *, for_update: bool = False, manage: bool = False
) -> Mentor:
    """A mentor of the caller's organisation (404 for anyone else's, whatever their role); with `manage`, the
    caller must then also be one of its managers (403)."""
    policy.member(principal)
    m = await u.mentors.get(mentor_id, for_update=for_update)
    if m is None or m.org != principal.org or m.kind.value != principal.org_kind:
        raise NotFound("no such mentor")
    if manage:
        policy.manager(principal)
    return m


async def _details(u: UnitOfWork, mentor_id: uuid.UUID, rule: DualQualificationRule, today: date) -> MentorDetails:
    repo = u.mentors
    m = await repo.get(mentor_id)
    periods, certificates = await repo.periods([m.id]), await repo.certificates([m.id])
    return _assess(m, periods.get(m.id, []), certificates.get(m.id, []), rule, today)


def _assess(
    m: Mentor, periods: list[PracticePeriod], certificates: list[Certificate], rule: DualQualificationRule, today: date
) -> MentorDetails:
    qualification = rule.assess(periods, certificates, today) if m.kind is Side.SCHOOL else None
    return MentorDetails(m, periods, certificates, qualification)
