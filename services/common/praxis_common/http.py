"""FastAPI edge: app factory with problem+json errors (RFC 9457), health endpoints, principal dependency."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from praxis_common import errors
from praxis_common.auth import Principal, TokenVerifier, bearer_token

log = logging.getLogger("praxis.http")

PROBLEM_JSON = "application/problem+json"

STATUS = {
    errors.InvalidInput: 422,
    errors.MalformedRequest: 400,
    errors.Unauthenticated: 401,
    errors.Forbidden: 403,
    errors.NotFound: 404,
    errors.Conflict: 409,
    errors.Unavailable: 503,
}


def problem_response(problem: errors.Problem, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(problem.to_json(), status_code=problem.status, media_type=PROBLEM_JSON, headers=headers)


def _from_error(request: Request, exc: errors.PraxisError) -> JSONResponse:
    status = STATUS.get(type(exc), 500)
    headers = {"WWW-Authenticate": 'Bearer error="invalid_token"'} if status == 401 else None
    return problem_response(
        errors.Problem(status, exc.code, exc.title, exc.detail, request.url.path, exc.errors), headers
    )


def _from_validation(request: Request, exc: RequestValidationError) -> JSONResponse:
    items = exc.errors()
    if any(e.get("type") == "json_invalid" for e in items):
        return _from_error(request, errors.MalformedRequest("request body is not valid JSON"))
    field_errors = [
        errors.FieldError(".".join(str(p) for p in e.get("loc", ()) if p != "body") or "body", e.get("msg", "invalid"))
        for e in items
    ]
    names = ", ".join(f.field for f in field_errors)
    return _from_error(request, errors.InvalidInput(f"invalid fields: {names}", errors=field_errors))


def _from_http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    code = {404: "not-found", 405: "method-not-allowed"}.get(exc.status_code, "http-error")
    return problem_response(
        errors.Problem(exc.status_code, code, str(exc.detail), str(exc.detail), request.url.path),
        getattr(exc, "headers", None),
    )


def _from_unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unhandled error", extra={"path": request.url.path})
    return problem_response(
        errors.Problem(500, "internal", "Internal error", "unexpected error; see server logs", request.url.path)
    )


def create_app(
    *,
    title: str,
    verifier: TokenVerifier,
    routers: list[APIRouter],
    readiness: Callable[[], Awaitable[dict[str, bool]]],
) -> FastAPI:
    app = FastAPI(title=title, version="1.0.0")
    app.state.verifier = verifier
    app.add_exception_handler(errors.PraxisError, _from_error)
    app.add_exception_handler(RequestValidationError, _from_validation)
    app.add_exception_handler(StarletteHTTPException, _from_http)
    app.add_exception_handler(Exception, _from_unexpected)

    @app.get("/healthz", include_in_schema=False)
    async def healthz() -> dict:
        return {"status": "alive"}

    @app.get("/readyz", include_in_schema=False)
    async def readyz() -> JSONResponse:
        checks = await readiness()
        ready = all(checks.values())
        return JSONResponse(
            {"status": "ready" if ready else "not ready", "checks": checks}, status_code=200 if ready else 503
        )

    for router in routers:
        app.include_router(router)
    return app


async def current_principal(request: Request) -> Principal:
    token = bearer_token(request.headers.get("authorization"))
    return await request.app.state.verifier.verify(token)


PrincipalDep = Annotated[Principal, Depends(current_principal)]
