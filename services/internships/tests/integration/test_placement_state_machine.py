"""A hypothesis state machine over the REAL placement handlers on a real, migrated PostgreSQL.

Each example sets up one active agreement (small intern quota) and one or two published positions with
few seats, then interleaves bookings (a small pool of students, so overlaps and full positions are hit)
with every transition, consent recording and hold expiry, applied by a randomly chosen party: the school,
the enterprise, a school user without a managing role, another school, another enterprise, and an
enterprise named like the school. A plain model (written from the issue, not from the domain's TRANSITIONS
table) says what each call should do. The default (CN) compliance policy is in force; the positions declare
figures that pass its ratio and pay rules, so of it only the consents needed before the start are in play.

After every step the database must agree: seats_taken of each position and interns_placed of the
agreement equal the number of seat-holding placements (requested, confirmed, active, completed,
terminated), the current-intern counters of positions and base equal the requested, confirmed and active
ones, the quota is never exceeded, every status is a known one with the timestamps of the way there,
no student holds two overlapping requested/confirmed/active placements, and each placement's outbox events
are exactly its successful transitions. A call the model calls illegal must raise the expected error and
change nothing; its REST problem (through the edge's own mapping) is 409 for IllegalTransition and the
booking conflicts, 403 / 404 for a wrong or foreign party, 422 for a start without the consents.

Hypothesis's explain phase is off: it replays many variants of a failure on the database (minutes), while
shrinking alone prints the minimal sequence in well under a minute.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, Phase, settings
from hypothesis.stateful import run_state_machine_as_test
from internships_placement_machine import PlacementMachine
from starlette.requests import Request

from internships.domain.placements import CompletionBeforeEnd, IllegalTransition
from internships.handlers.placements import OverlappingPlacement, QuotaExhausted, SeatsExhausted
from internships.main import MIGRATIONS
from praxis_common import problems
from praxis_common.errors import Forbidden, NotFound

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def database_url(database_factory):
    url = database_factory("internships_placement_sm", migrated=MIGRATIONS)
    return url


@pytest.mark.timeout(600)  # passing takes under half a minute; shrinking a failure may take a few
def test_no_sequence_of_placement_transitions_breaks_seats_quota_or_states(database_url):
    machine = type("Machine", (PlacementMachine,), {"database_url": database_url})
    run_state_machine_as_test(
        machine,
        settings=settings(
            max_examples=40,
            stateful_step_count=30,
            deadline=None,
            database=None,  # no .hypothesis/ directory in the repository
            phases=[phase for phase in Phase if phase is not Phase.explain],
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        ),
    )


def test_every_refusal_of_the_state_machine_maps_to_its_problem_status():
    """The exception classes the machine above expects map to the statuses it asserts, via the edge's table."""
    request = Request({"type": "http", "method": "POST", "path": "/v1/placements/x/start", "headers": []})
    for exc, status in [
        (IllegalTransition("cannot start a placement that is requested"), 409),
        (SeatsExhausted("all 2 seats of this position are taken"), 409),
        (QuotaExhausted("the agreement's intern quota is used up"), 409),
        (OverlappingPlacement("the student already holds a placement"), 409),
        (CompletionBeforeEnd("the placement ends on 2030-04-29; completing it now needs force"), 409),
        (Forbidden("only the enterprise may confirm a placement"), 403),
        (NotFound("no such placement"), 404),
    ]:
        problem = problems.of(exc, request.url.path)
        assert problem.status == status == problems.status_of(exc)
        body = problem.to_json()
        assert body["type"] == f"urn:praxis:problem:{exc.code}" and body["detail"] == exc.detail
    body = problems.of(IllegalTransition("cannot start a placement that is requested"), request.url.path).to_json()
    assert body == {
        "type": "urn:praxis:problem:illegal-transition",
        "title": "Not possible in the placement's current state",
        "status": 409,
        "detail": "cannot start a placement that is requested",
        "instance": "/v1/placements/x/start",
    }
