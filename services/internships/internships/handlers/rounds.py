"""Allocation round use cases: create a round, fill it (positions, students, preferences, rankings), close it,
compute it (a stored, reproducible run), read and compare results, and publish it as placements.

Who sees what (each answer 404 to anyone else, as if the round did not exist):
* a **co-owner school** is invited when the round is created and is not a school of the round until it accepts:
  before that it sees only the invitation (id, title, owner, order-class enterprise) and may accept or decline;
* an **order class** names an enterprise the owner school holds an active agreement with;
* the round's **schools** (owner and co-owners that accepted) see the round, the positions in it that they may see anyway
  (of enterprises they hold an active agreement with), their own students with their lists, every run, and
  their own students' results with the explanations; close / reopen / compute / publish are the owner's;
* an **enterprise** taking part (an order class reserved for it, or a round with its positions) sees the
  round, its own positions with their applicants (shared profile only, not the students' lists or where
  it stands in them) and its ranking; once the round is published, the students matched to its
  positions. Never explanations: they would tell it how students ranked other enterprises' positions;
* a **student** (signed in with the student role) sees their own entry and their own result.

The tie lottery's seed is shown to the staff of the round's schools only (`shown`): with it and the students'
references anyone can recompute every student's lottery place. Explanations give tie bands, never lottery places
(domain.allocation), so no student learns who was admitted in their stead (docs/allocation.md).
"""

from __future__ import annotations

import asyncio
import json
import logging
import uuid
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

from sqlalchemy.exc import DBAPIError

from internships import policy
from internships.adapters.repositories import PlacementRepository
from internships.adapters.rounds import CoveringAgreement, Match, RoundPosition, RoundRepository, RoundStudent, Run
from internships.domain import allocation
from internships.domain.compliance import CompliancePolicy, ComplianceViolation, check_booking, intern_caps
from internships.domain.placements import Party, Placement
from internships.domain.positions import PositionStatus
from internships.domain.rounds import (
    MAX_ROUND_STUDENTS,
    PublishAs,
    PublishRefused,
    Round,
    RoundFull,
    RoundNotComputed,
    SeatLimit,
    SeatPool,
    UnstableAllocation,
    check_preferences,
    check_ranking,
    offered_seats,
    split_student_key,
    student_key,
)
from internships.handlers.agreements import Clock, UowFactory, utc_clock
from internships.handlers.placements import NoAgreementForTerm, TermEnded
from internships.outgoing import integration_event
from praxis_common import pages
from praxis_common.auth import Principal
from praxis_common.bulk import bulk_step
from praxis_common.errors import (
    MAX_FIELD_ERRORS,
    Conflict,
    FieldError,
    Forbidden,
    InvalidInput,
    NotFound,
    Unavailable,
    capped,
)

log = logging.getLogger("praxis.internships.rounds")

DEFAULT_LIST_LIMIT = 10
DEFAULT_HOLD = timedelta(days=7)


class NoActiveAgreement(Conflict):
    code, title = "no-active-agreement", "No active agreement with this enterprise"


# ---- commands and views


@dataclass(frozen=True)
class CreateRound:
    title: str
    co_owner_schools: tuple[str, ...] = ()
    enterprise_org: str | None = None  # an order class: only this enterprise's positions
    list_limit: int | None = None  # None: the deployment's default
    publish_as: str = PublishAs.REQUESTED.value
    seed: int | None = None  # None: derived from the round's id


@dataclass(frozen=True)
class StudentEntry:
    student_ref: str
    profile: dict = field(default_factory=dict)  # what the school shares: display name, competencies, languages…
    birth_date: date | None = None  # the school's, for the age rules; never shown to enterprises
    study_year: int | None = None


@dataclass(frozen=True)
class RoundView:
    round: Round
    positions: int | None  # counts for the round's schools; None for enterprises
    students: int | None


@dataclass(frozen=True)
class PositionFill:
    position: RoundPosition
    filled: int


@dataclass(frozen=True)
class Result:
    round: Round
    run: Run
    published: bool  # the run is the published one
    matches: list[Match]
    positions: list[PositionFill]
    next_page_token: str | None


@dataclass(frozen=True)
class Published:
    round: Round
    run: Run
    placements: int
    by_position: dict[uuid.UUID, int]


# ---- who is asking


def sees_seed(principal: Principal) -> bool:
    """Staff of a school (the caller is a school of the round: the handlers checked it) see the lottery's seed."""
    return principal.org_kind == "school" and bool(principal.roles & policy.STAFF_ROLES)


def shown(principal: Principal, item: Round | Run) -> Round | Run:
    """A round or run as the caller may see it: without the seed unless `sees_seed`."""
    return item if sees_seed(principal) else replace(item, seed=None)


async def _party(repo: RoundRepository, rnd: Round | None, principal: Principal) -> str:
    """ "school" or "enterprise" for a party of the round; NotFound for anyone else."""
    if rnd is not None:
        if principal.org_kind == "school" and rnd.has_school(principal.org):
            return "school"
        if principal.org_kind == "enterprise" and (
            rnd.enterprise_org == principal.org or await repo.enterprise_takes_part(rnd.id, principal.org)
        ):
            return "enterprise"
    raise NotFound("no such round")


async def _school_round(
    repo: RoundRepository, round_id: uuid.UUID, principal: Principal, *, lock: str | None, owner: bool = False
) -> Round:
    """The round of one of its schools' managers (the caller passed policy.manager); `owner` actions are the owner
    school's alone."""
    rnd = await repo.get(round_id, lock=lock)
    if rnd is None or principal.org_kind != "school" or not rnd.has_school(principal.org):
        raise NotFound("no such round")
    if owner and rnd.owner_org != principal.org:
        raise Forbidden(f"only the round's owner school ({rnd.owner_org}) may do this")
    return rnd


