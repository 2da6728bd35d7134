"""Validate edge input with a pydantic model, turning failures into InvalidInput that names the fields.

REST gets this from FastAPI; gRPC servicers call `validate` so both edges apply the same rules."""

from __future__ import annotations

import uuid
from typing import Annotated, TypeVar

from pydantic import AfterValidator, BaseModel, ValidationError

from praxis_common.errors import FieldError, InvalidInput

T = TypeVar("T", bound=BaseModel)

_CONTROL = {chr(c) for c in range(32)} - {"\t", "\n", "\r"} | {"\x7f"}


def _no_control_characters(value: str) -> str:
    if any(ch in _CONTROL for ch in value):
        raise ValueError("must not contain control characters (NUL and the like)")
    return value


# Free text as PostgreSQL can store it: no NUL (and no other control characters but tab and newlines).
Text = Annotated[str, AfterValidator(_no_control_characters)]


def validate(model: type[T], data: dict) -> T:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        field_errors = [FieldError(".".join(str(p) for p in e["loc"]) or "request", e["msg"]) for e in exc.errors()]
        raise InvalidInput(f"invalid fields: {', '.join(f.field for f in field_errors)}", errors=field_errors) from exc


def parse_uuid(value: str, field: str) -> uuid.UUID:
    try:
        return uuid.UUID(value)
    except (ValueError, TypeError) as exc:
        raise InvalidInput(f"{field} is not a UUID", errors=[FieldError(field, "must be a UUID")]) from exc
