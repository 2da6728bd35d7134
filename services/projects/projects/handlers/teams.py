"""Team use cases: form (a team slot taken with one conditional UPDATE), dissolve, read; the stage milestones:
submit deliverables in stage order, and the mentors' reviews (checked with the mentors service)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from praxis_common import pages
from praxis_common.auth import Principal
from praxis_common.errors import Conflict, FieldError, Forbidden, InvalidInput, NotFound
from praxis_common.feeds import Changes, feed_page
from projects import policy
from projects.domain.projects import Project
from projects.domain.teams import (
    AccessRevoked,
    Decision,
    Deliverable,
    DeliverableKind,
    DeliverableSubmitted,
    Member,
    Milestones,
    Review,
    StageReviewed,
    StageStatus,
    Team,
    TeamNotActive,
    TeamsFull,
)
from projects.handlers import Clock, MentorDirectory, UowFactory, utc_clock
from projects.handlers.projects import visible_project
from projects.outgoing import integration_event
from projects.policy import TeamRole


@dataclass(frozen=True)
class FormTeam:
    project_id: uuid.UUID
    name: str
    members: list[Member]


@dataclass(frozen=True)
class DissolveTeam:
    reason: str


@dataclass(frozen=True)
class SubmitDeliverable:
    stage: str
    kind: DeliverableKind
    title: str
    link: str | None = None
    file_ref: str | None = None


@dataclass(frozen=True)
class ReviewStage:
    stage: str
    decision: Decision
    comments: str = ""


@dataclass(frozen=True)
class TeamView:
    team: Team
    project_title: str
    milestones: Milestones


@dataclass(frozen=True)
class Progress:
    """A team's milestones with what was handed in and how it was reviewed."""

    team: Team
    milestones: Milestones
    deliverables: list[Deliverable]
    reviews: list[Review]


async def visible_team(
    u, team_id: uuid.UUID, principal: Principal, *, lock: str | None = None
) -> tuple[Team, TeamRole]:
    t = await u.teams.get(team_id, lock=lock)
    if t is None:
        policy.reader(principal)
        raise NotFound("no such team")
    return t, policy.team_role(principal, t)


async def workable(u, t: Team) -> Project:
    """The team's project, if the team may still add records: the team is current, the project not completed,
    and the enterprise still shares it with the team's school."""
    t.require_active()
    repo = u.projects
    p = await repo.get(t.project_id)
    if p is None or not p.open_for_work:
        raise TeamNotActive("the project is not open for work")
    if not await repo.school_access(p.id, t.school_org):
        raise AccessRevoked("the enterprise no longer shares this project with your school; its records stay yours")
    return p


async def form_team(cmd: FormTeam, principal: Principal, *, uow: UowFactory, clock: Clock = utc_clock) -> TeamView:
    """A school forms a team of its students on a project it sees. The slot is taken with one conditional UPDATE
    (never more teams than the capacity, however many form at once); the team.formed event asks the mentors
    service for the team's school and enterprise mentor."""
    async with uow() as u:
        p = await visible_project(u, cmd.project_id, principal)
        policy.school_manager(principal)
        t = Team.form(p, school_org=principal.org, name=cmd.name, members=cmd.members, by=principal.sub, now=clock())
        if not await u.projects.take_team_slot(p.id):
            raise TeamsFull(f"the project takes {p.team_capacity} teams and has them")
        milestones = Milestones.start(t, p)
        await u.teams.add(t, milestones)
        u.track(t)
        await u.commit()
    return TeamView(t, p.title, milestones)


async def dissolve_team(
    team_id: uuid.UUID, cmd: DissolveTeam, principal: Principal, *, uow: UowFactory, clock: Clock = utc_clock
) -> Team:
    """The school dissolves its team: the slot and the students are free again, mentoring closes; its records stay."""
    async with uow() as u:
        t, role = await visible_team(u, team_id, principal)
        if role is not TeamRole.SCHOOL_STAFF or not policy.is_manager(principal):
            raise Forbidden("the team's school (admin, coordinator) dissolves it")
        # The project row first, then the team's: the lock order of every transaction that takes both.
        p = await u.projects.get(t.project_id, for_update=True)
        t = await u.teams.get(team_id, lock="update")
        t.dissolve(p, now=clock(), reason=cmd.reason)
        await u.teams.save_status(t)
        await u.projects.release_team_slot(p.id)
        u.track(t)
        await u.commit()
    return t


async def get_team(team_id: uuid.UUID, principal: Principal, *, uow: UowFactory) -> TeamView:
    async with uow() as u:
        t, _ = await visible_team(u, team_id, principal)
        p = await u.projects.get(t.project_id)
        milestones = await u.teams.milestones(t.id, parallel=p.parallel_stages)
        return TeamView(t, p.title, milestones)


async def list_teams(
    principal: Principal,
    *,
    uow: UowFactory,
    project_id: uuid.UUID | None = None,
    page_size: int = pages.DEFAULT_PAGE_SIZE,
    page_token: str | None = None,
) -> tuple[list[Team], str | None]:
    """A page of the teams the caller sees, in the order they were formed: a school's own (also after the
    enterprise revoked it), a student's own, the teams on an enterprise's projects. A project the caller neither
    sees nor has teams on is a 404, as if it did not exist."""
    policy.reader(principal)
    after = pages.decode_page_token(page_token) if page_token else None
    async with uow() as u:
        repo = u.teams
        if principal.org_kind == "enterprise":
            if project_id is None:
                raise InvalidInput("name the project", errors=[FieldError("project_id", "required for enterprises")])
            await visible_project(u, project_id, principal)
            found = await repo.of_project(project_id, after=after, limit=page_size + 1)
        elif policy.is_student(principal):
            found = await repo.of_student(
                principal.org, principal.sub, project_id=project_id, after=after, limit=page_size + 1
            )
        else:
            found = await repo.of_school(principal.org, project_id=project_id, after=after, limit=page_size + 1)
        if project_id is not None and not found and after is None:
            await visible_project(u, project_id, principal)  # no team of yours: 404 unless you see the project
    return pages.next_page(found, page_size, lambda t: (t.formed_at, t.id))


