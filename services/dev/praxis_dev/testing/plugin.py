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
- ``database_factory`` (module)   -> callable(name_hint, migrated=None) -> SQLAlchemy async URL of a
  fresh database: empty, or (``migrated="mentors"`` or a migrations path) a clone of that service's
  template, migrated once per session (``databases.py``); the module's databases are dropped
  (WITH (FORCE)) at module end. Callable from sync and async tests.
- ``session_event_prefix``, ``session_database_factory`` (session) -> the same, for what lives as
  long as the session (the shared stack of tests/conftest.py).
- ``smtp_sink`` (module)          -> SmtpSink: a real SMTP server (aiosmtpd) collecting parsed mails (``smtp.py``)
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator

import pytest

from praxis_dev.testing.databases import Databases
from praxis_dev.testing.nats import LocalNatsCluster, LocalNatsServer, NatsServer, provision_nats, start_local_nats
from praxis_dev.testing.postgres import (
    PostgresServer,
    RestartablePostgres,
    provision_postgres,
    start_restartable_postgres,
)
from praxis_dev.testing.servers import run_coro_blocking
from praxis_dev.testing.smtp import SmtpSink

_issued_prefixes: set[str] = set()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "integration: needs real PostgreSQL/NATS servers (praxis_dev.testing.plugin)")


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    server = provision_postgres()
    try:
        yield server
    finally:
        try:
            for template in server.templates.values():  # a server given by the environment outlives the session
                run_coro_blocking(server.drop_database(template))
        finally:
            server.close()


@pytest.fixture(scope="module")
def smtp_sink() -> Iterator[SmtpSink]:
    """A real SMTP server (aiosmtpd) on a free port, keeping what it receives: `smtp_sink.settings` points a
    service at it, `await smtp_sink.wait_for(address)` returns the mails that arrived."""
    sink = SmtpSink().start()
    try:
        yield sink
    finally:
        sink.stop()


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


def _new_prefix() -> str:
    while True:
        prefix = "t" + secrets.token_hex(3)
        if prefix not in _issued_prefixes:
            _issued_prefixes.add(prefix)
            return prefix


@pytest.fixture(scope="module")
def event_prefix() -> str:
    return _new_prefix()


@pytest.fixture(scope="session")
def session_event_prefix() -> str:
    return _new_prefix()


@pytest.fixture(scope="module")
def database_factory(postgres_server: PostgresServer, event_prefix: str) -> Iterator[Databases]:
    databases = Databases(postgres_server, event_prefix)
    try:
        yield databases
    finally:
        databases.drop_all()


@pytest.fixture(scope="session")
def session_database_factory(postgres_server: PostgresServer, session_event_prefix: str) -> Iterator[Databases]:
    databases = Databases(postgres_server, session_event_prefix)
    try:
        yield databases
    finally:
        databases.drop_all()
