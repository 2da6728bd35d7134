"""The NATS users of deploy/ (docs/security.md, "The bus"): the generated users block of every shipped config is what
the services' specs say today, every user's password comes from a secret in compose and Kubernetes, and the
compose NATS service's own command, run here with the venv's nats-server, refuses a client without credentials."""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nats
import pytest
from compose_files import DEPLOY, ROOT, k8s_documents, service_env
from compose_files import compose as compose  # noqa: F401 (a fixture)

from praxis_common import registry
from praxis_common.bus_access import ADMIN_USER, DEV_PASSWORD_PREFIX, password_variable
from praxis_common.processes import wait_until
from praxis_dev import deploy_bus
from praxis_dev.testing.servers import free_port

USERS = [ADMIN_USER, *registry.service_names()]


def test_every_shipped_config_carries_the_users_the_specs_make():
    block = deploy_bus.users_block()
    for name in deploy_bus.FILES:
        text = (ROOT / name).read_text()
        assert deploy_bus.with_users(text, block) == text, f"{name} drifted: run `python -m praxis_dev.deploy_bus`"


def test_compose_gives_each_password_to_the_server_and_its_own_service_only(compose):
    secrets = {password_variable(user).lower() for user in USERS}
    assert set(compose["services"]["nats"]["secrets"]) == secrets
    for name in registry.service_names():
        env_prefix = registry.env_prefix(registry.load(name))
        own = password_variable(name).lower()
        for step in (name, f"{name}-migrate"):
            service = compose["services"][step]
            assert set(service["secrets"]) & secrets == {own}, f"{step} must see its own NATS password only"
            env = service_env(service, step)
            assert (env[env_prefix + "NATS_USER"], env[env_prefix + "NATS_PASSWORD_FILE"]) == (
                name,
                f"/run/secrets/{own}",
            )
    for secret in secrets:
        default = compose["secrets"][secret]["file"].replace("${PRAXIS_NATS_SECRETS:-./deploy/nats/dev-secrets}", "")
        assert (DEPLOY / "nats" / "dev-secrets" / default.lstrip("/")).read_text().startswith(DEV_PASSWORD_PREFIX)


def test_k8s_nats_reads_every_password_from_its_users_secret():
    [sts] = [d for _, d in k8s_documents() if d.get("kind") == "StatefulSet" and d["metadata"]["name"] == "nats"]
    env = {e["name"]: e.get("valueFrom", {}) for e in sts["spec"]["template"]["spec"]["containers"][0]["env"]}
    for user in USERS:
        assert env[password_variable(user)] == {"secretKeyRef": {"name": f"{user}-nats", "key": "password"}}


async def _answer(url: str, **credentials: str) -> str:
    try:
        nc = await nats.connect(url, allow_reconnect=False, connect_timeout=5, **credentials)
    except nats.errors.Error as exc:
        return str(exc)
    await nc.close()
    return "connected"


def test_the_compose_nats_command_refuses_anonymous_clients(compose, tmp_path):
    """The compose service's shell command and config, with the image's paths moved under tmp_path: it fills the
    passwords from the (development) secrets and the server takes a service's password, nobody without one."""
    binary = shutil.which("nats-server", path=str(Path(sys.executable).parent))
    if not binary:
        pytest.skip("nats-server not installed")
    service = compose["services"]["nats"]
    port, monitor = free_port(), free_port()
    secrets = tmp_path / "secrets"
    secrets.mkdir()
    for secret in service["secrets"]:
        shutil.copy(DEPLOY / "nats" / "dev-secrets" / secret, secrets / secret)
    config = (DEPLOY / "nats" / "nats.conf").read_text()
    config = config.replace("0.0.0.0:4222", f"127.0.0.1:{port}").replace("0.0.0.0:8222", f"127.0.0.1:{monitor}")
    (tmp_path / "nats.conf").write_text(config.replace('"/data"', f'"{tmp_path / "data"}"'))
    script = service["command"][2].replace("$$", "$")  # compose's escape of a literal $
    script = script.replace("/run/secrets", str(secrets)).replace("/etc/nats", str(tmp_path))
    script = script.replace("exec nats-server", f"exec {binary}")
    clean = {k: v for k, v in os.environ.items() if not k.endswith("_NATS_PASSWORD")}
    with open(tmp_path / "nats.log", "wb") as log:
        server = subprocess.Popen(["sh", "-c", script], env=clean, stdout=log, stderr=log)
    try:
        wait_until(
            lambda: _listening(port), timeout=30, what=f"the compose NATS command's server ({tmp_path / 'nats.log'})"
        )
        url = f"nats://127.0.0.1:{port}"
        assert "Authorization Violation" in asyncio.run(_answer(url))
        password = (secrets / "mentors_nats_password").read_text().strip()
        assert asyncio.run(_answer(url, user="mentors", password=password)) == "connected"
    finally:
        server.terminate()
        server.wait(timeout=30)


def _listening(port: int) -> bool:
    import socket

    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0