def _covering(
    agreements: Sequence[CoveringAgreement], school: str, enterprise: str, day: date
) -> CoveringAgreement | None:
    """The active agreement between the two covering `day`, the latest-ending if several (as booking picks it)."""
    fits = [
        a
        for a in agreements
        if a.school_org == school and a.enterprise_org == enterprise and a.valid_from <= day <= a.valid_to
    ]
    return max(fits, key=lambda a: (a.valid_to, a.id), default=None)


def _position_figures(p: RoundPosition) -> dict:
    return dict(
        enterprise_staff=p.base_staff,
        post_staff=p.post_staff,
        monthly_pay=p.monthly_pay,
        probation_monthly_wage=p.reference_monthly_wage,
        on=p.starts_on,
    )


# ---- the round


async def create_round(
    cmd: CreateRound,
    principal: Principal,
    *,
    uow: UowFactory,
    clock: Clock = utc_clock,
    default_list_limit: int = DEFAULT_LIST_LIMIT,
) -> Round:
    policy.manager(principal, "school")
    rnd = Round.create(
        title=cmd.title,
        owner_org=principal.org,
        created_by=principal.sub,
        co_owners=list(cmd.co_owner_schools),
        enterprise_org=cmd.enterprise_org,
        list_limit=cmd.list_limit if cmd.list_limit is not None else default_list_limit,
        publish_as=cmd.publish_as,
        seed=cmd.seed,
        now=clock(),
    )
    async with uow() as u:
        repo = RoundRepository(u.session)
        if rnd.enterprise_org is not None and not await repo.active_agreements([principal.org], [rnd.enterprise_org]):
            raise NoActiveAgreement(
                f"an order class needs an active agreement between your school and {rnd.enterprise_org}"
            )
        await repo.add(rnd)
        await u.commit()
    return rnd


async def _invited_round(repo: RoundRepository, round_id: uuid.UUID, principal: Principal) -> Round:
    """The round inviting the caller's school (its manager: the caller passed policy.manager); NotFound otherwise."""
    rnd = await repo.get(round_id, lock="update")
    if rnd is None or principal.org_kind != "school" or not rnd.is_invited(principal.org):
        raise NotFound("no such round")
    return rnd


async def accept_round(round_id: uuid.UUID, principal: Principal, *, uow: UowFactory) -> RoundView:
    """An invited co-owner school (its admin or coordinator) joins the round while it is open: from then on it sees
    the round and adds positions and its own students."""
    policy.manager(principal, "school")
    async with uow() as u:
        repo = RoundRepository(u.session)
        rnd = await _invited_round(repo, round_id, principal)
        rnd.accept(principal.org)
        await repo.save(rnd)
        positions, students = await repo.counts(round_id)
        await u.commit()
    return RoundView(rnd, positions, students)


async def decline_round(round_id: uuid.UUID, principal: Principal, *, uow: UowFactory) -> None:
    """An invited co-owner school turns the invitation down: the round stays invisible to it."""
    policy.manager(principal, "school")
    async with uow() as u:
        repo = RoundRepository(u.session)
        rnd = await _invited_round(repo, round_id, principal)
        rnd.decline(principal.org)
        await repo.save(rnd)
        await u.commit()


async def list_invitations(
    principal: Principal, *, uow: UowFactory, page_size: int = 50, page_token: str | None = None
) -> tuple[list[Round], str | None]:
    """The rounds inviting the caller's school as a co-owner that it has not answered, newest first (to its
    managers: they decide)."""
    policy.manager(principal, "school")
    after = pages.decode_page_token(page_token) if page_token else None
    async with uow() as u:
        found = await RoundRepository(u.session).invitations(principal.org, after=after, limit=page_size + 1)
    page, token = pages.next_page(found, page_size, lambda r: (r.created_at, r.id))
    return [shown(principal, r) for r in page], token


async def get_round(round_id: uuid.UUID, principal: Principal, *, uow: UowFactory) -> RoundView:
    async with uow() as u:
        repo = RoundRepository(u.session)
        rnd = await repo.get(round_id)
        if await _party(repo, rnd, principal) == "school":
            positions, students = await repo.counts(round_id)
            return RoundView(shown(principal, rnd), positions, students)
        return RoundView(shown(principal, rnd), None, None)


async def list_rounds(
    principal: Principal, *, uow: UowFactory, page_size: int = 50, page_token: str | None = None
) -> tuple[list[Round], str | None]:
    after = pages.decode_page_token(page_token) if page_token else None
    async with uow() as u:
        found = await RoundRepository(u.session).list_for(
            principal.org, principal.org_kind, after=after, limit=page_size + 1
        )
    page, token = pages.next_page(found, page_size, lambda r: (r.created_at, r.id))
    return [shown(principal, r) for r in page], token


# ---- positions


async def add_position(
    round_id: uuid.UUID,
    position_id: uuid.UUID,
    principal: Principal,
    *,
    uow: UowFactory,
    clock: Clock = utc_clock,
    compliance: CompliancePolicy = CompliancePolicy.CN_VOCATIONAL_2021,
) -> RoundPosition:
    """A school of the round adds a position it could book (published, of an enterprise it holds an active
    agreement with, an agreement covering its start, its term not over, its declared figures compliant).
    Adding it again changes nothing."""
    policy.manager(principal, "school")
    async with uow() as u:
        repo = RoundRepository(u.session)
        rnd = await _school_round(repo, round_id, principal, lock="share")
        rnd.require_open()
        target = await PlacementRepository(u.session).booking_target(position_id, principal.org)
        if target is None or not target.visible or target.position.status is not PositionStatus.PUBLISHED:
            raise NotFound("no such position")
        position = target.position
        if rnd.enterprise_org is not None and position.enterprise_org != rnd.enterprise_org:
            raise InvalidInput(
                "the round is an order class of another enterprise",
                errors=[FieldError("position_id", f"only positions of {rnd.enterprise_org} can join this round")],
            )
        if position.ends_on < clock().date():
            raise TermEnded(f"the position's term ended on {position.ends_on.isoformat()}")
        if target.agreement_id is None:
            raise NoAgreementForTerm(
                f"no active agreement with {position.enterprise_org} covers {position.starts_on.isoformat()}"
            )
        # The position's own figures (headcounts, pay) must pass; the student's (age, year) are checked per list.
        check_booking(
            compliance,
            enterprise_interns_after=1,
            post_interns_after=1,
            enterprise_staff=target.base_staff,
            post_staff=position.post_staff,
            monthly_pay=position.monthly_pay,
            probation_monthly_wage=position.reference_monthly_wage,
            student_birth_date=None,
            on=position.starts_on,
        )
        await repo.add_position(round_id, position_id, position.enterprise_org, principal.org, clock())
        [added] = await repo.positions(round_id, ids=[position_id], with_applicants=True, with_ranking=False)
        await u.commit()
    return added


