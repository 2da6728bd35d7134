"""Bootstrap of the internships service: what runs in its process, and its migrations."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

from internships import handlers, rpc
from internships.config import Settings
from internships.http import agreements
from praxis_common import migrations
from praxis_common.service import Runtime, ServiceSpec
from praxis_common.service import run as run_service

log = logging.getLogger("internships")

MIGRATIONS = Path(__file__).parent / "migrations"
CALENDAR_SECONDS = 60.0


def calendar_worker(rt: Runtime):
    """Applies agreement start and end dates every minute (and once at start)."""

    async def run(stop: asyncio.Event) -> None:
        while not stop.is_set():
            try:
                changed = await handlers.apply_calendar(uow=rt.uow, clock=rt.clock)
                if changed:
                    log.info("agreements advanced by the calendar", extra={"count": changed})
            except Exception:
                log.exception("calendar pass failed")
            try:
                await asyncio.wait_for(stop.wait(), CALENDAR_SECONDS)
            except TimeoutError:
                pass

    return run


SPEC = ServiceSpec(
    name="internships",
    routers=lambda rt: [agreements.router(rt)],
    grpc_services=rpc.services,
    workers=lambda rt: [calendar_worker(rt)],
)


async def serve(settings: Settings, stop: asyncio.Event | None = None) -> None:
    await run_service(SPEC, settings, stop=stop)


def migrate(settings: Settings) -> None:
    migrations.upgrade(MIGRATIONS, settings.database_url)
