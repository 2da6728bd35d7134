"""A service's REST app assembled in-process, without servers: for tests that read its routes and schemas."""

from __future__ import annotations

import importlib

from fastapi import APIRouter, FastAPI

from praxis_common.http import create_app
from praxis_common.service import Runtime


def build_app(service: str) -> tuple[FastAPI, list[APIRouter]]:
    """The service's app as `praxis serve` assembles it (routers, kernel routes, OpenAPI), and its routers."""
    main = importlib.import_module(f"{service}.main")
    config = importlib.import_module(f"{service}.config")
    settings = config.Settings.model_construct(database_url="postgresql+asyncpg://unused/unused", jwt_public_key="-")
    rt = Runtime(settings=settings, engine=None, uow=None, bus=None, verifier=None)
    routers = main.SPEC.routers(rt)
    return create_app(title=service, verifier=None, routers=routers, readiness=None), routers
