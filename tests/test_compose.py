"""Static checks of docker-compose.yml, the Dockerfiles and the deploy/ configs.

No Docker engine runs on CI, so the compose stack is never started there. These tests read the
files and hold them against the services' own Settings classes (services/<svc>/<svc>/config.py):
every variable a service requires is set, ports and health checks agree with the settings, the
start-up order is enforced, each service has its own database and role, and every NATS config we
ship fsyncs JetStream writes before acknowledging them (`sync_interval: always`).

Compose `${VAR:-default}` interpolation is resolved with an EMPTY environment: the checks are
about the file as shipped, whatever the developer's shell holds.
"""

from __future__ import annotations

import os
import re

import pytest
from compose_files import (
    JWT_KEY_FIELDS,
    ROOT,
    SERVICES,
    app,
    app_env,
    command_list,
    effective,
    env_name,
    env_prefix,
    healthcheck_text,
    interpolate,
    migrate_service_name,
    parse_ports,
    service_env,
    settings_class,
)

pytest_plugins = ["compose_files"]  # the compose, postgres_name and nats_name fixtures

# --------------------------------------------------------------------------------------------
# per service
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("svc", SERVICES)
def test_required_settings_are_set(compose, svc):
    cls = settings_class(svc)
    env = app_env(compose, svc)
    required = [f for f, info in cls.model_fields.items() if info.is_required()]
    assert required, f"{svc}.config.Settings has no required fields? (expected at least DATABASE_URL)"
    missing = [env_name(cls, f) for f in required if not env.get(env_name(cls, f), "").strip()]
    assert not missing, f"compose service {svc!r} does not set required variable(s) {missing}"
    stray = sorted(k for k in env if not k.startswith(env_prefix(cls)))
    assert not stray, f"compose service {svc!r} sets {stray}, which {svc} does not read (prefix {env_prefix(cls)})"
    unknown = sorted(
        k for k in env if k.startswith(env_prefix(cls)) and k not in {env_name(cls, f) for f in cls.model_fields}
    )
    assert not unknown, f"compose service {svc!r} sets {unknown}: no such field in {svc}.config.Settings (typo?)"


@pytest.mark.parametrize("svc", SERVICES)
def test_exactly_one_jwt_key_source(compose, svc):
    cls = settings_class(svc)
    env = app_env(compose, svc)
    names = [env_name(cls, f) for f in JWT_KEY_FIELDS]
    set_ = [n for n in names if env.get(n, "").strip()]
    assert len(set_) == 1, f"compose service {svc!r} must set exactly one of {names}, sets {set_}"
    key_file = env.get(env_name(cls, "jwt_public_key_file"), "")
    if key_file.startswith("/run/secrets/"):
        secret = key_file.removeprefix("/run/secrets/")
        mounted = [
            s if isinstance(s, str) else s.get("target") or s.get("source")
            for s in app(compose, svc).get("secrets") or []
        ]
        assert secret in mounted, (
            f"{svc}: {key_file} is read but secret {secret!r} is not in its `secrets:` ({mounted})"
        )
        top = (compose.get("secrets") or {}).get(secret)
        assert top, f"top-level `secrets:` does not define {secret!r} used by {svc}"


@pytest.mark.parametrize("svc", SERVICES)
def test_settings_accept_the_compose_environment(compose, svc, monkeypatch):
    """The service's own Settings validate the environment (types, exactly-one-key, prod rules)."""
    cls = settings_class(svc)
    for key in list(os.environ):
        if key.upper().startswith(env_prefix(cls)):
            monkeypatch.delenv(key)
    for key, value in app_env(compose, svc).items():
        monkeypatch.setenv(key, value)
    try:
        settings = cls()
    except Exception as exc:  # pydantic.ValidationError: show it whole
        pytest.fail(f"{svc}.config.Settings rejects the environment docker-compose.yml gives {svc!r}:\n{exc}")
    assert settings.database_url == app_env(compose, svc)[env_prefix(cls) + "DATABASE_URL"]


