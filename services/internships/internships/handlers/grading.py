"""A placement's grade at completion, inside the use case that completes it (handlers/placements.apply_change): the
scorecard, the grade from it and the programme requirement (domain/grades.py), revision 1 and placement.graded in
the same transaction as the completion."""

from __future__ import annotations

import uuid
from datetime import datetime

from internships.domain.course import DEFAULT_PASS_MARK
from internships.domain.grades import Graded, PlacementGrade, at_completion
from internships.domain.placements import Placement
from internships.handlers.milestones import requirement_of
from internships.outgoing import integration_event
from praxis_evaluation import Missing, Scorecard, combine


async def completion_scorecard(u, placement: Placement, now: datetime) -> Scorecard:
    """The placement's scorecard at completion. Placement evaluations are not recorded yet on this branch: the card
    is empty (total 0, everything missing). At merge this calls handlers.placement_evaluations.scorecard_of."""
    return combine(
        placement.student_ref,
        [],
        pass_mark=DEFAULT_PASS_MARK,
        also_missing=[Missing("evaluation", "no evaluation of the placement was recorded")],
    )


async def grade_at_completion(
    u,
    placement: Placement,
    card: Scorecard,
    now: datetime,
    *,
    rubric_id: uuid.UUID | None = None,
    rubric_version: int | None = None,
) -> PlacementGrade:
    """Revision 1 of the placement's grade, written with placement.graded in the unit's transaction (with the
    agreed rubric's id and version when the scorecard was scored on one)."""
    grade = at_completion(
        card,
        await requirement_of(u, placement),
        placement_id=placement.id,
        now=now,
        rubric_id=rubric_id,
        rubric_version=rubric_version,
    )
    await u.grades.add(grade)
    await emit_graded(u, placement, grade)
    return grade


async def emit_graded(u, placement: Placement, grade: PlacementGrade) -> None:
    position = await u.positions.get(placement.position_id)
    u.emit(integration_event(Graded(placement, grade, position.title if position else "")))
