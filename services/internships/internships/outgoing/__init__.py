"""Domain events of the internships service → integration events (praxis.events.v1 payloads): `integration_event`
dispatches on the domain event's type. This module holds the core (agreements, bases, positions, placements,
logbooks, rounds); the internship course's features register theirs in the modules of this package, imported
below."""

from __future__ import annotations

from functools import singledispatch

from internships.domain.agreements import AgreementActivated, AgreementEnded, EndReason
from internships.domain.logbooks import LogbookApproved, LogbookReturned, LogbookSubmitted
from internships.domain.placements import PlacementChanged
from internships.domain.positions import BaseCreated, PositionClosed, PositionPublished
from internships.domain.rounds import RoundPublishedEvent
from praxis.events.v1 import agreements_pb2, placements_pb2, rounds_pb2
from praxis_common.events import IntegrationEvent

SERVICE = "internships"

_END_REASON = {
    EndReason.TERMINATED: agreements_pb2.AGREEMENT_END_REASON_TERMINATED,
    EndReason.EXPIRED: agreements_pb2.AGREEMENT_END_REASON_EXPIRED,
}


def _event(topic: str, aggregate_type: str, aggregate_id, payload) -> IntegrationEvent:
    return IntegrationEvent(
        source=SERVICE,
        topic=f"internships.{topic}",
        aggregate_type=aggregate_type,
        aggregate_id=str(aggregate_id),
        payload=payload,
    )


def placement_parties(p) -> dict:
    """The fields every placement event of the course carries: which placement, whose, and which student."""
    return {
        "placement_id": str(p.id),
        "school_org": p.school_org,
        "enterprise_org": p.enterprise_org,
        "student_ref": p.student_ref,
    }


@singledispatch
def integration_event(event, **context) -> IntegrationEvent:
    raise TypeError(f"no integration event for {type(event).__name__}")


@integration_event.register
def _(event: AgreementActivated, **context) -> IntegrationEvent:
    a = event.agreement
    return _event(
        "agreement.activated",
        "agreement",
        a.id,
        agreements_pb2.AgreementActivated(
            agreement_id=str(a.id),
            school_org=a.school_org,
            enterprise_org=a.enterprise_org,
            valid_from=a.valid_from.isoformat(),
            valid_to=a.valid_to.isoformat(),
            intern_quota=a.intern_quota,
            activated_at=a.activated_at.isoformat(),
        ),
    )


@integration_event.register
def _(event: AgreementEnded, **context) -> IntegrationEvent:
    a = event.agreement
    return _event(
        "agreement.ended",
        "agreement",
        a.id,
        agreements_pb2.AgreementEnded(
            agreement_id=str(a.id),
            school_org=a.school_org,
            enterprise_org=a.enterprise_org,
            reason=_END_REASON[event.reason],
            ended_at=a.ended_at.isoformat(),
            terminated_by_org=a.terminated_by_org or "",
            note=a.termination_reason or "",
        ),
    )


@integration_event.register
def _(event: BaseCreated, **context) -> IntegrationEvent:
    b = event.base
    return _event(
        "base.created",
        "base",
        b.id,
        placements_pb2.BaseCreated(
            base_id=str(b.id),
            agreement_id=str(b.agreement_id),
            school_org=b.school_org,
            enterprise_org=b.enterprise_org,
            name=b.name,
            tier=int(b.tier),
            country=b.country,
            city=b.city,
            capacity=b.capacity,
        ),
    )


@integration_event.register(PositionPublished)
@integration_event.register(PositionClosed)
def _(event, *, country: str = "", **context) -> IntegrationEvent:
    p = event.position
    return _event(
        f"position.{p.status.value}",
        "position",
        p.id,
        placements_pb2.PositionChanged(
            position_id=str(p.id),
            base_id=str(p.base_id),
            enterprise_org=p.enterprise_org,
            title=p.title,
            seats=p.seats,
            starts_on=p.starts_on.isoformat(),
            ends_on=p.ends_on.isoformat(),
            competencies=p.competencies,
            languages=p.languages,
            country=country,
            status=p.status.value,
        ),
    )


