"""Settings of the internships service, read from INTERNSHIPS_* environment variables."""

from functools import lru_cache

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from praxis_common.settings import ServiceSettings


class Settings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="INTERNSHIPS_", extra="ignore")

    http_port: int = 8101
    grpc_port: int = 50101
    # How long an enterprise has to answer a placement request before it expires and frees the seat.
    placement_hold_hours: float = Field(default=72.0, gt=0)


@lru_cache
def get_settings() -> Settings:
    return Settings()  # type: ignore[call-arg]
