"""What every request leaves behind, on REST and on gRPC alike: a request id for its log lines, one access-log
line, and its RED metrics (docs/observability.md).

The request id is the caller's `X-Request-ID` (gRPC: `x-request-id` metadata) when it is a plain token of at most
128 characters, else a new one; REST answers with it in `X-Request-ID`. The access line names the method, the
route's template (never the path, which holds ids), the status, the duration and the caller's organisation —
nothing a request's body or a profile holds. Health probes (/healthz, /readyz, gRPC health) are counted in the
metrics but logged only at DEBUG: a probe every few seconds would bury the requests.
"""

from __future__ import annotations

import logging
import re
import time
import uuid
from contextvars import ContextVar
from dataclasses import dataclass

import grpc
from fastapi import FastAPI
from fastapi.routing import iter_route_contexts
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from praxis_common import metrics
from praxis_common.logs import current_request_id

log = logging.getLogger("praxis.access")

REQUEST_ID_HEADER = "X-Request-ID"
_PLAIN = re.compile(r"[A-Za-z0-9._:/+=@-]{1,128}")
_PROBES = ("/healthz", "/readyz")
_GRPC_PROBES = ("/grpc.health.v1.Health/", "/grpc.reflection.")


def request_id(given: str | None) -> str:
    """The caller's request id when it is a plain token, else a new one."""
    return given if given and _PLAIN.fullmatch(given) else uuid.uuid4().hex


def call_metadata(token: str) -> tuple[tuple[str, str], ...]:
    """The metadata of a gRPC call to another Praxis service: the bearer token and the request id being served, so
    the callee's log lines name the same request (the trace context is added by gRPC's instrumentation)."""
    rid = current_request_id.get()
    return (("authorization", f"Bearer {token}"), *((("x-request-id", rid),) if rid else ()))


@dataclass
class _Caller:
    org: str | None = None


_caller: ContextVar[_Caller | None] = ContextVar("praxis_caller", default=None)


def note_caller(org: str) -> None:
    """The authenticated caller's organisation, for the request's access line (the gRPC authentication calls it)."""
    caller = _caller.get()
    if caller is not None:
        caller.org = org


class RequestTelemetry:
    """ASGI middleware, outermost: sets the request id, answers with it, and logs and counts the request."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or ())
        rid = request_id(headers.get(REQUEST_ID_HEADER.lower().encode(), b"").decode("latin-1"))
        token = current_request_id.set(rid)
        started = time.perf_counter()
        status = 500  # what the server answers if the app fails before it starts a response

        async def sending(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message = {**message, "headers": [*message.get("headers", ()), (b"x-request-id", rid.encode())]}
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            seconds = time.perf_counter() - started
            route = _route(scope)
            metrics.http_requests.labels(scope["method"], route, str(status)).inc()
            metrics.http_duration.labels(scope["method"], route).observe(seconds)
            principal = (scope.get("state") or {}).get("principal")
            log.log(
                logging.DEBUG if route in _PROBES else logging.INFO,
                "request",
                extra={
                    "method": scope["method"],
                    "route": route,
                    "status": status,
                    "duration_ms": round(seconds * 1000, 1),
                    "org": getattr(principal, "org", None),
                },
            )
            current_request_id.reset(token)


def _route(scope: Scope) -> str:
    """The template of the route that took the request; for one refused before routing (401, 413), the route that
    would have; "unmatched" for a path no route has."""
    route = scope.get("route")
    if route is not None:
        return route.path
    app = scope.get("app")
    templates = getattr(app.state, "route_templates", ()) if app is not None else ()
    path = scope["path"]
    return next((template for regex, template in templates if regex.match(path)), "unmatched")


def gather_route_templates(app: FastAPI) -> None:
    """Each route's path pattern and template, gathered once when the app is made (`create_app`), so that a request
    refused before routing looks its route up here. Gathering them also builds what FastAPI otherwise builds on the
    first request to each router (every route's dependencies, analysed): about 45 ms of CPU that the first request
    after a start would spend on the event loop, stalling every request beside it."""
    app.state.route_templates = [
        (r.path_regex, r.path) for r in iter_route_contexts(list(app.routes)) if getattr(r, "path_regex", None)
    ]


class GrpcTelemetry(grpc.aio.ServerInterceptor):
    """The same for gRPC, outermost: every call's request id, access line and metrics by status code."""

    async def intercept_service(self, continuation, details):
        handler = await continuation(details)
        if handler is None or handler.unary_unary is None and handler.unary_stream is None:
            return handler
        method = details.method
        service, _, name = method.strip("/").rpartition("/")
        probe = method.startswith(_GRPC_PROBES)

        def begin(context: grpc.aio.ServicerContext):
            metadata = dict(context.invocation_metadata() or ())
            return current_request_id.set(request_id(metadata.get("x-request-id"))), _caller.set(_Caller())

        def end(tokens, started: float, code: grpc.StatusCode) -> None:
            seconds = time.perf_counter() - started
            metrics.grpc_requests.labels(service, name, code.name).inc()
            metrics.grpc_duration.labels(service, name).observe(seconds)
            log.log(
                logging.DEBUG if probe else logging.INFO,
                "request",
                extra={
                    "method": method,
                    "status": code.name,
                    "duration_ms": round(seconds * 1000, 1),
                    "org": _caller.get().org,
                },
            )
            current_request_id.reset(tokens[0])
            _caller.reset(tokens[1])

        if handler.unary_unary is not None:
            inner = handler.unary_unary

            async def unary(request, context):
                tokens, started, code = begin(context), time.perf_counter(), grpc.StatusCode.OK
                try:
                    return await inner(request, context)
                except BaseException:
                    code = _code(context)
                    raise
                finally:
                    end(tokens, started, code)

            return handler._replace(unary_unary=unary)

        stream = handler.unary_stream

        async def streaming(request, context):
            tokens, started, code = begin(context), time.perf_counter(), grpc.StatusCode.OK
            try:
                async for item in stream(request, context):
                    yield item
            except BaseException:
                code = _code(context)
                raise
            finally:
                end(tokens, started, code)

        return handler._replace(unary_stream=streaming)


def _code(context: grpc.aio.ServicerContext) -> grpc.StatusCode:
    """The status an aborted call ends with (CANCELLED for one the client gave up on, UNKNOWN for anything else)."""
    code = context.code()
    if isinstance(code, grpc.StatusCode):
        return code
    return grpc.StatusCode.CANCELLED if context.cancelled() else grpc.StatusCode.UNKNOWN
