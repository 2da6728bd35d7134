"""Bootstrap of the credentials service: what runs in its process, and its migrations.

Not yet registered with the kernel (no `praxis.services` entry point in pyproject.toml): its gRPC edge, export and
erasure parts and deployment entries come first (docs/credentials.md, "Next")."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from credentials.adapters.key_store import KeyStore
from credentials.adapters.unit_of_work import CredentialsUnit
from credentials.config import Settings
from credentials.consumers import achievements
from credentials.handlers.custody import Custody
from credentials.http import credentials, public
from praxis_common.service import Runtime, ServiceSpec

MIGRATIONS = Path(__file__).parent / "migrations"


def custody(settings: Settings) -> Custody:
    store = KeyStore(settings.encryption_key)
    return Custody(
        seal=store.seal,
        open=store.open,
        public_url=settings.public_url,
        status_list_lifetime=timedelta(hours=settings.status_list_hours),
    )


def routers(rt: Runtime) -> list:
    held = custody(rt.settings)
    return [credentials.router(rt, held), credentials.keys_router(rt, held), public.router(rt, held)]


SPEC = ServiceSpec(
    name="credentials",
    consumes=frozenset({"internships", "projects"}),
    settings=Settings,
    migrations=MIGRATIONS,
    unit=CredentialsUnit,
    routers=routers,
    grpc_services=lambda rt: [],  # next: the gRPC twin of every REST operation (docs/credentials.md)
    subscriptions=lambda rt: achievements.subscriptions(),
)