async def remove_position(
    round_id: uuid.UUID, position_id: uuid.UUID, principal: Principal, *, uow: UowFactory
) -> None:
    """The school that added a position (or the owner) takes it out while the round is open and no list names it."""
    policy.manager(principal, "school")
    async with uow() as u:
        repo = RoundRepository(u.session)
        rnd = await _school_round(repo, round_id, principal, lock="share")
        found = await repo.positions(round_id, ids=[position_id], visible_to_school=principal.org)
        if not found:
            raise NotFound("no such position in the round")
        if principal.org not in (found[0].added_by_org, rnd.owner_org):
            raise Forbidden("only the school that added the position, or the owner school, may take it out")
        rnd.require_open()
        if await repo.listed_anywhere(round_id, position_id):
            raise Conflict("students list this position; take it off their lists first")
        await repo.remove_position(round_id, position_id)
        await u.commit()


async def list_positions(
    round_id: uuid.UUID,
    principal: Principal,
    *,
    uow: UowFactory,
    page_size: int = pages.DEFAULT_PAGE_SIZE,
    page_token: str | None = None,
) -> tuple[str, list[RoundPosition], str | None]:
    """A page of the positions of the round the caller may see (by position id), the caller's side ("school" or
    "enterprise") and the next page's token."""
    after = pages.decode_page_token(page_token, uuid.UUID)[0] if page_token else None
    async with uow() as u:
        repo = RoundRepository(u.session)
        side = await _party(repo, await repo.get(round_id), principal)
        whose = {"visible_to_school": principal.org} if side == "school" else {"enterprise": principal.org}
        found = await repo.positions(
            round_id, **whose, with_applicants=True, with_ranking=False, after=after, limit=page_size + 1
        )
    items, token = pages.next_page(found, page_size, lambda p: (p.position_id,))
    return side, items, token


# ---- students and their lists


@bulk_step
async def add_students(
    round_id: uuid.UUID,
    entries: Sequence[StudentEntry],
    principal: Principal,
    *,
    uow: UowFactory,
    clock: Clock = utc_clock,
) -> list[RoundStudent]:
    """A school of the round adds its students (or updates their shared profile); their lists stay as they are."""
    policy.manager(principal, "school")
    refs = [e.student_ref for e in entries]
    seen: set[str] = set()
    twice = []
    for i, ref in enumerate(refs):
        if ref in seen:
            twice.append(FieldError(f"students.{i}.student_ref", "listed twice"))
        seen.add(ref)
    if twice:
        raise InvalidInput("a student is listed twice", errors=capped(twice))
    async with uow() as u:
        repo = RoundRepository(u.session)
        rnd = await _school_round(repo, round_id, principal, lock="share")
        rnd.require_open()
        if entries:
            await repo.upsert_students(
                round_id,
                principal.org,
                [
                    {
                        "student_ref": e.student_ref,
                        "profile": e.profile,
                        "birth_date": e.birth_date,
                        "study_year": e.study_year,
                    }
                    for e in entries
                ],
                clock(),
            )
        if await repo.student_count(round_id) > MAX_ROUND_STUDENTS:
            raise RoundFull(f"the round would hold more than {MAX_ROUND_STUDENTS} students; nothing was added")
        stored = await repo.students(round_id, school=principal.org, refs=refs)
        await u.commit()
    return stored


async def remove_student(round_id: uuid.UUID, student_ref: str, principal: Principal, *, uow: UowFactory) -> None:
    policy.manager(principal, "school")
    async with uow() as u:
        repo = RoundRepository(u.session)
        rnd = await _school_round(repo, round_id, principal, lock="share")
        rnd.require_open()
        if not await repo.remove_student(round_id, principal.org, student_ref):
            raise NotFound("no such student in the round")
        await u.commit()


async def list_students(
    round_id: uuid.UUID,
    principal: Principal,
    *,
    uow: UowFactory,
    page_size: int = pages.DEFAULT_PAGE_SIZE,
    page_token: str | None = None,
) -> tuple[list[RoundStudent], str | None]:
    """A page of a school's own students in the round (by reference), with their lists; a signed-in student,
    their own entry."""
    after = pages.decode_page_token(page_token, str, str) if page_token else None
    async with uow() as u:
        repo = RoundRepository(u.session)
        if await _party(repo, await repo.get(round_id), principal) != "school":
            raise Forbidden("the round's students are listed to their schools; enterprises see their applicants")
        own = policy.own_student_ref(principal)
        found = await repo.students(
            round_id, school=principal.org, refs=None if own is None else [own], after=after, limit=page_size + 1
        )
    return pages.next_page(found, page_size, lambda s: (s.school_org, s.student_ref))


