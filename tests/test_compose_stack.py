"""The compose stack, started for real (`make compose-check`, run by `.ci/run` after the suite; deploy/README.md).

A Docker engine is started if none answers (Debian's docker.io, installed if missing) and stopped again afterwards.
Public registries are out of reach here, so the images build on a base made from Debian's packages (debootstrap,
`docker import`; the Dockerfiles' BASE_IMAGE argument, through compose's PRAXIS_BASE_IMAGE), and PostgreSQL and
NATS, which docker-compose.yml takes from registries, are stand-ins built on that base (deploy/compose-check/). Then:
`docker compose up --build` with the shipped file, every service healthy, the agreement flow over REST (internships
-> mentors and projects), each service's database role refused by every other service's database, NATS restarted
and the flow working again, and everything torn down with its volumes. Works with Compose v2 or Debian's
docker-compose 1.29 (installed if neither is there)."""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
from compose_files import settings_class

from praxis_common.processes import nats_server_binary, wait_until
from praxis_dev.testing.stack import eventually
from praxis_dev.tokens import generate_keypair, mint_token

pytestmark = [pytest.mark.compose, pytest.mark.timeout(1800)]  # images are built in the fixtures: minutes
ROOT = Path(__file__).resolve().parent.parent
CHECK = ROOT / "deploy" / "compose-check"
PROJECT = "praxis-check"
BASE, POSTGRES, NATS = "praxis-base:bookworm", "praxis-check-postgres:local", "praxis-check-nats:local"
SERVICES = {"internships": 8101, "mentors": 8102, "projects": 8103, "notifications": 8104, "credentials": 8105}
# Published on 127.0.0.1 at ports Docker picks: the default ports may be held on the machine (on CI, 50104 was).
PUBLISH = {
    "PRAXIS_BASE_IMAGE": BASE,
    "PRAXIS_PUBLISH_ADDRESS": "127.0.0.1",
    **{f"PRAXIS_{name.upper()}_{api}_PORT": "" for name in SERVICES for api in ("HTTP", "GRPC")},
}
WAIT = 120


def run(*command: str, timeout: float = 900, check: bool = True, **kwargs) -> subprocess.CompletedProcess:
    done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, **kwargs)
    if check and done.returncode:
        raise AssertionError(
            f"{' '.join(command)} failed ({done.returncode}):\n{done.stdout[-3000:]}{done.stderr[-3000:]}"
        )
    return done


def as_root(*command: str) -> tuple[str, ...]:
    return command if os.geteuid() == 0 else ("sudo", *command)


def apt_install(*packages: str) -> None:
    run(*as_root("apt-get", "update"))
    run(*as_root("apt-get", "install", "-y", "--no-install-recommends", *packages))


def engine_answers() -> bool:
    return shutil.which("docker") is not None and run("docker", "info", check=False, timeout=30).returncode == 0


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    """A Docker engine: the running one, or one started here (and stopped at the end)."""
    started = None
    if not engine_answers():
        if shutil.which("dockerd") is None:
            apt_install("docker.io")
        log = open(tmp_path_factory.mktemp("dockerd") / "dockerd.log", "wb")
        started = subprocess.Popen(as_root("dockerd"), stdout=log, stderr=log, start_new_session=True)
        wait_until(engine_answers, timeout=60, what="dockerd to answer")
    yield
    if started is not None:
        os.killpg(started.pid, signal.SIGTERM)
        started.wait(timeout=60)


def compose_command() -> list[str]:
    if run("docker", "compose", "version", check=False).returncode == 0:
        return ["docker", "compose"]
    if shutil.which("docker-compose") is None:
        apt_install("docker-compose")
    return ["docker-compose"]


def has_image(name: str) -> bool:
    return run("docker", "image", "inspect", name, check=False).returncode == 0


