"""Grades: placement.graded, a revision of a placement's grade (domain/grades.py)."""

from __future__ import annotations

from internships.domain.grades import Graded
from internships.outgoing import _event, integration_event, placement_parties
from praxis.events.v1 import grades_pb2
from praxis_common.events import IntegrationEvent


@integration_event.register
def _(event: Graded, **context) -> IntegrationEvent:
    p, g = event.placement, event.grade
    return _event(
        "placement.graded",
        "placement",
        p.id,
        grades_pb2.PlacementGraded(
            **placement_parties(p),
            agreement_id=str(p.agreement_id),
            position_title=event.position_title,
            internship_type=p.internship_type,
            cohort=p.cohort or "",
            total=str(g.total),
            grade=g.grade,
            passed=g.passed,
            pass_mark=str(g.pass_mark),
            credits=str(g.credits),
            revision=g.revision,
            reason=g.reason or "",
            graded_by=g.graded_by,
            graded_at=g.graded_at.isoformat(),
            starts_on=p.starts_on.isoformat(),
            ends_on=p.ends_on.isoformat(),
            rubric_id=g.rubric_id or "",
            rubric_version=g.rubric_version or 0,
        ),
    )
