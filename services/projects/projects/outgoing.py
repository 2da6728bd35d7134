"""Domain events of the projects service → integration events (praxis.events.v1 payloads in projects.proto)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from functools import singledispatch

from praxis.events.v1 import projects_pb2
from praxis_common.events import IntegrationEvent
from projects.domain.credits import Credit, CreditAwarded
from projects.domain.projects import Project, ProjectCompleted, ProjectPublished, SchoolShared
from projects.domain.scores import Evaluation, PeerRating
from projects.domain.teams import DeliverableSubmitted, StageReviewed, Team, TeamEnded, TeamFormed
from projects.domain.terms import TermsAccepted, TermsPublished

SERVICE = "projects"


def _ts(value: datetime | date | None) -> str:
    return value.isoformat() if value else ""


def _dec(value: Decimal) -> str:
    return format(value, "f")


def _event(topic: str, aggregate_type: str, aggregate_id, payload) -> IntegrationEvent:
    return IntegrationEvent(
        source=SERVICE,
        topic=f"projects.{topic}",
        aggregate_type=aggregate_type,
        aggregate_id=str(aggregate_id),
        payload=payload,
    )


@singledispatch
def integration_event(event) -> IntegrationEvent:
    raise TypeError(f"no integration event for {type(event).__name__}")


@integration_event.register
def _(event: ProjectPublished) -> IntegrationEvent:
    p = event.project
    return _event(
        "project.published",
        "project",
        p.id,
        projects_pb2.ProjectPublished(
            project_id=str(p.id),
            enterprise_org=p.enterprise_org,
            title=p.title,
            competencies=p.competencies,
            stages=p.stage_keys(),
            team_capacity=p.team_capacity,
            credits=_dec(p.credits),
            starts_on=_ts(p.starts_on),
            ends_on=_ts(p.ends_on),
            published_at=_ts(p.published_at),
        ),
    )


@integration_event.register
def _(event: SchoolShared) -> IntegrationEvent:
    s = event.school
    return _event(
        "project.school_shared",
        "project",
        event.project_id,
        projects_pb2.ProjectSchoolShared(
            project_id=str(event.project_id),
            enterprise_org=event.enterprise_org,
            school_org=s.school_org,
            granted_at=_ts(s.granted_at),
            granted_by=s.granted_by,
            expires_at=_ts(s.expires_at),
        ),
    )


@integration_event.register
def _(event: TermsPublished) -> IntegrationEvent:
    t = event.terms
    return _event(
        "terms.published",
        "project",
        t.project_id,
        projects_pb2.ProjectTermsPublished(
            project_id=str(t.project_id),
            enterprise_org=event.enterprise_org,
            version=t.version,
            published_at=_ts(t.published_at),
            published_by=t.published_by,
        ),
    )


@integration_event.register
def _(event: TermsAccepted) -> IntegrationEvent:
    a = event.acceptance
    return _event(
        "terms.accepted",
        "project",
        a.project_id,
        projects_pb2.ProjectTermsAccepted(
            project_id=str(a.project_id),
            version=a.version,
            school_org=a.school_org,
            student_ref=a.student_ref,
            accepted_at=_ts(a.accepted_at),
        ),
    )


@integration_event.register
def _(event: ProjectCompleted) -> IntegrationEvent:
    p = event.project
    return _event(
        "project.completed",
        "project",
        p.id,
        projects_pb2.ProjectCompleted(
            project_id=str(p.id),
            enterprise_org=p.enterprise_org,
            team_ids=[str(t) for t in event.team_ids],
            credits_awarded=event.credits_awarded,
            completed_at=_ts(p.completed_at),
            forced=p.completion_forced,
            reason=p.completion_reason or "",
        ),
    )


def _team_changed(team: Team, project: Project, at: datetime | None) -> projects_pb2.TeamChanged:
    return projects_pb2.TeamChanged(
        team_id=str(team.id),
        project_id=str(project.id),
        school_org=team.school_org,
        enterprise_org=team.enterprise_org,
        name=team.name,
        members=team.member_refs,
        competencies=project.competencies,
        starts_on=_ts(project.starts_on),
        ends_on=_ts(project.ends_on),
        status=team.status.value,
        reason=team.end_reason or "",
        occurred_at=_ts(at),
    )


@integration_event.register
def _(event: TeamFormed) -> IntegrationEvent:
    t = event.team
    return _event("team.formed", "team", t.id, _team_changed(t, event.project, t.formed_at))


@integration_event.register
def _(event: TeamEnded) -> IntegrationEvent:
    t = event.team
    return _event(f"team.{t.status.value}", "team", t.id, _team_changed(t, event.project, t.ended_at))


@integration_event.register
def _(event: DeliverableSubmitted) -> IntegrationEvent:
    d, t = event.deliverable, event.team
    return _event(
        "deliverable.submitted",
        "team",
        t.id,
        projects_pb2.DeliverableSubmitted(
            deliverable_id=str(d.id),
            team_id=str(t.id),
            project_id=str(t.project_id),
            school_org=t.school_org,
            enterprise_org=t.enterprise_org,
            stage=d.stage,
            kind=d.kind.value,
            title=d.title,
            reference=d.reference,
            submitted_by=d.submitted_by,
            submitted_at=_ts(d.submitted_at),
        ),
    )


@integration_event.register
def _(event: StageReviewed) -> IntegrationEvent:
    r, t = event.review, event.team
    return _event(
        "deliverable.reviewed",
        "team",
        t.id,
        projects_pb2.StageReviewed(
            review_id=str(r.id),
            team_id=str(t.id),
            project_id=str(t.project_id),
            school_org=t.school_org,
            enterprise_org=t.enterprise_org,
            stage=r.stage,
            decision=r.decision.value,
            comments=r.comments,
            reviewer=r.reviewer,
            side=r.side,
            reviewed_at=_ts(r.reviewed_at),
        ),
    )


def evaluation_recorded(e: Evaluation, team: Team) -> IntegrationEvent:
    return _event(
        "evaluation.recorded",
        "team",
        team.id,
        projects_pb2.EvaluationRecorded(
            evaluation_id=str(e.id),
            team_id=str(team.id),
            project_id=str(team.project_id),
            school_org=team.school_org,
            enterprise_org=team.enterprise_org,
            student_ref=e.student_ref,
            party=e.party.value,
            assessment=e.assessment.value,
            criteria={k: _dec(v) for k, v in e.criteria.items()},
            score=_dec(e.score),
            evaluator=e.evaluator,
            recorded_at=_ts(e.recorded_at),
        ),
    )


def peer_rated(r: PeerRating, team: Team) -> IntegrationEvent:
    return _event(
        "evaluation.recorded",
        "team",
        team.id,
        projects_pb2.EvaluationRecorded(
            evaluation_id=str(r.id),
            team_id=str(team.id),
            project_id=str(team.project_id),
            school_org=team.school_org,
            enterprise_org=team.enterprise_org,
            student_ref=r.ratee_ref,
            party="peer",
            assessment="progress",
            stage=r.stage,
            criteria={"collaboration": _dec(r.score)},
            score=_dec(r.score),
            evaluator=r.rater_ref,
            recorded_at=_ts(r.recorded_at),
        ),
    )


@integration_event.register
def _(event: CreditAwarded) -> IntegrationEvent:
    c: Credit = event.credit
    return _event(
        "credit.awarded",
        "credit",
        c.id,
        projects_pb2.CreditAwarded(
            credit_id=str(c.id),
            student_ref=c.student_ref,
            school_org=c.school_org,
            enterprise_org=c.enterprise_org,
            project_id=str(c.project_id),
            team_id=str(c.team_id),
            project_title=c.project_title,
            credits=_dec(c.credits),
            score=_dec(c.score),
            awarded_on=_ts(c.awarded_on),
        ),
    )
