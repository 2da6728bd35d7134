"""The OpenAPI document as the API really behaves: problem+json errors, bearer JWT security, explicit operation ids.

FastAPI describes a 422 as `application/json` `{detail: [...]}` and no other error; the services answer every
error as an RFC 9457 problem (praxis_common.problems). `install` rewrites the document once, at first request:
one shared `Problem` schema (with `errors[]` for validation), the error statuses each operation can answer,
the bearer scheme every operation requires (so /docs has an Authorize button), and each operation's body limit
(`x-max-body-bytes`).
"""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from fastapi.routing import APIRoute, iter_route_contexts

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
    "400": "malformed-request: a body that is not JSON, an unknown query parameter, a bad page token",
    "401": "unauthenticated: no bearer token, or not a valid one",
    "403": "forbidden: the caller's role may not do this",
    "404": "not-found: no such resource, or one the caller may not see",
    "422": "invalid-input: fields at fault are listed in `errors`",
    "503": "unavailable: a dependency (the database, another service) cannot be reached; retry after Retry-After",
}
WRITE_ERRORS = {
    "409": "conflict: the resource's state does not allow this now",
    "413": "payload-too-large: the body is larger than this operation takes",
}


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
    for operations in doc.get("paths", {}).values():
        for method, op in operations.items():
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
