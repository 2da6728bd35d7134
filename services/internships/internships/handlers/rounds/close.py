"""Closing a round: freeze its inputs and decide each position's offered seats within the booking caps."""

from __future__ import annotations

import asyncio
import uuid
from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import date

from internships import policy
from internships.domain import booking
from internships.domain.compliance import CompliancePolicy
from internships.domain.round_views import CoveringAgreement, RoundPosition, RoundStudent
from internships.domain.rounds import (
    Round,
    SeatLimit,
    SeatPool,
    offered_seats,
)
from internships.handlers.rounds.access import school_round
from praxis_common.auth import Principal
from praxis_common.bulk import bulk_step
from praxis_common.uow import Clock, UowFactory, utc_clock


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
        repo = u.rounds
        rnd = await school_round(repo, round_id, principal, lock="update", owner=True)
        now = clock()
        rnd.close(now=now)
        positions = await repo.positions(round_id, with_ranking=False)
        students = await u.round_students.students(round_id, with_profiles=False)
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
    covering the position's start (domain.rounds.offered_seats; the caps and the agreement: domain.booking). A position that is closed, whose term is over,
    or that a school's students list without an agreement covering it any more, offers none."""
    demand: Counter[uuid.UUID] = Counter()
    demand_of: Counter[tuple[str, uuid.UUID]] = Counter()
    for s in students:
        for pid in s.preferences:
            demand[pid] += 1
            demand_of[(s.school_org, pid)] += 1
    by_id = {p.position_id: p for p in positions}
    index = booking.AgreementIndex(agreements)
    free: dict[uuid.UUID, tuple[int, SeatLimit]] = {}
    at_base: dict[uuid.UUID, dict[uuid.UUID, int]] = defaultdict(dict)
    base_left: dict[uuid.UUID, int] = {}
    for p in positions:
        if not booking.open_for_booking(p, today):
            free[p.position_id] = (0, SeatLimit.NOT_BOOKABLE)
            continue
        max_at_base, max_in_post = booking.caps(compliance, base_staff=p.base_staff, post_staff=p.post_staff)
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
        agreement = index.covering(school, p.enterprise_org, p.starts_on)
        if agreement is None:
            free[pid] = (0, SeatLimit.NOT_BOOKABLE)
            continue
        quota[agreement.id][pid] = n
        quota_left[agreement.id] = agreement.remaining
    pools = [SeatPool(SeatLimit.BASE_CAP, base_left[b], at_base[b]) for b in sorted(at_base)]
    pools += [SeatPool(SeatLimit.QUOTA, quota_left[a], quota[a]) for a in sorted(quota)]
    return {pid: (seats, limit.value) for pid, (seats, limit) in offered_seats(free, pools).items()}
