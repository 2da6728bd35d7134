"""Static checks of docker-compose.yml across the services: a database and a role each, isolated by the postgres
init script, one event namespace and broker, and a durable JetStream. See tests/test_compose.py."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from compose_files import (
    ROOT,
    SERVICES,
    app_env,
    assert_sync_always,
    command_list,
    effective,
    env_name,
    healthcheck_text,
    service_env,
    settings_class,
    strip_nats_comments,
)

pytest_plugins = ["compose_files"]  # the compose, postgres_name and nats_name fixtures
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
