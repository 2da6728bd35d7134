"""RFC 9457 problem details for the REST edge: which status each error type answers with, and its headers."""

from __future__ import annotations

from fastapi.responses import JSONResponse

from praxis_common import errors

PROBLEM_JSON = "application/problem+json"
RETRY_AFTER_SECONDS = 2

STATUS = {
    errors.InvalidInput: 422,
    errors.MalformedRequest: 400,
    errors.Unauthenticated: 401,
    errors.Forbidden: 403,
    errors.NotFound: 404,
    errors.Conflict: 409,
    errors.PayloadTooLarge: 413,
    errors.Unavailable: 503,
}


def status_of(exc: errors.PraxisError) -> int:
    return next((STATUS[c] for c in type(exc).__mro__ if c in STATUS), 500)  # subclasses share their base's


def of(exc: errors.PraxisError, instance: str | None) -> errors.Problem:
    return errors.Problem(status_of(exc), exc.code, exc.title, exc.detail, instance, exc.errors, exc.extensions)


def headers_for(problem: errors.Problem) -> dict[str, str]:
    if problem.status == 401:
        return {"WWW-Authenticate": 'Bearer error="invalid_token"'}
    if problem.status == 503:
        return {"Retry-After": str(RETRY_AFTER_SECONDS)}
    return {}


def response(problem: errors.Problem, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(
        problem.to_json(),
        status_code=problem.status,
        media_type=PROBLEM_JSON,
        headers={**headers_for(problem), **(headers or {})},
    )
