"""gRPC edge of the projects service: protobuf ↔ commands; the same handlers and validation (http/schemas.py) as
REST. Protobuf never reaches the domain."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

import praxis_partnerships as partnerships
from praxis.projects.v1 import projects_pb2 as pb
from praxis.projects.v1 import projects_pb2_grpc as pb_grpc
from praxis_common import pages, rpc
from praxis_common.auth import bearer_token
from praxis_common.errors import FieldError, InvalidInput
from praxis_common.rpc import principal
from praxis_common.service import Runtime
from praxis_common.validation import Date, OrgId, StudentRef, parse_uuid, validate
from projects.adapters.repositories import SharedSchool
from projects.domain.credits import Credit
from projects.domain.metrics import DataPoint, PlatformScore
from projects.domain.projects import Material, MaterialKind, Project, Stage, Status
from projects.domain.scores import Assessment, Evaluation, PeerRating, Scorecard
from projects.domain.teams import Decision, Deliverable, DeliverableKind, Milestones, Review, Team
from projects.handlers import MentorDirectory
from projects.handlers import credits as credit_handlers
from projects.handlers import evaluations as evaluation_handlers
from projects.handlers import projects as project_handlers
from projects.handlers import teams as team_handlers
from projects.http.schemas import (
    Competencies,
    CompleteIn,
    CreditExport,
    CreditRead,
    DeliverableIn,
    DissolveIn,
    EvaluationIn,
    MaterialIn,
    MetricKey,
    MetricsIn,
    PeerRatingIn,
    PlatformTargetsIn,
    ProjectCreate,
    ProjectUpdate,
    ReviewIn,
    TeamCreate,
    milestones_read,
    targets,
)


class _StageQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")

    stage: Annotated[str, Field(min_length=1, max_length=40, pattern=r"^[a-z0-9][a-z0-9-]*$")]


class _School(BaseModel):
    model_config = ConfigDict(extra="forbid")

    school_org: OrgId


class _Competencies(BaseModel):
    """ListProjects' `competency`, as GET /v1/projects takes it: tags, comma-separated."""

    model_config = ConfigDict(extra="forbid")

    competency: Competencies


class _StudentQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")

    student_ref: StudentRef


class _MetricQuery(BaseModel):
    """The query of GET /v1/teams/{id}/metrics, with REST's limits."""

    model_config = ConfigDict(extra="forbid")

    metric: MetricKey | None = None
    from_date: Date | None = None
    to_date: Date | None = None


class _EvaluationQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")

    student_ref: StudentRef | None = None


def _given(**fields) -> dict:
    """The fields a request set: proto3 reads an unset scalar as its zero value, which REST reads as absent."""
    return {name: value for name, value in fields.items() if value}


def _ts(value) -> str:
    return value.isoformat() if value else ""


def _dec(value: Decimal | None) -> str:
    return format(value, "f") if value is not None else ""


def _token(context) -> str:
    return bearer_token(dict(context.invocation_metadata() or ()).get("authorization"))


def project_to_pb(p: Project) -> pb.Project:
    return pb.Project(
        id=str(p.id),
        enterprise_org=p.enterprise_org,
        title=p.title,
        brief=p.brief,
        competencies=p.competencies,
        stages=[pb.Stage(key=s.key, name=s.name) for s in p.stages],
        parallel_stages=p.parallel_stages,
        team_capacity=p.team_capacity,
        teams_formed=p.teams_formed,
        min_team_size=p.min_team_size,
        max_team_size=p.max_team_size,
        credits=_dec(p.credits),
        pass_mark=_dec(p.pass_mark),
        starts_on=_ts(p.starts_on),
        ends_on=_ts(p.ends_on),
        weights=pb.Weights(**{k: _dec(v) for k, v in p.weights.as_dict().items()}),
        platform_targets={k: pb.Target(value=_dec(t.value), unit=t.unit) for k, t in p.platform_targets.items()},
        status=p.status.value,
        created_at=_ts(p.created_at),
        published_at=_ts(p.published_at),
        completed_at=_ts(p.completed_at),
        completion_forced=p.completion_forced,
        completion_reason=p.completion_reason or "",
    )


