"""Project use cases: create, change (drafts), publish, set the platform targets, share with partner schools and
revoke them, material; and the reads, scoped to who may see what (policy.py)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from praxis_common.auth import Principal
from praxis_common.errors import FieldError, InvalidInput, NotFound
from praxis_common.feeds import Changes, feed_page
from praxis_common.pages import DEFAULT_PAGE_SIZE, decode_page_token, encode_page_token, page_of
from projects import policy
from projects.domain.metrics import Target
from projects.domain.projects import (
    Material,
    MaterialKind,
    Project,
    SchoolShared,
    Sensitivity,
    SharedSchool,
    Stage,
    Status,
    Weights,
)
from projects.domain.terms import opens
from projects.handlers import Clock, UowFactory, utc_clock
from projects.handlers.audit import audited_material_read
from projects.outgoing import integration_event


@dataclass(frozen=True)
class CreateProject:
    title: str
    starts_on: date
    ends_on: date
    brief: str = ""
    competencies: list[str] = field(default_factory=list)
    stages: list[Stage] | None = None  # None: the six default stages
    team_capacity: int = 10
    min_team_size: int = 1
    max_team_size: int = 6
    credits: Decimal = Decimal(2)
    pass_mark: Decimal = Decimal(60)
    parallel_stages: bool = False
    weights: Weights | None = None  # None: 0.3 teacher, 0.3 enterprise, 0.2 platform, 0.2 peer
    platform_targets: dict[str, Target] = field(default_factory=dict)


@dataclass(frozen=True)
class AmendProject:
    """A draft's new terms: only the fields given change."""

    changes: dict = field(default_factory=dict)


@dataclass(frozen=True)
class SetPlatformTargets:
    targets: dict[str, Target]


@dataclass(frozen=True)
class AddMaterial:
    title: str
    kind: MaterialKind
    uri: str
    description: str = ""
    sensitivity: Sensitivity = Sensitivity.INTERNAL


@dataclass(frozen=True)
class ShareProject:
    expires_at: datetime | None = None  # None: until revoked


@dataclass(frozen=True)
class ListProjects:
    status: Status | None = None
    competencies: tuple[str, ...] = ()  # any of these tags
    page_size: int = 50
    page_token: str | None = None


async def visible_project(u, project_id: uuid.UUID, principal: Principal, *, for_update: bool = False) -> Project:
    """The project if the caller may see it: its enterprise's staff, or a school it is shared with (not revoked,
    partners, published or completed); NotFound otherwise."""
    policy.reader(principal)
    p = await u.projects.get(project_id, for_update=for_update)
    if p is None:
        raise NotFound("no such project")
    if principal.org_kind == "enterprise":
        if p.enterprise_org != principal.org or not policy.is_staff(principal):
            raise NotFound("no such project")
    elif not await u.projects.visible_to_school(project_id, principal.org):
        raise NotFound("no such project")
    return p


async def owned_project(u, project_id: uuid.UUID, principal: Principal, *, for_update: bool = False) -> Project:
    """The project if the caller manages it (its enterprise's admin/hr): NotFound for those who cannot see it,
    Forbidden for those who see it without managing it."""
    p = await visible_project(u, project_id, principal, for_update=for_update)
    policy.enterprise_manager(principal)
    return p


async def create_project(
    cmd: CreateProject, principal: Principal, *, uow: UowFactory, clock: Clock = utc_clock
) -> Project:
    policy.enterprise_manager(principal)
    terms = {k: v for k, v in vars(cmd).items() if v is not None}
    p = Project.create(enterprise_org=principal.org, by=principal.sub, now=clock(), **terms)
    async with uow() as u:
        await u.projects.add(p)
        await u.commit()
    return p


async def amend_project(project_id: uuid.UUID, cmd: AmendProject, principal: Principal, *, uow: UowFactory) -> Project:
    """Change a draft's terms (only the fields given)."""
    async with uow() as u:
        p = await owned_project(u, project_id, principal, for_update=True)
        p.amend(cmd.changes)
        await u.projects.save(p)
        await u.commit()
    return p


