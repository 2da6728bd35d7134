"""A round's students and their ranked lists, by their school (or the student)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from internships import policy
from internships.domain import booking
from internships.domain.compliance import CompliancePolicy
from internships.domain.round_views import RoundPosition, RoundStudent
from internships.domain.rounds import (
    MAX_ROUND_STUDENTS,
    RoundFull,
    check_preferences,
)
from internships.handlers.rounds.access import StudentEntry, party, school_round
from praxis_common import pages
from praxis_common.auth import Principal
from praxis_common.bulk import bulk_step
from praxis_common.errors import (
    FieldError,
    Forbidden,
    InvalidInput,
    NotFound,
    capped,
)
from praxis_common.uow import Clock, UowFactory, utc_clock


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
        repo = u.rounds
        rnd = await school_round(repo, round_id, principal, lock="share")
        rnd.require_open()
        if entries:
            await u.round_students.upsert_students(
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
        if await u.round_students.student_count(round_id) > MAX_ROUND_STUDENTS:
            raise RoundFull(f"the round would hold more than {MAX_ROUND_STUDENTS} students; nothing was added")
        stored = await u.round_students.students(round_id, school=principal.org, refs=refs)
        await u.commit()
    return stored


async def remove_student(round_id: uuid.UUID, student_ref: str, principal: Principal, *, uow: UowFactory) -> None:
    policy.manager(principal, "school")
    async with uow() as u:
        repo = u.rounds
        rnd = await school_round(repo, round_id, principal, lock="share")
        rnd.require_open()
        if not await u.round_students.remove_student(round_id, principal.org, student_ref):
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
        repo = u.rounds
        if await party(repo, await repo.get(round_id), principal) != "school":
            raise Forbidden("the round's students are listed to their schools; enterprises see their applicants")
        own = policy.own_student_ref(principal)
        found = await u.round_students.students(
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
        repo = u.rounds
        rnd = await school_round(repo, round_id, principal, lock="share")
        rnd.require_open()
        found = await u.round_students.students(round_id, school=principal.org, refs=[student_ref])
        if not found:
            raise NotFound("no such student in the round")
        student = found[0]
        listed = await repo.positions(
            round_id, ids=list(set(positions)), visible_to_school=principal.org, with_ranking=False
        )
        by_id = {p.position_id: p for p in listed}
        check_preferences([str(p) for p in positions], in_round={str(p) for p in by_id}, limit=rnd.list_limit)
        agreements = booking.AgreementIndex(
            await repo.active_agreements([principal.org], sorted({p.enterprise_org for p in listed}))
        )
        today, errors = clock().date(), []
        for i, pid in enumerate(positions):
            p = by_id[pid]
            refusal = booking.refusal_before_booking(
                compliance,
                p,
                base_staff=p.base_staff,
                agreement_found=agreements.covering(principal.org, p.enterprise_org, p.starts_on) is not None,
                student=booking.Student(student.birth_date, student.study_year),
                today=today,
            )
            if refusal is not None:
                errors.append(FieldError(f"positions.{i}", _why_not(pid, p, refusal)))
        if errors:
            raise InvalidInput("the ranked list names positions this student cannot take", errors=errors)
        updated = await u.round_students.set_preferences(round_id, principal.org, student_ref, list(positions), clock())
        if updated is None:  # taken out of the round meanwhile
            raise NotFound("no such student in the round")
        await u.commit()
    return updated


def _why_not(pid: uuid.UUID, p: RoundPosition, refusal: booking.Refusal) -> str:
    """A ranked list's error for a position the student cannot book."""
    if refusal.code == booking.SEATS_EXHAUSTED:
        return f"position {pid} is {p.status}"
    if refusal.code == booking.TERM_ENDED:
        return f"position {pid}: its term ended on {p.ends_on.isoformat()}"
    if refusal.code == booking.NO_AGREEMENT_FOR_TERM:
        return f"position {pid}: no active agreement of yours covers its start {p.starts_on}"
    return f"position {pid}: " + "; ".join(e.message for e in refusal.violation.errors)
