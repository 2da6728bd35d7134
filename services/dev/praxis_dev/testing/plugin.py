"""pytest fixtures for real PostgreSQL and NATS JetStream servers (provisioning: ``servers.py``, ``postgres.py``, ``nats.py``).

Enable with ``pytest_plugins = ["praxis_dev.testing.plugin"]`` in the root conftest.py.

Fixtures (all synchronous, so they work with any pytest-asyncio loop scope; servers start only
when a test asks for them):

- ``postgres_server`` (session)   -> PostgresServer
- ``nats_server`` (session)       -> NatsServer, shared by the session
- ``restartable_nats`` (function) -> LocalNatsServer the test may stop()/start()/restart()
- ``restartable_postgres`` (module) -> RestartablePostgres the test may stop()/start() (same port)
- ``nats_cluster`` (function)     -> LocalNatsCluster of 3 JetStream nodes the test may stop or kill
- ``event_prefix`` (module)       -> unique lowercase prefix, e.g. "t3f9a1c", for subjects/streams
- ``database_factory`` (module)   -> callable(name_hint) -> SQLAlchemy async URL of a fresh
  database; the module's databases are dropped (WITH (FORCE)) at module end. Callable from sync
  and async tests.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable, Iterator

import pytest

from praxis_dev.testing.nats import LocalNatsCluster, LocalNatsServer, NatsServer, provision_nats, start_local_nats
from praxis_dev.testing.postgres import (
    PostgresServer,
    RestartablePostgres,
    provision_postgres,
    start_restartable_postgres,
)
from praxis_dev.testing.servers import run_coro_blocking

_issued_prefixes: set[str] = set()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "integration: needs real PostgreSQL/NATS servers (praxis_dev.testing.plugin)")


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    server = provision_postgres()
    try:
        yield server
    finally:
        server.close()


@pytest.fixture(scope="session")
def nats_server() -> Iterator[NatsServer]:
    server = provision_nats()
    try:
        yield server
    finally:
        server.close()


@pytest.fixture
def restartable_nats() -> Iterator[LocalNatsServer]:
    server = start_local_nats()  # own temp dir, removed on close
    try:
        yield server
    finally:
        server.close()


@pytest.fixture
def nats_cluster() -> Iterator[LocalNatsCluster]:
    cluster = LocalNatsCluster(3)  # own temp dir, removed on close
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.close()


@pytest.fixture(scope="module")
def restartable_postgres() -> Iterator[RestartablePostgres]:
    server = start_restartable_postgres()  # own temp dir, removed on close
    try:
        yield server
    finally:
        server.close()


@pytest.fixture(scope="module")
def event_prefix() -> str:
    while True:
        prefix = "t" + secrets.token_hex(3)
        if prefix not in _issued_prefixes:
            _issued_prefixes.add(prefix)
            return prefix


@pytest.fixture(scope="module")
def database_factory(postgres_server: PostgresServer, event_prefix: str) -> Iterator[Callable[[str], str]]:
    created: list[str] = []

    def create(name_hint: str = "db") -> str:
        hint = re.sub(r"[^a-z0-9_]+", "_", name_hint.lower()).strip("_")[:40] or "db"
        name = f"{event_prefix}_{hint}_{len(created) + 1}"
        url = run_coro_blocking(postgres_server.create_database(name))
        created.append(name)
        return url

    try:
        yield create
    finally:
        errors = []
        for name in reversed(created):
            try:
                run_coro_blocking(postgres_server.drop_database(name))
            except Exception as exc:  # drop the rest, then report
                errors.append(f"{name}: {exc!r}")
        if errors:
            raise RuntimeError("could not drop test databases: " + "; ".join(errors))
