"""The three services as real processes against the test servers, for cross-service tests."""

from __future__ import annotations

import asyncio
import functools
import json
import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from praxis_common import registry
from praxis_common.jetstream import Bus, service_streams
from praxis_common.processes import wait_until
from praxis_dev.testing.nats import LocalNatsCluster, NatsServer
from praxis_dev.testing.servers import free_port, run_coro_blocking
from praxis_dev.tokens import PUBLIC_KEY, generate_keypair, mint_token

SERVICES = registry.service_names()  # the installed services (entry points), sorted
T = TypeVar("T")


@dataclass
class ServiceProcess:
    name: str
    env: dict[str, str]
    log_path: Path
    proc: subprocess.Popen | None = None

    @property
    def prefix(self) -> str:
        return _env_prefix(self.name)

    @property
    def http_port(self) -> int:
        return int(self.env[f"{self.prefix}HTTP_PORT"])

    @property
    def grpc_target(self) -> str:
        return f"127.0.0.1:{self.env[f'{self.prefix}GRPC_PORT']}"

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    @property
    def metrics_url(self) -> str:
        return f"http://127.0.0.1:{self.env[f'{self.prefix}METRICS_PORT']}/metrics"

    @property
    def database_url(self) -> str:
        return self.env[f"{self.prefix}DATABASE_URL"]

    def start(self, timeout: float = 60) -> None:
        self.spawn()
        self.wait_ready(timeout)

    def spawn(self) -> None:
        log = open(self.log_path, "ab")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "praxis_common.cli", "serve", self.name], env=self.env, stdout=log, stderr=log
        )

    def wait_ready(self, timeout: float = 60) -> None:
        wait_until(lambda: self._ready(), timeout=timeout, what=f"{self.name} /readyz (log {self.log_path})")

    def wait_alive(self, timeout: float = 60) -> None:
        wait_until(lambda: self._ready("/healthz"), timeout=timeout, what=f"{self.name} /healthz (log {self.log_path})")

    def _ready(self, path: str = "/readyz") -> bool:
        if self.proc is not None and self.proc.poll() is not None:
            raise RuntimeError(f"{self.name} exited with {self.proc.returncode}:\n{self.log_path.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(self.base_url + path, timeout=1) as r:
                return r.status == 200
        except OSError:
            return False

    def log_records(self) -> list[dict]:
        """The service's JSON log lines, parsed (anything else it printed, e.g. a crash, as {"raw": line})."""
        records = []
        for line in self.log_path.read_text(errors="replace").splitlines():
            try:
                records.append(json.loads(line))
            except ValueError:
                records.append({"raw": line})
        return records

    def terminate(self) -> None:
        """SIGTERM, as an orchestrator would, without waiting for the exit (`stop` waits)."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)

    def stop(self, timeout: float = 15) -> int | None:
        """SIGTERM, as an orchestrator would; a service that does not exit in time is killed and reported."""
        if self.proc is None or self.proc.poll() is not None:
            return self.proc.returncode if self.proc else None
        self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            raise RuntimeError(
                f"{self.name} ignored SIGTERM for {timeout}s:\n{self.log_path.read_text()[-3000:]}"
            ) from None


@dataclass
class Stack:
    nats: NatsServer | LocalNatsCluster  # each service connects as its own user; the tests' clients as the admin
    prefix: str
    workdir: Path
    database_factory: Callable[..., str]  # (name_hint, *, migrated=None) -> URL: testing.databases.Databases
    services: dict[str, ServiceProcess] = field(default_factory=dict)
    # More settings for every service, without the prefix: {"STREAM_REPLICAS": "3", "CORS_ALLOW_ORIGINS": "https://a.example"}.
    settings: dict[str, str] = field(default_factory=dict)
    # Variables of every service's process that no prefix names (OTEL_EXPORTER_OTLP_ENDPOINT, ...).
    environment: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.private_key, self.public_key = generate_keypair(self.workdir / "keys")
        # The secret action links are signed with (praxis_common.action_links), shared by every service, as in
        # `praxis up`: tests mint links with it.
        self.action_link_secret = secrets.token_hex(32)

    @property
    def nats_url(self) -> str:
        """The NATS server(s) with the admin's credentials: what the tests' own clients connect with."""
        return self.nats.url

    def start(self, names: tuple[str, ...] = SERVICES, *, migrate: bool = True) -> Stack:
        """Start the services on migrated databases (clones of the session's migrated templates, see
        testing/databases.py); with migrate=False, against empty databases, returning once they are alive
        (/healthz) rather than ready."""
        self.nats.allow_prefix(self.prefix)
        run_coro_blocking(self._provision_streams())
        for name in names:
            prefix = _env_prefix(name)
            access = self.nats.access
            http_port = free_port()
            env = {
                **os.environ,
                **self.environment,
                prefix + "DATABASE_URL": self.database_factory(name, migrated=name if migrate else None),
                prefix + "NATS_URL": self.nats.bare_url,
                **(access.service_environment(prefix, name) if access else {}),
                prefix + "EVENT_PREFIX": self.prefix,
                prefix + "HTTP_PORT": str(http_port),
                prefix + "PUBLIC_URL": f"http://127.0.0.1:{http_port}",  # its own REST URL, as `praxis up` sets it
                prefix + "GRPC_PORT": str(free_port()),
                prefix + "METRICS_PORT": str(free_port()),
                prefix + "JWT_PUBLIC_KEY_FILE": str(self.workdir / "keys" / PUBLIC_KEY),
                prefix + "ENVIRONMENT": "test",
                prefix + "ACTION_LINK_SECRET": self.action_link_secret,
                prefix + "OUTBOX_POLL_SECONDS": "0.2",
                prefix + "SHUTDOWN_GRACE_SECONDS": "3",
                **{prefix + key: value for key, value in self.settings.items()},
            }
            self.services[name] = ServiceProcess(name, env, self.workdir / f"{name}.log")
        targets = {n: s.grpc_target for n, s in self.services.items()}
        for name in names:  # a service's peers (ServiceSpec.peers) are the stack's own processes
            self.services[name].env.update(registry.peer_environment(registry.load(name), targets))
        for name in names:
            self.services[name].spawn()
        for name in names:
            if migrate:
                self.services[name].wait_ready()
            else:
                self.services[name].wait_alive()
        return self

    async def _provision_streams(self) -> None:
        """Every installed service's stream, made as the admin before the services start, as if every producer had
        run: a consumer may not create its producer's stream (docs/security.md, "The bus"), and a stack often runs
        without some of its producers."""
        bus = Bus(self.nats.url, name="stack-setup")
        await bus.connect()
        try:
            replicas = int(self.settings.get("STREAM_REPLICAS", 1))
            streams = {s.name: s for name in SERVICES for s in service_streams(self.prefix, name, replicas)}
            await bus.ensure_streams(list(streams.values()))
        finally:
            await bus.close()

    def migrate(self, names: tuple[str, ...] = SERVICES) -> None:
        """`praxis migrate` for each service, in parallel."""
        migrations = [
            subprocess.Popen(
                [sys.executable, "-m", "praxis_common.cli", "migrate", name],
                env=self.services[name].env,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
            )
            for name in names
        ]
        for name, proc in zip(names, migrations, strict=True):
            output, _ = proc.communicate(timeout=120)
            if proc.returncode:
                raise RuntimeError(f"migrating {name} failed:\n{output.decode(errors='replace')[-3000:]}")

    def add_replica(self, name: str) -> ServiceProcess:
        """Another process of a running service: same database and NATS, its own ports."""
        original = self.services[name]
        prefix = original.prefix
        env = {
            **original.env,
            **{prefix + port: str(free_port()) for port in ("HTTP_PORT", "GRPC_PORT", "METRICS_PORT")},
        }
        replica = ServiceProcess(name, env, self.workdir / f"{name}-{len(self.services)}.log")
        self.services[f"{name}#{len(self.services)}"] = replica
        replica.start()
        return replica

    def stop(self) -> None:
        """Stop every service (in parallel, as an orchestrator would); then report any that misbehaved."""
        with ThreadPoolExecutor(len(self.services) or 1) as pool:
            outcomes = list(pool.map(_stop_quietly, self.services.values()))
        problems = [o for o in outcomes if o]
        if problems:
            raise RuntimeError("\n\n".join(problems))

    def __getitem__(self, name: str) -> ServiceProcess:
        return self.services[name]

    def token(self, org: str, kind: str, *roles: str, sub: str | None = None, **kwargs) -> str:
        return mint_token(self.private_key.read_bytes(), org=org, org_kind=kind, roles=list(roles), sub=sub, **kwargs)

    def auth(self, org: str, kind: str, *roles: str, sub: str | None = None) -> dict[str, str]:
        """The Authorization header of a token (`sub`: who signs in, e.g. a student's student_ref)."""
        return {"Authorization": f"Bearer {self.token(org, kind, *roles, sub=sub)}"}


@functools.cache
def _env_prefix(name: str) -> str:
    return registry.env_prefix(registry.load(name))


def _stop_quietly(service: ServiceProcess) -> str | None:
    try:
        code = service.stop()
    except RuntimeError as exc:
        return str(exc)
    return None if code in (0, None) else f"{service.name} exited with {code}"


async def eventually(probe: Callable[[], Awaitable[T]], *, timeout: float, what: str, interval: float = 0.05) -> T:
    """Poll an async probe until it returns something truthy; fail with `what` after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = await probe()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what} (last: {value!r})")
        await asyncio.sleep(interval)  # polling interval, bounded by the deadline
