"""gRPC methods for projects: create, change, publish, complete, platform targets, the schools a project is shared
with, its material; and the partnerships the caller's organisation has."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

import praxis_partnerships as partnerships
from praxis.projects.v1 import projects_pb2 as pb
from praxis_common import feeds, pages, rpc
from praxis_common.errors import FieldError, InvalidInput
from praxis_common.rpc import principal
from praxis_common.validation import OrgId, parse_uuid, validate
from projects.domain.projects import Material, Project, SharedSchool, Status
from projects.handlers import credits as credit_handlers
from projects.handlers import projects as project_handlers
from projects.rpc.common import Servicer, dec, ts
from projects.schemas.fields import Competencies
from projects.schemas.material_access import ShareIn
from projects.schemas.projects import (
    CompleteIn,
    MaterialIn,
    PlatformTargetsIn,
    ProjectCreate,
    ProjectUpdate,
    list_query,
)


class _School(BaseModel):
    model_config = ConfigDict(extra="forbid")

    school_org: OrgId


class _Competencies(BaseModel):
    """ListProjects' `competency`, as GET /v1/projects takes it: tags, comma-separated."""

    model_config = ConfigDict(extra="forbid")

    competency: Competencies


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
        credits=dec(p.credits),
        pass_mark=dec(p.pass_mark),
        starts_on=ts(p.starts_on),
        ends_on=ts(p.ends_on),
        weights=pb.Weights(**{k: dec(v) for k, v in p.weights.as_dict().items()}),
        platform_targets={k: pb.Target(value=dec(t.value), unit=t.unit) for k, t in p.platform_targets.items()},
        status=p.status.value,
        created_at=ts(p.created_at),
        published_at=ts(p.published_at),
        completed_at=ts(p.completed_at),
        completion_forced=p.completion_forced,
        completion_reason=p.completion_reason or "",
    )


def school_to_pb(s: SharedSchool) -> pb.SharedSchool:
    return pb.SharedSchool(
        school_org=s.school_org,
        granted_at=ts(s.granted_at),
        granted_by=s.granted_by,
        revoked_at=ts(s.revoked_at),
        revoked_by=s.revoked_by or "",
        sees_project=s.sees_project,
        expires_at=ts(s.expires_at),
        expired=s.expired,
    )


def material_to_pb(m: Material) -> pb.Material:
    return pb.Material(
        id=str(m.id),
        project_id=str(m.project_id),
        title=m.title,
        kind=m.kind.value,
        uri=m.uri,
        description=m.description,
        added_at=ts(m.added_at),
        added_by=m.added_by,
        sensitivity=m.sensitivity.value,
    )


def _targets(message_map) -> dict:
    return {k: {"value": v.value or None, "unit": v.unit} for k, v in message_map.items()}


def _weights(w: pb.Weights) -> dict:
    return {"teacher": w.teacher, "enterprise": w.enterprise, "platform": w.platform, "peer": w.peer}


def project_create(request: pb.CreateProjectRequest) -> ProjectCreate:
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
    for name in ("team_capacity", "min_team_size", "max_team_size", "credits", "pass_mark"):
        if getattr(request, name):
            data[name] = getattr(request, name)
    if request.HasField("weights"):
        data["weights"] = _weights(request.weights)
    return validate(ProjectCreate, data)


def project_update(request: pb.UpdateProjectRequest) -> ProjectUpdate:
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
        "weights": _weights(request.weights),
    }
    return validate(ProjectUpdate, rpc.masked(request.update_mask, fields))


