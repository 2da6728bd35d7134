"""Error types shared by every layer; the edges map them to problem+json (REST) and gRPC status.

Plain exceptions with a stable slug, no I/O: the domain may raise them.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class FieldError:
    field: str
    message: str


# A problem names at most this many fields: a bulk request with thousands of bad entries gets the first ones.
MAX_FIELD_ERRORS = 20


def capped(errors: list[FieldError]) -> list[FieldError]:
    """The first MAX_FIELD_ERRORS errors, and one saying how many more there were."""
    if len(errors) <= MAX_FIELD_ERRORS:
        return errors
    more = len(errors) - MAX_FIELD_ERRORS
    return [*errors[:MAX_FIELD_ERRORS], FieldError("request", f"… and at least {more} more error(s) not listed")]


class PraxisError(Exception):
    """Base: `code` is the stable slug that ends the problem type URI."""

    code = "internal"
    title = "Internal error"

    def __init__(self, detail: str = "", *, errors: list[FieldError] | None = None, **extensions: object) -> None:
        super().__init__(detail or self.title)
        self.detail = detail or self.title
        self.errors = errors or []
        self.extensions = extensions  # extra problem members (RFC 9457 §3.2), e.g. rule="interns-per-post"


class InvalidInput(PraxisError):
    code, title = "invalid-input", "Invalid input"


class MalformedRequest(PraxisError):
    code, title = "malformed-request", "Malformed request"


class Unauthenticated(PraxisError):
    code, title = "unauthenticated", "Authentication required"


class Forbidden(PraxisError):
    code, title = "forbidden", "Not allowed"


class NotFound(PraxisError):
    code, title = "not-found", "Not found"


class Conflict(PraxisError):
    """The request is valid but the resource's state does not allow it now."""

    code, title = "conflict", "Conflicts with the current state"


class PayloadTooLarge(PraxisError):
    code, title = "payload-too-large", "Request too large"


class Unavailable(PraxisError):
    code, title = "unavailable", "A dependency is unavailable"


@dataclass
class Problem:
    """RFC 9457 problem details."""

    status: int
    code: str
    title: str
    detail: str
    instance: str | None = None
    errors: list[FieldError] = field(default_factory=list)
    extensions: dict = field(default_factory=dict)

    @property
    def type(self) -> str:
        return f"urn:praxis:problem:{self.code}"

    def to_json(self) -> dict:
        body: dict = {"type": self.type, "title": self.title, "status": self.status, "detail": self.detail}
        if self.instance:
            body["instance"] = self.instance
        if self.errors:
            body["errors"] = [{"field": e.field, "message": e.message} for e in self.errors]
        return {**self.extensions, **body}