async def set_preferences(
    round_id: uuid.UUID,
    student_ref: str,
    positions: Sequence[uuid.UUID],
    principal: Principal,
    *,
    uow: UowFactory,
    clock: Clock = utc_clock,
    compliance: CompliancePolicy = CompliancePolicy.CN_VOCATIONAL_2021,
) -> RoundStudent:
    """Replace a student's ranked list (best first), by their school's managers or by the student. Each position
    must be in the round and bookable for this student: visible to the school, an agreement covering its start,
    the term not over, the compliance rules met for this student (age, year of study)."""
    own = policy.own_student_ref(principal)
    if own is None:
        policy.manager(principal, "school")
    elif own != student_ref:
        raise NotFound("no such student in the round")
    async with uow() as u:
        repo = RoundRepository(u.session)
        rnd = await _school_round(repo, round_id, principal, lock="share")
        rnd.require_open()
        found = await repo.students(round_id, school=principal.org, refs=[student_ref])
        if not found:
            raise NotFound("no such student in the round")
        student = found[0]
        listed = await repo.positions(
            round_id, ids=list(set(positions)), visible_to_school=principal.org, with_ranking=False
        )
        by_id = {p.position_id: p for p in listed}
        check_preferences([str(p) for p in positions], in_round={str(p) for p in by_id}, limit=rnd.list_limit)
        agreements = await repo.active_agreements([principal.org], sorted({p.enterprise_org for p in listed}))
        today, errors = clock().date(), []
        for i, pid in enumerate(positions):
            p, where = by_id[pid], f"positions.{i}"
            if p.status != PositionStatus.PUBLISHED.value:
                errors.append(FieldError(where, f"position {pid} is {p.status}"))
            elif p.ends_on < today:
                errors.append(FieldError(where, f"position {pid}: its term ended on {p.ends_on.isoformat()}"))
            elif _covering(agreements, principal.org, p.enterprise_org, p.starts_on) is None:
                errors.append(
                    FieldError(where, f"position {pid}: no active agreement of yours covers its start {p.starts_on}")
                )
            else:
                try:
                    check_booking(
                        compliance,
                        enterprise_interns_after=1,
                        post_interns_after=1,
                        student_birth_date=student.birth_date,
                        study_year=student.study_year,
                        **_position_figures(p),
                    )
                except ComplianceViolation as exc:
                    errors.append(FieldError(where, f"position {pid}: " + "; ".join(e.message for e in exc.errors)))
        if errors:
            raise InvalidInput("the ranked list names positions this student cannot take", errors=errors)
        updated = await repo.set_preferences(round_id, principal.org, student_ref, list(positions), clock())
        if updated is None:  # taken out of the round meanwhile
            raise NotFound("no such student in the round")
        await u.commit()
    return updated


# ---- the enterprises' rankings


async def _enterprise_position(
    repo: RoundRepository, round_id: uuid.UUID, position_id: uuid.UUID, principal: Principal, *, lock: str | None
) -> tuple[Round, RoundPosition]:
    rnd = await repo.get(round_id, lock=lock)
    if rnd is None or principal.org_kind != "enterprise":
        raise NotFound("no such round")
    found = await repo.positions(round_id, ids=[position_id], enterprise=principal.org, with_applicants=True)
    if not found:
        await _party(repo, rnd, principal)  # 404 for the round when the enterprise has no part in it
        raise NotFound("no such position in the round")
    return rnd, found[0]


@dataclass(frozen=True)
class Applicant:
    student: RoundStudent
    group: int | None  # the tie group the enterprise's ranking puts the student in (1 = first); None: not ranked


async def list_applicants(
    round_id: uuid.UUID,
    position_id: uuid.UUID,
    principal: Principal,
    *,
    uow: UowFactory,
    page_size: int = pages.DEFAULT_PAGE_SIZE,
    page_token: str | None = None,
) -> tuple[RoundPosition, list[Applicant], str | None]:
    """A page of the students who list the enterprise's position (their shared profile, not where they list it),
    each with their place in the enterprise's ranking."""
    policy.manager(principal, "enterprise")
    after = pages.decode_page_token(page_token, str, str) if page_token else None
    async with uow() as u:
        repo = RoundRepository(u.session)
        _, position = await _enterprise_position(repo, round_id, position_id, principal, lock=None)
        found = await repo.students(round_id, applicants_of=position_id, after=after, limit=page_size + 1)
    students, token = pages.next_page(found, page_size, lambda s: (s.school_org, s.student_ref))
    groups = await asyncio.to_thread(_groups_of, position.ranking)
    # The ranking itself is shown only in the answer to setting it: here each applicant carries its group.
    shown_position = replace(position, ranking=None)
    return shown_position, [Applicant(s, groups.get((s.school_org, s.student_ref))) for s in students], token


def _groups_of(ranking: list | None) -> dict[tuple[str, str], int]:
    return {(school, ref): g for g, group in enumerate(ranking or (), 1) for school, ref in group}


@bulk_step
async def set_ranking(
    round_id: uuid.UUID,
    position_id: uuid.UUID,
    groups: Sequence[Sequence[tuple[str, str]]] | None,
    principal: Principal,
    *,
    uow: UowFactory,
    clock: Clock = utc_clock,
) -> RoundPosition:
    """The enterprise ranks its position's applicants in tie groups, best first; applicants left out are not
    accepted. None goes back to the default ranking (competency fit between the student and the position)."""
    policy.manager(principal, "enterprise")
    async with uow() as u:
        repo = RoundRepository(u.session)
        rnd, _ = await _enterprise_position(repo, round_id, position_id, principal, lock="share")
        rnd.require_open()
        stored = None
        if groups is not None:
            # A ranking may name 50,000 students: the database says which did not apply, and the checking runs
            # in a worker thread.
            ranked = [key for group in groups for key in group]
            outsiders = await repo.not_applicants(round_id, position_id, ranked, first=MAX_FIELD_ERRORS + 1)
            stored = await asyncio.to_thread(_checked_ranking, groups, outsiders)
        await repo.set_ranking(round_id, position_id, stored, clock() if groups is not None else None)
        [position] = await repo.positions(round_id, ids=[position_id], with_applicants=True)
        await u.commit()
    return position


class _Applicants:
    """The applicants of a position as check_ranking asks about them: every ranked student but the outsiders."""

    def __init__(self, outsiders: set[str]) -> None:
        self.outsiders = outsiders

    def __contains__(self, key: object) -> bool:
        return key not in self.outsiders