def build(image: str, dockerfile: Path, context: Path) -> None:
    env = {**os.environ, "DOCKER_BUILDKIT": "0"}  # BuildKit would fetch its frontend from a registry
    run(
        "docker",
        "build",
        "-q",
        "--build-arg",
        f"BASE_IMAGE={BASE}",
        "-f",
        str(dockerfile),
        "-t",
        image,
        str(context),
        env=env,
    )


@pytest.fixture(scope="module")
def images(engine):
    """The local base image (debootstrap, with this machine's CA bundle for pip's index) and the PostgreSQL and
    NATS stand-ins on it; each made once per machine. How long each took."""
    seconds, started = {}, time.monotonic()
    if not has_image(BASE):
        if shutil.which("debootstrap") is None:
            apt_install("debootstrap")
        with tempfile.TemporaryDirectory() as tmp:
            rootfs = Path(tmp) / "rootfs"
            run(
                *as_root(
                    "debootstrap",
                    "--variant=minbase",
                    "--include=python3,python3-venv,ca-certificates",
                    "bookworm",
                    str(rootfs),
                )
            )
            shutil.copyfile("/etc/ssl/certs/ca-certificates.crt", rootfs / "etc/ssl/certs/ca-certificates.crt")
            tar = subprocess.Popen(["tar", "-C", str(rootfs), "-c", "."], stdout=subprocess.PIPE)
            run("docker", "import", "-", BASE, stdin=tar.stdout)
            tar.wait()
        seconds["base image"] = time.monotonic() - started
    started = time.monotonic()
    if not has_image(POSTGRES):
        build(POSTGRES, CHECK / "postgres.Dockerfile", CHECK)
    if not has_image(NATS):
        with tempfile.TemporaryDirectory() as context:
            shutil.copy(nats_server_binary(), Path(context) / "nats-server")
            build(NATS, CHECK / "nats.Dockerfile", Path(context))
    seconds["stand-in images"] = time.monotonic() - started
    return seconds


@dataclass
class ComposeStack:
    """The running compose project, as the suite's REST helpers use a stack: tokens, and each service's URL."""

    command: list[str]
    private_key: bytes
    seconds: dict[str, float]
    addresses: dict[str, str] = field(default_factory=dict)

    def compose(self, *args: str, **kwargs) -> subprocess.CompletedProcess:
        files = ["-p", PROJECT, "-f", "docker-compose.yml", "-f", str(CHECK / "override.yml")]
        return run(*self.command, *files, *args, cwd=ROOT, env={**os.environ, **PUBLISH}, **kwargs)

    def container(self, service: str) -> str:
        return self.compose("ps", "-q", service).stdout.strip()

    def health(self, service: str) -> str:
        return run("docker", "inspect", "-f", "{{.State.Health.Status}}", self.container(service)).stdout.strip()

    def auth(self, org: str, kind: str, *roles: str, sub: str | None = None) -> dict[str, str]:
        token = mint_token(self.private_key, org=org, org_kind=kind, roles=list(roles), sub=sub)
        return {"Authorization": f"Bearer {token}"}

    def published(self, service: str) -> str:
        """Where Docker published the service's REST port: `127.0.0.1:<port>`, as `compose port` prints it."""
        return self.compose("port", service, str(SERVICES[service])).stdout.strip()

    def __getitem__(self, service: str):
        return _Service(f"http://{self.addresses[service]}")


@dataclass
class _Service:
    base_url: str


@contextlib.contextmanager
def holding_default_ports():
    """Listens on every service's default ports that are free, as another stack on the machine would: the check's
    own stack must come up all the same."""
    with contextlib.ExitStack() as held:
        fields = [settings_class(name).model_fields for name in SERVICES]
        for port in [f[api].default for f in fields for api in ("http_port", "grpc_port")]:
            s = held.enter_context(socket.socket())
            try:
                s.bind(("0.0.0.0", port))
                s.listen()
            except OSError:
                pass  # held already
        yield


