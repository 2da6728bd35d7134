"""Settings of the projects service, read from PROJECTS_* environment variables."""

from functools import lru_cache

from pydantic_settings import SettingsConfigDict

from praxis_common.settings import ServiceSettings


class Settings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="PROJECTS_", extra="ignore")

    http_port: int = 8103
    grpc_port: int = 50103


@lru_cache
def get_settings() -> Settings:
    return Settings()  # type: ignore[call-arg]
