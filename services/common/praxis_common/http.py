"""FastAPI edge: app factory with problem+json errors (RFC 9457), health endpoints, principal dependency."""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI, Header, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from praxis_common import errors, idempotency
from praxis_common.auth import Principal, TokenVerifier, bearer_token
from praxis_common.db import UnitOfWork
from praxis_common.idempotency import StoredResponse
from praxis_common.readiness import Readiness

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


def _problem(request: Request, exc: errors.PraxisError) -> errors.Problem:
    status = next((STATUS[c] for c in type(exc).__mro__ if c in STATUS), 500)  # subclasses share their base's
    return errors.Problem(status, exc.code, exc.title, exc.detail, request.url.path, exc.errors, exc.extensions)


async def _from_error(request: Request, exc: errors.PraxisError) -> JSONResponse:
    problem = _problem(request, exc)
    headers = {"WWW-Authenticate": 'Bearer error="invalid_token"'} if problem.status == 401 else None
    return problem_response(problem, headers)


async def _from_validation(request: Request, exc: RequestValidationError) -> JSONResponse:
    items = exc.errors()
    if any(e.get("type") == "json_invalid" for e in items):
        return await _from_error(request, errors.MalformedRequest("request body is not valid JSON"))
    field_errors = [
        errors.FieldError(".".join(str(p) for p in e.get("loc", ()) if p != "body") or "body", e.get("msg", "invalid"))
        for e in items
    ]
    names = ", ".join(f.field for f in field_errors)
    return await _from_error(request, errors.InvalidInput(f"invalid fields: {names}", errors=field_errors))


async def _from_http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    code = {404: "not-found", 405: "method-not-allowed"}.get(exc.status_code, "http-error")
    return problem_response(
        errors.Problem(exc.status_code, code, str(exc.detail), str(exc.detail), request.url.path),
        getattr(exc, "headers", None),
    )


async def _from_unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.error("unhandled error", exc_info=exc, extra={"path": request.url.path})
    return problem_response(
        errors.Problem(500, "internal", "Internal error", "unexpected error; see server logs", request.url.path)
    )


def create_app(
    *,
    title: str,
    verifier: TokenVerifier,
    routers: list[APIRouter],
    readiness: Callable[[], Awaitable[Readiness]],
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
        state = await readiness()  # the database at this code's schema; NATS reported, not required
        return JSONResponse(state.as_json(), status_code=200 if state.ready else 503)

    for router in routers:
        app.include_router(router)
    return app


IdempotencyKey = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        description="Retry-safe key for this create request (kept 24 h, per organisation): "
        "a retry returns the first response; the same key with another body is a 422.",
        examples=["b7c1e2f0-booking-42"],
    ),
]


async def created(
    request: Request,
    principal: Principal,
    uow: Callable[[], UnitOfWork],
    key: str | None,
    *,
    body: BaseModel,
    create: Callable[[Callable[[], object]], Awaitable[tuple[BaseModel, str]]],
) -> Response:
    """201 with Location for a create use case, made retry-safe when the client sent an Idempotency-Key."""
    if key is None:
        model, location = await create(uow)
        return Response(model.model_dump_json(), 201, {"Location": location}, media_type="application/json")

    async def run(joined) -> StoredResponse:
        model, location = await create(joined)
        return StoredResponse(201, model.model_dump_json().encode(), {"Location": location})

    def on_error(exc: errors.PraxisError) -> StoredResponse:
        problem = _problem(request, exc)
        return StoredResponse(problem.status, json.dumps(problem.to_json()).encode(), {})

    stored = await idempotency.run_once(
        uow,
        org=principal.org,
        key=idempotency.check_key(key),
        request_fingerprint=idempotency.fingerprint(request.method, request.url.path, body.model_dump(mode="json")),
        run=run,
        on_error=on_error,
    )
    headers = {**stored.headers, **({"Idempotent-Replayed": "true"} if stored.replayed else {})}
    media = PROBLEM_JSON if stored.status >= 400 else "application/json"
    return Response(stored.body, stored.status, headers, media_type=media)


async def current_principal(request: Request) -> Principal:
    token = bearer_token(request.headers.get("authorization"))
    return await request.app.state.verifier.verify(token)


PrincipalDep = Annotated[Principal, Depends(current_principal)]
