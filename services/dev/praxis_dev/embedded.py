"""The embedded default behind `praxis up`: a nats-server child, a pgserver PostgreSQL, every installed service.

The services are the ones registered in the `praxis.services` entry points (registry.py); each listens on its
settings' default ports unless <PREFIX>HTTP_PORT / <PREFIX>GRPC_PORT say otherwise, and its peers' addresses
(ServiceSpec.peers) are pointed at the processes started here.

Mail the services send goes to an SMTP sink started here (mail_sink.py, 127.0.0.1:2525 or $PRAXIS_SMTP_PORT):
every service gets <PREFIX>SMTP_HOST, <PREFIX>SMTP_PORT and <PREFIX>PUBLIC_URL (its own REST URL), which the
notifications service reads and the others ignore; `praxis mail list|show` reads what it caught in .praxis/mail/.

Everything lives under the state directory (.praxis/); Ctrl-C or SIGTERM stops the services,
then NATS and PostgreSQL, leaving nothing running.
"""

from __future__ import annotations

import os
import secrets
import shlex
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from praxis_common import registry
from praxis_common.bus_access import ADMIN_USER
from praxis_common.processes import ensure_ports_free, nats_server_binary, wait_until
from praxis_common.settings import ServiceSettings
from praxis_dev import mail_sink
from praxis_dev.bus_config import EMBEDDED_ROUNDS, DevBusAccess
from praxis_dev.tokens import generate_keypair, mint_token

NATS_PORT_VAR = "PRAXIS_NATS_PORT"
DEFAULT_NATS_PORT = 4250

NATS_CONF = """# Written by `praxis up`: a user per service, the passwords in credentials/ (bus_config.py).
listen: 127.0.0.1:{port}
jetstream {{
  store_dir: "{store}"
  sync_interval: always
}}
"""


def _port_open(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.2)
        return s.connect_ex(("127.0.0.1", port)) == 0


def _ready(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=1) as r:
            return r.status == 200
    except OSError:
        return False


def start_postgres(state: Path, databases: list[str]) -> tuple[object, str]:
    """A PostgreSQL from pgserver with the given databases; returns (server, libpq URL of the maintenance db)."""
    import pgserver

    server = pgserver.get_server(state / "pgdata", cleanup_mode="stop")
    for db in databases:
        exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{db}';")
        if "1 row" not in exists:
            server.psql(f"CREATE DATABASE {db};")
    return server, server.get_uri()


def async_url(libpq_uri: str, database: str) -> str:
    """pgserver's socket URI (postgresql://postgres:@/postgres?host=/dir) for another database, via asyncpg."""
    head, _, query = libpq_uri.partition("?")
    base = head.rsplit("/", 1)[0]
    return f"{base.replace('postgresql://', 'postgresql+asyncpg://', 1)}/{database}" + (f"?{query}" if query else "")


def page_token_secret(state: Path) -> str:
    """This installation's secret for signing page tokens, made once and kept in the state directory."""
    path = state / "page-token-secret"
    if not path.exists():
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()


def action_link_secret(state: Path) -> str:
    """This installation's secret for signing action links (praxis_common.action_links), shared by every service:
    the one that mails links and the one that acts on them. Made once and kept in the state directory."""
    path = state / "action-link-secret"
    if not path.exists():
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()


def demo_text(private_key: Path, public_key: Path, http_port: int, path: str) -> str:
    """Demo tokens and a first request that works when pasted into a POSIX shell as printed."""
    key = private_key.read_bytes()
    school = mint_token(key, org="school-demo", org_kind="school", roles=["admin"])
    enterprise = mint_token(key, org="enterprise-demo", org_kind="enterprise", roles=["hr"])
    praxis = Path(sys.executable).parent / "praxis"
    return (
        "\nTokens (12 h; more with `praxis token --org ORG --kind school|enterprise --role ROLE`, "
        "roles in docs/roles.md):\n"
        f"  school-demo admin:     {school}\n  enterprise-demo hr:    {enterprise}\n"
        "\nTry:\n"
        f"  TOKEN=$({shlex.quote(str(praxis))} token --key {shlex.quote(str(private_key))} "
        "--org school-demo --kind school --role admin)\n"
        f'  curl -H "Authorization: Bearer $TOKEN" http://127.0.0.1:{http_port}{path}\n'
        f"Public key for verification: {public_key}"
    )


