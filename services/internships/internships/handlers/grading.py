"""A placement's grade at completion, inside the use case that completes it (handlers/placements.apply_change): the
scorecard, the grade from it and the programme requirement (domain/grades.py), revision 1 and placement.graded in
the same transaction as the completion."""

from __future__ import annotations

from datetime import datetime

from internships.domain.grades import Graded, PlacementGrade, at_completion
from internships.domain.placements import Placement
from internships.handlers.milestones import pass_mark_of, requirement_of
from internships.handlers.placement_evaluations import rubric_of, scorecard_of
from internships.outgoing import integration_event


async def grade_at_completion(u, placement: Placement, now: datetime) -> PlacementGrade:
    """Revision 1 of the placement's grade, written with placement.graded in the unit's transaction: its scorecard
    as it stands (handlers/placement_evaluations.scorecard_of; a part still missing counts 0) on the rubric version it
    was scored on, against its programme requirement's pass mark."""
    requirement = await requirement_of(u, placement)
    card = await scorecard_of(u, placement, now, pass_mark=pass_mark_of(requirement))
    rubric, _ = await rubric_of(u, placement)
    grade = at_completion(
        card,
        requirement,
        placement_id=placement.id,
        now=now,
        rubric_id=rubric.rubric_id,
        rubric_version=rubric.version,
    )
    await u.grades.add(grade)
    await emit_graded(u, placement, grade)
    return grade


async def emit_graded(u, placement: Placement, grade: PlacementGrade) -> None:
    position = await u.positions.get(placement.position_id)
    u.emit(integration_event(Graded(placement, grade, position.title if position else "")))
