"""Domain events of the internships service → integration events (praxis.events.v1 payloads)."""

from __future__ import annotations

from internships.domain.agreements import AgreementActivated, AgreementEnded, EndReason
from praxis.events.v1 import agreements_pb2
from praxis_common.events import IntegrationEvent

SERVICE = "internships"

_END_REASON = {
    EndReason.TERMINATED: agreements_pb2.AGREEMENT_END_REASON_TERMINATED,
    EndReason.EXPIRED: agreements_pb2.AGREEMENT_END_REASON_EXPIRED,
}


def integration_event(event: AgreementActivated | AgreementEnded) -> IntegrationEvent:
    a = event.agreement
    if isinstance(event, AgreementActivated):
        topic = "internships.agreement.activated"
        payload = agreements_pb2.AgreementActivated(
            agreement_id=str(a.id),
            school_org=a.school_org,
            enterprise_org=a.enterprise_org,
            valid_from=a.valid_from.isoformat(),
            valid_to=a.valid_to.isoformat(),
            intern_quota=a.intern_quota,
            activated_at=a.activated_at.isoformat(),
        )
    else:
        topic = "internships.agreement.ended"
        payload = agreements_pb2.AgreementEnded(
            agreement_id=str(a.id),
            school_org=a.school_org,
            enterprise_org=a.enterprise_org,
            reason=_END_REASON[event.reason],
            ended_at=a.ended_at.isoformat(),
            terminated_by_org=a.terminated_by_org or "",
            note=a.termination_reason or "",
        )
    return IntegrationEvent(
        source=SERVICE, topic=topic, aggregate_type="agreement", aggregate_id=str(a.id), payload=payload
    )
