"""The key-encryption key of the credentials service's settings: prod refuses none and the development one, takes an
operator's own given as the value or as a mounted file (CREDENTIALS_KEY_ENCRYPTION_KEY_FILE), never both."""

from __future__ import annotations

import pytest
from cryptography.fernet import Fernet
from pydantic import ValidationError

from credentials.config import DEV_KEY_ENCRYPTION_KEY, Settings

PROD = {
    "environment": "prod",
    "database_url": "postgresql+asyncpg://x@h/db",
    "jwt_issuer": "https://idp.example.test",
    "jwt_jwks_url": "https://idp.example.test/certs",
    "page_token_secret": "s" * 32,
    "nats_user": "credentials",
}


@pytest.fixture
def prod(tmp_path) -> dict:
    password = tmp_path / "nats.password"
    password.write_text("0123456789abcdef0123456789abcdef\n")
    return {**PROD, "nats_password_file": password}


def test_prod_refuses_no_key_and_the_development_key(prod):
    for given in ({}, {"key_encryption_key": DEV_KEY_ENCRYPTION_KEY}):
        with pytest.raises(ValidationError, match="must be set in prod"):
            Settings(**prod, **given)


def test_an_operators_key_is_taken_as_a_value_or_from_its_file(prod, tmp_path):
    own = Fernet.generate_key().decode()
    assert Settings(**prod, key_encryption_key=own).encryption_key == own
    mounted = tmp_path / "kek"
    mounted.write_text(own + "\n")
    assert Settings(**prod, key_encryption_key_file=mounted).encryption_key == own
    with pytest.raises(ValidationError, match="not both"):
        Settings(**prod, key_encryption_key=own, key_encryption_key_file=mounted)
    with pytest.raises(ValidationError, match="cannot read"):
        Settings(**prod, key_encryption_key_file=tmp_path / "missing")
    (tmp_path / "empty").write_text("\n")
    with pytest.raises(ValidationError, match="is empty"):
        Settings(**prod, key_encryption_key_file=tmp_path / "empty")