def _checked_ranking(groups: Sequence[Sequence[tuple[str, str]]], outsiders: set[tuple[str, str]]) -> list:
    ranking = check_ranking(
        [[student_key(*k) for k in g] for g in groups], applicants=_Applicants({student_key(*k) for k in outsiders})
    )
    return [[list(split_student_key(k)) for k in group] for group in ranking]


# ---- close, reopen


@bulk_step
async def close_round(
    round_id: uuid.UUID,
    principal: Principal,
    *,
    uow: UowFactory,
    clock: Clock = utc_clock,
    compliance: CompliancePolicy = CompliancePolicy.CN_VOCATIONAL_2021,
) -> Round:
    """Freeze the inputs and decide each position's offered seats (`decide_offered_seats`)."""
    policy.manager(principal, "school")
    async with uow() as u:
        repo = RoundRepository(u.session)
        rnd = await _school_round(repo, round_id, principal, lock="update", owner=True)
        now = clock()
        rnd.close(now=now)
        positions = await repo.positions(round_id)
        students = await repo.students(round_id)
        agreements = await repo.active_agreements(rnd.schools, sorted({p.enterprise_org for p in positions}))
        offered = await asyncio.to_thread(  # half a million list entries at national scale
            decide_offered_seats, positions, students, agreements, compliance=compliance, today=now.date()
        )
        await repo.freeze_positions(
            round_id,
            {p.position_id: (*offered[p.position_id], sorted(p.competencies)) for p in positions},
        )
        await repo.save(rnd)
        await u.commit()
    return rnd


def decide_offered_seats(
    positions: Sequence[RoundPosition],
    students: Sequence[RoundStudent],
    agreements: Sequence[CoveringAgreement],
    *,
    compliance: CompliancePolicy,
    today: date,
) -> dict[uuid.UUID, tuple[int, str]]:
    """Each position's offered seats at close: its free seats, within the post's intern cap; then within the
    pools positions share: each practice base's intern cap and, per school, the remaining quota of the agreement
    covering the position's start (domain.rounds.offered_seats). A position that is closed, whose term is over,
    or that a school's students list without an agreement covering it any more, offers none."""
    demand: Counter[uuid.UUID] = Counter()
    demand_of: Counter[tuple[str, uuid.UUID]] = Counter()
    for s in students:
        for pid in s.preferences:
            demand[pid] += 1
            demand_of[(s.school_org, pid)] += 1
    by_id = {p.position_id: p for p in positions}
    free: dict[uuid.UUID, tuple[int, SeatLimit]] = {}
    at_base: dict[uuid.UUID, dict[uuid.UUID, int]] = defaultdict(dict)
    base_left: dict[uuid.UUID, int] = {}
    for p in positions:
        if p.status != PositionStatus.PUBLISHED.value or p.ends_on < today:
            free[p.position_id] = (0, SeatLimit.NOT_BOOKABLE)
            continue
        max_at_base, max_in_post = intern_caps(compliance, enterprise_staff=p.base_staff, post_staff=p.post_staff)
        seats, limit = p.seats - p.seats_taken, SeatLimit.SEATS
        if max_in_post is not None and max_in_post - p.interns_current < seats:
            seats, limit = max_in_post - p.interns_current, SeatLimit.POST_CAP
        free[p.position_id] = (max(seats, 0), limit)
        if max_at_base is not None:
            at_base[p.base_id][p.position_id] = demand[p.position_id]
            base_left[p.base_id] = max_at_base - p.base_interns_current
    quota: dict[uuid.UUID, dict[uuid.UUID, int]] = defaultdict(dict)
    quota_left: dict[uuid.UUID, int] = {}
    for (school, pid), n in sorted(demand_of.items()):
        if pid not in by_id:
            continue
        p = by_id[pid]
        covering = _covering(agreements, school, p.enterprise_org, p.starts_on)
        if covering is None:
            free[pid] = (0, SeatLimit.NOT_BOOKABLE)
            continue
        quota[covering.id][pid] = n
        quota_left[covering.id] = covering.remaining
    pools = [SeatPool(SeatLimit.BASE_CAP, base_left[b], at_base[b]) for b in sorted(at_base)]
    pools += [SeatPool(SeatLimit.QUOTA, quota_left[a], quota[a]) for a in sorted(quota)]
    return {pid: (seats, limit.value) for pid, (seats, limit) in offered_seats(free, pools).items()}


async def reopen_round(round_id: uuid.UUID, principal: Principal, *, uow: UowFactory) -> Round:
    """Back to open (from closed or computed): the inputs may change again, the next close decides the offered
    seats afresh; runs made so far are kept."""
    policy.manager(principal, "school")
    async with uow() as u:
        repo = RoundRepository(u.session)
        rnd = await _school_round(repo, round_id, principal, lock="update", owner=True)
        rnd.reopen()
        await repo.thaw_positions(round_id)
        await repo.save(rnd)
        await u.commit()
    return rnd


# ---- compute


def round_inputs(rnd: Round, positions: Sequence[RoundPosition], students: Sequence[RoundStudent]) -> dict:
    """The frozen inputs as stored with a run (JSON), sorted so equal inputs give equal documents. A ranked
    student who has left the round is dropped from the ranking (and a group left empty with them)."""
    members = {student_key(s.school_org, s.student_ref) for s in students}

    def ranking(stored):
        if stored is None:
            return None
        groups = [[k for k in (student_key(*entry) for entry in group) if k in members] for group in stored]
        return [sorted(g) for g in groups if g]

    return {
        "seed": rnd.seed,
        "students": sorted(
            [
                student_key(s.school_org, s.student_ref),
                [str(p) for p in s.preferences],
                sorted(s.profile.get("competencies", [])),
            ]
            for s in students
        ),
        "positions": sorted(
            [str(p.position_id), p.offered_seats or 0, sorted(p.tags or []), ranking(p.ranking)] for p in positions
        ),
    }