async def publish_project(
    project_id: uuid.UUID, principal: Principal, *, uow: UowFactory, clock: Clock = utc_clock
) -> Project:
    async with uow() as u:
        p = await owned_project(u, project_id, principal, for_update=True)
        p.publish(now=clock())
        await u.projects.save(p)
        u.track(p)
        await u.commit()
    return p


async def set_platform_targets(
    project_id: uuid.UUID, cmd: SetPlatformTargets, principal: Principal, *, uow: UowFactory
) -> Project:
    """The rule the platform score is computed by: a target per metric (replaces the previous rule). Scores are
    computed when read, so every scorecard follows the new rule at once."""
    async with uow() as u:
        p = await owned_project(u, project_id, principal, for_update=True)
        p.set_platform_targets(cmd.targets)
        await u.projects.save(p)
        await u.commit()
    return p


async def get_project(project_id: uuid.UUID, principal: Principal, *, uow: UowFactory) -> Project:
    async with uow() as u:
        return await visible_project(u, project_id, principal)


async def list_projects(
    query: ListProjects, principal: Principal, *, uow: UowFactory
) -> tuple[list[Project], str | None]:
    """Newest first: an enterprise's own projects (drafts too), or those a school sees."""
    policy.reader(principal)
    after = decode_page_token(query.page_token) if query.page_token else None
    async with uow() as u:
        repo = u.projects
        if principal.org_kind == "enterprise":
            if not policy.is_staff(principal):
                return [], None
            page = await repo.list_for_enterprise(
                principal.org,
                status=query.status,
                competencies=query.competencies,
                after=after,
                limit=query.page_size + 1,
            )
        else:
            page = await repo.list_for_school(
                principal.org,
                status=query.status,
                competencies=query.competencies,
                after=after,
                limit=query.page_size + 1,
            )
    more = len(page) > query.page_size
    page = page[: query.page_size]
    return page, (encode_page_token(page[-1].created_at, page[-1].id) if more and page else None)


async def project_changes(
    query: ListProjects, updated_since: str, principal: Principal, *, uow: UowFactory
) -> Changes[Project]:
    """The projects the caller's list shows changed since the cursor: an enterprise's staff its own, a school those
    shared with it by a partner. A project whose share was revoked (or that stopped matching the filters) comes as
    a tombstone; the end of a partnership changes no project and makes no change here (docs/change-feeds.md)."""
    policy.reader(principal)
    enterprise = principal.org_kind == "enterprise"
    async with uow() as u:
        repo = u.projects

        async def shown(ids):
            if enterprise:
                found = await repo.list_for_enterprise(
                    principal.org,
                    status=query.status,
                    competencies=query.competencies,
                    after=None,
                    limit=len(ids),
                    ids=ids,
                )
            else:
                found = await repo.list_for_school(
                    principal.org,
                    status=query.status,
                    competencies=query.competencies,
                    after=None,
                    limit=len(ids),
                    ids=ids,
                )
            return {p.id: p for p in found}

        orgs = [] if enterprise and not policy.is_staff(principal) else [principal.org]
        items, cursor, more = await feed_page(u.connection, "project", orgs, updated_since, query.page_size, shown)
    return Changes(items, cursor, more)


# Sharing with schools


