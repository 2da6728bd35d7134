"""A real NATS JetStream server (or a 3-node cluster) for integration tests: from the environment, Docker, or the
`nats-server` binary of the venv (see servers.py).

The servers we start run with authentication, as every configuration we ship: a user per service with the
permissions its spec declares (praxis_dev.bus_config), and an admin. ``url`` carries the admin's credentials (the
tests' own clients use it); ``bare_url`` carries none (what a service gets, with its own user and password file).
A stack calls ``allow_prefix`` with its event prefix before its services start. A server given by the environment
is used as it is (``access`` is None)."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import urllib.request
from collections.abc import Callable
from pathlib import Path

from praxis_common.bus_access import ADMIN_USER, password_variable
from praxis_common.processes import nats_server_binary as nats_binary
from praxis_common.processes import wait_until
from praxis_dev.bus_config import DevBusAccess
from praxis_dev.testing.servers import (
    NATS_URL_ENV,
    _Closer,
    _Exited,
    _make_workdir,
    _pdeathsig_preexec,
    _tail,
    _terminate,
    docker_available,
    free_port,
    log,
)

NATS_IMAGE = "nats:2.11"

NATS_CONFIG = """\
# written by praxis_dev.testing.nats
jetstream {
  sync_interval: always
}
"""


# --------------------------------------------------------------------------- NATS


class NatsServer:
    """A running NATS server with JetStream at ``url``. ``kind``: "env", "docker" or "local"."""

    def __init__(
        self,
        url: str,
        *,
        kind: str,
        close: Callable[[], None] | None = None,
        access: DevBusAccess | None = None,
        reload: Callable[[], None] | None = None,
    ) -> None:
        self.access = access
        self.bare_url = url
        self.url = access.admin_url(url) if access and url else url
        self.kind = kind
        self._reload = reload
        self._closer = _Closer(close)

    def allow_prefix(self, prefix: str) -> None:
        """Let the services' users work under the event prefix `prefix` too (reloads the server's config)."""
        if self.access is not None and self.access.add_prefix(prefix) and self._reload is not None:
            self._reload()

    def __repr__(self) -> str:
        return f"{type(self).__name__}(kind={self.kind!r}, url={self.bare_url!r})"

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
        access: DevBusAccess | None = None,
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
        self.env: dict[str, str] | None = None  # the process's environment (None: ours)
        self.config_text: str | None = None  # a whole configuration of its own, instead of ours (ShippedNatsCluster)
        self._proc: subprocess.Popen | None = None
        self._owned = owned
        access = access or DevBusAccess(self.workdir / "credentials")
        super().__init__(
            f"nats://{self.host}:{port}" if port else "",
            kind="local",
            close=self._close,
            access=access,
            reload=self.reload,
        )

    def _set_port(self, port: int) -> None:
        self.port = port
        self.bare_url = f"nats://{self.host}:{port}"
        self.url = self.access.admin_url(self.bare_url)

    def _write_config(self) -> None:
        self.config_file.write_text(self.config_text or NATS_CONFIG + self.cluster + self.access.authorization())

    def reload(self, timeout: float = 30) -> None:
        """Re-write the config and have the running server load it; returns once it has."""
        self._write_config()
        if not self.running:
            return
        before = self.monitor("/varz").get("config_load_time")
        self._proc.send_signal(signal.SIGHUP)
        wait_until(
            lambda: self.monitor("/varz").get("config_load_time") != before,
            timeout=timeout,
            what=f"nats-server on port {self.port} to reload its config",
        )

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
        self._write_config()
        first = self.port is None
        for attempt in range(1, (3 if first else 1) + 1):
            self._set_port(free_port(self.host) if first else self.port)
            cmd = [self.binary, "-c", str(self.config_file)]
            if self.config_text is None:  # a configuration of its own names its addresses and store itself
                cmd += ["-js", "-sd", str(self.store_dir), "-a", self.host, "-p", str(self.port)]
                cmd += ["-m", str(self.monitor_port)]
            with open(self.logfile, "ab") as out:
                self._proc = subprocess.Popen(
                    cmd,
                    cwd=self.workdir,
                    stdin=subprocess.DEVNULL,
                    stdout=out,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                    preexec_fn=_pdeathsig_preexec(signal.SIGTERM),
                    env=self.env,
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
        self.access = DevBusAccess(self.workdir / "credentials")  # one set of users for every node
        host = "127.0.0.1"
        ports = [free_port(host) for _ in range(size)]
        routes = [free_port(host) for _ in range(size)]
        self.nodes = [
            LocalNatsServer(
                self.workdir / f"n{i}",
                port=ports[i],
                cluster=_cluster_config(f"n{i}", host, routes[i], [r for r in routes if r != routes[i]]),
                access=self.access,
            )
            for i in range(size)
        ]

    @property
    def url(self) -> str:
        """Every node, with the admin's credentials."""
        return ",".join(node.url for node in self.nodes)

    @property
    def bare_url(self) -> str:
        return ",".join(node.bare_url for node in self.nodes)

    def allow_prefix(self, prefix: str) -> None:
        if self.access.add_prefix(prefix):
            for node in self.nodes:
                node.reload()

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


