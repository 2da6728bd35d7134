"""Reading an event's fields into checked values, for every service's consumers: a field that is missing, too long or
malformed makes the event poison (InvalidInput: the consumer terminates it and dead-letters it, visibly), never a
half-applied change."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation

from praxis_common.auth import MAX_ORG_LENGTH
from praxis_common.errors import InvalidInput
from praxis_common.events import ReceivedEvent, payload_time
from praxis_common.validation import parse_uuid

MAX_REF_LENGTH = 128  # a student_ref as the read models keep it
MAX_TAG_LENGTH = 64


def uuid_of(event: ReceivedEvent, name: str, value: str) -> uuid.UUID:
    return parse_uuid(value, f"event {event.id}: {name}")


def org_of(event: ReceivedEvent, value: str) -> str:
    if not value or len(value) > MAX_ORG_LENGTH:
        raise InvalidInput(f"event {event.id}: org must be 1 to {MAX_ORG_LENGTH} characters")
    return value


def text_of(event: ReceivedEvent, name: str, value: str, most: int) -> str:
    if not value or len(value) > most:
        raise InvalidInput(f"event {event.id}: {name} must be 1 to {most} characters")
    return value


def one_of(event: ReceivedEvent, name: str, value: str, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise InvalidInput(f"event {event.id}: {name} must be one of {', '.join(allowed)}")
    return value


def day_of(event: ReceivedEvent, name: str, value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InvalidInput(f"event {event.id}: {name} must be an ISO date") from None


def decimal_of(event: ReceivedEvent, name: str, value: str, *, most: Decimal) -> Decimal:
    """A finite decimal from 0 to `most`."""
    try:
        found = Decimal(value)
    except InvalidOperation:
        found = None
    if found is None or not found.is_finite() or not Decimal(0) <= found <= most:
        raise InvalidInput(f"event {event.id}: {name} must be a decimal from 0 to {most}")
    return found


def when(value: str) -> datetime:
    """An RFC 3339 time of the payload; now if it has none."""
    return payload_time(value) or datetime.now(UTC)


def tags(values: Iterable[str]) -> list[str]:
    return sorted({t for t in values if t and len(t) <= MAX_TAG_LENGTH})