@pytest.mark.parametrize("svc", SERVICES)
def test_listens_on_all_interfaces(compose, svc):
    cls = settings_class(svc)
    env = app_env(compose, svc)
    for field in ("http_host", "grpc_host"):
        value = effective(cls, env, field)
        assert value == "0.0.0.0", (
            f"{svc}: {env_name(cls, field)} is {value!r}; in a container it must be 0.0.0.0 or nothing outside can connect"
        )


@pytest.mark.parametrize("svc", SERVICES)
def test_ports_and_healthcheck_match_settings(compose, svc):
    cls = settings_class(svc)
    env = app_env(compose, svc)
    http_port = int(effective(cls, env, "http_port"))
    grpc_port = int(effective(cls, env, "grpc_port"))
    defaults = (cls.model_fields["http_port"].default, cls.model_fields["grpc_port"].default)
    ports = parse_ports(app(compose, svc), f"services.{svc}.ports")
    for port, field in ((http_port, "http_port"), (grpc_port, "grpc_port")):
        targets = [p for p in ports if p[1] == port]
        assert targets, (
            f"{svc}: {env_name(cls, field)}={port} but `ports:` publishes no container port {port} ({ports})"
        )
    stray = [p for p in ports if p[1] not in (http_port, grpc_port)]
    assert not stray, f"{svc}: `ports:` publishes {stray}, which {svc} does not listen on ({http_port}, {grpc_port})"
    published = sorted(p[0] for p in ports)
    assert published == sorted(defaults), (
        f"{svc}: host ports {published} should be the documented defaults {sorted(defaults)}"
    )
    check = healthcheck_text(app(compose, svc))
    assert check, f"{svc}: no healthcheck (the stack's depends_on service_healthy needs one)"
    m = re.search(r"https?://[^/\s'\"]+?:(\d+)(/[\w/-]*)", check)
    assert m, f"{svc}: healthcheck does not call an http://host:port/… URL: {check!r}"
    assert int(m.group(1)) == http_port, (
        f"{svc}: healthcheck calls port {m.group(1)} but the service's HTTP port is {http_port}"
    )
    assert m.group(2) == "/readyz", f"{svc}: healthcheck should ask /readyz (DB + NATS), asks {m.group(2)}"


@pytest.mark.parametrize("svc", SERVICES)
def test_depends_on_health_and_migration(compose, svc, postgres_name, nats_name):
    deps = app(compose, svc).get("depends_on")
    assert isinstance(deps, dict), f"{svc}: depends_on must be a mapping with conditions, is {deps!r}"
    expected = {
        postgres_name: "service_healthy",
        nats_name: "service_healthy",
        migrate_service_name(compose, svc): "service_completed_successfully",
    }
    for dep, condition in expected.items():
        got = (deps.get(dep) or {}).get("condition")
        assert got == condition, f"{svc}: depends_on.{dep}.condition is {got!r}, expected {condition!r}"
    for dep in (postgres_name, nats_name):
        assert compose["services"][dep].get("healthcheck", {}).get("test"), (
            f"{dep} has no healthcheck, so `service_healthy` on it can never be met"
        )


@pytest.mark.parametrize("svc", SERVICES)
def test_migration_step(compose, svc, postgres_name):
    name = migrate_service_name(compose, svc)
    migrate = compose["services"][name]
    cls = settings_class(svc)
    url_var = env_name(cls, "database_url")
    m_env = service_env(migrate, f"services.{name}")
    assert m_env.get(url_var), f"{name} does not set {url_var}"
    assert m_env[url_var] == app_env(compose, svc)[url_var], (
        f"{name} migrates {m_env[url_var]!r} but {svc} uses {app_env(compose, svc)[url_var]!r}"
    )
    cond = ((migrate.get("depends_on") or {}).get(postgres_name) or {}).get("condition")
    assert cond == "service_healthy", (
        f"{name}: depends_on.{postgres_name}.condition is {cond!r}, expected 'service_healthy'"
    )
    assert migrate.get("restart", "no") in ("no", False), f"{name} is one-shot; restart must be 'no'"
    assert migrate.get("image") == app(compose, svc).get("image"), (
        f"{name} and {svc} should run the same image ({migrate.get('image')!r} vs {app(compose, svc).get('image')!r})"
    )


