"""Publishing a round: the latest run's matches become placements through the booking rules, all or none."""

from __future__ import annotations

import asyncio
import uuid
from collections import Counter
from collections.abc import Sequence
from datetime import date, datetime, timedelta

from internships import policy
from internships.domain import booking
from internships.domain.compliance import CompliancePolicy
from internships.domain.placements import Party, Placement
from internships.domain.round_views import CoveringAgreement, Match, RoundPosition, RoundStudent
from internships.domain.rounds import (
    PublishAs,
    PublishRefused,
    Round,
)
from internships.handlers.rounds.access import DEFAULT_HOLD, Published, school_round
from internships.outgoing import integration_event
from praxis_common.auth import Principal
from praxis_common.bulk import bulk_step
from praxis_common.uow import Clock, UowFactory, utc_clock


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
    """Turn the latest run's matches into placements, all in one transaction or none, through the booking rules:
    the same compliance checks and caps, and the same atomic step decided for every placement in order on locked
    rows (domain.booking.decide_statements: seat, intern counters, quota, overlap), then written set-based (each
    counter row once, the placements and their events by COPY). Placements are `requested` (the enterprise confirms
    within `hold`) or `confirmed`, as the round says. When any match can no longer be booked (a seat taken since
    closing, a quota used, the student placed elsewhere meanwhile, a term over…) nothing is created and the
    answer (409 round-publish-refused) lists each one; the owner can reopen, close (deciding the seats afresh)
    and compute again."""
    policy.manager(principal, "school")
    async with uow() as u:
        repo = u.rounds
        rnd = await school_round(repo, round_id, principal, lock="update", owner=True)
        rnd.require_publishable()
        run = await u.runs.run(round_id, rnd.latest_run_id)
        matches = await u.runs.matches(run, matched_only=True, with_profiles=False)  # the students' are read below
        position_ids = sorted({m.position_id for m in matches})
        positions = {p.position_id: p for p in await repo.positions(round_id, ids=position_ids, with_ranking=False)}
        agreements = await repo.active_agreements(
            sorted({m.school_org for m in matches}), sorted({p.enterprise_org for p in positions.values()})
        )
        students = await u.round_students.students(round_id, with_preferences=False)
        now = clock()
        # Building and checking tens of thousands of placements, and their events, is CPU work: a worker thread
        # does it while the event loop serves other requests (the unit of work is not touched meanwhile).
        bookings, refusals = await asyncio.to_thread(
            _bookings, rnd, matches, positions, students, booking.AgreementIndex(agreements), compliance, now, hold
        )
        if refusals:
            raise _publish_refused(refusals)

        await u.placements.lock_for_booking(
            [pl.school_org for pl, _ in bookings],
            [p.position_id for _, p in bookings],
            [p.base_id for _, p in bookings],
            [pl.agreement_id for pl, _ in bookings],
        )
        batch = await asyncio.to_thread(_batch, bookings, compliance)
        # Their events are laid out in a worker thread while the database books (the unit's connection is not
        # touched there); the rows are awaited once the placements are written, and always before the unit closes.
        outbox_rows = asyncio.ensure_future(asyncio.to_thread(_outbox_rows, bookings, u))
        try:
            outcomes = await u.placements.book_batch(batch, outbox_rows, today=now.date())
        finally:  # the worker thread done before the unit closes; a refusal or a database error is what is raised
            await asyncio.wait([outbox_rows])
        for (placement, _), refusal in zip(bookings, outcomes, strict=True):
            if refusal is not None:
                refusals.append(_refused_placement(placement, refusal, booking.PUBLISH_REFUSALS.get(refusal, refusal)))
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
        u.track(rnd)
        await u.commit()
    return Published(rnd, run, len(bookings), dict(by_position))


def _bookings(
    rnd: Round,
    matches: Sequence[Match],
    positions: dict[uuid.UUID, RoundPosition],
    students: Sequence[RoundStudent],
    agreements: booking.AgreementIndex[CoveringAgreement],
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
            refusals.append(_refused(m, refusal.code, refusal.detail))
            continue
        placement = Placement.request(
            position_id=p.position_id,
            agreement_id=agreements.covering(m.school_org, p.enterprise_org, p.starts_on).id,
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


def _batch(bookings: list[tuple[Placement, RoundPosition]], compliance: CompliancePolicy) -> list[tuple]:
    """Each placement with its intern caps, as `book_batch` takes them."""
    return [
        (placement, *booking.caps(compliance, base_staff=p.base_staff, post_staff=p.post_staff))
        for placement, p in bookings
    ]


def _outbox_rows(bookings: list[tuple[Placement, RoundPosition]], u) -> list[dict]:
    """The placements' events as outbox rows, as `book_batch` takes them."""
    for placement, p in bookings:
        u.emit(*(integration_event(e, position_competencies=p.competencies) for e in placement.pull_events()))
    return u.outbox_rows()


def _refusal_before_booking(
    p: RoundPosition,
    s: RoundStudent | None,
    m: Match,
    agreements: booking.AgreementIndex[CoveringAgreement],
    compliance: CompliancePolicy,
    today: date,
) -> booking.Refusal | None:
    """What booking checks before its statement (domain.booking), for one match; and the student still in the
    round."""
    if s is None:
        return booking.Refusal("student-left", "the student is no longer in the round")
    return booking.refusal_before_booking(
        compliance,
        p,
        base_staff=p.base_staff,
        agreement_found=agreements.covering(m.school_org, p.enterprise_org, p.starts_on) is not None,
        student=booking.Student(s.birth_date, s.study_year),
        today=today,
    )


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
