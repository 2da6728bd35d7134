"""Settings of the mentors service, read from MENTORS_* environment variables."""

from functools import lru_cache

from pydantic_settings import SettingsConfigDict

from praxis_common.settings import ServiceSettings


class Settings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="MENTORS_", extra="ignore")

    http_port: int = 8102
    grpc_port: int = 50102


@lru_cache
def get_settings() -> Settings:
    return Settings()  # type: ignore[call-arg]
