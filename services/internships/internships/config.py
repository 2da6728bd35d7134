"""Settings of the internships service, read from INTERNSHIPS_* environment variables."""

import re
from functools import lru_cache

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import SettingsConfigDict

from internships.domain.compliance import CompliancePolicy
from praxis_common import action_links
from praxis_common.settings import ServiceSettings


class Settings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="INTERNSHIPS_", extra="ignore")

    http_port: int = 8101
    grpc_port: int = 50101
    metrics_port: int = 9101
    # How long an enterprise has to answer a placement request before it expires and frees the seat.
    placement_hold_hours: float = Field(default=72.0, gt=0)
    # The rules bookings, starts and logbooks are checked against: cn-vocational-2021 (default) or none.
    compliance_policy: str = "cn-vocational-2021"
    # Allocation rounds: the longest ranked list a round allows unless it says otherwise (a round may set 1-50),
    # and how long an enterprise has to confirm a placement a published round created as requested.
    round_list_limit: int = Field(default=10, ge=1, le=50)
    round_hold_hours: float = Field(default=168.0, gt=0)
    # The mentors service's gRPC address (host:port), asked whether a placement's evaluator is its mentor.
    mentors_grpc_target: str = "127.0.0.1:50102"
    # How long one such question may take in all (a retry on UNAVAILABLE included); past it the request is a 503.
    mentors_deadline_seconds: float = Field(default=2.0, gt=0, le=30)
    # Organisation exports (docs/export.md): the services writing a part of every export, the other services' gRPC
    # addresses (the archive reads their parts there), how long reading one part may take, and how long a job and
    # its parts are kept.
    export_services: str = "internships,mentors,notifications,projects,credentials"  # comma-separated
    projects_grpc_target: str = "127.0.0.1:50103"
    notifications_grpc_target: str = "127.0.0.1:50104"
    credentials_grpc_target: str = "127.0.0.1:50105"
    export_part_deadline_seconds: float = Field(default=120.0, gt=0, le=3600)
    export_ttl_hours: float = Field(default=168.0, gt=0, le=24 * 90)
    # At most this many ready (downloadable, not expired) exports per organisation; one more is refused until one
    # expires. One export per organisation is written at a time whatever this says.
    export_max_ready: int = Field(default=10, ge=1, le=1000)
    # Verifies action links (docs/action-links.md): the same secret as NOTIFICATIONS_ACTION_LINK_SECRET, which mails
    # them. Unset: the link pages answer 503 and log why.
    action_link_secret: SecretStr | None = None
    # The services that erase a student and must confirm it (docs/erasure.md), comma-separated; each request keeps
    # the list it was made with.
    erasure_services: str = "internships,mentors,notifications,projects,credentials"
    # At most this many erasures pending per school; one more is a 409 until some completed.
    erasure_max_pending: int = Field(default=100, ge=1, le=100_000)

    @field_validator("compliance_policy")
    @classmethod
    def _known_policy(cls, value: str) -> str:
        CompliancePolicy.named(value)  # ValueError names the choices
        return value

    _action_link_secret = field_validator("action_link_secret")(action_links.secret_setting)

    @field_validator("erasure_services")
    @classmethod
    def _service_names(cls, value: str) -> str:
        names = [n.strip() for n in value.split(",") if n.strip()]
        if not names or any(not re.fullmatch(r"[a-z][a-z0-9-]{0,31}", n) for n in names):
            raise ValueError("a comma-separated list of service names, e.g. internships,mentors")
        return ",".join(names)

    @property
    def erasure_service_names(self) -> list[str]:
        return self.erasure_services.split(",")

    @property
    def export_service_names(self) -> list[str]:
        return sorted({name.strip() for name in self.export_services.split(",") if name.strip()})

    def export_targets(self) -> dict[str, str]:
        """The gRPC address of each other service that writes export parts."""
        known = {
            "mentors": self.mentors_grpc_target,
            "projects": self.projects_grpc_target,
            "notifications": self.notifications_grpc_target,
            "credentials": self.credentials_grpc_target,
        }
        return {name: known[name] for name in self.export_service_names if name in known}

    @property
    def compliance(self) -> CompliancePolicy:
        return CompliancePolicy.named(self.compliance_policy)


@lru_cache
def get_settings() -> Settings:
    return Settings()  # type: ignore[call-arg]
