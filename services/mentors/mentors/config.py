"""Settings of the mentors service, read from MENTORS_* environment variables."""

from functools import lru_cache

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from mentors.domain.mentors import DualQualificationRule
from praxis_common.settings import ServiceSettings

# Industry certificates that make a teacher dual-qualified on their own (matched case-insensitively);
# a deployment lists its own in MENTORS_DUAL_QUALIFIED_CERTIFICATES (a JSON list).
DEFAULT_CERTIFICATES = [
    "1+X Cross-border E-commerce Multi-platform Operation (Advanced)",
    "1+X Cross-border E-commerce B2B Data Operation (Advanced)",
    "Enterprise Practice Instructor Certificate",
]


class Settings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="MENTORS_", extra="ignore")

    http_port: int = 8102
    grpc_port: int = 50102
    metrics_port: int = 9102

    # The dual-qualified rule: at least this many 30-day months of enterprise practice ...
    dual_qualified_min_months: int = Field(default=6, ge=0, le=120)
    # ... within this many years before today ...
    dual_qualified_window_years: int = Field(default=5, ge=1, le=50)
    # ... or a valid certificate named here.
    dual_qualified_certificates: list[str] = Field(default_factory=lambda: list(DEFAULT_CERTIFICATES))

    # An enterprise-side assignment is overdue for guidance after this many days without an on-site session.
    overdue_guidance_days: int = Field(default=14, ge=1, le=365)
    # How often each process looks for assignments newly overdue for guidance (told once: guidance.overdue).
    overdue_guidance_scan_seconds: float = Field(default=3600.0, gt=0)
    # How often each process looks for waiting assignments that free capacity could fill (a backstop: freed
    # capacity normally fills them in the same transaction).
    pending_sweep_seconds: float = Field(default=60.0, gt=0)

    @property
    def dual_rule(self) -> DualQualificationRule:
        return DualQualificationRule(
            min_months=self.dual_qualified_min_months,
            window_years=self.dual_qualified_window_years,
            certificates=frozenset(self.dual_qualified_certificates),
        )


@lru_cache
def get_settings() -> Settings:
    return Settings()  # type: ignore[call-arg]
