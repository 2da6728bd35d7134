"""Prod's start-up refusals (docs/security.md, "Production start-up refusals"): the development issuer, the
development signing key (a key pair praxis_dev made for `praxis up` or the test stacks), a missing page-token
secret, and NATS without credentials or with development ones stop a service with ENVIRONMENT=prod, in the settings
and in a real `praxis serve` process."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from pydantic import ValidationError
from pydantic_settings import SettingsConfigDict

from praxis_common.bus_access import ADMIN_USER
from praxis_common.settings import ServiceSettings
from praxis_dev.bus_config import DevBusAccess
from praxis_dev.tokens import generate_keypair

OWN_NATS_PASSWORD = Path(tempfile.mkdtemp(prefix="prodtest-")) / "nats.password"
OWN_NATS_PASSWORD.write_text("0123456789abcdef0123456789abcdef\n")  # an operator's own (`openssl rand -hex 16`)
PROD = {
    "environment": "prod",
    "database_url": "postgresql+asyncpg://x@h/db",
    "jwt_issuer": "https://idp.example.test",
    "page_token_secret": "s" * 32,
    "nats_user": "prodtest",
    "nats_password_file": OWN_NATS_PASSWORD,
}
KEY = {"jwt_jwks_url": "https://idp.example.test/certs"}


class _Settings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="PRODTEST_", extra="ignore")

    http_port: int = 1
    grpc_port: int = 2


def test_prod_refuses_the_development_issuer():
    with pytest.raises(ValidationError, match="PRODTEST_JWT_ISSUER must name your identity provider"):
        _Settings(**{**PROD, "jwt_issuer": "praxis-dev"}, jwt_jwks_url="https://idp.example.test/certs")


def test_prod_refuses_a_development_key_pair_and_takes_an_operators_own(tmp_path):
    _, dev_public = generate_keypair(tmp_path / ".praxis" / "keys")  # what `praxis up` and the test stacks make
    with pytest.raises(ValidationError, match="PRODTEST_JWT_PUBLIC_KEY_FILE is a development key"):
        _Settings(**PROD, jwt_public_key_file=dev_public)
    for environment in ("dev", "test"):  # outside prod the development key is what it is for
        assert _Settings(**{**PROD, "environment": environment}, jwt_public_key_file=dev_public).public_key_pem()
    _, own_public = generate_keypair(tmp_path / "deploy-keys", development=False)  # `praxis keygen`'s
    assert _Settings(**PROD, jwt_public_key_file=own_public).public_key_pem() == own_public.read_text()


def test_praxis_serve_refuses_to_start_in_prod_with_the_development_key(tmp_path):
    _, dev_public = generate_keypair(tmp_path / "keys")
    env = {k: v for k, v in os.environ.items() if not k.startswith("MENTORS_")}
    env.update(
        MENTORS_ENVIRONMENT="prod",
        MENTORS_DATABASE_URL="postgresql+asyncpg://mentors@127.0.0.1:9/mentors",
        MENTORS_JWT_PUBLIC_KEY_FILE=str(dev_public),
        MENTORS_JWT_ISSUER="https://idp.example.test",
        MENTORS_PAGE_TOKEN_SECRET="p" * 40,
    )
    praxis = Path(sys.executable).parent / "praxis"
    done = subprocess.run([str(praxis), "serve", "mentors"], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode != 0
    assert "mentors: bad settings" in done.stderr
    assert "MENTORS_JWT_PUBLIC_KEY_FILE is a development key" in done.stderr, done.stderr


def test_prod_refuses_nats_without_credentials_or_with_development_or_short_ones(tmp_path):
    anonymous = {k: v for k, v in PROD.items() if not k.startswith("nats_")}
    with pytest.raises(ValidationError, match="PRODTEST_NATS_USER and PRODTEST_NATS_PASSWORD_FILE must be set in prod"):
        _Settings(**anonymous, **KEY)
    with pytest.raises(ValidationError, match="set both PRODTEST_NATS_USER and PRODTEST_NATS_PASSWORD_FILE"):
        _Settings(**{**PROD, "nats_password_file": None}, **KEY)
    development = DevBusAccess(tmp_path / "credentials", users=[])  # what `praxis up` and the test servers make
    (tmp_path / "short").write_text("CHANGE-ME")
    for password_file in (development.password_file(ADMIN_USER), tmp_path / "short"):
        with pytest.raises(ValidationError, match="PRODTEST_NATS_PASSWORD_FILE holds a development or short password"):
            _Settings(**{**PROD, "nats_password_file": password_file}, **KEY)
    assert _Settings(**{**anonymous, "environment": "dev"}, **KEY).nats_credentials() is None  # dev: as before
    own = _Settings(**PROD, **KEY).nats_credentials()
    assert (own.user, own.password) == ("prodtest", "0123456789abcdef0123456789abcdef")
    assert "0123" not in repr(own)  # never in a log line
