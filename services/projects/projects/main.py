"""Bootstrap of the projects service: what runs in its process, and its migrations."""

from __future__ import annotations

import asyncio
from pathlib import Path

from praxis_common import migrations, partnerships
from praxis_common.service import Runtime, ServiceSpec
from praxis_common.service import run as run_service
from projects import rpc
from projects.adapters.mentors import MentorsClient
from projects.adapters.unit_of_work import ProjectsUnit
from projects.config import Settings
from projects.http import credits, projects, teams

MIGRATIONS = Path(__file__).parent / "migrations"

_mentors: dict[int, MentorsClient] = {}


def mentors_client(rt: Runtime) -> MentorsClient:
    """One client (one channel, opened on first use) per running service, shared by REST and gRPC."""
    if id(rt) not in _mentors:
        _mentors[id(rt)] = MentorsClient(
            rt.settings.mentors_grpc_target, deadline_seconds=rt.settings.mentors_deadline_seconds
        )
    return _mentors[id(rt)]


SPEC = ServiceSpec(
    name="projects",
    migrations=MIGRATIONS,
    unit=ProjectsUnit,
    routers=lambda rt: [
        partnerships.router(rt.engine),
        projects.router(rt),
        teams.router(rt, mentors_client(rt)),
        credits.router(rt),
    ],
    grpc_services=lambda rt: rpc.services(rt, mentors_client(rt)),
    subscriptions=lambda rt: [partnerships.subscription("projects")],
)


async def serve(settings: Settings, stop: asyncio.Event | None = None) -> None:
    await run_service(SPEC, settings, stop=stop)


def migrate(settings: Settings) -> None:
    migrations.upgrade(MIGRATIONS, settings.database_url)
