"""Readiness is the database reachable and at the code's migration head: a service started on an unmigrated
database is alive but not ready (REST and gRPC health) until its migrations are applied."""

from __future__ import annotations

import asyncio

import asyncpg
import grpc
import httpx
import pytest
from alembic.script import ScriptDirectory
from grpc_health.v1 import health_pb2, health_pb2_grpc

from mentors.main import MIGRATIONS
from praxis_common.migrations import alembic_config
from praxis_dev.testing.servers import plain_url
from praxis_dev.testing.stack import Stack, eventually

pytestmark = [pytest.mark.slow, pytest.mark.destructive]  # starts mentors on an unmigrated database

SERVING, NOT_SERVING = health_pb2.HealthCheckResponse.SERVING, health_pb2.HealthCheckResponse.NOT_SERVING


@pytest.fixture
def unmigrated(nats_server, event_prefix, database_factory, tmp_path):
    s = Stack(nats_server, event_prefix, tmp_path, database_factory)
    try:
        yield s.start(("mentors",), migrate=False)
    finally:
        s.stop()


async def readyz(stack: Stack) -> httpx.Response:
    async with httpx.AsyncClient(base_url=stack["mentors"].base_url, timeout=10) as client:
        return await client.get("/readyz")


async def health(stack: Stack, service: str = "") -> int:
    async with grpc.aio.insecure_channel(stack["mentors"].grpc_target) as channel:
        reply = await health_pb2_grpc.HealthStub(channel).Check(
            health_pb2.HealthCheckRequest(service=service), timeout=2
        )
        return reply.status


async def test_a_service_is_not_ready_until_its_database_is_migrated(unmigrated):
    stack = unmigrated
    response = await readyz(stack)
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "not ready"
    assert body["checks"]["database"] is True and body["checks"]["schema"] is False
    assert body["schema"]["state"] == "missing" and body["schema"]["expected"]
    await eventually(lambda: _health_is(stack, NOT_SERVING), timeout=10, what="gRPC health NOT_SERVING")

    await asyncio.to_thread(stack.migrate, ("mentors",))
    await eventually(lambda: _ready(stack), timeout=10, what="/readyz 200 once migrated")
    body = (await readyz(stack)).json()
    assert body["checks"] == {"database": True, "schema": True, "nats": True}
    assert body["schema"]["applied"] == body["schema"]["expected"]
    await eventually(lambda: _health_is(stack, SERVING), timeout=10, what="gRPC health SERVING once migrated")


async def test_a_database_behind_is_not_ready_and_one_ahead_is(unmigrated):
    """Behind: an older release's schema, this code's statements would fail. Ahead: a newer release migrated it
    during a rolling upgrade; the old processes keep serving until they are replaced."""
    stack = unmigrated
    await asyncio.to_thread(stack.migrate, ("mentors",))
    await eventually(lambda: _ready(stack), timeout=10, what="/readyz 200 once migrated")
    for revision, state, status in ((_older_revision(), "behind", 503), ("9999_from_a_newer_release", "ahead", 200)):
        await _set_revision(stack, revision)
        response = await readyz(stack)
        assert response.status_code == status, (revision, response.text)
        assert response.json()["schema"]["state"] == state
    await _set_revision(stack, _scripts().get_current_head())
    assert (await readyz(stack)).status_code == 200


async def _ready(stack: Stack) -> bool:
    return (await readyz(stack)).status_code == 200


async def _health_is(stack: Stack, status: int) -> bool:
    return await health(stack) == status


def _scripts() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config(MIGRATIONS, ""))


def _older_revision() -> str:
    return next(r.revision for r in _scripts().walk_revisions() if r.revision not in _scripts().get_heads())


async def _set_revision(stack: Stack, revision: str) -> None:
    conn = await asyncpg.connect(plain_url(stack["mentors"].database_url))
    try:
        await conn.execute("UPDATE alembic_version SET version_num = $1", revision)
    finally:
        await conn.close()