def school_to_pb(s: SharedSchool) -> pb.SharedSchool:
    return pb.SharedSchool(
        school_org=s.school_org,
        granted_at=_ts(s.granted_at),
        granted_by=s.granted_by,
        revoked_at=_ts(s.revoked_at),
        revoked_by=s.revoked_by or "",
        sees_project=s.revoked_at is None and s.partner,
    )


def material_to_pb(m: Material) -> pb.Material:
    return pb.Material(
        id=str(m.id),
        project_id=str(m.project_id),
        title=m.title,
        kind=m.kind.value,
        uri=m.uri,
        description=m.description,
        added_at=_ts(m.added_at),
        added_by=m.added_by,
    )


def team_to_pb(t: Team, milestones: Milestones | None = None) -> pb.Team:
    return pb.Team(
        id=str(t.id),
        project_id=str(t.project_id),
        school_org=t.school_org,
        enterprise_org=t.enterprise_org,
        name=t.name,
        members=[pb.Member(student_ref=m.student_ref, display_name=m.display_name or "") for m in t.members],
        status=t.status.value,
        formed_at=_ts(t.formed_at),
        formed_by=t.formed_by,
        ended_at=_ts(t.ended_at),
        end_reason=t.end_reason or "",
        milestones=milestones_to_pb(milestones) if milestones is not None else [],
    )


def milestones_to_pb(milestones: Milestones) -> list[pb.Milestone]:
    return [
        pb.Milestone(stage=m.stage, position=m.position, status=m.status, open=m.open, updated_at=_ts(m.updated_at))
        for m in milestones_read(milestones)
    ]


def deliverable_to_pb(d: Deliverable) -> pb.Deliverable:
    return pb.Deliverable(
        id=str(d.id),
        team_id=str(d.team_id),
        stage=d.stage,
        kind=d.kind.value,
        title=d.title,
        link=d.link or "",
        file_ref=d.file_ref or "",
        submitted_at=_ts(d.submitted_at),
        submitted_by=d.submitted_by,
    )


def review_to_pb(r: Review) -> pb.Review:
    return pb.Review(
        id=str(r.id),
        team_id=str(r.team_id),
        stage=r.stage,
        decision=r.decision.value,
        comments=r.comments,
        reviewer=r.reviewer,
        side=r.side,
        mentor_id=r.mentor_id or "",
        reviewed_at=_ts(r.reviewed_at),
    )


def point_to_pb(d: DataPoint) -> pb.MetricPoint:
    return pb.MetricPoint(
        name=d.metric,
        value=_dec(d.value),
        unit=d.unit,
        period_start=_ts(d.period_start),
        period_end=_ts(d.period_end),
        recorded_at=_ts(d.recorded_at),
        recorded_by=d.recorded_by or "",
    )


def evaluation_to_pb(e: Evaluation) -> pb.Evaluation:
    return pb.Evaluation(
        id=str(e.id),
        team_id=str(e.team_id),
        student_ref=e.student_ref,
        party=e.party.value,
        assessment=e.assessment.value,
        scores={k: _dec(v) for k, v in e.criteria.items()},
        score=_dec(e.score),
        comments=e.comments,
        evaluator=e.evaluator,
        mentor_id=e.mentor_id or "",
        recorded_at=_ts(e.recorded_at),
    )


def rating_to_pb(r: PeerRating) -> pb.PeerRating:
    return pb.PeerRating(
        id=str(r.id),
        team_id=str(r.team_id),
        stage=r.stage,
        rater_ref=r.rater_ref,
        ratee_ref=r.ratee_ref,
        score=_dec(r.score),
        comments=r.comments,
        recorded_at=_ts(r.recorded_at),
    )