class ShippedNatsCluster(LocalNatsCluster):
    """A 3-node cluster running the shipped cluster configuration (deploy/nats/cluster/nats.conf, the file the
    Kubernetes StatefulSet mounts) as it is, but for the addresses: each node listens, routes and stores on a port
    and a directory of its own here instead of nats-<i>.nats-headless:4222/6222/8222 and /data, and takes its name
    (SERVER_NAME=nats-<i>) and the users' passwords from its environment, as a pod does. Its users are the shipped
    ones, for the event prefix `praxis` only."""

    PREFIX = "praxis"

    def __init__(self, config: Path, tmpdir: str | Path | None = None) -> None:
        self.workdir, self._owned = _make_workdir(tmpdir, "praxis-test-nats-shipped-")
        self.access = DevBusAccess(self.workdir / "credentials", [self.PREFIX])
        host, shipped = "127.0.0.1", config.read_text()
        names = re.findall(r"nats://(nats-\d+)\.nats-headless:6222", shipped)
        routes = {name: free_port(host) for name in names}
        passwords = {
            password_variable(user): self.access.password_file(user).read_text().strip()
            for user in [ADMIN_USER, *(u.service for u in self.access.users)]
        }
        self.nodes = []
        for name in names:
            node = LocalNatsServer(self.workdir / name, port=free_port(host), access=self.access)
            text = shipped.replace("listen: 0.0.0.0:4222", f"listen: {host}:{node.port}")
            text = text.replace("http: 0.0.0.0:8222", f"http: {host}:{node.monitor_port}")
            text = text.replace('store_dir: "/data"', f'store_dir: "{node.store_dir}"')
            text = text.replace("listen: 0.0.0.0:6222", f"listen: {host}:{routes[name]}")
            for peer, port in routes.items():
                text = text.replace(f"nats://{peer}.nats-headless:6222", f"nats://{host}:{port}")
            node.config_text = text
            node.env = {**os.environ, "SERVER_NAME": name, **passwords}
            self.nodes.append(node)

    def allow_prefix(self, prefix: str) -> None:
        if prefix != self.PREFIX:
            raise ValueError(f"the shipped NATS users publish under {self.PREFIX!r} only, not {prefix!r}")


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
    """A container of the official image, with the same generated config (mounted) as a local server."""
    from testcontainers.core.container import DockerContainer

    workdir, _ = _make_workdir(None, "praxis-test-nats-docker-")
    access = DevBusAccess(workdir / "credentials")
    config = workdir / "nats.conf"
    config.write_text(NATS_CONFIG + access.authorization())
    container = (
        DockerContainer(image)
        .with_volume_mapping(str(workdir), "/etc/praxis-nats", "rw")
        .with_command("-js -m 8222 -c /etc/praxis-nats/nats.conf")
        .with_exposed_ports(4222, 8222)
    )
    container.start()

    def loaded_at() -> str | None:
        monitor = f"http://{container.get_container_host_ip()}:{container.get_exposed_port(8222)}/varz"
        with urllib.request.urlopen(monitor, timeout=5) as r:
            return json.loads(r.read()).get("config_load_time")

    def reload() -> None:
        before = loaded_at()
        config.write_text(NATS_CONFIG + access.authorization())
        container.get_wrapped_container().kill(signal="SIGHUP")
        wait_until(lambda: loaded_at() != before, timeout=timeout, what=f"{image} container to reload its config")

    def close() -> None:
        container.stop()
        shutil.rmtree(workdir, ignore_errors=True)

    try:
        host = container.get_container_host_ip()
        port = int(container.get_exposed_port(4222))
        wait_until(lambda: _nats_ready(host, port), timeout=timeout, what=f"{image} container")
    except BaseException:
        close()
        raise
    server = NatsServer(f"nats://{host}:{port}", kind="docker", close=close, access=access, reload=reload)
    return server


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
