"""Settings of the notifications service, read from NOTIFICATIONS_* environment variables."""

from __future__ import annotations

from datetime import timedelta
from functools import lru_cache
from typing import Annotated

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import NoDecode, SettingsConfigDict

from notifications.domain.deliveries import Backoff
from notifications.domain.triggers import Rules
from praxis_common import action_links
from praxis_common.settings import ServiceSettings

DEV_UNSUBSCRIBE_SECRET = "praxis-dev-unsubscribe-secret-not-for-production"


class Settings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="NOTIFICATIONS_", extra="ignore")

    http_port: int = 8104
    grpc_port: int = 50104
    metrics_port: int = 9104

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

    # Mail (SMTP with aiosmtplib). An empty host turns sending off: notifications are kept, not sent.
    smtp_host: str = "127.0.0.1"
    smtp_port: int = Field(default=25, ge=1, le=65535)
    smtp_username: str | None = None
    smtp_password: SecretStr | None = None
    smtp_starttls: bool = False
    smtp_timeout_seconds: float = Field(default=30.0, gt=0, le=300)
    mail_from: str = "Praxis <praxis@localhost>"
    # The base of links in mails (unsubscribe): where users reach this service.
    public_url: str = "http://127.0.0.1:8104"
    # Logbook reminders carry a link approving the week (docs/action-links.md): the secret internships checks links
    # with (the same value as INTERNSHIPS_ACTION_LINK_SECRET; empty: no link) and where users reach internships.
    action_link_secret: SecretStr | None = None
    internships_public_url: str = "http://127.0.0.1:8101"
    # Signs unsubscribe links (HS256); at least 32 random characters in prod.
    unsubscribe_secret: SecretStr | None = None
    # The language of a recipient who set none and has none in the directory.
    default_language: str = Field(default="en", pattern="^(zh-CN|en)$")
    mail_poll_seconds: float = Field(default=5.0, gt=0)
    mail_retry_base_seconds: float = Field(default=60.0, gt=0)
    mail_retry_cap_seconds: float = Field(default=3600.0, gt=0)
    mail_retry_horizon_hours: float = Field(default=24.0, gt=0)
    # Digest recipients get one mail per period, at this offset from midnight UTC (default daily at 07:00 UTC).
    digest_period_seconds: float = Field(default=86400.0, gt=0)
    digest_at_seconds: float = Field(default=7 * 3600.0, ge=0)
    # Reminder thresholds: before a placement request's hold expires; after a logbook week (a weekly or monthly
    # report) waits unreviewed; before
    # an active agreement's valid_to (comma-separated days).
    hold_reminder_hours: float = Field(default=24.0, ge=0)
    logbook_reminder_days: float = Field(default=3.0, ge=0)
    report_reminder_days: float = Field(default=3.0, ge=0)
    agreement_reminder_days: Annotated[list[int], NoDecode] = [90, 30, 7]
    # Deliveries, notifications and fired reminders are deleted this long after their final state.
    retention_days: float = Field(default=30.0, gt=0)

    @field_validator("agreement_reminder_days", mode="before")
    @classmethod
    def _days(cls, value: object) -> object:
        if isinstance(value, str):
            return [int(d) for d in value.split(",") if d.strip()]
        return value

    _action_link_secret = field_validator("action_link_secret")(action_links.secret_setting)

    @model_validator(mode="after")
    def _unsubscribe_secret_in_prod(self) -> Settings:
        secret = self.unsubscribe_secret.get_secret_value() if self.unsubscribe_secret else ""
        if self.environment == "prod" and (len(secret) < 32 or secret == DEV_UNSUBSCRIBE_SECRET):
            raise ValueError("NOTIFICATIONS_UNSUBSCRIBE_SECRET must be set in prod: at least 32 random characters")
        return self

    @property
    def unsubscribe_key(self) -> str:
        return (self.unsubscribe_secret.get_secret_value() if self.unsubscribe_secret else "") or DEV_UNSUBSCRIBE_SECRET

    @property
    def reminder_rules(self) -> Rules:
        return Rules(
            hold_before=timedelta(hours=self.hold_reminder_hours),
            logbook_after=timedelta(days=self.logbook_reminder_days),
            report_after=timedelta(days=self.report_reminder_days),
            agreement_before=tuple(timedelta(days=d) for d in sorted(set(self.agreement_reminder_days), reverse=True)),
        )

    @property
    def mail_backoff(self) -> Backoff:
        return Backoff(
            base=timedelta(seconds=self.mail_retry_base_seconds),
            cap=timedelta(seconds=self.mail_retry_cap_seconds),
            horizon=timedelta(hours=self.mail_retry_horizon_hours),
        )

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
