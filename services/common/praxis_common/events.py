"""Integration events and their CloudEvents envelope in NATS headers (the CloudEvents NATS binding).

Payloads are protobuf messages from praxis.events.v1, carried as JSON (protobuf JSON mapping), so
the .proto files stay the one source of truth while messages remain readable on the wire.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import TypeVar

from google.protobuf import json_format
from google.protobuf.descriptor import FieldDescriptor
from google.protobuf.message import Message

from praxis_common import tracing
from praxis_common.errors import InvalidInput

CONTENT_TYPE = "application/json"
SPEC_VERSION = "1.0"
M = TypeVar("M", bound=Message)


def utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class IntegrationEvent:
    """An event leaving a service. `topic` is the subject without the deployment prefix,
    "<service>.<aggregate>.<event>"; the type adds the namespace and version."""

    source: str  # the producing service
    topic: str
    aggregate_type: str
    aggregate_id: str
    payload: Message
    version: int = 1
    id: uuid.UUID = field(default_factory=uuid.uuid4)
    time: datetime = field(default_factory=utcnow)

    @property
    def type(self) -> str:
        return f"praxis.{self.topic}.v{self.version}"

    def headers(self) -> dict[str, str]:
        return {
            "Nats-Msg-Id": str(self.id),
            "ce-specversion": SPEC_VERSION,
            "ce-id": str(self.id),
            "ce-source": f"/praxis/{self.source}",
            "ce-type": self.type,
            "ce-time": self.time.isoformat(),
            "ce-subject": f"{self.aggregate_type}/{self.aggregate_id}",
            "content-type": CONTENT_TYPE,
        }

    def outbox_row(self, prefix: str) -> dict:
        return {
            "id": self.id,
            "subject": f"{prefix}.{self.topic}",
            "aggregate_type": self.aggregate_type,
            "aggregate_id": self.aggregate_id,
            "headers": tracing.inject(self.headers()),  # the trace it was made in, for the relay to carry on
            "payload": payload_json(self.payload),
            "occurred_at": self.time,
        }


# Field types whose protobuf JSON form is the Python value itself (strings, booleans, 32-bit integers).
_AS_IS = frozenset(
    {
        FieldDescriptor.TYPE_STRING,
        FieldDescriptor.TYPE_BOOL,
        FieldDescriptor.TYPE_INT32,
        FieldDescriptor.TYPE_SINT32,
        FieldDescriptor.TYPE_SFIXED32,
        FieldDescriptor.TYPE_UINT32,
        FieldDescriptor.TYPE_FIXED32,
    }
)
# Per message type: its fields as (JSON name, attribute, repeated) sorted by JSON name, or None for the printer.
_plans: dict[type, tuple[tuple[str, str, bool], ...] | None] = {}


def _plan(message_type: type) -> tuple[tuple[str, str, bool], ...] | None:
    d = message_type.DESCRIPTOR
    plain = not d.full_name.startswith("google.protobuf.") and all(  # well-known types have JSON forms of their own
        f.type in _AS_IS and not f.has_presence and f.containing_oneof is None for f in d.fields
    )
    return tuple(sorted((f.json_name, f.name, f.is_repeated) for f in d.fields)) if plain else None


def payload_json(message: Message) -> bytes:
    """The payload in the protobuf JSON mapping, keys sorted, compact: json_format.MessageToJson's bytes. Its
    printer walks every field in Python (about half of a placement event's cost, 46,000 of them when a national
    round publishes). A message whose fields are all strings, booleans, 32-bit integers or lists of them, without
    presence (every event payload today), is written here: its set fields (a field without presence is set when it
    is not its default), in JSON-name order, in one json.dumps. Any other goes to the printer. (Compact: with an
    indent the json module falls back to its pure-Python encoder.)"""
    message_type = type(message)
    if message_type not in _plans:
        _plans[message_type] = _plan(message_type)
    plan = _plans[message_type]
    if plan is None:
        return json_format.MessageToJson(message, sort_keys=True, indent=None).encode()
    js = {}
    for json_name, name, repeated in plan:
        if value := getattr(message, name):
            js[json_name] = list(value) if repeated else value
    return json.dumps(js).encode()


@dataclass(frozen=True)
class ReceivedEvent:
    """An event as a consumer sees it: CloudEvents attributes plus the raw data."""

    id: str
    type: str
    source: str
    subject: str
    time: str
    data: bytes

    @classmethod
    def from_message(cls, headers: dict[str, str] | None, data: bytes) -> ReceivedEvent:
        h = headers or {}
        missing = [k for k in ("ce-id", "ce-type", "ce-source") if not h.get(k)]
        if missing:
            raise InvalidInput(f"not a CloudEvent: missing {', '.join(missing)}")
        if len(h["ce-id"]) > 64 or len(h["ce-type"]) > 255:
            raise InvalidInput("CloudEvent id longer than 64 or type longer than 255 characters")
        return cls(
            id=h["ce-id"],
            type=h["ce-type"],
            source=h["ce-source"],
            subject=h.get("ce-subject", ""),
            time=h.get("ce-time", ""),
            data=data,
        )

    def parse(self, message_type: type[M]) -> M:
        try:
            return json_format.Parse(self.data, message_type(), ignore_unknown_fields=True)
        except (json_format.ParseError, UnicodeDecodeError, ValueError) as exc:
            raise InvalidInput(f"event {self.id} ({self.type}) has a bad payload: {exc}") from exc


def payload_date(value: str) -> date | None:
    """An ISO date field of an event payload ("" = absent); a bad one makes the event unappliable."""
    try:
        return date.fromisoformat(value) if value else None
    except ValueError as exc:
        raise InvalidInput(f"bad date {value!r}") from exc


def payload_time(value: str) -> datetime | None:
    """An RFC 3339 timestamp field of an event payload ("" = absent), in UTC; it must carry its zone."""
    try:
        parsed = datetime.fromisoformat(value) if value else None
        if parsed is not None and parsed.tzinfo is None:
            raise ValueError("no time zone")
        return parsed.astimezone(UTC) if parsed else None
    except (ValueError, OverflowError) as exc:
        raise InvalidInput(f"bad timestamp {value!r}") from exc
