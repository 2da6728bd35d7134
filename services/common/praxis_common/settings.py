"""Service settings read from the environment, one prefix per service (INTERNSHIPS_, MENTORS_, ...)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from praxis_common.jetstream import server_urls

# The embedded default's NATS port: 4222 is often taken by a system nats-server.
DEFAULT_NATS_URL = "nats://127.0.0.1:4250"


class ServiceSettings(BaseSettings):
    """What every Praxis service process needs; subclasses set env_prefix and default ports."""

    model_config = SettingsConfigDict(extra="ignore")

    environment: Literal["dev", "test", "prod"] = "dev"
    database_url: str = Field(description="SQLAlchemy async URL, postgresql+asyncpg://…")
    # Connections per process. No overflow beyond it: connections opened past the pool were closed again on
    # return, and opening one costs more than the request that needed it; a request waits for one instead.
    database_pool_size: int = Field(20, ge=1, le=500)
    # One server, or a cluster's servers comma-separated (nats://a:4222,nats://b:4222): any one reachable will do.
    nats_url: str = DEFAULT_NATS_URL
    # Subject/stream namespace. Tests give each module its own so runs never see each other.
    event_prefix: str = "praxis"
    # JetStream replicas of the streams this service provisions (3 on a NATS cluster).
    stream_replicas: int = Field(default=1, ge=1, le=5)

    http_host: str = "127.0.0.1"
    http_port: int
    grpc_host: str = "127.0.0.1"
    grpc_port: int

    # Exactly one way to get the verification key: a JWKS URL (production) or a PEM.
    jwt_jwks_url: str | None = None
    jwt_public_key: str | None = None
    jwt_public_key_file: Path | None = None
    jwt_issuer: str = "praxis-dev"
    jwt_audience: str = "praxis"
    jwt_leeway_seconds: int = 30

    # The zone in which calendar dates (agreement periods, terms) begin and end, e.g. Asia/Shanghai.
    timezone: str = "UTC"

    outbox_poll_seconds: float = 0.5
    outbox_batch_size: int = 64
    outbox_retention_hours: int = 168
    inbox_retention_hours: int = 720
    consumer_max_deliver: int = Field(10, ge=1)
    # How long JetStream waits for a consumer's ack before redelivering (e.g. the process died mid-event). Handlers
    # that run longer are kept alive with in-progress acks, so this bounds recovery, not handler time.
    consumer_ack_wait_seconds: float = Field(5.0, ge=1.0, le=300.0)
    shutdown_grace_seconds: float = 10.0
    log_level: str = "INFO"

    @model_validator(mode="after")
    def _one_key_source(self) -> ServiceSettings:
        sources = [s for s in (self.jwt_jwks_url, self.jwt_public_key, self.jwt_public_key_file) if s]
        prefix = self.model_config.get("env_prefix", "")
        if len(sources) != 1:
            raise ValueError(
                f"set exactly one of {prefix}JWT_JWKS_URL, {prefix}JWT_PUBLIC_KEY, "
                f"{prefix}JWT_PUBLIC_KEY_FILE (found {len(sources)})"
            )
        if self.environment == "prod" and self.jwt_issuer == "praxis-dev":
            raise ValueError(f"{prefix}JWT_ISSUER must name your identity provider in prod")
        return self

    @field_validator("nats_url")
    @classmethod
    def _nats_servers(cls, value: str) -> str:
        return ",".join(server_urls(value))

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r} (use an IANA name such as Asia/Shanghai)") from exc
        return value

    @property
    def service_name(self) -> str:
        return str(self.model_config.get("env_prefix", "")).rstrip("_").lower()

    def public_key_pem(self) -> str | None:
        if self.jwt_public_key_file:
            return self.jwt_public_key_file.read_text()
        return self.jwt_public_key
