"""Rubrics and placement evaluations (domain/rubrics.py, domain/placement_evaluations.py, the evaluation calendar)
→ integration events."""

from __future__ import annotations

from internships.domain.evaluation_windows import EvaluationDue
from internships.domain.placement_evaluations import EvaluationRecorded
from internships.domain.rubrics import RubricAccepted, RubricProposed
from internships.outgoing import _event, integration_event, placement_parties
from praxis.events.v1 import evaluations_pb2, grades_pb2
from praxis_common.events import IntegrationEvent


@integration_event.register
def _(event: RubricProposed, **context) -> IntegrationEvent:
    r = event.rubric
    return _event(
        "rubric.proposed",
        "agreement",
        r.agreement_id,
        evaluations_pb2.RubricVersionProposed(
            agreement_id=str(r.agreement_id),
            version=r.version,
            internship_type=r.internship_type.value,
            proposed_by_side=r.proposed_by_side,
            proposed_by=r.proposed_by,
            proposed_at=r.proposed_at.isoformat(),
            revised=event.revised,
            indicator_keys=[i.key for i in r.indicators],
        ),
    )


@integration_event.register
def _(event: RubricAccepted, **context) -> IntegrationEvent:
    r = event.rubric
    return _event(
        "rubric.accepted",
        "agreement",
        r.agreement_id,
        evaluations_pb2.RubricVersionAccepted(
            agreement_id=str(r.agreement_id),
            version=r.version,
            internship_type=r.internship_type.value,
            accepted_by_side="enterprise" if r.proposed_by_side == "school" else "school",
            accepted_by=r.accepted_by or "",
            accepted_at=r.accepted_at.isoformat() if r.accepted_at else "",
        ),
    )


@integration_event.register
def _(event: EvaluationRecorded, **context) -> IntegrationEvent:
    e, p = event.evaluation, event.placement
    return _event(
        "placement.evaluation_recorded",
        "placement",
        p.id,
        evaluations_pb2.PlacementEvaluationRecorded(
            evaluation_id=str(e.id),
            **placement_parties(p),
            window=e.window.value,
            scorer=e.scorer.value,
            score=str(e.score),
            scores={k: str(v) for k, v in e.scores.items()},
            recorded_by=e.recorded_by,
            mentor_id=str(e.mentor_id) if e.mentor_id else "",
            expert_name=e.expert_name or "",
            rubric_id=e.rubric_id,
            rubric_version=e.rubric_version,
            recorded_at=e.recorded_at.isoformat(),
        ),
    )


@integration_event.register
def _(event: EvaluationDue, **context) -> IntegrationEvent:
    p, d = event.placement, event.dates
    return _event(
        "evaluation.due",
        "placement",
        p.id,
        grades_pb2.EvaluationDue(
            **placement_parties(p),
            window=d.window.value,
            opens_on=d.opens_on.isoformat(),
            closes_on=d.closes_on.isoformat(),
            parties=list(event.parties),
            occurred_at=event.at.isoformat(),
        ),
    )
