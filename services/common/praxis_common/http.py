"""FastAPI edge: app factory with problem+json errors (RFC 9457), health endpoints, principal dependency.

The app answers every error as a problem: PraxisError by its status (praxis_common.problems), validation errors as
422 naming the fields, unknown query parameters as 400, a database that cannot be reached as 503 with Retry-After,
anything unexpected as 500 — and, for all of these, the keep-alive connection stays usable. In front of it the
gate (praxis_common.http_gate) authenticates and caps the body before anything is parsed, and the CORS middleware
answers browsers' preflights for the configured origins.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI, Header, Request, Response
from fastapi.dependencies.models import Dependant
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi_offline import FastAPIOffline
from pydantic import BaseModel
from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Receive, Scope, Send

from praxis_common import audit, errors, idempotency, openapi, principals, problems, tracing
from praxis_common.auth import Principal, TokenVerifier
from praxis_common.db import unreachable
from praxis_common.edge_telemetry import REQUEST_ID_HEADER, RequestTelemetry, gather_route_templates
from praxis_common.http_gate import Gate, allowed_methods
from praxis_common.idempotency import StoredResponse
from praxis_common.logs import error_summary
from praxis_common.readiness import Readiness
from praxis_common.uow import UowFactory
from praxis_common.validation import field_errors

log = logging.getLogger("praxis.http")

# Headers a browser portal may send and read across origins.
CORS_REQUEST_HEADERS = [
    "Authorization",
    "Content-Type",
    "Idempotency-Key",
    REQUEST_ID_HEADER,
    "traceparent",
    "tracestate",
]
CORS_RESPONSE_HEADERS = ["Location", "Idempotent-Replayed", "Retry-After", REQUEST_ID_HEADER]


def _problem(request: Request, exc: errors.PraxisError) -> errors.Problem:
    return problems.of(exc, request.url.path)


async def _from_error(request: Request, exc: errors.PraxisError) -> JSONResponse:
    return problems.response(_problem(request, exc))


async def _from_validation(request: Request, exc: RequestValidationError) -> JSONResponse:
    items = exc.errors()
    if any(e.get("type") == "json_invalid" for e in items):
        return await _from_error(request, errors.MalformedRequest("request body is not valid JSON"))
    found = field_errors(items, skip=("body",))
    names = ", ".join(f.field for f in found)
    return await _from_error(request, errors.InvalidInput(f"invalid fields: {names}", errors=found))


async def _from_http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    code = {404: "not-found", 405: "method-not-allowed"}.get(exc.status_code, "http-error")
    headers = dict(getattr(exc, "headers", None) or {})
    if exc.status_code == 405:  # the router names only the first route's methods; a path may have several
        headers["Allow"] = ", ".join(allowed_methods(request.app.routes, request.url.path))
    return problems.response(
        errors.Problem(exc.status_code, code, str(exc.detail), str(exc.detail), request.url.path), headers
    )


async def _from_database(request: Request, exc: Exception) -> JSONResponse:
    if not unreachable(exc):
        return await _internal(request, exc)
    log.warning("database unavailable", extra={"path": request.url.path, "error": error_summary(exc)})
    return await _from_error(request, errors.Unavailable("the database is unavailable; retry shortly"))


async def _internal(request: Request, exc: Exception) -> JSONResponse:
    log.error("unhandled error", exc_info=exc, extra={"path": request.url.path})
    return problems.response(
        errors.Problem(500, "internal", "Internal error", "unexpected error; see server logs", request.url.path)
    )


class _Unexpected:
    """Answers an exception no handler took as a 500 problem. Starlette's own last-resort handler re-raises after
    answering, and the server then closes the client's keep-alive connection; this one does not."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking(message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, tracking)
        except Exception as exc:
            if started:
                raise  # too late for a problem: let the server end the response
            request = Request(scope)
            handler = _from_database if unreachable(exc) else _internal
            await (await handler(request, exc))(scope, receive, send)


