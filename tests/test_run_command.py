"""`praxis up` (behind `make run`): everything comes up on the documented ports, mail goes to the SMTP sink it starts
(readable with `praxis mail`), and Ctrl-C leaves nothing running."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import smtplib
import socket
import subprocess
import sys
import urllib.request

import nats
import psutil
import pytest

from praxis_common.processes import wait_until
from praxis_dev.testing.servers import free_port

pytestmark = [pytest.mark.slow, pytest.mark.destructive]  # starts `praxis up` and its own servers


def _ready(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=1) as r:
            return r.status == 200
    except OSError:
        return False


async def _bus_answer(url: str, **credentials: str) -> str:
    """ "connected", or the server's refusal."""
    try:
        nc = await nats.connect(url, allow_reconnect=False, connect_timeout=5, **credentials)
    except nats.errors.Error as exc:
        return str(exc)
    await nc.close()
    return "connected"


def test_praxis_up_serves_every_service_and_ctrl_c_stops_everything(tmp_path):
    ports = {
        name: (free_port(), free_port())
        for name in ("internships", "mentors", "projects", "notifications", "credentials")
    }
    smtp = free_port()
    env = {
        **os.environ,
        "PRAXIS_HOME": str(tmp_path / "state"),
        "PRAXIS_NATS_PORT": str(free_port()),
        "PRAXIS_SMTP_PORT": str(smtp),
    }
    for name, (http, grpc) in ports.items():
        env[f"{name.upper()}_HTTP_PORT"], env[f"{name.upper()}_GRPC_PORT"] = str(http), str(grpc)
    out = tmp_path / "up.log"
    with open(out, "wb") as log:
        up = subprocess.Popen([sys.executable, "-m", "praxis_common.cli", "up"], env=env, stdout=log, stderr=log)
    try:
        wait_until(lambda: "Praxis is up" in out.read_text() or up.poll() is not None, timeout=120, what="praxis up")
        text = out.read_text()
        assert "Praxis is up" in text, text
        for name, (http, grpc) in ports.items():
            assert f"REST http://127.0.0.1:{http}  gRPC 127.0.0.1:{grpc}" in text
            assert _ready(http), name
        assert "school-demo admin:" in text
        # The bus takes only the services and the operators' admin (docs/security.md, "The bus").
        bus = f"nats://127.0.0.1:{env['PRAXIS_NATS_PORT']}"
        assert "Authorization Violation" in asyncio.run(_bus_answer(bus))
        admin = tmp_path / "state" / "nats" / "credentials" / "praxis-admin.password"
        assert f"PRAXIS_NATS_USER=praxis-admin PRAXIS_NATS_PASSWORD_FILE={admin}" in text
        assert asyncio.run(_bus_answer(bus, user="praxis-admin", password=admin.read_text().strip())) == "connected"
        # The first request printed works as printed (it once used an undefined $TOKEN in single quotes).
        hint = text.split("Try:\n", 1)[1].split("Public key", 1)[0]
        tried = subprocess.run(["bash", "-c", hint], capture_output=True, text=True, timeout=60)
        assert json.loads(tried.stdout)["items"] == [], (hint, tried.stdout, tried.stderr)
        assert str(tmp_path / "state" / "internships.log") in text  # where the logs are
        children = psutil.Process(up.pid).children(recursive=True)
        assert len(children) >= 5  # nats-server and four services at least
        # Mail: the notifications service is pointed at the sink, which keeps what it is sent for `praxis mail`.
        assert f"smtp://127.0.0.1:{smtp} -> {tmp_path / 'state' / 'mail'}" in text
        [notifications] = [c for c in children if c.cmdline()[-2:] == ["serve", "notifications"]]
        told = notifications.environ()
        assert (told["NOTIFICATIONS_SMTP_HOST"], told["NOTIFICATIONS_SMTP_PORT"]) == ("127.0.0.1", str(smtp))
        assert told["NOTIFICATIONS_PUBLIC_URL"] == f"http://127.0.0.1:{ports['notifications'][0]}"
        with smtplib.SMTP("127.0.0.1", smtp, timeout=10) as client:
            client.sendmail("noreply@praxis.test", ["mentor@school.test"], b"Subject: Week 3\r\n\r\nPlease review.\r\n")
        mail = [sys.executable, "-m", "praxis_common.cli", "mail"]
        listed = subprocess.run([*mail, "list"], env=env, capture_output=True, text=True, timeout=60)
        assert "noreply@praxis.test -> mentor@school.test  Week 3" in listed.stdout, listed.stdout + listed.stderr
        shown = subprocess.run([*mail, "show", "1"], env=env, capture_output=True, text=True, timeout=60)
        assert shown.stdout.rstrip().endswith("Please review."), shown.stdout
    finally:
        up.send_signal(signal.SIGINT)
        code = up.wait(timeout=60)
    assert code == 0, out.read_text()[-2000:]
    assert "stopped." in out.read_text()
    gone = psutil.wait_procs(children, timeout=10)[1]
    assert not gone, f"left running: {gone}"
    for http, grpc in [*ports.values(), (smtp, smtp)]:
        for port in (http, grpc):
            with socket.socket() as s:
                assert s.connect_ex(("127.0.0.1", port)) != 0, f"port {port} still open"


def test_every_taken_port_is_named_with_its_variable_in_one_attempt(tmp_path):
    with socket.socket() as busy, socket.socket() as busy_too:
        for sock in (busy, busy_too):
            sock.bind(("127.0.0.1", 0))
            sock.listen()
        port, port_too = busy.getsockname()[1], busy_too.getsockname()[1]
        env = {
            **os.environ,
            "PRAXIS_HOME": str(tmp_path),
            "MENTORS_GRPC_PORT": str(port),
            "PROJECTS_HTTP_PORT": str(port_too),
            "PRAXIS_NATS_PORT": str(free_port()),
            "PRAXIS_SMTP_PORT": str(free_port()),
        }
        for name in ("INTERNSHIPS", "MENTORS", "PROJECTS", "NOTIFICATIONS"):
            env.setdefault(f"{name}_HTTP_PORT", str(free_port()))
            env.setdefault(f"{name}_GRPC_PORT", str(free_port()))
        done = subprocess.run(
            [sys.executable, "-m", "praxis_common.cli", "up"], env=env, capture_output=True, text=True, timeout=60
        )
    assert done.returncode != 0
    assert f"port {port} " in done.stderr and "MENTORS_GRPC_PORT" in done.stderr, done.stderr
    assert f"port {port_too} " in done.stderr and "PROJECTS_HTTP_PORT" in done.stderr, done.stderr  # both at once
    assert not (tmp_path / "nats").exists()  # refused before starting anything