async def team_changes(
    principal: Principal,
    updated_since: str,
    *,
    uow: UowFactory,
    project_id: uuid.UUID | None = None,
    page_size: int = pages.DEFAULT_PAGE_SIZE,
) -> Changes[Team]:
    """The teams the caller's list shows (the same scopes as list_teams) changed since the cursor. Teams are never
    deleted (a dissolved team is a change); the organisation's teams outside the list's scope (another project,
    another student's) are skipped, not tombstones."""
    policy.reader(principal)
    async with uow() as u:
        repo = u.teams
        if principal.org_kind == "enterprise":
            if project_id is None:
                raise InvalidInput("name the project", errors=[FieldError("project_id", "required for enterprises")])
            await visible_project(u, project_id, principal)

            def found(ids):
                return repo.of_project(project_id, ids=ids)
        elif policy.is_student(principal):

            def found(ids):
                return repo.of_student(principal.org, principal.sub, project_id=project_id, ids=ids)
        else:

            def found(ids):
                return repo.of_school(principal.org, project_id=project_id, ids=ids)

        async def shown(ids):
            return {t.id: t for t in await found(ids)}

        items, cursor, more = await feed_page(
            u.connection, "team", [principal.org], updated_since, page_size, shown, hidden_as_tombstones=False
        )
    return Changes(items, cursor, more)


async def progress(team_id: uuid.UUID, principal: Principal, *, uow: UowFactory) -> Progress:
    async with uow() as u:
        t, _ = await visible_team(u, team_id, principal)
        p = await u.projects.get(t.project_id)
        repo = u.teams
        return Progress(
            t,
            await repo.milestones(t.id, parallel=p.parallel_stages),
            await repo.deliverables(t.id),
            await repo.reviews(t.id),
        )


async def submit_deliverable(
    team_id: uuid.UUID, cmd: SubmitDeliverable, principal: Principal, *, uow: UowFactory, clock: Clock = utc_clock
) -> Deliverable:
    """A student of the team or the school's staff hands in a deliverable for a stage that is open: every earlier
    stage accepted (unless the project allows parallel stages), this one not accepted yet."""
    if (cmd.link is None) == (cmd.file_ref is None):
        raise InvalidInput(
            "give a link or an uploaded file's reference, not both",
            errors=[FieldError("link", "exactly one of link, file_ref")],
        )
    async with uow() as u:
        t, role = await visible_team(u, team_id, principal, lock="share")
        if role is TeamRole.ENTERPRISE_STAFF:
            raise Forbidden("the team's students or school hand in deliverables")
        p = await workable(u, t)
        repo = u.teams
        milestones = await repo.milestones(t.id, parallel=p.parallel_stages, for_update=True)
        now = clock()
        m = milestones.submit(cmd.stage, now=now)
        d = Deliverable(
            id=uuid.uuid4(),
            team_id=t.id,
            stage=cmd.stage,
            kind=cmd.kind,
            title=cmd.title,
            link=cmd.link,
            file_ref=cmd.file_ref,
            submitted_at=now,
            submitted_by=principal.sub,
        )
        await repo.save_milestone(m)
        await repo.add_deliverable(d)
        u.emit(integration_event(DeliverableSubmitted(d, t)))
        await u.commit()
    return d


async def review_stage(
    team_id: uuid.UUID,
    cmd: ReviewStage,
    principal: Principal,
    *,
    token: str,
    uow: UowFactory,
    mentors: MentorDirectory,
    clock: Clock = utc_clock,
) -> Review:
    """One of the team's mentors (either side, as the mentors service knows them) accepts the stage or returns it
    with comments. The check runs outside any transaction; the state is checked again after it."""
    if cmd.decision is Decision.RETURNED and not cmd.comments.strip():
        raise InvalidInput("say why it is returned", errors=[FieldError("comments", "required when returning")])
    async with uow() as u:
        t, role = await visible_team(u, team_id, principal)
        if role is TeamRole.MEMBER:
            raise Forbidden("the team's mentors review its stages")
        p = await workable(u, t)
        milestones = await u.teams.milestones(t.id, parallel=p.parallel_stages)
        if milestones.get(cmd.stage).status is not StageStatus.SUBMITTED:
            raise Conflict(f"stage {cmd.stage} has nothing waiting for review")
    found = await mentors.role_of_caller(token, student_ref=t.member_refs[0], team_id=str(t.id))
    if found is None or found.side != principal.org_kind:
        raise policy.not_the_mentor(principal, "only the team's school or enterprise mentor reviews its stages")
    async with uow() as u:
        t, _ = await visible_team(u, team_id, principal, lock="share")
        p = await workable(u, t)
        repo = u.teams
        milestones = await repo.milestones(t.id, parallel=p.parallel_stages, for_update=True)
        now = clock()
        m = milestones.review(cmd.stage, cmd.decision, cmd.comments, now=now)
        r = Review(
            id=uuid.uuid4(),
            team_id=t.id,
            stage=cmd.stage,
            decision=cmd.decision,
            comments=cmd.comments,
            reviewer=principal.sub,
            side=found.side,
            mentor_id=found.mentor_id,
            reviewed_at=now,
        )
        await repo.save_milestone(m)
        await repo.add_review(r)
        u.emit(integration_event(StageReviewed(r, t)))
        await u.commit()
    return r
