"""Service settings read from the environment, one prefix per service (`<NAME>_`, set by each service's subclass)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from praxis_common.bus_access import DEV_PASSWORD_PREFIX, MIN_PROD_PASSWORD_LENGTH
from praxis_common.jetstream import BusCredentials, server_urls
from praxis_common.pages import DEV_SECRET

# The embedded default's NATS port: 4222 is often taken by a system nats-server.
DEFAULT_NATS_URL = "nats://127.0.0.1:4250"
# praxis_dev writes this file beside every key pair it generates (`praxis keygen`, `praxis up`, the test stacks):
# prod refuses a public key file that has it beside it (docs/security.md, "Production start-up refusals").
DEV_KEY_MARKER = "DEVELOPMENT-KEY-DO-NOT-USE-IN-PROD"


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
    # The service's NATS user and the file holding its password (a mounted secret; docs/security.md, "The bus").
    nats_user: str | None = None
    nats_password_file: Path | None = None
    # Subject/stream namespace. Tests give each module its own so runs never see each other.
    event_prefix: str = "praxis"
    # JetStream replicas of the streams this service provisions (3 on a NATS cluster).
    stream_replicas: int = Field(default=1, ge=1, le=5)

    http_host: str = "127.0.0.1"
    http_port: int
    # Idle keep-alive connections are kept this long. Longer than clients' and load balancers' own idle timeouts
    # (httpx 5 s, AWS ALB 60 s, nginx 75 s), so a client never sends a request on a connection the server is
    # closing at that moment (which it sees as a connection dropped without an answer).
    http_keep_alive_seconds: int = Field(default=120, ge=1, le=3600)
    # Largest request body, in bytes; an operation that takes bulk input declares its own larger limit (413 beyond).
    max_request_bytes: int = Field(default=1 << 20, ge=1024, le=1 << 30)
    # Browser origins allowed to call the REST API (CORS), comma-separated; empty: none.
    cors_allow_origins: Annotated[list[str], NoDecode] = []
    grpc_host: str = "127.0.0.1"
    grpc_port: int
    # Prometheus metrics (GET /metrics) on a port of their own, never the public API's (each service's settings
    # give its default port); 0: not served.
    metrics_host: str = "127.0.0.1"
    metrics_port: int = Field(0, ge=0, le=65535)

    # Exactly one way to get the verification key: a JWKS URL (production) or a PEM.
    jwt_jwks_url: str | None = None
    jwt_public_key: str | None = None
    jwt_public_key_file: Path | None = None
    jwt_issuer: str = "praxis-dev"
    jwt_audience: str = "praxis"
    jwt_leeway_seconds: int = 30
    # Signs page tokens (pages.py). Every process of the service must share it; prod refuses to start without one.
    page_token_secret: SecretStr | None = None

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
    # The service that coordinates erasures of a student (docs/erasure.md): every service with an erasure hook
    # consumes its `student.erasure_requested` events.
    erasure_coordinator: str = "internships"
    # How long an erasure waits for the relay to send the events it rewrote under the pseudonym before it scrubs the
    # stream; past it the request fails and is redelivered.
    erasure_relay_wait_seconds: float = Field(60.0, ge=1.0, le=600.0)
    # A running import job not heard of for this long lost its process: another worker takes it over (imports/).
    import_stale_seconds: float = Field(120.0, ge=1.0, le=3600.0)
    # Organisation exports (exports/): how often the part builder looks for requested parts, and when a part being
    # built is taken to have lost its process and is built again.
    export_poll_seconds: float = Field(1.0, ge=0.05, le=60.0)
    export_stale_seconds: float = Field(900.0, ge=10.0, le=86400.0)
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
        if bool(self.nats_user) != bool(self.nats_password_file):
            raise ValueError(f"set both {prefix}NATS_USER and {prefix}NATS_PASSWORD_FILE, or neither")
        if self.environment == "prod":
            self._refuse_development_secrets(str(prefix))
        return self

    def nats_credentials(self) -> BusCredentials | None:
        """The service's NATS user and password (read from its file), or None without them."""
        if not (self.nats_user and self.nats_password_file):
            return None
        try:
            password = self.nats_password_file.read_text().strip()
        except OSError as exc:
            raise ValueError(f"cannot read the NATS password file {self.nats_password_file}: {exc}") from None
        return BusCredentials(self.nats_user, password)

    def _refuse_development_secrets(self, prefix: str) -> None:
        """Prod's start-up refusals (one place for them): the development issuer and signing key, a missing or
        development page-token secret, and NATS without credentials or with development ones."""
        if self.jwt_issuer == "praxis-dev":
            raise ValueError(f"{prefix}JWT_ISSUER must name your identity provider in prod")
        if self.jwt_public_key_file and (self.jwt_public_key_file.parent / DEV_KEY_MARKER).exists():
            raise ValueError(
                f"{prefix}JWT_PUBLIC_KEY_FILE is a development key (made by `praxis keygen`/`praxis up`, "
                f"{DEV_KEY_MARKER} lies beside it): use your identity provider's key or {prefix}JWT_JWKS_URL in prod"
            )
        secret = self.page_token_secret.get_secret_value() if self.page_token_secret else ""
        if len(secret) < 32 or secret == DEV_SECRET:
            raise ValueError(
                f"{prefix}PAGE_TOKEN_SECRET must be set in prod: at least 32 random characters, the same for "
                "every process of the service (e.g. `openssl rand -hex 32`)"
            )
        self._refuse_development_bus(prefix)

    def _refuse_development_bus(self, prefix: str) -> None:
        credentials = self.nats_credentials()
        if credentials is None:
            raise ValueError(
                f"{prefix}NATS_USER and {prefix}NATS_PASSWORD_FILE must be set in prod: the bus refuses anonymous "
                'clients (docs/security.md, "The bus")'
            )
        password = credentials.password
        if password.startswith(DEV_PASSWORD_PREFIX) or len(password) < MIN_PROD_PASSWORD_LENGTH:
            raise ValueError(
                f"{prefix}NATS_PASSWORD_FILE holds a development or short password: use at least "
                f"{MIN_PROD_PASSWORD_LENGTH} random characters (e.g. `openssl rand -hex 32`) in prod"
            )

    @field_validator("cors_allow_origins", mode="before")
    @classmethod
    def _comma_separated(cls, value: object) -> object:
        if isinstance(value, str):
            return [origin.strip() for origin in value.split(",") if origin.strip()]
        return value

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

    def page_token_key(self) -> str:
        """The secret page tokens are signed with: the configured one, else the development default."""
        return (self.page_token_secret.get_secret_value() if self.page_token_secret else "") or DEV_SECRET

    def public_key_pem(self) -> str | None:
        if self.jwt_public_key_file:
            return self.jwt_public_key_file.read_text()
        return self.jwt_public_key