def run_embedded(state: Path, *, demo: bool = True) -> None:
    state.mkdir(parents=True, exist_ok=True)
    specs = {name: registry.load(name) for name in registry.service_names()}
    if not specs:
        raise SystemExit(f"no service is installed (entry points {registry.GROUP})")
    nats_port = int(os.environ.get(NATS_PORT_VAR, DEFAULT_NATS_PORT))
    smtp_port = int(os.environ.get(mail_sink.PORT_VAR, mail_sink.DEFAULT_PORT))
    wanted = [("127.0.0.1", nats_port, NATS_PORT_VAR), ("127.0.0.1", smtp_port, mail_sink.PORT_VAR)]
    ports = {}
    for name, spec in specs.items():
        prefix = registry.env_prefix(spec)
        ports[name] = {
            var: int(os.environ.get(prefix + var, default)) for var, default in registry.default_ports(spec).items()
        }
        wanted += [("127.0.0.1", port, prefix + var) for var, port in ports[name].items()]
    ensure_ports_free(wanted)  # every taken port in one message, not one per attempt
    private_key, public_key = generate_keypair(state / "keys")
    page_secret = page_token_secret(state)
    link_secret = action_link_secret(state)

    children: list[subprocess.Popen] = []
    pg = None
    sink: mail_sink.MailSink | None = None
    stopping = False

    def stop(*_: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    try:
        (state / "nats").mkdir(exist_ok=True)
        conf = state / "nats" / "nats.conf"
        bus = DevBusAccess(
            state / "nats" / "credentials",
            [ServiceSettings.model_fields["event_prefix"].default],
            rounds=EMBEDDED_ROUNDS,
        )
        conf.write_text(NATS_CONF.format(port=nats_port, store=state / "nats" / "jetstream") + bus.authorization())
        nats_log = open(state / "nats" / "nats.log", "ab")
        # Own sessions: Ctrl-C reaches only us, and we stop the children in order (services, then NATS).
        nats = subprocess.Popen(
            [nats_server_binary(), "-c", str(conf)], stdout=nats_log, stderr=nats_log, start_new_session=True
        )
        children.append(nats)
        wait_until(lambda: _port_open(nats_port), timeout=15, what=f"nats-server on port {nats_port}")
        print(f"nats-server       nats://127.0.0.1:{nats_port} (JetStream in {state / 'nats'})", flush=True)
        print(
            f"  operators (praxis dlq|outbox): PRAXIS_NATS_USER={ADMIN_USER} "
            f"PRAXIS_NATS_PASSWORD_FILE={bus.password_file(ADMIN_USER)}",
            flush=True,
        )

        pg, admin_uri = start_postgres(state, list(specs))
        print(f"postgresql        {admin_uri}", flush=True)
        sink = mail_sink.MailSink(state / "mail", smtp_port).start()
        print(
            f"mail (SMTP sink)  smtp://127.0.0.1:{smtp_port} -> {state / 'mail'} (read: praxis mail list)", flush=True
        )

        grpc_targets = {name: f"127.0.0.1:{p['GRPC_PORT']}" for name, p in ports.items()}
        for name, service_ports in ports.items():
            http = service_ports["HTTP_PORT"]
            prefix = registry.env_prefix(specs[name])
            env = {
                **os.environ,
                prefix + "DATABASE_URL": async_url(admin_uri, name),
                prefix + "NATS_URL": f"nats://127.0.0.1:{nats_port}",
                **bus.service_environment(prefix, name),
                prefix + "JWT_PUBLIC_KEY_FILE": str(public_key),
                prefix + "PAGE_TOKEN_SECRET": page_secret,
                prefix + "ACTION_LINK_SECRET": link_secret,
                prefix + "ENVIRONMENT": "dev",
                **{prefix + var: str(port) for var, port in service_ports.items()},
                prefix + "SMTP_HOST": "127.0.0.1",
                prefix + "SMTP_PORT": str(smtp_port),
                prefix + "PUBLIC_URL": f"http://127.0.0.1:{http}",
                prefix
                + "INTERNSHIPS_PUBLIC_URL": f"http://127.0.0.1:{ports.get('internships', {}).get('HTTP_PORT', 8101)}",
                **registry.peer_environment(specs[name], grpc_targets),
            }
            cli = [sys.executable, "-m", "praxis_common.cli"]
            migrated = subprocess.run([*cli, "migrate", name], env=env, capture_output=True, text=True)
            if migrated.returncode:
                raise SystemExit(f"migrating {name} failed:\n{migrated.stdout}{migrated.stderr}")
            log = open(state / f"{name}.log", "ab")
            children.append(
                subprocess.Popen([*cli, "serve", name], env=env, stdout=log, stderr=log, start_new_session=True)
            )
        for name, p in ports.items():
            wait_until(
                lambda port=p["HTTP_PORT"]: _ready(port) or stopping,
                timeout=60,
                what=f"{name} (log: {state / name}.log)",
            )
            print(
                f"{name:<17} REST http://127.0.0.1:{p['HTTP_PORT']}  gRPC 127.0.0.1:{p['GRPC_PORT']}  "
                f"metrics http://127.0.0.1:{p['METRICS_PORT']}/metrics",
                flush=True,
            )
        print(f"Logs: {state / 'nats' / 'nats.log'}, " + ", ".join(str(state / f"{n}.log") for n in ports), flush=True)
        tour = next((name for name, spec in specs.items() if spec.demo_path), None)
        if demo and tour:
            print(demo_text(private_key, public_key, ports[tour]["HTTP_PORT"], specs[tour].demo_path))
        print("\nPraxis is up. Ctrl-C stops everything.", flush=True)
        while not stopping:
            for child in children:
                if child.poll() is not None:
                    print(f"a child process exited ({child.args[-1]}, code {child.returncode}); stopping", flush=True)
                    stopping = True
            time.sleep(0.2)  # supervision interval
    finally:
        print("stopping…", flush=True)
        services, infrastructure = children[1:], children[:1]
        for group in (services, infrastructure):  # services drain against a live NATS, then NATS stops
            for child in group:
                if child.poll() is None:
                    child.send_signal(signal.SIGTERM)
            for child in group:
                try:
                    child.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    child.kill()
                    child.wait()
        if pg is not None:
            pg.cleanup()
        if sink is not None:
            sink.stop()
        print("stopped.", flush=True)
