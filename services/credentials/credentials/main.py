"""Bootstrap of the credentials service: what runs in its process, and its migrations."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from pathlib import Path

from credentials import rpc
from credentials.adapters import exports
from credentials.adapters.key_store import KeyStore
from credentials.adapters.outside import OutsideSources
from credentials.adapters.unit_of_work import CredentialsUnit
from credentials.config import Settings
from credentials.consumers import achievements
from credentials.handlers.custody import Custody
from credentials.handlers.erasure import erase_student
from credentials.http import brought_in, credentials, public
from praxis_common.service import Runtime, ServiceSpec

MIGRATIONS = Path(__file__).parent / "migrations"


def custody(settings: Settings, outside: OutsideSources | None = None) -> Custody:
    """How this service holds organisations' keys: sealed under the key-encryption key, DIDs under its public URL;
    and where it reads outside issuers."""
    store = KeyStore(settings.encryption_key)
    return Custody(
        seal=store.seal,
        open=store.open,
        public_url=settings.public_url,
        status_list_lifetime=timedelta(hours=settings.status_list_hours),
        outside=outside,
    )


@asynccontextmanager
async def held_keys(rt: Runtime) -> AsyncIterator[Custody]:
    """`rt.resources` while the service runs: the edges sign and check through it (its HTTP client for outside
    issuers closed when the service stops)."""
    outside = OutsideSources(timeout=rt.settings.outside_timeout_seconds, allow_private=rt.settings.allow_private_urls)
    try:
        yield custody(rt.settings, outside)
    finally:
        await outside.close()


def routers(rt: Runtime) -> list:
    return [credentials.router(rt), credentials.keys_router(rt), brought_in.router(rt), public.router(rt)]


SPEC = ServiceSpec(
    name="credentials",
    consumes=frozenset({"internships", "projects"}),
    settings=Settings,
    migrations=MIGRATIONS,
    unit=CredentialsUnit,
    routers=routers,
    grpc_services=rpc.services,
    resources=held_keys,
    erase_student=erase_student,  # its part in erasing a student (docs/erasure.md)
    exports=exports.RESOURCES,  # what an organisation owns here, for its export (docs/export.md)
    subscriptions=lambda rt: achievements.subscriptions(),
)
