"""A real PostgreSQL for integration tests: from the environment, Docker, or the machine's binaries (see servers.py)."""

from __future__ import annotations

import glob
import os
import re
import shutil
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from praxis_common.processes import wait_until
from praxis_dev.testing.servers import (
    DATABASE_URL_ENV,
    _Closer,
    _Exited,
    _make_workdir,
    _pdeathsig_preexec,
    _tail,
    _terminate,
    docker_available,
    free_port,
    log,
    plain_url,
    run_coro_blocking,
)

POSTGRES_IMAGE = "postgres:16"

# Test servers only: durability against an OS crash is not needed, speed is.
_PG_SETTINGS = {
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "max_connections": "200",
}

_DB_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


# --------------------------------------------------------------------------- PostgreSQL


class PostgresServer:
    """A running PostgreSQL reachable through ``admin_url`` (superuser, maintenance db).

    ``kind`` says where it comes from: "env", "docker", "local" or "pgserver".
    """

    def __init__(self, admin_url: str, *, kind: str, close: Callable[[], None] | None = None) -> None:
        self.admin_url = _normalise_pg_url(admin_url)
        self.kind = kind
        self._closer = _Closer(close)
        self.templates: dict[Path, str] = {}  # migrations -> template database (praxis_dev.testing.databases)

    def __repr__(self) -> str:
        return f"PostgresServer(kind={self.kind!r}, admin_url={self.admin_url!r})"

    def url(self, dbname: str) -> str:
        """``postgresql://.../dbname`` (asyncpg, libpq)."""
        parts = urlsplit(self.admin_url)
        return urlunsplit(parts._replace(path="/" + dbname))

    def async_url(self, dbname: str) -> str:
        """``postgresql+asyncpg://.../dbname`` (SQLAlchemy async engine)."""
        return self.url(dbname).replace("postgresql://", "postgresql+asyncpg://", 1)

    async def create_database(self, name: str, template: str | None = None) -> str:
        """Create a fresh database, empty or a copy of `template`; return its SQLAlchemy async URL."""
        _check_db_name(name)
        import asyncpg

        statement = f'CREATE DATABASE "{name}"'
        if template is not None:
            _check_db_name(template)
            statement += f' TEMPLATE "{template}"'
        conn = await asyncpg.connect(self.admin_url, timeout=30)
        try:
            await conn.execute(statement)
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
