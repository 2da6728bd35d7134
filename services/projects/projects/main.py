"""Bootstrap of the projects service: what runs in its process, and its migrations."""

from __future__ import annotations

import asyncio
from pathlib import Path

from praxis_common import migrations, partnerships
from praxis_common.service import ServiceSpec
from praxis_common.service import run as run_service
from projects import rpc
from projects.config import Settings

MIGRATIONS = Path(__file__).parent / "migrations"

SPEC = ServiceSpec(
    name="projects",
    routers=lambda rt: [partnerships.router(rt.session_factory)],
    grpc_services=rpc.services,
    subscriptions=lambda rt: [partnerships.subscription("projects")],
)


async def serve(settings: Settings, stop: asyncio.Event | None = None) -> None:
    await run_service(SPEC, settings, stop=stop)


def migrate(settings: Settings) -> None:
    migrations.upgrade(MIGRATIONS, settings.database_url)
