"""The input types every edge uses (free text, identifiers, dates, flags), and validation of edge input with them.

One copy of each rule: request schemas (REST bodies, path and query parameters) and gRPC servicers (which map
protobuf to the same schemas and call `validate`) accept only what PostgreSQL can store and what the domain can
compute with. A value outside these types is a 422 naming the field, never a 500 further in.
"""

from __future__ import annotations

import re
import uuid
from datetime import date
from typing import Annotated, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    StringConstraints,
    ValidationError,
    WithJsonSchema,
)

from praxis_common.errors import FieldError, InvalidInput

T = TypeVar("T", bound=BaseModel)

# PostgreSQL cannot store NUL in text or jsonb; other C0 controls (and DEL) have no place in names and notes either;
# tab and line breaks stay allowed. A pattern (rather than a validator function) keeps the rule in the OpenAPI
# document, lets `Field(max_length=…)` combine with it, and, because pydantic matches patterns on UTF-8, also
# refuses lone UTF-16 surrogates ("\ud800" is valid JSON but not storable text).
CONTROL_CHARACTERS = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f"
TEXT_PATTERN = rf"^[^{CONTROL_CHARACTERS}]*$"
has_control_characters = re.compile(rf"[{CONTROL_CHARACTERS}]").search

# Free text (titles, names, notes, reasons). Combine with Field(max_length=…) for its length.
Text = Annotated[str, StringConstraints(pattern=TEXT_PATTERN)]
# An e-mail address as mail can be sent to it: one @, no spaces, no display-name or list syntax (`Li <li@x>`, `a,b`).
EMAIL_PATTERN = r'^[^@\s<>,;"]+@[^@\s<>,;"]+$'
is_email = re.compile(EMAIL_PATTERN).match

# Identifiers. A pattern keeps them to printable ASCII without "/" (so each is one path segment) and is
# documented in the OpenAPI document.
ORG_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._:-]*$"
REF_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._:-]*$"
TAG_PATTERN = r"^[a-z0-9][a-z0-9._-]*$"
LANGUAGE_PATTERN = r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$"

OrgId = Annotated[str, StringConstraints(min_length=1, max_length=64, pattern=ORG_ID_PATTERN)]
# An external reference another system issued: a school's student reference, a mentor's account…
Ref = Annotated[str, StringConstraints(min_length=1, max_length=128, pattern=REF_PATTERN)]
StudentRef = Ref
Tag = Annotated[str, StringConstraints(min_length=1, max_length=64, pattern=TAG_PATTERN)]
Language = Annotated[str, StringConstraints(min_length=2, max_length=32, pattern=LANGUAGE_PATTERN)]
# An opaque page token this API issued (URL-safe base64 and separators).
PageToken = Annotated[str, StringConstraints(min_length=1, max_length=600, pattern=r"^[A-Za-z0-9_.=-]+$")]

# Calendar dates as ISO 8601 strings only (a number is not a date), within years the domain can compute with:
# a week or a term added to the latest accepted date still fits in Python's and PostgreSQL's dates.
MIN_DATE = date(1900, 1, 1)
MAX_DATE = date(2999, 12, 31)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_date(value: object) -> date:
    if isinstance(value, date) and not hasattr(value, "hour"):
        parsed = value
    elif isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            parsed = date.fromisoformat(value)
        except ValueError as exc:
            raise ValueError(f"{value!r} is not a calendar date") from exc
    else:
        raise ValueError("must be a date as YYYY-MM-DD")
    if not MIN_DATE <= parsed <= MAX_DATE:
        raise ValueError(f"must be between {MIN_DATE.isoformat()} and {MAX_DATE.isoformat()}")
    return parsed


def _not_in_future(value: date) -> date:
    if value > date.today():
        raise ValueError("must not be in the future")
    return value


Date = Annotated[
    date,
    BeforeValidator(_iso_date),
    WithJsonSchema(
        {"type": "string", "format": "date", "description": f"YYYY-MM-DD, {MIN_DATE.year} to {MAX_DATE.year}"}
    ),
]
# A date that has happened (a birth date, a session held): tomorrow is refused.
PastDate = Annotated[Date, AfterValidator(_not_in_future)]


def _message(error: dict) -> str:
    if error.get("type") == "string_pattern_mismatch" and (error.get("ctx") or {}).get("pattern") == TEXT_PATTERN:
        return "must not contain control characters (NUL and the like)"
    if error.get("type") == "string_unicode":
        return "must be valid Unicode text (no lone surrogates)"
    return error.get("msg", "invalid")


def field_errors(errors: list[dict], *, skip: tuple[str, ...] = ()) -> list[FieldError]:
    """pydantic's errors as FieldErrors naming each field by its path (`lines.0.hours`, `query.q`)."""
    return [
        FieldError(".".join(str(p) for p in e.get("loc", ()) if p not in skip) or "request", _message(e))
        for e in errors
    ]


def validate(model: type[T], data: dict) -> T:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        found = field_errors(exc.errors())
        raise InvalidInput(f"invalid fields: {', '.join(f.field for f in found)}", errors=found) from exc


def parse_uuid(value: str, field: str) -> uuid.UUID:
    try:
        return uuid.UUID(value)
    except (ValueError, TypeError) as exc:
        raise InvalidInput(f"{field} is not a UUID", errors=[FieldError(field, "must be a UUID")]) from exc
