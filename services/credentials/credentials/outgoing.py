"""Domain events of the credentials service -> integration events (praxis.events.v1 payloads)."""

from __future__ import annotations

from credentials.domain.issuance import CredentialEnded, CredentialIssued, CredentialRequested
from praxis.events.v1 import credentials_pb2
from praxis_common.events import IntegrationEvent

SERVICE = "credentials"


def integration_event(event: CredentialRequested | CredentialIssued | CredentialEnded) -> IntegrationEvent:
    c = event.credential
    when = {CredentialRequested: c.requested_at, CredentialIssued: c.countersigned_at}.get(type(event), c.ended_at)
    return IntegrationEvent(
        source=SERVICE,
        topic=f"credentials.credential.{_verb(c.stage.value)}",
        aggregate_type="credential",
        aggregate_id=str(c.id),
        payload=credentials_pb2.CredentialChanged(
            credential_id=str(c.id),
            kind=c.kind.value,
            source_id=c.source_id,
            school_org=c.school_org,
            enterprise_org=c.enterprise_org,
            student_ref=c.student_ref,
            stage=c.stage.value,
            ended_for=c.ended_for or "",
            reason=c.end_reason or "",
            occurred_at=when.isoformat() if when else "",
        ),
    )


def _verb(stage: str) -> str:
    return {"awaiting_countersignature": "requested"}.get(stage, stage)
