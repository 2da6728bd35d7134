"""Domain events of the credentials service -> integration events (praxis.events.v1 payloads)."""

from __future__ import annotations

from credentials.domain.brought_in import AchievementChanged
from credentials.domain.issuance import CredentialEnded, CredentialIssued, CredentialRequested
from praxis.events.v1 import credentials_pb2
from praxis_common.events import IntegrationEvent

SERVICE = "credentials"


def integration_event(
    event: CredentialRequested | CredentialIssued | CredentialEnded | AchievementChanged,
) -> IntegrationEvent:
    if isinstance(event, AchievementChanged):
        return _achievement_event(event)
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


def _achievement_event(event: AchievementChanged) -> IntegrationEvent:
    """A recorded achievement, as it stands: recorded (or weighed again), or withdrawn."""
    a = event.achievement
    when = a.withdrawn_at or a.weighed_at or a.recorded_at
    return IntegrationEvent(
        source=SERVICE,
        topic="credentials.achievement.withdrawn" if a.withdrawn else "credentials.achievement.recorded",
        aggregate_type="recorded_achievement",
        aggregate_id=str(a.id),
        payload=credentials_pb2.AchievementRecorded(
            achievement_id=str(a.id),
            school_org=a.school_org,
            student_ref=a.student_ref,
            kind=a.description.kind.value,
            title=a.description.title,
            issuer_name=a.description.issuer_name,
            awarded_on=a.description.awarded_on.isoformat(),
            points=str(a.weight.points),
            credits=str(a.weight.credits),
            withdrawn=a.withdrawn,
            revision=a.revision,
            occurred_at=when.isoformat(),
        ),
    )
