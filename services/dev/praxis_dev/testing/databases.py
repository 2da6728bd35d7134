"""Test databases: fresh empty ones, or migrated ones cloned from a template migrated once per server.

Migrating a service takes seconds (alembic imports the service and runs every revision); cloning a migrated
template is a file copy inside PostgreSQL (``CREATE DATABASE x TEMPLATE t``, tens of milliseconds). So each service's
migrations run once per PostgreSQL server and session, into a template database, and every test module that wants a
migrated database of that service gets a clone."""

from __future__ import annotations

import hashlib
import re
import secrets
import threading
from pathlib import Path

from praxis_common import migrations, registry
from praxis_dev.testing.postgres import PostgresServer
from praxis_dev.testing.servers import run_coro_blocking

_lock = threading.Lock()  # one template built at a time (the factories of a session share the servers)
_SESSION = secrets.token_hex(3)  # in template names: test processes sharing a server (pytest-xdist) keep apart


def migrations_of(service_or_path: str | Path) -> Path:
    """The alembic script location: a path as given, or a service's (its ServiceSpec's `migrations`) by name."""
    if isinstance(service_or_path, Path):
        return service_or_path
    return Path(registry.load(service_or_path).migrations)


def template(server: PostgresServer, service_or_path: str | Path) -> str:
    """The name of the server's template database migrated to head with these migrations (built on first use)."""
    location = migrations_of(service_or_path).resolve()
    with _lock:
        name = server.templates.get(location)
        if name is None:
            digest = hashlib.sha1(str(location).encode()).hexdigest()[:8]
            name = f"tmpl_{location.parent.name[:40]}_{digest}_{_SESSION}"
            url = run_coro_blocking(server.create_database(name))
            _in_own_thread(lambda: migrations.upgrade(location, url))  # env.py runs its own event loop
            server.templates[location] = name
        return name


class Databases:
    """`create(name_hint, migrated=None)` -> SQLAlchemy async URL of a new database named `<prefix>_<hint>_<n>`:
    empty, or a clone of the migrated template of `migrated` (a service's name or its migrations' path).
    `drop_all()` drops every database it created (WITH (FORCE))."""

    def __init__(self, server: PostgresServer, prefix: str) -> None:
        self.server = server
        self.prefix = prefix
        self.created: list[str] = []

    def __call__(self, name_hint: str = "db", *, migrated: str | Path | None = None) -> str:
        hint = re.sub(r"[^a-z0-9_]+", "_", name_hint.lower()).strip("_")[:40] or "db"
        name = f"{self.prefix}_{hint}_{len(self.created) + 1}"
        source = template(self.server, migrated) if migrated is not None else None
        url = run_coro_blocking(self.server.create_database(name, template=source))
        self.created.append(name)
        return url

    def drop_all(self) -> None:
        errors = []
        for name in reversed(self.created):
            try:
                run_coro_blocking(self.server.drop_database(name))
            except Exception as exc:  # drop the rest, then report
                errors.append(f"{name}: {exc!r}")
        self.created.clear()
        if errors:
            raise RuntimeError("could not drop test databases: " + "; ".join(errors))


def _in_own_thread(work) -> None:
    """Run `work` in a thread of its own (no event loop there, whatever the caller's thread runs)."""
    outcome: dict = {}

    def run() -> None:
        try:
            work()
        except BaseException as exc:  # re-raised in the caller's thread
            outcome["error"] = exc

    t = threading.Thread(target=run, name="praxis-testing-migrate")
    t.start()
    t.join()
    if "error" in outcome:
        raise outcome["error"]
