"""The OpenAPI document as the API really behaves: problem+json errors, bearer JWT security, explicit operation ids.

FastAPI describes a 422 as `application/json` `{detail: [...]}` and no other error; the services answer every
error as an RFC 9457 problem (praxis_common.problems). `install` rewrites the document once, at first request:
one shared `Problem` schema (with `errors[]` for validation), the error statuses each operation can answer,
the bearer scheme every operation requires (so /docs has an Authorize button), and each operation's body limit
(`x-max-body-bytes`).
"""

from __future__ import annotations

import re

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from fastapi.routing import APIRoute, iter_route_contexts

from praxis_common.http_gate import is_public
from praxis_common.problems import PROBLEM_JSON

BODY_LIMIT_KEY = "x-max-body-bytes"
PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}

PROBLEM_SCHEMA = {
    "title": "Problem",
    "description": "RFC 9457 problem details. `type` is stable (urn:praxis:problem:<code>); some problems carry "
    "more members, e.g. `rule` for compliance-violation.",
    "type": "object",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {"type": "string", "examples": ["urn:praxis:problem:invalid-input"]},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "instance": {"type": "string"},
        "errors": {
            "type": "array",
            "description": "For invalid-input and malformed-request: one entry per field at fault",
            "items": {"$ref": "#/components/schemas/FieldError"},
        },
    },
    "additionalProperties": True,
}
FIELD_ERROR_SCHEMA = {
    "title": "FieldError",
    "type": "object",
    "required": ["field", "message"],
    "properties": {"field": {"type": "string", "examples": ["lines.0.hours"]}, "message": {"type": "string"}},
}

# What every operation can answer, besides what it declares itself.
ERRORS = {
    "400": "malformed-request: a body that is not JSON, or an unknown query parameter",
    "401": "unauthenticated: no bearer token, or not a valid one",
    "403": "forbidden: the caller's role may not do this",
    "404": "not-found: no such resource, or one the caller may not see",
    "409": "conflict: the resource's state does not allow this now",
    "422": "invalid-input: fields at fault are listed in `errors` (also a page token this service did not issue)",
    "503": "unavailable: a dependency (the database, another service) cannot be reached; retry after Retry-After",
}
WRITE_ERRORS = {"413": "payload-too-large: the body is larger than this operation takes"}
_PARAM = re.compile(r"^\{(\w+)\}$")


def require_operation_id(route: APIRoute) -> str:
    """Every operation names itself (`operation_id=` on the route): a client generated from the document gets
    stable method names, not ones derived from paths."""
    if not route.include_in_schema:  # health, readiness and the documentation pages are not operations
        return route.name
    raise RuntimeError(f"{sorted(route.methods)} {route.path}: give the route an explicit operation_id")


def _body_limits(app: FastAPI) -> dict[str, int]:
    """operationId -> the most bytes its body may have."""
    return {
        route.operation_id: route.max_body_size or app.state.max_body_bytes
        for route in iter_route_contexts(list(app.routes))
        if getattr(route, "operation_id", None)
    }


def _links(paths: dict) -> None:
    """OpenAPI links from what creates or lists a resource to what acts on it: `POST /v1/things` (201, a body with
    `id`) leads to every operation under `/v1/things/{thing_id}`, and a page of `items` at `GET /v1/things` to those
    under `/v1/things/{thing_id}`. Clients (and stateful API tests) follow them."""
    for path, operations in paths.items():
        for method, op in operations.items():
            created = method == "post" and "201" in op.get("responses", {})
            listed = method == "get" and "200" in op.get("responses", {})
            if not (created or listed):
                continue
            source = "$response.body#/id" if created else "$response.body#/items/0/id"
            response = op["responses"]["201" if created else "200"]
            for target_path, targets in paths.items():
                rest = target_path[len(path) :].split("/") if target_path.startswith(path + "/") else []
                match = _PARAM.match(rest[1]) if len(rest) > 1 else None
                if not match:
                    continue
                for target in targets.values():
                    if "operationId" in target:
                        link = {"operationId": target["operationId"], "parameters": {match.group(1): source}}
                        response.setdefault("links", {})[target["operationId"]] = link


def _document(app: FastAPI) -> dict:
    doc = get_openapi(title=app.title, version=app.version, routes=app.routes, description=app.description)
    schemas = doc.setdefault("components", {}).setdefault("schemas", {})
    schemas.pop("HTTPValidationError", None)
    schemas.pop("ValidationError", None)
    schemas["Problem"] = PROBLEM_SCHEMA
    schemas["FieldError"] = FIELD_ERROR_SCHEMA
    doc["components"]["securitySchemes"] = {
        "bearerAuth": {
            "type": "http",
            "scheme": "bearer",
            "bearerFormat": "JWT",
            "description": "A JWT from your identity provider (claims sub, org, org_kind, roles); "
            "`praxis token` mints one for the embedded default",
        }
    }
    doc["security"] = [{"bearerAuth": []}]
    limits = _body_limits(app)
    _links(doc.get("paths", {}))
    for path, operations in doc.get("paths", {}).items():
        for method, op in operations.items():
            if is_public(path):
                op["security"] = []  # what a service publishes for anyone (http_gate.is_public)
            statuses = dict(ERRORS)
            if method != "get":
                statuses |= WRITE_ERRORS
            for status, description in statuses.items():
                declared = op.setdefault("responses", {}).get(status, {}).get("description")
                op["responses"][status] = {
                    "description": declared if declared and declared != "Validation Error" else description,
                    "content": {PROBLEM_JSON: {"schema": PROBLEM_REF}},
                }
            if "requestBody" in op and limits.get(op.get("operationId")):
                op[BODY_LIMIT_KEY] = limits[op["operationId"]]
    return doc


def install(app: FastAPI) -> None:
    def openapi() -> dict:
        if app.openapi_schema is None:
            app.openapi_schema = _document(app)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
