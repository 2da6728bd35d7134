"""gRPC methods for teams: form, read, dissolve; their milestones, deliverables and the mentors' reviews."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from praxis.projects.v1 import projects_pb2 as pb
from praxis_common import feeds, pages, rpc
from praxis_common.rpc import principal
from praxis_common.validation import parse_uuid, validate
from projects.domain.teams import Deliverable, Milestones, Review, Team
from projects.handlers import teams as team_handlers
from projects.rpc.common import Servicer, caller_token, ts
from projects.schemas.teams import DeliverableIn, DissolveIn, ReviewIn, TeamCreate, milestones_read


class StageQuery(BaseModel):
    """A stage named in a request, with the limits of REST's path parameter."""

    model_config = ConfigDict(extra="forbid")

    stage: Annotated[str, Field(min_length=1, max_length=40, pattern=r"^[a-z0-9][a-z0-9-]*$")]


def team_to_pb(t: Team, milestones: Milestones | None = None) -> pb.Team:
    return pb.Team(
        id=str(t.id),
        project_id=str(t.project_id),
        school_org=t.school_org,
        enterprise_org=t.enterprise_org,
        name=t.name,
        members=[pb.Member(student_ref=m.student_ref, display_name=m.display_name or "") for m in t.members],
        status=t.status.value,
        formed_at=ts(t.formed_at),
        formed_by=t.formed_by,
        ended_at=ts(t.ended_at),
        end_reason=t.end_reason or "",
        milestones=milestones_to_pb(milestones) if milestones is not None else [],
    )


def milestones_to_pb(milestones: Milestones) -> list[pb.Milestone]:
    return [
        pb.Milestone(stage=m.stage, position=m.position, status=m.status, open=m.open, updated_at=ts(m.updated_at))
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
        submitted_at=ts(d.submitted_at),
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
        reviewed_at=ts(r.reviewed_at),
    )


class TeamMethods(Servicer):
    async def FormTeam(self, request: pb.FormTeamRequest, context) -> pb.FormTeamResponse:
        project_id = parse_uuid(request.project_id, "project_id")
        command = validate(
            TeamCreate,
            {
                "name": request.name,
                "members": [
                    {"student_ref": m.student_ref, **({"display_name": m.display_name} if m.display_name else {})}
                    for m in request.members
                ],
            },
        ).to_command(project_id)

        async def form(uow) -> pb.FormTeamResponse:
            view = await team_handlers.form_team(command, principal(), uow=uow, clock=self.rt.clock)
            return pb.FormTeamResponse(team=team_to_pb(view.team, view.milestones))

        return await rpc.created(context, self.rt.uow, request, form, pb.FormTeamResponse)

    async def GetTeam(self, request: pb.GetTeamRequest, context) -> pb.GetTeamResponse:
        view = await team_handlers.get_team(parse_uuid(request.id, "id"), principal(), uow=self.rt.uow)
        return pb.GetTeamResponse(team=team_to_pb(view.team, view.milestones))

    async def ListTeams(self, request: pb.ListTeamsRequest, context) -> pb.ListTeamsResponse:
        project_id = parse_uuid(request.project_id, "project_id") if request.project_id else None
        feeds.one_of(request.updated_since or None, request.page_token)
        if request.updated_since:
            changes = await team_handlers.team_changes(
                principal(),
                request.updated_since,
                uow=self.rt.uow,
                project_id=project_id,
                page_size=pages.page_size(request.page_size),
            )
            return pb.ListTeamsResponse(
                changes=[
                    pb.TeamChange(deleted=pb.Tombstone(id=str(c.id), changed_at=ts(c.changed_at)))
                    if isinstance(c, feeds.Tombstone)
                    else pb.TeamChange(team=team_to_pb(c))
                    for c in changes.items
                ],
                next_cursor=changes.next_cursor,
                has_more=changes.has_more,
            )
        found, token = await team_handlers.list_teams(
            principal(),
            uow=self.rt.uow,
            project_id=project_id,
            page_size=pages.page_size(request.page_size),
            page_token=request.page_token or None,
        )
        return pb.ListTeamsResponse(teams=[team_to_pb(t) for t in found], next_page_token=token or "")

    async def DissolveTeam(self, request: pb.DissolveTeamRequest, context) -> pb.DissolveTeamResponse:
        command = validate(DissolveIn, {"reason": request.reason}).to_command()
        t = await team_handlers.dissolve_team(
            parse_uuid(request.id, "id"), command, principal(), uow=self.rt.uow, clock=self.rt.clock
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
        stage = validate(StageQuery, {"stage": request.stage}).stage
        command = validate(
            DeliverableIn,
            {
                "kind": request.kind,
                "title": request.title,
                "link": request.link or None,
                "file_ref": request.file_ref or None,
            },
        ).to_command(stage)

        async def submit(uow) -> pb.SubmitDeliverableResponse:
            d = await team_handlers.submit_deliverable(team_id, command, principal(), uow=uow, clock=self.rt.clock)
            return pb.SubmitDeliverableResponse(deliverable=deliverable_to_pb(d))

        return await rpc.created(context, self.rt.uow, request, submit, pb.SubmitDeliverableResponse)

    async def ReviewStage(self, request: pb.ReviewStageRequest, context) -> pb.ReviewStageResponse:
        team_id = parse_uuid(request.team_id, "team_id")
        stage = validate(StageQuery, {"stage": request.stage}).stage
        command = validate(ReviewIn, {"decision": request.decision, "comments": request.comments}).to_command(stage)
        r = await team_handlers.review_stage(
            team_id,
            command,
            principal(),
            token=caller_token(context),
            uow=self.rt.uow,
            mentors=self.mentors,
            clock=self.rt.clock,
        )
        return pb.ReviewStageResponse(review=review_to_pb(r))
