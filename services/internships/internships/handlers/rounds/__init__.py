"""Allocation round use cases: create a round, fill it (positions, students, preferences, rankings), close it,
compute it (a stored, reproducible run), read and compare results, and publish it as placements. A module per
concern: access (who may see what; commands and views), lifecycle, positions (and rankings), students (and their
lists), close, compute, results, publish. The booking rules they apply are domain/booking.py's.

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

from internships.handlers.rounds.access import (
    DEFAULT_HOLD,
    DEFAULT_LIST_LIMIT,
    CreateRound,
    NoActiveAgreement,
    Published,
    Result,
    RoundPositionFill,
    RoundView,
    StudentEntry,
    sees_seed,
    shown,
)
from internships.handlers.rounds.close import close_round, decide_offered_seats
from internships.handlers.rounds.compute import compute_round, list_runs, round_inputs
from internships.handlers.rounds.lifecycle import (
    accept_round,
    create_round,
    decline_round,
    get_round,
    list_invitations,
    list_rounds,
    reopen_round,
)
from internships.handlers.rounds.positions import (
    Applicant,
    add_position,
    list_applicants,
    list_positions,
    remove_position,
    set_ranking,
)
from internships.handlers.rounds.publish import publish_round
from internships.handlers.rounds.results import compare_runs, get_result
from internships.handlers.rounds.students import add_students, list_students, remove_student, set_preferences

__all__ = [
    "Applicant",
    "CreateRound",
    "DEFAULT_HOLD",
    "DEFAULT_LIST_LIMIT",
    "NoActiveAgreement",
    "RoundPositionFill",
    "Published",
    "Result",
    "RoundView",
    "StudentEntry",
    "accept_round",
    "add_position",
    "add_students",
    "close_round",
    "compare_runs",
    "compute_round",
    "create_round",
    "decide_offered_seats",
    "decline_round",
    "get_result",
    "get_round",
    "list_applicants",
    "list_invitations",
    "list_positions",
    "list_rounds",
    "list_runs",
    "list_students",
    "publish_round",
    "remove_position",
    "remove_student",
    "reopen_round",
    "round_inputs",
    "sees_seed",
    "set_preferences",
    "set_ranking",
    "shown",
]
