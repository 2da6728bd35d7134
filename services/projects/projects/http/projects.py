"""REST routes for projects (/v1/projects): the enterprise's own, and those shared with a school; their material,
the schools that see them, and the teams formed on them."""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request, Response

from praxis_common.feeds import feed_items, one_of
from praxis_common.http import IdempotencyKey, PrincipalDep, created
from praxis_common.queries import PageSize, PageToken, UpdatedSince, value_list_help
from praxis_common.service import Runtime
from praxis_common.validation import OrgId
from projects.handlers import credits as credit_handlers
from projects.handlers import projects as handlers
from projects.handlers import teams as team_handlers
from projects.handlers import terms as terms_handlers
from projects.schemas.fields import Competencies
from projects.schemas.material_access import AcceptanceRead, AcceptTermsIn, ShareIn, TermsIn, TermsRead
from projects.schemas.projects import (
    CompleteIn,
    CompletionRead,
    MaterialIn,
    MaterialPage,
    MaterialRead,
    PlatformTargetsIn,
    ProjectChanges,
    ProjectCreate,
    ProjectPage,
    ProjectRead,
    ProjectUpdate,
    SharedSchoolPage,
    SharedSchoolRead,
    list_query,
)
from projects.schemas.teams import TeamCreate, TeamPage, TeamRead