@pytest.mark.parametrize("svc", SERVICES)
def test_service_image_and_command(compose, svc):
    service = app(compose, svc)
    build = service.get("build")
    assert isinstance(build, dict), f"{svc}: build must be a mapping with context and dockerfile"
    assert build.get("context") in (".", "./"), (
        f"{svc}: build context must be the repository root, is {build.get('context')!r}"
    )
    assert build.get("dockerfile") == f"services/{svc}/Dockerfile", f"{svc}: dockerfile is {build.get('dockerfile')!r}"
    assert (ROOT / build["dockerfile"]).is_file(), f"{build['dockerfile']} does not exist"
    # The official image unless PRAXIS_BASE_IMAGE names another (the compose check's local one).
    args = {k: interpolate(v, f"{svc} build arg {k}") for k, v in (build.get("args") or {}).items()}
    assert args == {"BASE_IMAGE": "python:3.11-slim"}, f"{svc}: build args {build.get('args')}"
    command = command_list(service.get("command"))
    assert command in ([], ["praxis", "serve", svc]), f"{svc}: command is {command}, expected praxis serve {svc}"


def test_the_file_is_read_by_compose_v2_and_by_debians_docker_compose_1_29(compose):
    assert "name" not in compose, "a top-level name: is refused by docker-compose 1.29 (use -p praxis)"
    assert set(compose) <= {"services", "volumes", "networks", "secrets", "configs"} | {
        k for k in compose if k.startswith("x-")
    }


@pytest.mark.parametrize("svc", SERVICES)
def test_dockerfile(svc):
    cls = settings_class(svc)
    text = (ROOT / "services" / svc / "Dockerfile").read_text()
    final = text.split("\nFROM ")[-1]  # the runtime stage
    assert re.search(r"(?m)^ARG BASE_IMAGE=python:3\.11-slim$", text) and final.startswith("${BASE_IMAGE}"), (
        f"services/{svc}/Dockerfile: both stages FROM ${{BASE_IMAGE}}, python:3.11-slim unless told otherwise"
    )
    # Exactly the pinned versions, and the dependencies in a layer of their own, before any source is copied.
    build = text.split("\nFROM ")[1]
    first_install = build.index("pip install -c constraints.txt ")
    assert "COPY constraints.txt" in build[:first_install], f"services/{svc}/Dockerfile: no constraints.txt"
    copied = re.findall(r"(?m)^COPY (\S+)", build[:first_install])
    assert all(c == "constraints.txt" or c.endswith("/pyproject.toml") for c in copied), (
        f"services/{svc}/Dockerfile copies {copied} before installing the dependencies"
    )
    assert "RUN pip install --no-deps" in build[first_install:], f"services/{svc}/Dockerfile: sources reinstall deps"
    user = re.findall(r"(?m)^USER\s+(\S+)", final)
    assert user and user[-1].split(":")[0] not in ("root", "0"), (
        f"services/{svc}/Dockerfile must run as a non-root USER"
    )
    exposed = {int(p.split("/")[0]) for line in re.findall(r"(?m)^EXPOSE\s+(.+)$", final) for p in line.split()}
    defaults = {cls.model_fields[f"{port}_port"].default for port in ("http", "grpc", "metrics")}
    assert defaults <= exposed, f"services/{svc}/Dockerfile EXPOSEs {sorted(exposed)}, expected {sorted(defaults)}"
    assert re.search(rf'(?m)^CMD \["praxis", "serve", "{svc}"\]', final), (
        f"services/{svc}/Dockerfile: CMD must be praxis serve {svc}"
    )
    assert re.search(r"(?ms)^HEALTHCHECK .*?/readyz", final), (
        f"services/{svc}/Dockerfile: HEALTHCHECK on /readyz missing"
    )
    for path in ("./proto", "./services/common", f"./services/{svc}"):
        assert path in text, f"services/{svc}/Dockerfile does not pip install {path}"
    # The image carries no dev code: no embedded runner, dev tokens or test servers (services/dev, praxis_dev).
    assert "services/dev" not in text and "praxis-dev" not in text, (
        f"services/{svc}/Dockerfile installs the dev package"
    )


# --------------------------------------------------------------------------------------------