@integration_event.register
def _(event: PlacementChanged, *, position_competencies: list[str] = (), **context) -> IntegrationEvent:
    p = event.placement
    at = {
        "requested": p.requested_at,
        "confirmed": p.decided_at,
        "rejected": p.decided_at,
        "started": p.started_at,
        "guardian_consented": p.guardian_consent_at,
    }.get(event.kind, p.ended_at)
    return _event(
        f"placement.{event.kind}",
        "placement",
        p.id,
        placements_pb2.PlacementChanged(
            placement_id=str(p.id),
            position_id=str(p.position_id),
            agreement_id=str(p.agreement_id),
            school_org=p.school_org,
            enterprise_org=p.enterprise_org,
            student_ref=p.student_ref,
            status=p.status.value,
            starts_on=p.starts_on.isoformat(),
            ends_on=p.ends_on.isoformat(),
            reason=p.reason or "",
            occurred_at=at.isoformat() if at else "",
            position_competencies=list(position_competencies),
            student_competencies=list(p.profile.get("competencies", [])),
            student_languages=list(p.profile.get("languages", [])),
            forced=p.forced,
            cohort=p.cohort or "",
            hold_expires_at=p.hold_expires_at.isoformat() if p.hold_expires_at else "",
        ),
    )


@integration_event.register
def _(event: LogbookApproved, **context) -> IntegrationEvent:
    w, p = event.week, event.placement
    return _event(
        "logbook.approved",
        "placement",
        p.id,
        placements_pb2.LogbookApproved(
            placement_id=str(p.id),
            school_org=p.school_org,
            enterprise_org=p.enterprise_org,
            student_ref=p.student_ref,
            week_start=w.week_start.isoformat(),
            total_hours=str(w.total_hours),
            core_hours=str(w.core_hours),
            approved_at=w.reviewed_at.isoformat(),
            approved_by=w.reviewed_by or "",
            on_behalf_of_mentor=w.reviewed_on_behalf,
            mentor_id=str(w.reviewer_mentor_id or ""),
        ),
    )


@integration_event.register
def _(event: LogbookSubmitted, **context) -> IntegrationEvent:
    w, p = event.week, event.placement
    return _event(
        "logbook.submitted",
        "placement",
        p.id,
        placements_pb2.LogbookSubmitted(
            placement_id=str(p.id),
            school_org=p.school_org,
            enterprise_org=p.enterprise_org,
            student_ref=p.student_ref,
            week_start=w.week_start.isoformat(),
            submitted_at=w.submitted_at.isoformat(),
            submitted_by=w.submitted_by,
            mentor_id=str(event.mentor_id or ""),
            mentor_account=event.mentor_account or "",
        ),
    )


@integration_event.register
def _(event: LogbookReturned, **context) -> IntegrationEvent:
    w, p = event.week, event.placement
    return _event(
        "logbook.returned",
        "placement",
        p.id,
        placements_pb2.LogbookReturned(
            placement_id=str(p.id),
            school_org=p.school_org,
            enterprise_org=p.enterprise_org,
            student_ref=p.student_ref,
            week_start=w.week_start.isoformat(),
            returned_at=w.reviewed_at.isoformat(),
            returned_by=w.reviewed_by or "",
            mentor_id=str(w.reviewer_mentor_id or ""),
        ),
    )


@integration_event.register
def _(event: RoundPublishedEvent, **context) -> IntegrationEvent:
    r = event.round
    return _event(
        "round.published",
        "round",
        r.id,
        rounds_pb2.RoundPublished(
            round_id=str(r.id),
            title=r.title,
            owner_org=r.owner_org,
            schools=r.schools,
            enterprise_org=r.enterprise_org or "",
            run_id=str(event.run_id),
            input_hash=event.input_hash,
            algorithm_version=event.algorithm_version,
            seed=r.seed,
            students=event.students,
            placements=event.placements,
            placement_status=r.publish_as.value,
            published_at=r.published_at.isoformat(),
        ),
    )


# The course's features register their events on import.
from internships.outgoing import (  # noqa: E402, F401
    attendance,
    course,
    documents,
    evaluations,
    grades,
    insurance,
    ministry_report,
    organisations,
    outcomes,
    tiers,
    weekly_reports,
)