def router(rt: Runtime) -> APIRouter:
    r = APIRouter(prefix="/v1/projects", tags=["projects"])

    @r.post(
        "",
        operation_id="createProject",
        status_code=201,
        response_model=ProjectRead,
        summary="Create a project (a draft)",
    )
    async def create(
        request: Request, body: ProjectCreate, principal: PrincipalDep, idempotency_key: IdempotencyKey = None
    ) -> Response:
        """An enterprise (admin, hr) drafts a project: title, brief, competency tags, stages (the six stages of a
        cross-border store by default), how many teams it takes and their size, credits and pass mark, dates,
        the four parties' weights (summing to 1) and, optionally, the platform targets. Send an Idempotency-Key."""

        async def create_it(uow):
            project = await handlers.create_project(body.to_command(), principal, uow=uow, clock=rt.clock)
            return ProjectRead.of(project), f"/v1/projects/{project.id}"

        return await created(request, principal, rt.uow, idempotency_key, body=body, create=create_it)

    @r.get(
        "",
        operation_id="listProjects",
        response_model=ProjectPage | ProjectChanges,
        summary="Projects you can see; with updated_since, the changes since a cursor",
    )
    async def list_(
        principal: PrincipalDep,
        status: Literal["draft", "published", "completed"] | None = None,
        competency: Annotated[
            Competencies, Query(description=value_list_help("any of these competency tags", 20))
        ] = [],  # noqa: B006
        page_size: PageSize = 50,
        page_token: PageToken = None,
        updated_since: UpdatedSince = None,
    ) -> ProjectPage | ProjectChanges:
        """Newest first. An enterprise sees its own (drafts too); a school the published and completed projects
        that partner enterprises share with it."""
        one_of(updated_since, page_token)
        if updated_since is not None:
            changes = await handlers.project_changes(
                list_query(status, competency, page_size, None), updated_since, principal, uow=rt.uow
            )
            return ProjectChanges(
                items=feed_items(changes.items, ProjectRead.of),
                next_cursor=changes.next_cursor,
                has_more=changes.has_more,
            )
        items, token = await handlers.list_projects(
            list_query(status, competency, page_size, page_token), principal, uow=rt.uow
        )
        return ProjectPage(items=[ProjectRead.of(p) for p in items], next_page_token=token)

    @r.get("/{project_id}", operation_id="getProject", response_model=ProjectRead, summary="One project you can see")
    async def get(project_id: uuid.UUID, principal: PrincipalDep) -> ProjectRead:
        """404 when the project is not yours, not shared with your school, or no longer shared (revoked)."""
        return ProjectRead.of(await handlers.get_project(project_id, principal, uow=rt.uow))

    @r.patch(
        "/{project_id}",
        operation_id="updateProject",
        response_model=ProjectRead,
        summary="Change a draft project's terms",
    )
    async def update(project_id: uuid.UUID, body: ProjectUpdate, principal: PrincipalDep) -> ProjectRead:
        """Only the fields sent change; a published project's terms are fixed (409)."""
        return ProjectRead.of(await handlers.amend_project(project_id, body.to_command(), principal, uow=rt.uow))

    @r.post(
        "/{project_id}/publish",
        operation_id="publishProject",
        response_model=ProjectRead,
        summary="Publish a draft project",
    )
    async def publish(project_id: uuid.UUID, principal: PrincipalDep) -> ProjectRead:
        """Schools it is shared with see it from now on and may form teams (event project.published)."""
        return ProjectRead.of(await handlers.publish_project(project_id, principal, uow=rt.uow, clock=rt.clock))

    @r.post(
        "/{project_id}/complete",
        operation_id="completeProject",
        response_model=CompletionRead,
        summary="Complete a project and award credits",
        responses={409: {"description": "stages-not-accepted, naming the teams and stages (problem+json)"}},
    )
    async def complete(
        project_id: uuid.UUID, principal: PrincipalDep, body: CompleteIn | None = None
    ) -> CompletionRead:
        """Every current team completes (its mentoring closes), each student's scorecard is settled as it stands
        (a missing part counts 0), and students at or above the pass mark get a credit record (events
        team.completed, credit.awarded, project.completed). It cannot be undone: while a current team has a stage
        not accepted it needs `force` with a `reason` (409 stages-not-accepted otherwise), kept on the project."""
        done = await credit_handlers.complete_project(
            project_id, (body or CompleteIn()).to_command(), principal, uow=rt.uow, clock=rt.clock
        )
        return CompletionRead(
            project=ProjectRead.of(done.project),
            teams_completed=[t.id for t in done.teams],
            students_scored=len(done.scorecards),
            credits_awarded=len(done.credits),
        )

    @r.put(
        "/{project_id}/platform-targets",
        operation_id="setPlatformTargets",
        response_model=ProjectRead,
        summary="Set the platform-score targets",
    )
    async def set_targets(project_id: uuid.UUID, body: PlatformTargetsIn, principal: PrincipalDep) -> ProjectRead:
        """A target per metric (in a unit the metric knows) replaces the rule; until the project completes.
        A metric scores value / target (capped at 1); the platform score is their mean × 100."""
        return ProjectRead.of(await handlers.set_platform_targets(project_id, body.to_command(), principal, uow=rt.uow))

    @r.get(
        "/{project_id}/schools",
        operation_id="listProjectSchools",
        response_model=SharedSchoolPage,
        summary="Schools the project is shared with",
    )
    async def schools(
        project_id: uuid.UUID, principal: PrincipalDep, page_size: PageSize = 50, page_token: PageToken = None
    ) -> SharedSchoolPage:
        """By school, revoked ones too."""
        found, token = await handlers.shared_schools(
            project_id, principal, uow=rt.uow, page_size=page_size, page_token=page_token
        )
        return SharedSchoolPage(items=[SharedSchoolRead.of(s) for s in found], next_page_token=token)

    @r.put(
        "/{project_id}/schools/{school_org}",
        operation_id="shareProject",
        response_model=SharedSchoolRead,
        summary="Share the project with a school",
    )
    async def share(
        project_id: uuid.UUID, school_org: OrgId, principal: PrincipalDep, body: ShareIn | None = None
    ) -> SharedSchoolRead:
        """Partner schools only (an active agreement with your enterprise; 422 otherwise), until `expires_at` (in
        the future; none: until revoked). Past it the school's users get 404 at once, exactly as after a
        revocation. Sharing again after a revocation or expiry restores access; on a current share it sets the new
        expiry. Event project.school_shared."""
        command = (body or ShareIn()).to_command()
        return SharedSchoolRead.of(
            await handlers.share_project(project_id, school_org, principal, command, uow=rt.uow, clock=rt.clock)
        )

    @r.delete(
        "/{project_id}/schools/{school_org}",
        operation_id="revokeProject",
        response_model=SharedSchoolRead,
        summary="Revoke a school's access to the project",
    )
    async def revoke(project_id: uuid.UUID, school_org: OrgId, principal: PrincipalDep) -> SharedSchoolRead:
        """At once, the school's users get 404 on the project and its material; its teams' records
        (deliverables, evaluations, scorecards, credits) stay the school's, and its teams can add nothing more."""
        return SharedSchoolRead.of(
            await handlers.revoke_school(project_id, school_org, principal, uow=rt.uow, clock=rt.clock)
        )

    @r.post(
        "/{project_id}/material",
        operation_id="shareMaterial",
        status_code=201,
        response_model=MaterialRead,
        summary="Share desensitised material",
    )
    async def add_material(
        request: Request,
        project_id: uuid.UUID,
        body: MaterialIn,
        principal: PrincipalDep,
        idempotency_key: IdempotencyKey = None,
    ) -> Response:
        """A reference to desensitised data or a file the enterprise serves; Praxis keeps the reference only."""

        async def add_it(uow):
            m = await handlers.add_material(project_id, body.to_command(), principal, uow=uow, clock=rt.clock)
            return MaterialRead.of(m), f"/v1/projects/{project_id}/material/{m.id}"

        return await created(request, principal, rt.uow, idempotency_key, body=body, create=add_it)

    @r.get(
        "/{project_id}/material",
        operation_id="listMaterial",
        response_model=MaterialPage,
        summary="The project's shared material",
    )
    async def material(
        project_id: uuid.UUID, principal: PrincipalDep, page_size: PageSize = 50, page_token: PageToken = None
    ) -> MaterialPage:
        """Oldest first. The enterprise's staff, and the schools that see the project now (404 once revoked or
        expired). A student: 403 terms-not-accepted until they accept the current terms (when the enterprise
        published some); then every item, confidential ones only with accepted terms."""
        found, token = await handlers.list_material(
            project_id, principal, uow=rt.uow, page_size=page_size, page_token=page_token
        )
        return MaterialPage(items=[MaterialRead.of(m) for m in found], next_page_token=token)

    @r.delete(
        "/{project_id}/material/{material_id}",
        operation_id="withdrawMaterial",
        status_code=204,
        summary="Withdraw shared material",
    )
    async def remove_material(project_id: uuid.UUID, material_id: uuid.UUID, principal: PrincipalDep) -> Response:
        await handlers.remove_material(project_id, material_id, principal, uow=rt.uow)
        return Response(status_code=204)

    @r.put(
        "/{project_id}/terms",
        operation_id="publishTerms",
        response_model=TermsRead,
        summary="Publish a new version of the confidentiality terms",
    )
    async def publish_terms(project_id: uuid.UUID, body: TermsIn, principal: PrincipalDep) -> TermsRead:
        """The enterprise (admin, hr): each call publishes the next version (1, 2, …), which never changes after.
        Students must accept the new version before the material opens to them again. Event
        project.terms.published."""
        view = await terms_handlers.publish_terms(project_id, body.to_command(), principal, uow=rt.uow, clock=rt.clock)
        return TermsRead.of(view)

    @r.get(
        "/{project_id}/terms",
        operation_id="getTerms",
        response_model=TermsRead,
        summary="The current confidentiality terms",
    )
    async def terms(project_id: uuid.UUID, principal: PrincipalDep) -> TermsRead:
        """Whoever sees the project; `accepted` says whether you (a student) accepted this version. 404 when the
        enterprise published none."""
        return TermsRead.of(await terms_handlers.current_terms(project_id, principal, uow=rt.uow))

    @r.post(
        "/{project_id}/terms/acceptance",
        operation_id="acceptTerms",
        response_model=AcceptanceRead,
        summary="Accept the current confidentiality terms (a student)",
    )
    async def accept_terms(project_id: uuid.UUID, body: AcceptTermsIn, principal: PrincipalDep) -> AcceptanceRead:
        """A student of a school that sees the project accepts the version they read, which must be the current
        one (409 terms-changed otherwise). Recorded once (who, which school, version, when); accepting again
        answers the first acceptance. Event project.terms.accepted."""
        return AcceptanceRead.of(
            await terms_handlers.accept_terms(project_id, body.to_command(), principal, uow=rt.uow, clock=rt.clock)
        )

    @r.post(
        "/{project_id}/teams",
        operation_id="formTeam",
        status_code=201,
        response_model=TeamRead,
        summary="Form a team of your students",
    )
    async def form_team(
        request: Request,
        project_id: uuid.UUID,
        body: TeamCreate,
        principal: PrincipalDep,
        idempotency_key: IdempotencyKey = None,
    ) -> Response:
        """A school (admin, coordinator) forms a team on a published project it sees: within the project's team
        size, each student in one current team of the project (409 already-in-a-team), while the project has a
        free team slot (409 teams-full; never exceeded under concurrency). The mentors service then assigns the
        team a school and an enterprise mentor. Send an Idempotency-Key."""

        async def form_it(uow):
            view = await team_handlers.form_team(body.to_command(project_id), principal, uow=uow, clock=rt.clock)
            return (
                TeamRead.of(view.team, project_title=view.project_title, milestones=view.milestones),
                f"/v1/teams/{view.team.id}",
            )

        return await created(request, principal, rt.uow, idempotency_key, body=body, create=form_it)

    @r.get(
        "/{project_id}/teams",
        operation_id="listProjectTeams",
        response_model=TeamPage,
        summary="Teams formed on a project",
    )
    async def teams(
        project_id: uuid.UUID, principal: PrincipalDep, page_size: PageSize = 50, page_token: PageToken = None
    ) -> TeamPage:
        """In the order they were formed. The enterprise sees every team of its project; a school its own teams; a
        student the team they are in. 404 for a project you do not see (and have no team on)."""
        found, token = await team_handlers.list_teams(
            principal, uow=rt.uow, project_id=project_id, page_size=page_size, page_token=page_token
        )
        return TeamPage(items=[TeamRead.of(t) for t in found], next_page_token=token)

    return r