def scorecard_to_pb(c: Scorecard, t: Team) -> pb.Scorecard:
    message = pb.Scorecard(
        student_ref=c.student_ref,
        team_id=str(t.id),
        project_id=str(t.project_id),
        parts=[
            pb.PartScore(
                party=p.party.value,
                weight=_dec(p.weight),
                score=_dec(p.score),
                weighted=_dec(p.weighted),
                given_by=p.given_by,
                at=_ts(p.at),
                missing=p.missing or "",
            )
            for p in c.parts
        ],
        weighted_total=_dec(c.weighted_total),
        complete=c.complete,
        missing=[pb.Missing(part=m.part, reason=m.reason) for m in c.missing],
        pass_mark=_dec(c.pass_mark),
        passes=c.passes,
    )
    if c.value_added is not None:
        va = c.value_added
        message.value_added.CopyFrom(
            pb.ValueAdded(
                baseline=_dec(va.baseline),
                latest=_dec(va.latest),
                absolute=_dec(va.absolute),
                relative=_dec(va.relative),
                parties=[p.value for p in va.parties],
            )
        )
    return message


def platform_to_pb(p: PlatformScore) -> pb.PlatformScore:
    return pb.PlatformScore(
        score=_dec(p.score),
        metrics=[
            pb.MetricAchievement(
                metric=m.metric,
                target=_dec(m.target),
                unit=m.unit,
                value=_dec(m.value),
                achievement=_dec(m.achievement),
            )
            for m in p.metrics
        ],
        missing=p.missing or "",
    )


def credit_to_pb(c: Credit) -> pb.Credit:
    return pb.Credit(
        id=str(c.id),
        student_ref=c.student_ref,
        school_org=c.school_org,
        enterprise_org=c.enterprise_org,
        project_id=str(c.project_id),
        project_title=c.project_title,
        team_id=str(c.team_id),
        credits=_dec(c.credits),
        score=_dec(c.score),
        awarded_on=_ts(c.awarded_on),
    )


def _targets(message_map) -> dict:
    return {k: {"value": v.value or None, "unit": v.unit} for k, v in message_map.items()}


