"""Outcomes (domain/outcomes.py) → integration events: hire.recorded, programme.competencies_set."""

from __future__ import annotations

from internships.domain.outcomes import HireRecorded, Programme
from internships.outgoing import _event, integration_event
from praxis.events.v1 import outcomes_pb2
from praxis_common.events import IntegrationEvent


@integration_event.register
def _(event: HireRecorded, **context) -> IntegrationEvent:
    h = event.hire
    return _event(
        "hire.recorded",
        "hire",
        h.id,
        outcomes_pb2.HireRecorded(
            hire_id=str(h.id),
            enterprise_org=h.enterprise_org,
            school_org=h.school_org,
            student_ref=h.student_ref,
            agreement_id=str(h.agreement_id),
            placement_id=str(h.placement_id or ""),
            kind=h.kind.value,
            on=h.on.isoformat(),
            position_title=h.position_title or "",
            recorded_at=h.recorded_at.isoformat(),
        ),
    )


def programme_set(p: Programme) -> IntegrationEvent:
    """A programme profile was declared or replaced (emitted by its use case: a profile is not a tracked aggregate)."""
    return _event(
        "programme.competencies_set",
        "programme",
        p.school_org,  # the school's profiles are published in order (an aggregate id holds at most 64 characters)
        outcomes_pb2.ProgrammeCompetenciesSet(
            school_org=p.school_org,
            cohort=p.cohort,
            competencies=p.competencies,
            set_at=p.set_at.isoformat(),
            set_by=p.set_by,
        ),
    )
