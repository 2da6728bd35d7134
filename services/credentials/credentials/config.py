"""Settings of the credentials service, read from CREDENTIALS_* environment variables."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import SettingsConfigDict

from praxis_common.settings import ServiceSettings

# Encrypts organisations' private keys in a dev or test database only: prod refuses it (and any key not given).
DEV_KEY_ENCRYPTION_KEY = "cHJheGlzLWRldi1rZXktZW5jcnlwdGlvbi1rZXktLS0="


class Settings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="CREDENTIALS_", extra="ignore")

    http_port: int = 8105
    grpc_port: int = 50105
    metrics_port: int = 9105

    # Where this service's public pages are reached (DID documents, status lists, verification): the base of the
    # did:web of every organisation it hosts, so it must not change once credentials are issued.
    public_url: str = "http://127.0.0.1:8105"
    # The Fernet key (32 bytes, url-safe base64) that encrypts organisations' private signing keys at rest: a
    # mounted secret in prod (`python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key())"`).
    key_encryption_key: SecretStr | None = None
    # ... or the file that holds it (a mounted secret's path), as the kernel's *_FILE settings: one of the two.
    key_encryption_key_file: Path | None = None
    # How long a published status list is in force: a verifier refuses an older copy (it could predate a
    # revocation), so an offline check needs a list fetched within this time.
    status_list_hours: float = Field(default=24.0, gt=0, le=24 * 30)
    # How long reading an outside issuer's DID document or status list may take (a badge presented: adapters/
    # outside.py).
    outside_timeout_seconds: float = Field(default=5.0, gt=0, le=30)

    @model_validator(mode="after")
    def _key_in_prod(self) -> Settings:
        if self.key_encryption_key and self.key_encryption_key_file:
            raise ValueError("set CREDENTIALS_KEY_ENCRYPTION_KEY or CREDENTIALS_KEY_ENCRYPTION_KEY_FILE, not both")
        if self.key_encryption_key_file:
            try:
                text = self.key_encryption_key_file.read_text().strip()
            except OSError as exc:
                raise ValueError(
                    f"cannot read the key-encryption key file {self.key_encryption_key_file}: {exc}"
                ) from None
            if not text:
                raise ValueError(f"the key-encryption key file {self.key_encryption_key_file} is empty")
            self.key_encryption_key, self.key_encryption_key_file = SecretStr(text), None
        given = self.key_encryption_key.get_secret_value() if self.key_encryption_key else ""
        if self.environment == "prod" and given in ("", DEV_KEY_ENCRYPTION_KEY):
            raise ValueError(
                "CREDENTIALS_KEY_ENCRYPTION_KEY (or CREDENTIALS_KEY_ENCRYPTION_KEY_FILE) must be set in prod (a Fernet key)"
            )
        return self

    @property
    def allow_private_urls(self) -> bool:
        """Dev and test read outside issuers at private and loopback addresses (local servers); prod never."""
        return self.environment != "prod"

    @property
    def encryption_key(self) -> str:
        return (self.key_encryption_key.get_secret_value() if self.key_encryption_key else "") or DEV_KEY_ENCRYPTION_KEY


@lru_cache
def get_settings() -> Settings:
    return Settings()  # type: ignore[call-arg]
