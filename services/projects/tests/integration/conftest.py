"""Fixtures for the projects use cases on a real, migrated PostgreSQL (one database per test module): partners
in the partnership read model, a published project shared with a school, and a stand-in for the mentors
service's answers (the real gRPC check is exercised end to end in tests/test_projects_*.py)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta

import pytest
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import create_async_engine

from praxis_common.auth import Principal
from praxis_common.errors import Unavailable
from praxis_common.uow import UnitOfWorkFactory
from praxis_partnerships import partnership
from projects.adapters.unit_of_work import ProjectsUnit
from projects.handlers import MentorRole
from projects.handlers import projects as project_handlers
from projects.main import MIGRATIONS

PREFIX = "t"
TODAY = date.today()


@pytest.fixture(scope="module")
def database_url(database_factory):
    url = database_factory("projects", migrated=MIGRATIONS)
    return url


@pytest.fixture
async def engine(database_url):
    engine = create_async_engine(database_url, pool_size=30, max_overflow=0)
    yield engine
    await engine.dispose()


@pytest.fixture
def uow(engine) -> UnitOfWorkFactory[ProjectsUnit]:
    return UnitOfWorkFactory(engine, event_prefix=PREFIX, unit=ProjectsUnit)


def person(org: str, kind: str, *roles: str, sub: str | None = None) -> Principal:
    return Principal(sub=sub or f"{org}-{'-'.join(roles)}", org=org, org_kind=kind, roles=frozenset(roles))


@dataclass
class World:
    """Two schools and two enterprises with their own ids per test; `school` and `enterprise` are partners."""

    tag: str = field(default_factory=lambda: uuid.uuid4().hex[:8])

    def org(self, name: str) -> str:
        return f"{name}-{self.tag}"

    @property
    def school(self) -> Principal:
        return person(self.org("school"), "school", "admin")

    @property
    def enterprise(self) -> Principal:
        return person(self.org("ent"), "enterprise", "hr")

    def student(self, ref: str, school: str = "school") -> Principal:
        return person(self.org(school), "school", "student", sub=ref)

    def teacher(self, sub: str = "teacher") -> Principal:
        return person(self.org("school"), "school", "teacher", sub=sub)

    def host(self, sub: str = "host") -> Principal:
        return person(self.org("ent"), "enterprise", "mentor", sub=sub)

    def other(self, kind: str, *roles: str, sub: str | None = None) -> Principal:
        """A member of another school or enterprise (not a partner of anyone here)."""
        return person(self.org(f"other-{kind}"), kind, *(roles or ("admin",)), sub=sub)


@pytest.fixture
def world() -> World:
    return World()


async def partners(uow, school: str, enterprise: str, *, active: bool = True) -> None:
    """What the partnership read model holds after agreement.activated (or .ended)."""
    async with uow() as u:
        await u.connection.execute(
            insert(partnership)
            .values(agreement_id=str(uuid.uuid4()), school_org=school, enterprise_org=enterprise, active=active)
            .on_conflict_do_nothing()
        )
        await u.commit()


async def published_project(uow, world: World, *, share: bool = True, **terms):
    await partners(uow, world.school.org, world.enterprise.org)
    cmd = project_handlers.CreateProject(
        **{
            "title": "Lazada ceramics store",
            "starts_on": TODAY - timedelta(days=1),
            "ends_on": TODAY + timedelta(days=120),
            "min_team_size": 2,
            "max_team_size": 4,
            "team_capacity": 3,
            **terms,
        }
    )
    p = await project_handlers.create_project(cmd, world.enterprise, uow=uow)
    p = await project_handlers.publish_project(p.id, world.enterprise, uow=uow)
    if share:
        await project_handlers.share_project(p.id, world.school.org, world.enterprise, uow=uow)
    return p


@pytest.fixture
def make_project(uow, world):
    """`await make_project(**terms)`: a published project of world.enterprise, shared with world.school unless
    share=False."""

    async def make(*, share: bool = True, **terms):
        return await published_project(uow, world, share=share, **terms)

    return make


class Mentors:
    """Stands in for the mentors service: `roles[(sub, team_id)] = side`; `down` makes every question fail."""

    def __init__(self) -> None:
        self.roles: dict[tuple[str, str], str] = {}
        self.down = False
        self.asked: list[tuple[str, str, str]] = []

    def make(self, principal: Principal, team_id) -> None:
        self.roles[(principal.sub, str(team_id))] = principal.org_kind

    async def role_of_caller(self, token: str, *, student_ref: str, team_id: str) -> MentorRole | None:
        self.asked.append((token, student_ref, team_id))
        if self.down:
            raise Unavailable("the mentors service cannot confirm the team's mentors right now")
        side = self.roles.get((token, team_id))
        return MentorRole(side, f"mentor-{token}", "assignment") if side else None


@pytest.fixture
def mentors() -> Mentors:
    return Mentors()
