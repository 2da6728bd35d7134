"""Insurance (domain/insurance.py) → integration events."""

from __future__ import annotations

from internships.domain.insurance import PlacementInsured, PolicyRecorded
from internships.outgoing import _event, integration_event
from praxis.events.v1 import (
    insurance_pb2,
)
from praxis_common.events import IntegrationEvent


@integration_event.register
def _(event: PolicyRecorded, **context) -> IntegrationEvent:
    p = event.policy
    return _event(
        "insurance.policy_recorded",
        "insurance_policy",
        p.id,
        insurance_pb2.InsurancePolicyRecorded(
            policy_id=str(p.id),
            owner_org=p.owner_org,
            insurer=p.insurer,
            policy_number=p.policy_number,
            coverage_type=p.coverage_type.value,
            starts_on=p.starts_on.isoformat(),
            ends_on=p.ends_on.isoformat(),
            payer=p.payer.value,
            recorded_by=p.recorded_by,
            recorded_at=p.recorded_at.isoformat(),
        ),
    )


@integration_event.register
def _(event: PlacementInsured, **context) -> IntegrationEvent:
    p, pl = event.policy, event.placement
    return _event(
        "placement.insured",
        "placement",
        pl.id,
        insurance_pb2.PlacementInsured(
            placement_id=str(pl.id),
            policy_id=str(p.id),
            school_org=pl.school_org,
            enterprise_org=pl.enterprise_org,
            student_ref=pl.student_ref,
            coverage_type=p.coverage_type.value,
            starts_on=p.starts_on.isoformat(),
            ends_on=p.ends_on.isoformat(),
            attached_at=event.attached_at.isoformat(),
            attached_by=event.attached_by,
        ),
    )
