"""What the static checks of docker-compose.yml, the Dockerfiles and deploy/ share: compose interpolation with an
empty environment, the services' Settings, ports, health checks, NATS configs and k8s documents, and the compose
fixtures. See tests/test_compose.py."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
COMPOSE_FILE = ROOT / "docker-compose.yml"
DEPLOY = ROOT / "deploy"
SERVICES = ("internships", "mentors", "projects", "notifications", "credentials")
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
