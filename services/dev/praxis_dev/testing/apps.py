"""A service's REST app assembled in-process, without servers: for tests that read its routes and schemas."""

from __future__ import annotations

from fastapi import APIRouter, FastAPI

from praxis_common import registry
from praxis_common.http import create_app
from praxis_common.service import Runtime


def build_app(service: str) -> tuple[FastAPI, list[APIRouter]]:
    """The service's app as `praxis serve` assembles it (routers, kernel routes, OpenAPI), and its routers."""
    spec = registry.load(service)
    settings = spec.settings.model_construct(database_url="postgresql+asyncpg://unused/unused", jwt_public_key="-")
    rt = Runtime(settings=settings, engine=None, uow=None, bus=None, verifier=None)
    routers = spec.routers(rt)
    return create_app(title=service, verifier=None, routers=routers, readiness=None), routers