def instance_of(inputs: dict) -> allocation.Instance:
    return allocation.Instance(
        students=tuple(allocation.Student(sid, tuple(prefs), frozenset(c)) for sid, prefs, c in inputs["students"]),
        positions=tuple(
            allocation.Position(pid, seats, frozenset(tags), None if r is None else tuple(map(tuple, r)))
            for pid, seats, tags, r in inputs["positions"]
        ),
        seed=inputs["seed"],
    )


@dataclass(frozen=True)
class _Computed:
    input_hash: str
    algorithm_version: str
    inputs_json: str
    rows_json: str  # the matches with their explanations
    students: int
    matched: int
    violations: list[str]


def _standing(s: allocation.Standing | None) -> dict | None:
    return None if s is None else {"group": s.group, "shared_tags": s.shared_tags}


def rejection_json(r: allocation.Rejection) -> dict:
    return {
        "position_id": r.position_id,
        "reason": r.reason.value,
        "seats": r.seats,
        "position_tags": r.position_tags,
        "you": _standing(r.you),
        "cutoff": _standing(r.cutoff),
        "lost_on_draw": r.lost_on_draw,
        "text": r.describe(),
    }


def _compute(rnd: Round, positions: Sequence[RoundPosition], students: Sequence[RoundStudent]) -> _Computed:
    """The CPU-bound part, run off the event loop: lay out the inputs, allocate, verify independently, explain,
    and serialise what is stored."""
    inputs = round_inputs(rnd, positions, students)
    instance = instance_of(inputs)
    result = allocation.allocate(instance)
    violations = allocation.check_stable(instance, result.matches)
    explanations = result.explanations()
    rows, matched = [], 0
    for sid, pid in result.matches.items():
        school, ref = split_student_key(sid)
        choice = None
        if pid is not None:
            matched += 1
            choice = result.preferences(sid).index(pid) + 1
        rows.append(
            {
                "school_org": school,
                "student_ref": ref,
                "position_id": pid,
                "choice": choice,
                "explanation": [rejection_json(r) for r in explanations[sid]],
            }
        )
    return _Computed(
        allocation.input_hash(instance),
        result.algorithm_version,
        json.dumps(inputs),
        json.dumps(rows),
        len(instance.students),
        matched,
        violations,
    )


@bulk_step
async def compute_round(round_id: uuid.UUID, principal: Principal, *, uow: UowFactory, clock: Clock = utc_clock) -> Run:
    """Run the allocation on the frozen inputs and store the run: its input hash, the algorithm version, the seed,
    the matches and the explanations. Every result is re-verified by the independent stability checker; a
    failure is a bug, logged and answered 500, and nothing is stored."""
    policy.manager(principal, "school")
    async with uow() as u:
        repo = RoundRepository(u.session)
        rnd = await _school_round(repo, round_id, principal, lock="update", owner=True)
        rnd.require_computable()
        positions, students = await repo.positions(round_id), await repo.students(round_id)
        computed = await asyncio.to_thread(_compute, rnd, positions, students)
        if computed.violations:
            log.error(
                "allocation failed its stability check",
                extra={
                    "round_id": str(round_id),
                    "input_hash": computed.input_hash,
                    "violations": computed.violations[:20],
                },
            )
            raise UnstableAllocation(
                f"the computed matching broke {len(computed.violations)} stability rule(s); nothing was stored "
                "(a bug: see the server log)"
            )
        now = clock()
        run = Run(
            id=uuid.uuid4(),
            round_id=round_id,
            seq=await repo.next_seq(round_id),
            input_hash=computed.input_hash,
            algorithm_version=computed.algorithm_version,
            seed=rnd.seed,
            computed_at=now,
            computed_by=principal.sub,
            students=computed.students,
            matched=computed.matched,
        )
        await repo.add_run(run, computed.inputs_json, computed.rows_json)
        rnd.computed(run.id, now=now)
        await repo.save(rnd)
        await u.commit()
    return run


async def list_runs(
    round_id: uuid.UUID,
    principal: Principal,
    *,
    uow: UowFactory,
    page_size: int = pages.DEFAULT_PAGE_SIZE,
    page_token: str | None = None,
) -> tuple[Round, list[Run], str | None]:
    """A page of the round's runs, oldest first."""
    after = pages.decode_page_token(page_token, int)[0] if page_token else None
    async with uow() as u:
        repo = RoundRepository(u.session)
        rnd = await repo.get(round_id)
        if await _party(repo, rnd, principal) != "school":
            raise Forbidden("runs are the schools' working material; enterprises see the published result")
        found = await repo.runs(round_id, after=after, limit=page_size + 1)
    page, token = pages.next_page(found, page_size, lambda r: (r.seq,))
    return rnd, [shown(principal, r) for r in page], token


# ---- results


@bulk_step
async def get_result(
    round_id: uuid.UUID,
    principal: Principal,
    *,
    uow: UowFactory,
    run_id: uuid.UUID | None = None,
    page_size: int = 500,
    page_token: str | None = None,
) -> Result:
    """A run's result as the caller may see it: a school, its own students' matches with explanations (any run,
    the latest by default); a student, their own; an enterprise, the students matched to its positions, once
    the round is published (the published run only)."""
    after = pages.decode_page_token(page_token, str, str) if page_token else None
    async with uow() as u:
        repo = RoundRepository(u.session)
        rnd = await repo.get(round_id)
        side = await _party(repo, rnd, principal)
        if side == "enterprise":
            if rnd.published_run_id is None:
                raise Conflict("enterprises see the result once the round is published")
            if run_id is not None and run_id != rnd.published_run_id:
                raise NotFound("no such run")
            run_id = rnd.published_run_id
        run_id = run_id or rnd.latest_run_id
        if run_id is None:
            raise RoundNotComputed("the round has not been computed yet")
        run = await repo.run(round_id, run_id)
        if run is None:
            raise NotFound("no such run")
        if side == "school":
            own = policy.own_student_ref(principal)
            matches = await repo.matches(run, school=principal.org, student_ref=own, after=after, limit=page_size + 1)
            positions = await repo.positions(round_id, visible_to_school=principal.org, with_ranking=False)
        else:
            matches = await repo.matches(run, enterprise=principal.org, after=after, limit=page_size + 1)
            positions = await repo.positions(round_id, enterprise=principal.org, with_ranking=False)
        filled = await repo.filled(run.id)
    matches, token = pages.next_page(matches, page_size, lambda m: (m.school_org, m.student_ref))
    if side != "school":  # explanations are the schools' and students' only (see the module's docstring)
        matches = [replace(m, explanation=None) for m in matches]
    return Result(
        round=shown(principal, rnd),
        run=shown(principal, run),
        published=run.id == rnd.published_run_id,
        matches=matches,
        positions=[PositionFill(p, filled.get(p.position_id, 0)) for p in positions],
        next_page_token=token,
    )


