"""The REST edge's door: who is asking and how much they may send, decided before a byte of the body is parsed.

FastAPI parses a request body before any dependency checks the token, so a 43 MB JSON array sent without a token
held the event loop for seconds and grew the process by hundreds of MiB. The gate, a plain ASGI middleware in
front of the app, runs first:

* a request to anything but the public paths (health, readiness, the API documents, action links' pages under
  /links/, whose signed token in the path is their credential, and what a service publishes for anyone under
  /public/) must carry a valid bearer token, or it is answered 401 at once, unread; the principal is handed on in
  the request's state;
* a body may be at most the app's limit (the `MAX_REQUEST_BYTES` setting, 1 MiB by default) unless its route
  declares a larger one with FastAPI's own `max_body_size=` on its decorator; a declared Content-Length over the
  limit is answered 413 at once, a streamed body is read only up to the limit. (FastAPI would enforce those
  limits itself, but answers text/plain, outside the problem+json contract; with the gate in front, a body that
  reaches FastAPI is always within them.)
* OPTIONS on a known path answers 204 with `Allow` naming every method of every route of that path (browsers'
  CORS preflights are answered earlier, by the CORS middleware, when origins are configured).

A request refused with its body unread gets `Connection: close`, so the server stops receiving the rest.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable

from fastapi.routing import iter_route_contexts
from starlette.routing import BaseRoute, Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from praxis_common import errors, problems
from praxis_common.auth import TokenVerifier, bearer_token

DOCS_STATIC = "/static-offline-docs"
PUBLIC_PATHS = frozenset({"/healthz", "/readyz", "/docs", "/docs/oauth2-redirect", "/openapi.json"})
# An action link's page carries its own credential, the signed link token in its path (action_links.py).
ACTION_LINKS = "/links"
# What a service publishes for anyone, without a token (e.g. organisations' DID documents, a credential's check).
PUBLIC_PREFIX = "/public"


def is_public(path: str) -> bool:
    return path in PUBLIC_PATHS or path.startswith((DOCS_STATIC + "/", ACTION_LINKS + "/", PUBLIC_PREFIX + "/"))


def allowed_methods(routes: Iterable[BaseRoute], path: str) -> list[str]:
    """Every method some route serves at this path (the router alone names only the first route's)."""
    methods: set[str] = set()
    for route in iter_route_contexts(list(routes)):
        regex = getattr(route, "path_regex", None)
        if regex is not None and regex.match(path):
            methods |= set(route.methods or ())
    if "GET" in methods:
        methods.add("HEAD")
    return sorted(methods)


class Gate:
    def __init__(
        self, app: ASGIApp, *, verifier: TokenVerifier, max_body_bytes: int, routes: Callable[[], list[BaseRoute]]
    ) -> None:
        self.app = app
        self.verifier = verifier
        self.max_body_bytes = max_body_bytes
        self.routes = routes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope["method"] == "OPTIONS":
            await self._options(scope, send)
            return
        headers = {k.lower(): v for k, v in scope.get("headers", ())}
        declared = headers.get(b"content-length")
        unread = (declared is not None and declared != b"0") or b"transfer-encoding" in headers
        if not is_public(scope["path"]):
            try:
                authorization = headers.get(b"authorization", b"").decode("latin-1") or None
                principal = await self.verifier.verify(bearer_token(authorization))
            except errors.PraxisError as exc:
                await _problem(send, scope, exc, close=unread)
                return
            scope.setdefault("state", {})["principal"] = principal
        if not unread:
            await self.app(scope, receive, send)
            return
        size = int(declared) if declared is not None and declared.isdigit() else None
        limit = self._limit(scope, size)
        if declared is not None and (size is None or size > limit):
            await _problem(send, scope, _too_large(limit), close=True)
            return
        body = await _read_body(receive, limit)
        if body is None:
            await _problem(send, scope, _too_large(limit), close=True)
            return
        await self.app(scope, _replay(body, receive), send)

    def _limit(self, scope: Scope, size: int | None) -> int:
        """The default, unless the body may be larger and the route declares a larger limit. Routes are looked up
        only then: small requests, nearly all of them, pay nothing for it."""
        if size is not None and size <= self.max_body_bytes:
            return self.max_body_bytes
        for route in iter_route_contexts(self.routes()):
            if route.matches(scope)[0] == Match.FULL:
                return max(self.max_body_bytes, getattr(route, "max_body_size", None) or 0)
        return self.max_body_bytes

    async def _options(self, scope: Scope, send: Send) -> None:
        methods = allowed_methods(self.routes(), scope["path"])
        if not methods:
            await _problem(send, scope, errors.NotFound("no such resource"), close=False)
            return
        await send({"type": "http.response.start", "status": 204, "headers": [(b"allow", ", ".join(methods).encode())]})
        await send({"type": "http.response.body", "body": b""})


def _too_large(limit: int) -> errors.PayloadTooLarge:
    return errors.PayloadTooLarge(f"the request body may be at most {limit} bytes here", max_body_bytes=limit)


async def _read_body(receive: Receive, limit: int) -> bytes | None:
    """The whole body, or None as soon as it passes `limit` (the rest is never read)."""
    chunks, size, more = [], 0, True
    while more:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
        more = message.get("more_body", False)
    return b"".join(chunks)


def _replay(body: bytes, receive: Receive) -> Receive:
    pending = True

    async def replayed() -> Message:
        nonlocal pending
        if pending:
            pending = False
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()  # later calls wait for the disconnect, as the server's would

    return replayed


async def _problem(send: Send, scope: Scope, exc: errors.PraxisError, *, close: bool) -> None:
    problem = problems.of(exc, scope["path"])
    body = json.dumps(problem.to_json()).encode()
    headers = {"content-type": problems.PROBLEM_JSON, "content-length": str(len(body)), **problems.headers_for(problem)}
    if close:
        headers["connection"] = "close"
    raw = [(k.encode("latin-1"), v.encode("latin-1")) for k, v in headers.items()]
    await send({"type": "http.response.start", "status": problem.status, "headers": raw})
    await send({"type": "http.response.body", "body": body})