@pytest.fixture(scope="module")
def stack(images):
    """`up --build` with the shipped file; every service healthy; `down -v` at the end, whatever happened."""
    keys = ROOT / "deploy" / "keys"
    private, public = generate_keypair(keys, development=False)  # an operator's `praxis keygen`, kept if there
    public.chmod(0o644)  # the services run as uid 10001
    s = ComposeStack(compose_command(), private.read_bytes(), dict(images))
    try:
        s.compose("down", "-v", "--remove-orphans", check=False)  # what an interrupted run left
        started = time.monotonic()
        with holding_default_ports():
            s.compose("up", "-d", "--build", timeout=1800)
        s.seconds["up --build"] = time.monotonic() - started
        wait_until(lambda: all(s.health(name) == "healthy" for name in SERVICES), timeout=WAIT, what="healthy")
        s.seconds["healthy"] = time.monotonic() - started
        s.addresses.update({name: s.published(name) for name in SERVICES})
        yield s
    finally:
        if "healthy" not in s.seconds:  # what the services said, for the failure's report
            print(s.compose("logs", "--no-color", "--tail", "40", check=False).stdout[-4000:])
        started = time.monotonic()
        s.compose("down", "-v", "--remove-orphans", check=False)
        s.seconds["down -v"] = time.monotonic() - started
        print("compose check:", ", ".join(f"{step} {seconds:.1f} s" for step, seconds in s.seconds.items()))


def test_every_service_and_its_dependencies_are_healthy(stack):
    assert {name: stack.health(name) for name in [*SERVICES, "postgres", "nats"]} == dict.fromkeys(
        [*SERVICES, "postgres", "nats"], "healthy"
    )
    migrations = {
        name: run("docker", "inspect", "-f", "{{.State.ExitCode}}", stack.container(f"{name}-migrate")).stdout.strip()
        for name in SERVICES
    }
    assert migrations == dict.fromkeys(SERVICES, "0")


async def agreement_reaches_mentors_and_projects(stack, internships, school: str, enterprise: str) -> None:
    async with internships.client() as c:
        agreement = await internships.agreement(c, school, enterprise)

    async def known() -> bool:
        for service in ("mentors", "projects"):
            async with httpx.AsyncClient(base_url=stack[service].base_url, timeout=10) as c:
                r = await c.get("/v1/partnerships", headers=stack.auth(school, "school", "admin"))
                if r.status_code != 200 or agreement not in {p["agreement_id"] for p in r.json()["items"]}:
                    return False
        return True

    await eventually(known, timeout=WAIT, what=f"mentors and projects to learn of agreement {agreement}")


@pytest.mark.asyncio(loop_scope="module")
async def test_an_agreement_signed_in_internships_reaches_mentors_and_projects(stack, internships):
    await agreement_reaches_mentors_and_projects(stack, internships, "school-compose", "ent-compose")


DB_PASSWORDS = {name: f"{name}-dev-only-password" for name in SERVICES}  # docker-compose.yml's defaults


def test_no_service_role_can_open_another_services_database(stack):
    postgres = stack.container("postgres")

    def connect(role: str, database: str) -> subprocess.CompletedProcess:
        url = f"postgresql://{role}:{DB_PASSWORDS[role]}@127.0.0.1:5432/{database}"
        return run("docker", "exec", postgres, "psql", url, "-tAc", "SELECT current_user", check=False)

    for role in SERVICES:
        own = connect(role, role)
        assert own.returncode == 0 and own.stdout.strip() == role, own.stderr
        for other in set(SERVICES) - {role}:
            refused = connect(role, other)
            assert refused.returncode != 0 and "permission denied for database" in refused.stderr, (role, other)


@pytest.mark.asyncio(loop_scope="module")
async def test_after_nats_restarts_the_flow_works_again(stack, internships):
    stack.compose("restart", "nats")
    await asyncio.to_thread(wait_until, lambda: stack.health("nats") == "healthy", timeout=WAIT, what="nats healthy")
    await agreement_reaches_mentors_and_projects(stack, internships, "school-compose-2", "ent-compose-2")