class ProjectMethods(Servicer):
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
        command = project_create(request).to_command()

        async def create(uow) -> pb.CreateProjectResponse:
            project = await project_handlers.create_project(command, principal(), uow=uow, clock=self.rt.clock)
            return pb.CreateProjectResponse(project=project_to_pb(project))

        return await rpc.created(context, self.rt.uow, request, create, pb.CreateProjectResponse)

    async def GetProject(self, request: pb.GetProjectRequest, context) -> pb.GetProjectResponse:
        p = await project_handlers.get_project(parse_uuid(request.id, "id"), principal(), uow=self.rt.uow)
        return pb.GetProjectResponse(project=project_to_pb(p))

    async def ListProjects(self, request: pb.ListProjectsRequest, context) -> pb.ListProjectsResponse:
        if request.status and request.status not in {s.value for s in Status}:
            raise InvalidInput("unknown status", errors=[FieldError("status", "draft, published or completed")])
        if not 0 <= request.page_size <= 200:
            raise InvalidInput("bad page size", errors=[FieldError("page_size", "1 to 200")])
        query = validate(_Competencies, {"competency": request.competency or []})
        command = list_query(
            request.status or None, query.competency, request.page_size or 50, request.page_token or None
        )
        feeds.one_of(request.updated_since or None, request.page_token)
        if request.updated_since:
            changes = await project_handlers.project_changes(
                command, request.updated_since, principal(), uow=self.rt.uow
            )
            return pb.ListProjectsResponse(
                changes=[
                    pb.ProjectChange(deleted=pb.Tombstone(id=str(c.id), changed_at=c.changed_at.isoformat()))
                    if isinstance(c, feeds.Tombstone)
                    else pb.ProjectChange(project=project_to_pb(c))
                    for c in changes.items
                ],
                next_cursor=changes.next_cursor,
                has_more=changes.has_more,
            )
        found, token = await project_handlers.list_projects(command, principal(), uow=self.rt.uow)
        return pb.ListProjectsResponse(projects=[project_to_pb(p) for p in found], next_page_token=token or "")

    async def UpdateProject(self, request: pb.UpdateProjectRequest, context) -> pb.UpdateProjectResponse:
        project_id = parse_uuid(request.id, "id")
        command = project_update(request).to_command()
        p = await project_handlers.amend_project(project_id, command, principal(), uow=self.rt.uow)
        return pb.UpdateProjectResponse(project=project_to_pb(p))

    async def PublishProject(self, request: pb.PublishProjectRequest, context) -> pb.PublishProjectResponse:
        p = await project_handlers.publish_project(
            parse_uuid(request.id, "id"), principal(), uow=self.rt.uow, clock=self.rt.clock
        )
        return pb.PublishProjectResponse(project=project_to_pb(p))

    async def CompleteProject(self, request: pb.CompleteProjectRequest, context) -> pb.CompleteProjectResponse:
        command = validate(CompleteIn, {"force": request.force, "reason": request.reason or None}).to_command()
        done = await credit_handlers.complete_project(
            parse_uuid(request.id, "id"), command, principal(), uow=self.rt.uow, clock=self.rt.clock
        )
        return pb.CompleteProjectResponse(
            project=project_to_pb(done.project),
            teams_completed=[str(t.id) for t in done.teams],
            students_scored=len(done.scorecards),
            credits_awarded=len(done.credits),
        )

    async def SetPlatformTargets(self, request: pb.SetPlatformTargetsRequest, context) -> pb.SetPlatformTargetsResponse:
        command = validate(PlatformTargetsIn, {"targets": _targets(request.targets)}).to_command()
        p = await project_handlers.set_platform_targets(
            parse_uuid(request.id, "id"), command, principal(), uow=self.rt.uow
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
        command = validate(ShareIn, {"expires_at": request.expires_at or None}).to_command()
        s = await project_handlers.share_project(
            parse_uuid(request.id, "id"), school, principal(), command, uow=self.rt.uow, clock=self.rt.clock
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
        command = validate(
            MaterialIn,
            {
                "title": request.title,
                "kind": request.kind,
                "uri": request.uri,
                "description": request.description,
                "sensitivity": request.sensitivity or "internal",
            },
        ).to_command()

        async def add(uow) -> pb.AddMaterialResponse:
            m = await project_handlers.add_material(project_id, command, principal(), uow=uow, clock=self.rt.clock)
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