class ProjectsServicer(pb_grpc.ProjectsServiceServicer):
    def __init__(self, rt: Runtime, mentors: MentorDirectory) -> None:
        self.rt = rt
        self.mentors = mentors

    async def ListPartnerships(self, request: pb.ListPartnershipsRequest, context) -> pb.ListPartnershipsResponse:
        found, token = await partnerships.list_for(
            self.rt.engine,
            principal(),
            include_ended=request.include_ended,
            page_size=pages.page_size(request.page_size),
            page_token=request.page_token or None,
        )
        return pb.ListPartnershipsResponse(
            partnerships=[partnerships.to_message(pb.Partnership, p) for p in found], next_page_token=token or ""
        )

    # Projects

    async def CreateProject(self, request: pb.CreateProjectRequest, context) -> pb.CreateProjectResponse:
        data: dict = {
            "title": request.title,
            "brief": request.brief,
            "competencies": list(request.competencies),
            "starts_on": request.starts_on or None,
            "ends_on": request.ends_on or None,
            "parallel_stages": request.parallel_stages,
            "platform_targets": _targets(request.platform_targets),
        }
        if request.stages:
            data["stages"] = [{"key": s.key, "name": s.name} for s in request.stages]
        for name in ("team_capacity", "min_team_size", "max_team_size"):
            if getattr(request, name):
                data[name] = getattr(request, name)
        for name in ("credits", "pass_mark"):
            if getattr(request, name):
                data[name] = getattr(request, name)
        if request.HasField("weights"):
            w = request.weights
            data["weights"] = {"teacher": w.teacher, "enterprise": w.enterprise, "platform": w.platform, "peer": w.peer}
        body = validate(ProjectCreate, data)

        async def create(uow) -> pb.CreateProjectResponse:
            project = await project_handlers.create_project(
                project_handlers.CreateProject(
                    title=body.title,
                    brief=body.brief,
                    competencies=body.competencies,
                    stages=[Stage(s.key, s.name) for s in body.stages] if body.stages else None,
                    team_capacity=body.team_capacity,
                    min_team_size=body.min_team_size,
                    max_team_size=body.max_team_size,
                    credits=body.credits,
                    pass_mark=body.pass_mark,
                    starts_on=body.starts_on,
                    ends_on=body.ends_on,
                    parallel_stages=body.parallel_stages,
                    weights=body.weights.domain() if body.weights else None,
                    platform_targets=targets(body.platform_targets),
                ),
                principal(),
                uow=uow,
                clock=self.rt.clock,
            )
            return pb.CreateProjectResponse(project=project_to_pb(project))

        return await rpc.created(context, self.rt.uow, request, create, pb.CreateProjectResponse)

    async def GetProject(self, request: pb.GetProjectRequest, context) -> pb.GetProjectResponse:
        p = await project_handlers.get_project(parse_uuid(request.id, "id"), principal(), uow=self.rt.uow)
        return pb.GetProjectResponse(project=project_to_pb(p))

    async def ListProjects(self, request: pb.ListProjectsRequest, context) -> pb.ListProjectsResponse:
        statuses = {s.value: s for s in Status}
        if request.status and request.status not in statuses:
            raise InvalidInput("unknown status", errors=[FieldError("status", "draft, published or completed")])
        if not 0 <= request.page_size <= 200:
            raise InvalidInput("bad page size", errors=[FieldError("page_size", "1 to 200")])
        query = validate(_Competencies, {"competency": request.competency or []})
        found, token = await project_handlers.list_projects(
            project_handlers.ListProjects(
                status=statuses.get(request.status),
                competencies=tuple(query.competency),
                page_size=request.page_size or 50,
                page_token=request.page_token or None,
            ),
            principal(),
            uow=self.rt.uow,
        )
        return pb.ListProjectsResponse(projects=[project_to_pb(p) for p in found], next_page_token=token or "")

    async def UpdateProject(self, request: pb.UpdateProjectRequest, context) -> pb.UpdateProjectResponse:
        project_id = parse_uuid(request.id, "id")
        w = request.weights
        fields = {
            "title": request.title,
            "brief": request.brief,
            "competencies": list(request.competencies),
            "stages": [{"key": s.key, "name": s.name} for s in request.stages],
            "team_capacity": request.team_capacity,
            "min_team_size": request.min_team_size,
            "max_team_size": request.max_team_size,
            "credits": request.credits,
            "pass_mark": request.pass_mark,
            "starts_on": request.starts_on,
            "ends_on": request.ends_on,
            "parallel_stages": request.parallel_stages,
            "weights": {"teacher": w.teacher, "enterprise": w.enterprise, "platform": w.platform, "peer": w.peer},
        }
        body = validate(ProjectUpdate, rpc.masked(request.update_mask, fields))
        p = await project_handlers.amend_project(project_id, body.changes(), principal(), uow=self.rt.uow)
        return pb.UpdateProjectResponse(project=project_to_pb(p))

    async def PublishProject(self, request: pb.PublishProjectRequest, context) -> pb.PublishProjectResponse:
        p = await project_handlers.publish_project(
            parse_uuid(request.id, "id"), principal(), uow=self.rt.uow, clock=self.rt.clock
        )
        return pb.PublishProjectResponse(project=project_to_pb(p))

    async def CompleteProject(self, request: pb.CompleteProjectRequest, context) -> pb.CompleteProjectResponse:
        body = validate(CompleteIn, {"force": request.force, "reason": request.reason or None})
        done = await credit_handlers.complete_project(
            parse_uuid(request.id, "id"),
            principal(),
            uow=self.rt.uow,
            clock=self.rt.clock,
            force=body.force,
            reason=body.reason,
        )
        return pb.CompleteProjectResponse(
            project=project_to_pb(done.project),
            teams_completed=[str(t.id) for t in done.teams],
            students_scored=len(done.scorecards),
            credits_awarded=len(done.credits),
        )

    async def SetPlatformTargets(self, request: pb.SetPlatformTargetsRequest, context) -> pb.SetPlatformTargetsResponse:
        body = validate(PlatformTargetsIn, {"targets": _targets(request.targets)})
        p = await project_handlers.set_platform_targets(
            parse_uuid(request.id, "id"), targets(body.targets), principal(), uow=self.rt.uow
        )
        return pb.SetPlatformTargetsResponse(project=project_to_pb(p))

    async def ListSharedSchools(self, request: pb.ListSharedSchoolsRequest, context) -> pb.ListSharedSchoolsResponse:
        found, token = await project_handlers.shared_schools(
            parse_uuid(request.id, "id"),
            principal(),
            uow=self.rt.uow,
            page_size=pages.page_size(request.page_size),
            page_token=request.page_token or None,
        )
        return pb.ListSharedSchoolsResponse(schools=[school_to_pb(s) for s in found], next_page_token=token or "")

    async def ShareProject(self, request: pb.ShareProjectRequest, context) -> pb.ShareProjectResponse:
        school = validate(_School, {"school_org": request.school_org}).school_org
        s = await project_handlers.share_project(
            parse_uuid(request.id, "id"), school, principal(), uow=self.rt.uow, clock=self.rt.clock
        )
        return pb.ShareProjectResponse(school=school_to_pb(s))

    async def RevokeSchool(self, request: pb.RevokeSchoolRequest, context) -> pb.RevokeSchoolResponse:
        school = validate(_School, {"school_org": request.school_org}).school_org
        s = await project_handlers.revoke_school(
            parse_uuid(request.id, "id"), school, principal(), uow=self.rt.uow, clock=self.rt.clock
        )
        return pb.RevokeSchoolResponse(school=school_to_pb(s))

    async def AddMaterial(self, request: pb.AddMaterialRequest, context) -> pb.AddMaterialResponse:
        project_id = parse_uuid(request.project_id, "project_id")
        body = validate(
            MaterialIn,
            {"title": request.title, "kind": request.kind, "uri": request.uri, "description": request.description},
        )

        async def add(uow) -> pb.AddMaterialResponse:
            m = await project_handlers.add_material(
                project_id,
                project_handlers.AddMaterial(body.title, MaterialKind(body.kind), body.uri, body.description),
                principal(),
                uow=uow,
                clock=self.rt.clock,
            )
            return pb.AddMaterialResponse(material=material_to_pb(m))

        return await rpc.created(context, self.rt.uow, request, add, pb.AddMaterialResponse)

    async def ListMaterial(self, request: pb.ListMaterialRequest, context) -> pb.ListMaterialResponse:
        found, token = await project_handlers.list_material(
            parse_uuid(request.project_id, "project_id"),
            principal(),
            uow=self.rt.uow,
            page_size=pages.page_size(request.page_size),
            page_token=request.page_token or None,
        )
        return pb.ListMaterialResponse(material=[material_to_pb(m) for m in found], next_page_token=token or "")

    async def RemoveMaterial(self, request: pb.RemoveMaterialRequest, context) -> pb.RemoveMaterialResponse:
        await project_handlers.remove_material(
            parse_uuid(request.project_id, "project_id"),
            parse_uuid(request.material_id, "material_id"),
            principal(),
            uow=self.rt.uow,
        )
        return pb.RemoveMaterialResponse()

    # Teams

    async def FormTeam(self, request: pb.FormTeamRequest, context) -> pb.FormTeamResponse:
        project_id = parse_uuid(request.project_id, "project_id")
        body = validate(
            TeamCreate,
            {
                "name": request.name,
                "members": [
                    {"student_ref": m.student_ref, **({"display_name": m.display_name} if m.display_name else {})}
                    for m in request.members
                ],
            },
        )

        async def form(uow) -> pb.FormTeamResponse:
            view = await team_handlers.form_team(
                team_handlers.FormTeam(project_id, body.name, body.domain_members()),
                principal(),
                uow=uow,
                clock=self.rt.clock,
            )
            return pb.FormTeamResponse(team=team_to_pb(view.team, view.milestones))

        return await rpc.created(context, self.rt.uow, request, form, pb.FormTeamResponse)

    async def GetTeam(self, request: pb.GetTeamRequest, context) -> pb.GetTeamResponse:
        view = await team_handlers.get_team(parse_uuid(request.id, "id"), principal(), uow=self.rt.uow)
        return pb.GetTeamResponse(team=team_to_pb(view.team, view.milestones))

    async def ListTeams(self, request: pb.ListTeamsRequest, context) -> pb.ListTeamsResponse:
        project_id = parse_uuid(request.project_id, "project_id") if request.project_id else None
        found, token = await team_handlers.list_teams(
            principal(),
            uow=self.rt.uow,
            project_id=project_id,
            page_size=pages.page_size(request.page_size),
            page_token=request.page_token or None,
        )
        return pb.ListTeamsResponse(teams=[team_to_pb(t) for t in found], next_page_token=token or "")

    async def DissolveTeam(self, request: pb.DissolveTeamRequest, context) -> pb.DissolveTeamResponse:
        body = validate(DissolveIn, {"reason": request.reason})
        t = await team_handlers.dissolve_team(
            parse_uuid(request.id, "id"), body.reason, principal(), uow=self.rt.uow, clock=self.rt.clock
        )
        return pb.DissolveTeamResponse(team=team_to_pb(t))

    async def GetTeamProgress(self, request: pb.GetTeamProgressRequest, context) -> pb.GetTeamProgressResponse:
        p = await team_handlers.progress(parse_uuid(request.team_id, "team_id"), principal(), uow=self.rt.uow)
        return pb.GetTeamProgressResponse(
            team_id=str(p.team.id),
            milestones=milestones_to_pb(p.milestones),
            deliverables=[deliverable_to_pb(d) for d in p.deliverables],
            reviews=[review_to_pb(r) for r in p.reviews],
        )

    async def SubmitDeliverable(self, request: pb.SubmitDeliverableRequest, context) -> pb.SubmitDeliverableResponse:
        team_id = parse_uuid(request.team_id, "team_id")
        stage = validate(_StageQuery, {"stage": request.stage}).stage
        body = validate(
            DeliverableIn,
            {
                "kind": request.kind,
                "title": request.title,
                "link": request.link or None,
                "file_ref": request.file_ref or None,
            },
        )

        async def submit(uow) -> pb.SubmitDeliverableResponse:
            d = await team_handlers.submit_deliverable(
                team_id,
                team_handlers.SubmitDeliverable(
                    stage=stage,
                    kind=DeliverableKind(body.kind),
                    title=body.title,
                    link=str(body.link) if body.link else None,
                    file_ref=body.file_ref,
                ),
                principal(),
                uow=uow,
                clock=self.rt.clock,
            )
            return pb.SubmitDeliverableResponse(deliverable=deliverable_to_pb(d))

        return await rpc.created(context, self.rt.uow, request, submit, pb.SubmitDeliverableResponse)

    async def ReviewStage(self, request: pb.ReviewStageRequest, context) -> pb.ReviewStageResponse:
        team_id = parse_uuid(request.team_id, "team_id")
        stage = validate(_StageQuery, {"stage": request.stage}).stage
        body = validate(ReviewIn, {"decision": request.decision, "comments": request.comments})
        r = await team_handlers.review_stage(
            team_id,
            team_handlers.ReviewStage(stage, Decision(body.decision), body.comments),
            principal(),
            token=_token(context),
            uow=self.rt.uow,
            mentors=self.mentors,
            clock=self.rt.clock,
        )
        return pb.ReviewStageResponse(review=review_to_pb(r))

    async def RecordMetrics(self, request: pb.RecordMetricsRequest, context) -> pb.RecordMetricsResponse:
        team_id = parse_uuid(request.team_id, "team_id")
        body = validate(
            MetricsIn,
            {
                "metrics": [
                    {
                        "name": m.name,
                        "value": m.value or None,
                        "unit": m.unit,
                        "period_start": m.period_start or None,
                        "period_end": m.period_end or None,
                    }
                    for m in request.metrics
                ]
            },
        )
        stored = await evaluation_handlers.record_metrics(
            team_id, [m.domain() for m in body.metrics], principal(), uow=self.rt.uow, clock=self.rt.clock
        )
        return pb.RecordMetricsResponse(metrics=[point_to_pb(d) for d in stored])

    async def ListMetrics(self, request: pb.ListMetricsRequest, context) -> pb.ListMetricsResponse:
        team_id = parse_uuid(request.team_id, "team_id")
        query = validate(
            _MetricQuery, _given(metric=request.metric, from_date=request.from_date, to_date=request.to_date)
        )
        found, token = await evaluation_handlers.list_metrics(
            team_id,
            principal(),
            uow=self.rt.uow,
            metric=query.metric,
            from_date=query.from_date,
            to_date=query.to_date,
            page_size=pages.page_size(request.page_size),
            page_token=request.page_token or None,
        )
        return pb.ListMetricsResponse(metrics=[point_to_pb(d) for d in found], next_page_token=token or "")

    # Evaluation

    async def RecordEvaluation(self, request: pb.RecordEvaluationRequest, context) -> pb.RecordEvaluationResponse:
        team_id = parse_uuid(request.team_id, "team_id")
        body = validate(
            EvaluationIn,
            {
                "student_ref": request.student_ref,
                "assessment": request.assessment or "progress",
                "scores": dict(request.scores),
                "comments": request.comments,
            },
        )
        command = evaluation_handlers.RecordEvaluation(
            student_ref=body.student_ref,
            assessment=Assessment(body.assessment),
            scores=dict(body.scores),
            comments=body.comments,
        )

        async def confirm():
            return await evaluation_handlers.confirm_evaluator(
                team_id,
                command,
                principal(),
                token=_token(context),
                uow=self.rt.uow,
                mentors=self.mentors,
                clock=self.rt.clock,
            )

        async def record(uow, evaluator) -> pb.RecordEvaluationResponse:
            e = await evaluation_handlers.record_evaluation(
                team_id, command, principal(), evaluator, uow=uow, clock=self.rt.clock
            )
            return pb.RecordEvaluationResponse(evaluation=evaluation_to_pb(e))

        return await rpc.created(context, self.rt.uow, request, record, pb.RecordEvaluationResponse, prepare=confirm)

    async def ListEvaluations(self, request: pb.ListEvaluationsRequest, context) -> pb.ListEvaluationsResponse:
        team_id = parse_uuid(request.team_id, "team_id")
        query = validate(_EvaluationQuery, _given(student_ref=request.student_ref))
        found, token = await evaluation_handlers.list_evaluations(
            team_id,
            principal(),
            uow=self.rt.uow,
            student_ref=query.student_ref,
            page_size=pages.page_size(request.page_size),
            page_token=request.page_token or None,
        )
        return pb.ListEvaluationsResponse(evaluations=[evaluation_to_pb(e) for e in found], next_page_token=token or "")

    async def RatePeer(self, request: pb.RatePeerRequest, context) -> pb.RatePeerResponse:
        team_id = parse_uuid(request.team_id, "team_id")
        body = validate(
            PeerRatingIn,
            {
                "stage": request.stage,
                "ratee_ref": request.ratee_ref,
                "score": request.score or None,
                "comments": request.comments,
            },
        )

        async def rate(uow) -> pb.RatePeerResponse:
            r = await evaluation_handlers.rate_peer(
                team_id,
                evaluation_handlers.RatePeer(body.stage, body.ratee_ref, body.score, body.comments),
                principal(),
                uow=uow,
                clock=self.rt.clock,
            )
            return pb.RatePeerResponse(rating=rating_to_pb(r))

        return await rpc.created(context, self.rt.uow, request, rate, pb.RatePeerResponse)

    async def ListPeerRatings(self, request: pb.ListPeerRatingsRequest, context) -> pb.ListPeerRatingsResponse:
        found, token = await evaluation_handlers.list_peer_ratings(
            parse_uuid(request.team_id, "team_id"),
            principal(),
            uow=self.rt.uow,
            page_size=pages.page_size(request.page_size),
            page_token=request.page_token or None,
        )
        return pb.ListPeerRatingsResponse(ratings=[rating_to_pb(r) for r in found], next_page_token=token or "")

    async def GetTeamScorecards(self, request: pb.GetTeamScorecardsRequest, context) -> pb.GetTeamScorecardsResponse:
        scores = await evaluation_handlers.team_scorecards(
            parse_uuid(request.team_id, "team_id"), principal(), uow=self.rt.uow
        )
        return pb.GetTeamScorecardsResponse(
            team_id=str(scores.team.id),
            platform=platform_to_pb(scores.platform),
            scorecards=[scorecard_to_pb(c, scores.team) for c in scores.cards],
        )

    async def GetScorecard(self, request: pb.GetScorecardRequest, context) -> pb.GetScorecardResponse:
        team_id = parse_uuid(request.team_id, "team_id")
        student = validate(_StudentQuery, {"student_ref": request.student_ref}).student_ref
        scores, card = await evaluation_handlers.student_scorecard(team_id, student, principal(), uow=self.rt.uow)
        return pb.GetScorecardResponse(scorecard=scorecard_to_pb(card, scores.team))

    # Credits

    async def ListCredits(self, request: pb.ListCreditsRequest, context) -> pb.ListCreditsResponse:
        project_id = parse_uuid(request.project_id, "project_id") if request.project_id else None
        if not 0 <= request.page_size <= 500:
            raise InvalidInput("bad page size", errors=[FieldError("page_size", "1 to 500")])
        found, token = await credit_handlers.list_credits(
            principal(),
            uow=self.rt.uow,
            project_id=project_id,
            page_size=request.page_size or 100,
            page_token=request.page_token or None,
        )
        return pb.ListCreditsResponse(credits=[credit_to_pb(c) for c in found], next_page_token=token or "")

    async def ExportCredits(self, request: pb.ExportCreditsRequest, context) -> pb.ExportCreditsResponse:
        project_id = parse_uuid(request.project_id, "project_id") if request.project_id else None
        found = await credit_handlers.export_credits(principal(), uow=self.rt.uow, project_id=project_id)
        if request.format == pb.EXPORT_FORMAT_JSON:
            body = CreditExport(
                exported_at=self.rt.clock(),
                org=principal().org,
                count=len(found),
                credits=[CreditRead.of(c) for c in found],
            )
            return pb.ExportCreditsResponse(
                content_type="application/json", content=body.model_dump_json().encode(), count=len(found)
            )
        return pb.ExportCreditsResponse(
            content_type="text/csv; charset=utf-8",
            content=credit_handlers.credits_csv(found).encode(),
            count=len(found),
        )


def services(rt: Runtime, mentors: MentorDirectory) -> list[tuple]:
    servicer = ProjectsServicer(rt, mentors)
    name = pb.DESCRIPTOR.services_by_name["ProjectsService"].full_name
    return [(lambda server: pb_grpc.add_ProjectsServiceServicer_to_server(servicer, server), name)]
