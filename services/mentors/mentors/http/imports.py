"""REST routes of mentor imports (/v1/imports, the kernel's job resource): teachers from a OneRoster bundle, and an
organisation's mentors from a CSV file."""

from __future__ import annotations

from fastapi import APIRouter

from mentors.schemas.import_kinds import KINDS
from praxis_common.imports import http as imports_http
from praxis_common.imports.runner import ImportRunner
from praxis_common.service import Runtime


def router(rt: Runtime) -> APIRouter:
    return imports_http.router(rt, ImportRunner.of(rt, KINDS), KINDS)
