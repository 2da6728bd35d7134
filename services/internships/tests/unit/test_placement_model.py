"""The placement state machine's time rules, without a database (the full machine is tested against
PostgreSQL in tests/integration/test_placement_state_machine.py)."""

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest

from internships.domain.placements import (
    CompletionBeforeEnd,
    IllegalTransition,
    Party,
    Placement,
    PlacementStatus,
)
from praxis_common.errors import InvalidInput

T0 = datetime(2030, 3, 1, 9, tzinfo=UTC)
HOLD = timedelta(hours=72)


def requested() -> Placement:
    return Placement.request(
        position_id=uuid.uuid4(),
        agreement_id=uuid.uuid4(),
        school_org="school",
        enterprise_org="enterprise",
        student_ref="s-1",
        profile={},
        starts_on=date(2030, 4, 1),
        ends_on=date(2030, 6, 30),
        now=T0,
        hold=HOLD,
    )


@pytest.mark.parametrize("action", ["confirm", "reject"])
def test_the_enterprise_answers_within_the_hold(action):
    p = requested()
    p.apply(
        action, Party.ENTERPRISE, now=T0 + HOLD - timedelta(seconds=1), reason="full" if action == "reject" else None
    )
    assert p.status in (PlacementStatus.CONFIRMED, PlacementStatus.REJECTED)


@pytest.mark.parametrize("action", ["confirm", "reject"])
def test_an_answer_after_the_hold_is_refused_even_before_the_sweep_expires_the_request(action):
    p = requested()
    with pytest.raises(IllegalTransition, match="lapsed"):
        p.apply(action, Party.ENTERPRISE, now=T0 + HOLD)
    assert p.status is PlacementStatus.REQUESTED and p.pull_events()[-1].kind == "requested"
    assert p.apply("expire", Party.CLOCK, now=T0 + HOLD) is True  # the sweep then gives the seat back
    assert p.status is PlacementStatus.EXPIRED


def active() -> Placement:
    p = requested()
    p.apply("confirm", Party.ENTERPRISE, now=T0)
    p.apply("start", Party.SCHOOL, now=datetime(2030, 4, 1, 9, tzinfo=UTC))
    return p


def test_completing_more_than_a_week_before_the_end_needs_force_with_a_reason():
    early = datetime(2030, 6, 22, 9, tzinfo=UTC)  # 8 days before 30 June
    p = active()
    with pytest.raises(CompletionBeforeEnd, match="2030-06-30"):
        p.apply("complete", Party.SCHOOL, now=early)
    with pytest.raises(InvalidInput, match="reason"):
        p.apply("complete", Party.SCHOOL, now=early, force=True)
    assert p.status is PlacementStatus.ACTIVE
    p.apply("complete", Party.SCHOOL, now=early, force=True, reason="the store closed")
    assert (p.status, p.forced, p.reason) == (PlacementStatus.COMPLETED, True, "the store closed")
    assert p.pull_events()[-1].kind == "completed"


def test_a_week_before_the_end_completes_without_force_and_is_not_flagged():
    p = active()
    p.apply("complete", Party.ENTERPRISE, now=datetime(2030, 6, 23, 9, tzinfo=UTC))  # 7 days before
    assert (p.status, p.forced) == (PlacementStatus.COMPLETED, False)


def test_force_is_for_completing_only():
    with pytest.raises(InvalidInput, match="force"):
        active().apply("terminate", Party.SCHOOL, now=T0 + timedelta(days=40), reason="moved", force=True)