async def share_project(
    project_id: uuid.UUID,
    school_org: str,
    principal: Principal,
    cmd: ShareProject = ShareProject(),
    *,
    uow: UowFactory,
    clock: Clock = utc_clock,
) -> SharedSchool:
    """Let a partner school (an active agreement with the enterprise) see the project until `expires_at` (or until
    revoked); again after a revocation or an expiry; sharing a current grant again sets its new expiry. Event
    project.school_shared (with the expiry)."""
    now = clock()
    if cmd.expires_at is not None and cmd.expires_at <= now:
        raise InvalidInput(
            "an expiry must be in the future", errors=[FieldError("expires_at", "must be later than now")]
        )
    async with uow() as u:
        p = await owned_project(u, project_id, principal)
        repo = u.projects
        if not await repo.partners(school_org, p.enterprise_org):
            raise InvalidInput(
                "projects are shared with partner schools only",
                errors=[FieldError("school_org", "no active agreement between this school and your enterprise")],
            )
        await repo.share(project_id, school_org, by=principal.sub, now=now, expires_at=cmd.expires_at)
        shared = next(s for s in await repo.shared_schools(project_id, p.enterprise_org) if s.school_org == school_org)
        u.emit(integration_event(SchoolShared(project_id, p.enterprise_org, shared)))
        await u.commit()
        return shared


async def revoke_school(
    project_id: uuid.UUID, school_org: str, principal: Principal, *, uow: UowFactory, clock: Clock = utc_clock
) -> SharedSchool:
    """The school loses the project and its material at once; its teams' records stay the school's."""
    async with uow() as u:
        p = await owned_project(u, project_id, principal)
        repo = u.projects
        if not await repo.revoke(project_id, school_org, by=principal.sub, now=clock()):
            raise NotFound("the project is not shared with this school")
        await u.commit()
        return next(s for s in await repo.shared_schools(project_id, p.enterprise_org) if s.school_org == school_org)


async def shared_schools(
    project_id: uuid.UUID,
    principal: Principal,
    *,
    uow: UowFactory,
    page_size: int = DEFAULT_PAGE_SIZE,
    page_token: str | None = None,
) -> tuple[list[SharedSchool], str | None]:
    """A page of the schools the project is shared with (or was), by school."""
    async with uow() as u:
        p = await owned_project(u, project_id, principal)
        found = await u.projects.shared_schools(project_id, p.enterprise_org)
    return page_of(found, page_size, page_token, lambda s: (s.school_org,), str)


# Material


async def add_material(
    project_id: uuid.UUID, cmd: AddMaterial, principal: Principal, *, uow: UowFactory, clock: Clock = utc_clock
) -> Material:
    async with uow() as u:
        p = await owned_project(u, project_id, principal)
        m = Material(
            id=uuid.uuid4(),
            project_id=p.id,
            title=cmd.title,
            kind=cmd.kind,
            uri=cmd.uri,
            description=cmd.description,
            added_at=clock(),
            added_by=principal.sub,
            sensitivity=cmd.sensitivity,
        )
        await u.projects.add_material(m)
        await u.commit()
    return m


async def remove_material(
    project_id: uuid.UUID, material_id: uuid.UUID, principal: Principal, *, uow: UowFactory
) -> None:
    async with uow() as u:
        await owned_project(u, project_id, principal)
        if not await u.projects.remove_material(project_id, material_id):
            raise NotFound("no such material")
        await u.commit()


async def list_material(
    project_id: uuid.UUID,
    principal: Principal,
    *,
    uow: UowFactory,
    page_size: int = DEFAULT_PAGE_SIZE,
    page_token: str | None = None,
) -> tuple[list[Material], str | None]:
    """A page of what the enterprise shares, oldest first: to its own staff, and the schools that see the project
    right now (a share neither revoked nor expired); to a student, what opens to them (domain.terms.opens)."""
    async with uow() as u:
        project = await visible_project(u, project_id, principal)
        found = await u.projects.material_of(project_id)
        student = policy.is_student(principal)
        current = await u.terms.current(project_id) if student else None
        accepted = student and (
            current is not None
            and await u.terms.acceptance(project_id, current.version, principal.org, principal.sub) is not None
        )
        opened = opens(found, student=student, current=current, accepted=accepted)
        page, token = page_of(opened, page_size, page_token, lambda m: (m.added_at, m.id))
        # The one place an access to material is granted (refusals raised above): audited with the read (docs/audit.md).
        await audited_material_read(u, project, page, principal)
        await u.commit()
    return page, token
