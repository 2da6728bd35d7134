"""The placement state machine's time rules, without a database (the full machine is tested against
PostgreSQL in tests/integration/test_placement_state_machine.py)."""

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest

from internships.domain.placements import IllegalTransition, Party, Placement, PlacementStatus

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