@bulk_step
async def compare_runs(
    round_id: uuid.UUID,
    run_a: uuid.UUID,
    run_b: uuid.UUID,
    principal: Principal,
    *,
    uow: UowFactory,
    page_size: int = pages.DEFAULT_PAGE_SIZE,
    page_token: str | None = None,
) -> tuple[Run, Run, list[allocation.Move], str | None]:
    """Who moved from run a to run b, and why, for the caller school's students: a page of them, by student.
    Both runs are recomputed from their stored inputs (the same inputs give the same matching); runs of an older
    algorithm version are compared by their stored matches."""
    if page_token:
        pages.decode_page_token(page_token, str)  # refused before the work
    async with uow() as u:
        repo = RoundRepository(u.session)
        rnd = await repo.get(round_id)
        if await _party(repo, rnd, principal) != "school":
            raise Forbidden("runs are the schools' working material; enterprises see the published result")
        runs = [await repo.run(round_id, r) for r in (run_a, run_b)]
        if None in runs:
            raise NotFound("no such run")
        a, b = runs
        own = policy.own_student_ref(principal)
        if all(r.algorithm_version == allocation.ALGORITHM_VERSION for r in runs):
            inputs = [await repo.run_inputs(r.id) for r in runs]
        else:
            inputs = None
            stored = [await repo.matches(r, school=principal.org, student_ref=own) for r in runs]
    if inputs is not None:
        moves = await asyncio.to_thread(_compare, *inputs)
    else:
        before = {(m.school_org, m.student_ref): m.position_id for m in stored[0]}
        after = {(m.school_org, m.student_ref): m.position_id for m in stored[1]}
        moves = [
            allocation.Move(
                student_key(*k),
                None if before.get(k) is None else str(before[k]),
                None if after.get(k) is None else str(after[k]),
                "computed by another algorithm version",
            )
            for k in sorted(before.keys() | after.keys())
            if before.get(k) != after.get(k)
        ]
    page, token = await asyncio.to_thread(_moves_page, moves, principal.org, own, page_size, page_token)
    return shown(principal, a), shown(principal, b), page, token


def _moves_page(
    moves: list[allocation.Move], school: str, own: str | None, page_size: int, page_token: str | None
) -> tuple[list[allocation.Move], str | None]:
    """The school's students' moves (a signed-in student's own), by student: one page of them."""
    mine = []
    for m in moves:
        m_school, m_ref = split_student_key(m.student_id)
        if m_school == school and own in (None, m_ref):
            mine.append(m)
    mine.sort(key=lambda m: m.student_id)
    return pages.page_of(mine, page_size, page_token, lambda m: (m.student_id,), str)


def _compare(inputs_a: dict, inputs_b: dict) -> list[allocation.Move]:
    return allocation.compare(allocation.allocate(instance_of(inputs_a)), allocation.allocate(instance_of(inputs_b)))


# ---- publish


@bulk_step
async def publish_round(
    round_id: uuid.UUID,
    principal: Principal,
    *,
    uow: UowFactory,
    clock: Clock = utc_clock,
    hold: timedelta = DEFAULT_HOLD,
    compliance: CompliancePolicy = CompliancePolicy.CN_VOCATIONAL_2021,
) -> Published:
    """Turn the latest run's matches into placements, all in one transaction or none, through the booking path:
    the same compliance checks and caps, and the same `book_placement` database function per placement (seat,
    intern counters, quota, overlap, placement and events). Placements are `requested` (the enterprise confirms
    within `hold`) or `confirmed`, as the round says. When any match can no longer be booked (a seat taken since
    closing, a quota used, the student placed elsewhere meanwhile, a term over…) nothing is created and the
    answer (409 round-publish-refused) lists each one; the owner can reopen, close (deciding the seats afresh)
    and compute again."""
    policy.manager(principal, "school")
    async with uow() as u:
        repo = RoundRepository(u.session)
        rnd = await _school_round(repo, round_id, principal, lock="update", owner=True)
        rnd.require_publishable()
        run = await repo.run(round_id, rnd.latest_run_id)
        matches = await repo.matches(run, matched_only=True, with_explanation=False)
        position_ids = sorted({m.position_id for m in matches})
        positions = {p.position_id: p for p in await repo.positions(round_id, ids=position_ids, with_ranking=False)}
        agreements = await repo.active_agreements(
            sorted({m.school_org for m in matches}), sorted({p.enterprise_org for p in positions.values()})
        )
        students = await repo.students(round_id, with_preferences=False)
        now = clock()
        # Building and checking tens of thousands of placements, and their events, is CPU work: a worker thread
        # does it while the event loop serves other requests (the unit of work is not touched meanwhile).
        bookings, refusals = await asyncio.to_thread(
            _bookings, rnd, matches, positions, students, agreements, compliance, now, hold
        )
        if refusals:
            raise _publish_refused(refusals)

        await repo.lock_for_booking(
            [pl.school_org for pl, _ in bookings],
            [p.position_id for _, p in bookings],
            [p.base_id for _, p in bookings],
            [pl.agreement_id for pl, _ in bookings],
        )
        batch = await asyncio.to_thread(_booking_batch, bookings, u, compliance)
        try:
            outcomes = await PlacementRepository(u.session).book_many(batch, today=now.date())
        except DBAPIError as exc:
            if getattr(exc.orig, "sqlstate", None) == "53200":  # out of shared memory: the lock table is full
                raise Unavailable(
                    f"publishing {len(batch)} placements in one transaction needs more lock slots than the database "
                    "has; raise max_locks_per_transaction"
                ) from exc
            raise
        for (placement, _), (refusal, _, _) in zip(bookings, outcomes, strict=True):
            if refusal is not None:
                refusals.append(_refused_placement(placement, refusal, _BOOKING_REFUSALS.get(refusal, refusal)))
        if refusals:
            raise _publish_refused(refusals)

        by_position = Counter(p.position_id for _, p in bookings)
        rnd.publish(
            run_id=run.id,
            input_hash=run.input_hash,
            algorithm_version=run.algorithm_version,
            students=run.students,
            placements=len(bookings),
            now=now,
        )
        await repo.save(rnd)
        u.emit(*(integration_event(e) for e in rnd.pull_events()))
        await u.commit()
    return Published(rnd, run, len(bookings), dict(by_position))


