"""Settings of the notifications service, read from NOTIFICATIONS_* environment variables."""

from datetime import timedelta
from functools import lru_cache

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from notifications.domain.deliveries import Backoff
from praxis_common.settings import ServiceSettings


class Settings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="NOTIFICATIONS_", extra="ignore")

    http_port: int = 8104
    grpc_port: int = 50104

    # One attempt's limit, connect + read (a slow endpoint costs its own slot, never another endpoint's).
    webhook_timeout_seconds: float = Field(default=10.0, gt=0, le=60)
    # Attempts in flight at once: per endpoint, and per process in all.
    webhook_endpoint_concurrency: int = Field(default=4, ge=1, le=100)
    webhook_concurrency: int = Field(default=64, ge=1, le=1000)
    # How often the delivery worker looks for due deliveries.
    webhook_poll_seconds: float = Field(default=1.0, gt=0)
    # Retries: exponential from base, capped, with jitter; the delivery fails once the next attempt would fall
    # beyond the horizon after its first (at least 3 days in a deployment; tests shorten it).
    webhook_retry_base_seconds: float = Field(default=5.0, gt=0)
    webhook_retry_cap_seconds: float = Field(default=6 * 3600.0, gt=0)
    webhook_retry_horizon_hours: float = Field(default=72.0, gt=0)
    # After rotation the old secret keeps signing this long.
    webhook_rotation_grace_hours: float = Field(default=24.0, ge=0)

    @property
    def backoff(self) -> Backoff:
        return Backoff(
            base=timedelta(seconds=self.webhook_retry_base_seconds),
            cap=timedelta(seconds=self.webhook_retry_cap_seconds),
            horizon=timedelta(hours=self.webhook_retry_horizon_hours),
        )

    @property
    def allow_private_urls(self) -> bool:
        """Dev and test deliver over http to private and loopback addresses (local receivers); prod never."""
        return self.environment != "prod"


@lru_cache
def get_settings() -> Settings:
    return Settings()  # type: ignore[call-arg]
