"""Settings of the projects service, read from PROJECTS_* environment variables."""

from functools import lru_cache

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from praxis_common.settings import ServiceSettings


class Settings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="PROJECTS_", extra="ignore")

    http_port: int = 8103
    grpc_port: int = 50103
    metrics_port: int = 9103

    # The mentors service's gRPC address (host:port), asked whether a reviewer or evaluator is the team's mentor.
    mentors_grpc_target: str = "127.0.0.1:50102"
    # How long one such question may take in all (a retry on UNAVAILABLE included); past it the request is a 503.
    mentors_deadline_seconds: float = Field(default=2.0, gt=0, le=30)


@lru_cache
def get_settings() -> Settings:
    return Settings()  # type: ignore[call-arg]
