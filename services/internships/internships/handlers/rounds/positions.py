"""A round's positions: schools add and remove them, enterprises see their applicants and rank them."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, replace

from internships import policy
from internships.domain import booking
from internships.domain.compliance import CompliancePolicy
from internships.domain.positions import PositionStatus
from internships.domain.round_views import RoundPosition, RoundStudent
from internships.domain.rounds import (
    Round,
    check_ranking,
    split_student_key,
    student_key,
)
from internships.handlers.rounds.access import party, school_round
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
)
from praxis_common.uow import Clock, UowFactory, utc_clock


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
        repo = u.rounds
        rnd = await school_round(repo, round_id, principal, lock="share")
        rnd.require_open()
        target = await u.placements.booking_target(position_id, principal.org)
        if target is None or not target.visible or target.position.status is not PositionStatus.PUBLISHED:
            raise NotFound("no such position")
        position = target.position
        if rnd.enterprise_org is not None and position.enterprise_org != rnd.enterprise_org:
            raise InvalidInput(
                "the round is an order class of another enterprise",
                errors=[FieldError("position_id", f"only positions of {rnd.enterprise_org} can join this round")],
            )
        # The position's own figures (headcounts, pay) must pass; the student's (age, year) are checked per list.
        booking.check_before_booking(
            compliance,
            position,
            base_staff=target.base_staff,
            agreement_found=target.agreement_id is not None,
            student=booking.Student(),
            today=clock().date(),
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
        repo = u.rounds
        rnd = await school_round(repo, round_id, principal, lock="share")
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
        repo = u.rounds
        side = await party(repo, await repo.get(round_id), principal)
        whose = {"visible_to_school": principal.org} if side == "school" else {"enterprise": principal.org}
        found = await repo.positions(
            round_id, **whose, with_applicants=True, with_ranking=False, after=after, limit=page_size + 1
        )
    items, token = pages.next_page(found, page_size, lambda p: (p.position_id,))
    return side, items, token


async def _enterprise_position(
    repo, round_id: uuid.UUID, position_id: uuid.UUID, principal: Principal, *, lock: str | None
) -> tuple[Round, RoundPosition]:
    rnd = await repo.get(round_id, lock=lock)
    if rnd is None or principal.org_kind != "enterprise":
        raise NotFound("no such round")
    found = await repo.positions(round_id, ids=[position_id], enterprise=principal.org, with_applicants=True)
    if not found:
        await party(repo, rnd, principal)  # 404 for the round when the enterprise has no part in it
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
        repo = u.rounds
        _, position = await _enterprise_position(repo, round_id, position_id, principal, lock=None)
        found = await u.round_students.students(round_id, applicants_of=position_id, after=after, limit=page_size + 1)
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
        repo = u.rounds
        rnd, _ = await _enterprise_position(repo, round_id, position_id, principal, lock="share")
        rnd.require_open()
        stored = None
        if groups is not None:
            # A ranking may name 50,000 students: the database says which did not apply, and the checking runs
            # in a worker thread.
            ranked = [key for group in groups for key in group]
            outsiders = await u.round_students.not_applicants(round_id, position_id, ranked, first=MAX_FIELD_ERRORS + 1)
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