def _bookings(
    rnd: Round,
    matches: Sequence[Match],
    positions: dict[uuid.UUID, RoundPosition],
    students: Sequence[RoundStudent],
    agreements: Sequence[CoveringAgreement],
    compliance: CompliancePolicy,
    now: datetime,
    hold: timedelta,
) -> tuple[list[tuple[Placement, RoundPosition]], list[dict]]:
    """The placement each match books, or why it cannot."""
    by_key = {(s.school_org, s.student_ref): s for s in students}
    refusals: list[dict] = []
    bookings: list[tuple[Placement, RoundPosition]] = []
    for m in matches:
        p, s = positions[m.position_id], by_key.get((m.school_org, m.student_ref))
        refusal = _refusal_before_booking(p, s, m, agreements, compliance, now.date())
        if refusal is not None:
            refusals.append(_refused(m, refusal[0], refusal[1]))
            continue
        placement = Placement.request(
            position_id=p.position_id,
            agreement_id=_covering(agreements, m.school_org, p.enterprise_org, p.starts_on).id,
            school_org=m.school_org,
            enterprise_org=p.enterprise_org,
            student_ref=m.student_ref,
            profile=s.profile,
            starts_on=p.starts_on,
            ends_on=p.ends_on,
            now=now,
            hold=hold,
            student_birth_date=s.birth_date,
            study_year=s.study_year,
        )
        if rnd.publish_as is PublishAs.CONFIRMED:
            placement.apply("confirm", Party.ENTERPRISE, now=now)
        bookings.append((placement, p))
    return bookings, refusals


def _booking_batch(bookings: list[tuple[Placement, RoundPosition]], u, compliance: CompliancePolicy) -> list[tuple]:
    """Each placement with its outbox rows and intern caps, as `book_many` takes them."""
    batch = []
    for placement, p in bookings:
        u.emit(*(integration_event(e, position_competencies=p.competencies) for e in placement.pull_events()))
        caps = intern_caps(compliance, enterprise_staff=p.base_staff, post_staff=p.post_staff)
        batch.append((placement, u.outbox_rows(), *caps))
    return batch


_BOOKING_REFUSALS = {
    "seats-exhausted": "no seat left: a seat was taken since the round closed, or the position was closed",
    "quota-exhausted": "the agreement's intern quota was used since the round closed",
    "agreement-not-active": "the agreement covering the position was terminated or expired since the round closed",
    "overlapping-placement": "the student holds another placement overlapping the term",
    "intern-cap": "the compliance policy's intern ratio cap is reached at the base or in the post",
}


def _refusal_before_booking(
    p: RoundPosition,
    s: RoundStudent | None,
    m: Match,
    agreements: Sequence[CoveringAgreement],
    compliance: CompliancePolicy,
    today: date,
) -> tuple[str, str] | None:
    """The checks booking makes before its statement, for one match; (slug, why) when it cannot be booked."""
    if s is None:
        return "student-left", "the student is no longer in the round"
    if p.status != PositionStatus.PUBLISHED.value:
        return "seats-exhausted", f"the position is {p.status}"
    if p.ends_on < today:
        return "term-ended", f"the position's term ended on {p.ends_on.isoformat()}"
    if _covering(agreements, m.school_org, p.enterprise_org, p.starts_on) is None:
        return "no-agreement-for-term", f"no active agreement with {p.enterprise_org} covers {p.starts_on.isoformat()}"
    try:
        check_booking(
            compliance,
            enterprise_interns_after=1,
            post_interns_after=1,
            student_birth_date=s.birth_date,
            study_year=s.study_year,
            **_position_figures(p),
        )
    except ComplianceViolation as exc:
        return "compliance-violation", exc.detail
    return None


def _refused(m: Match, code: str, why: str) -> dict:
    return {
        "position_id": str(m.position_id),
        "school_org": m.school_org,
        "student_ref": m.student_ref,
        "refusal": code,
        "detail": why,
    }


def _refused_placement(p: Placement, code: str, why: str) -> dict:
    return {
        "position_id": str(p.position_id),
        "school_org": p.school_org,
        "student_ref": p.student_ref,
        "refusal": code,
        "detail": why,
    }


def _publish_refused(refusals: list[dict]) -> PublishRefused:
    positions = sorted({r["position_id"] for r in refusals})
    kinds = ", ".join(sorted({r["refusal"] for r in refusals}))
    return PublishRefused(
        f"nothing was published: {len(refusals)} match(es) at {len(positions)} position(s) cannot be booked "
        f"({kinds}): {', '.join(positions)}. Reopen the round, close it again to decide the seats afresh, "
        "and compute again.",
        refusals=refusals,
        positions=positions,
    )
