"""Bootstrap of the notifications service: what runs in its process, and its migrations."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from notifications import rpc
from notifications.adapters.sender import Sender
from notifications.adapters.unit_of_work import NotificationsUnit
from notifications.config import Settings
from notifications.consumers import internships
from notifications.handlers.dispatch import Dispatcher
from notifications.http import webhooks
from praxis_common.service import Runtime, ServiceSpec

MIGRATIONS = Path(__file__).parent / "migrations"


@asynccontextmanager
async def sender(rt: Runtime) -> AsyncIterator[Sender]:
    """The outbound HTTP client of webhook deliveries, for as long as the service runs."""
    s = Sender(timeout=rt.settings.webhook_timeout_seconds, allow_private=rt.settings.allow_private_urls)
    try:
        yield s
    finally:
        await s.close()


def dispatcher(rt: Runtime) -> Dispatcher:
    s = rt.settings
    return Dispatcher(
        rt.uow,
        rt.resources.send,
        backoff=s.backoff,
        timeout=s.webhook_timeout_seconds,
        per_endpoint=s.webhook_endpoint_concurrency,
        total=s.webhook_concurrency,
        poll_seconds=s.webhook_poll_seconds,
    )


SPEC = ServiceSpec(
    name="notifications",
    settings=Settings,
    migrations=MIGRATIONS,
    unit=NotificationsUnit,
    routers=lambda rt: [webhooks.router(rt), webhooks.deliveries_router(rt), webhooks.notices_router(rt)],
    grpc_services=rpc.services,
    subscriptions=lambda rt: [internships.subscription(clock=rt.clock)],
    resources=sender,
    workers=lambda rt: [dispatcher(rt).run],
)