def _query_names(dependant: Dependant) -> set[str]:
    names = {p.alias for p in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _query_names(sub)
    return names


async def reject_unknown_query_parameters(request: Request) -> None:
    """A parameter the operation does not take is a 400 naming it, not silently ignored (a misspelt filter
    would otherwise return everything)."""
    route = request.scope.get("route")
    dependant = getattr(route, "dependant", None)
    if dependant is None or not request.query_params:
        return
    unknown = sorted(set(request.query_params) - _query_names(dependant))
    if unknown:
        raise errors.MalformedRequest(
            f"unknown query parameters: {', '.join(unknown)}",
            errors=[errors.FieldError(f"query.{name}", "not a parameter of this operation") for name in unknown],
        )


def create_app(
    *,
    title: str,
    verifier: TokenVerifier,
    routers: list[APIRouter],
    readiness: Callable[[], Awaitable[Readiness]],
    max_body_bytes: int = 1 << 20,
    cors_origins: Sequence[str] = (),
) -> FastAPI:
    app = FastAPIOffline(
        title=title,
        version="1.0.0",
        redoc_url=None,
        dependencies=[Depends(reject_unknown_query_parameters)],
        generate_unique_id_function=openapi.require_operation_id,
    )
    app.state.max_body_bytes = max_body_bytes  # the gate's default; a route taking bulk input sets max_body_size
    app.add_exception_handler(errors.PraxisError, _from_error)
    app.add_exception_handler(RequestValidationError, _from_validation)
    app.add_exception_handler(StarletteHTTPException, _from_http)
    for failure in (DBAPIError, PoolTimeout, OSError):  # each checked by `unreachable`, else a 500
        app.add_exception_handler(failure, _from_database)

    @app.get("/healthz", include_in_schema=False)
    async def healthz() -> dict:
        return {"status": "alive"}

    @app.get("/readyz", include_in_schema=False)
    async def readyz() -> JSONResponse:
        state = await readiness()  # the database at this code's schema; NATS reported, not required
        return JSONResponse(state.as_json(), status_code=200 if state.ready else 503)

    for router in routers:
        app.include_router(router)
    openapi.install(app)
    # Outermost last: CORS answers preflights, then unexpected errors are caught, then the gate decides.
    app.add_middleware(Gate, verifier=verifier, max_body_bytes=max_body_bytes, routes=lambda: app.routes)
    app.add_middleware(_Unexpected)
    if cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(cors_origins),
            allow_methods=["GET", "POST", "PUT", "PATCH", "DELETE"],
            allow_headers=CORS_REQUEST_HEADERS,
            expose_headers=CORS_RESPONSE_HEADERS,
            max_age=600,
        )
    tracing.instrument_app(app)  # its server span around everything below
    app.add_middleware(RequestTelemetry)  # outermost: every answer, a preflight's too, has its request id and line
    gather_route_templates(app)  # last: every route is in
    return app


IdempotencyKey = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        description="Retry-safe key for this create request (kept 24 h, per organisation, owned by the user who "
        "sent it first): their retry returns the first response; the same key with another body, or from another "
        "user, is a 422.",
        examples=["b7c1e2f0-booking-42"],
    ),
]


async def created(
    request: Request,
    principal: Principal,
    uow: UowFactory,
    key: str | None,
    *,
    body: BaseModel,
    create: Callable[..., Awaitable[tuple[BaseModel, str]]],
    prepare: Callable[[], Awaitable[object]] | None = None,
) -> Response:
    """201 with Location for a create use case, made retry-safe when the client sent an Idempotency-Key.

    `prepare`, when given, is the use case's first step: its calls to other services, made before any transaction
    opens (never while the key's transaction and lock are held); `create(uow, prepared)` then re-checks local data
    only. A retry of an answered key is replayed without calling `prepare`; a refusal from `prepare` is not stored
    (the retry asks again)."""
    if key is None:
        args = () if prepare is None else (await prepare(),)
        model, location = await create(uow, *args)
        return Response(model.model_dump_json(), 201, {"Location": location}, media_type="application/json")

    def on_error(exc: errors.PraxisError) -> StoredResponse:
        problem = _problem(request, exc)
        return StoredResponse(problem.status, json.dumps(problem.to_json()).encode(), {})

    identity = dict(
        org=principal.org,
        subject=principal.sub,
        key=idempotency.check_key(key),
        request_fingerprint=idempotency.fingerprint(request.method, request.url.path, body.model_dump(mode="json")),
    )
    stored = await idempotency.stored(uow, **identity) if prepare is not None else None
    if stored is None:
        args = () if prepare is None else (await prepare(),)

        async def run(joined) -> StoredResponse:
            model, location = await create(joined, *args)
            return StoredResponse(201, model.model_dump_json().encode(), {"Location": location})

        stored = await idempotency.run_once(uow, **identity, run=run, on_error=on_error)
    headers = {**stored.headers, **({"Idempotent-Replayed": "true"} if stored.replayed else {})}
    media = problems.PROBLEM_JSON if stored.status >= 400 else "application/json"
    return Response(stored.body, stored.status, headers, media_type=media)


async def current_principal(request: Request) -> Principal:
    """The caller of a tenant route, whose token the gate verified before the body was read; platform principals
    are refused here (403), whatever the route. The route's template goes to the audit log (praxis_common.audit)."""
    _route_for_audit(request)
    return principals.tenant(request.state.principal)


PrincipalDep = Annotated[Principal, Depends(current_principal)]


async def principal_or_authority(request: Request) -> Principal:
    """The caller of a route that a platform authority may also use (principals.tenant_or_authority); every other
    platform principal is refused (403)."""
    _route_for_audit(request)
    return principals.tenant_or_authority(request.state.principal)


def _route_for_audit(request: Request) -> None:
    route = request.scope.get("route")
    audit.current_route.set(f"{request.method} {getattr(route, 'path', request.url.path)}")


AuthorityPrincipalDep = Annotated[Principal, Depends(principal_or_authority)]
