"""The CloudEvents envelope, the payloads' JSON and the relay's back-off."""

from __future__ import annotations

import importlib
import pkgutil
import random

import pytest
from google.protobuf import descriptor_pb2, json_format, message_factory, struct_pb2
from google.protobuf.descriptor import FieldDescriptor

import praxis.events.v1 as events_v1
from praxis.events.v1 import agreements_pb2
from praxis_common.errors import InvalidInput
from praxis_common.events import IntegrationEvent, ReceivedEvent, payload_json
from praxis_common.outbox import MAX_BACKOFF_SECONDS, backoff_seconds


def test_outbox_row_round_trips_through_the_envelope():
    payload = agreements_pb2.AgreementActivated(agreement_id="a1", school_org="s", enterprise_org="e", intern_quota=3)
    e = IntegrationEvent(
        source="internships",
        topic="internships.agreement.activated",
        aggregate_type="agreement",
        aggregate_id="a1",
        payload=payload,
    )
    row = e.outbox_row("praxis")
    assert row["subject"] == "praxis.internships.agreement.activated"
    h = row["headers"]
    assert h["Nats-Msg-Id"] == h["ce-id"] == str(e.id)
    assert h["ce-type"] == "praxis.internships.agreement.activated.v1"
    assert h["ce-source"] == "/praxis/internships" and h["ce-subject"] == "agreement/a1"
    assert h["ce-specversion"] == "1.0" and h["content-type"] == "application/json"
    received = ReceivedEvent.from_message(h, row["payload"])
    assert received.parse(agreements_pb2.AgreementActivated) == payload


def test_envelope_without_cloudevents_attributes_is_refused():
    with pytest.raises(InvalidInput):
        ReceivedEvent.from_message({"ce-id": "1"}, b"{}")


def test_bad_payload_is_refused():
    received = ReceivedEvent.from_message({"ce-id": "1", "ce-type": "t", "ce-source": "s"}, b"{not json")
    with pytest.raises(InvalidInput):
        received.parse(agreements_pb2.AgreementActivated)


def test_backoff_grows_and_is_capped_below_the_duplicate_window():
    from praxis_common.jetstream import DUPLICATE_WINDOW_SECONDS

    delays = [backoff_seconds(n) for n in range(20)]
    assert delays == sorted(delays) and delays[0] < 1
    assert max(delays) == MAX_BACKOFF_SECONDS < DUPLICATE_WINDOW_SECONDS


def _filled(message_type: type, rng: random.Random, depth: int = 0):
    """A message of `message_type` with a random subset of its fields set to random values of their kinds."""
    m = message_type()
    for f in m.DESCRIPTOR.fields:
        if rng.random() < 0.3:
            continue  # left at its default: not printed
        count = rng.randint(0, 3) if f.is_repeated else 1
        values = [_value(f, rng, depth) for _ in range(count)]
        if any(v is None for v in values) or (f.message_type is not None and f.message_type.GetOptions().map_entry):
            continue  # deeper than two levels, or a map
        if f.is_repeated:
            if f.message_type is not None:
                for v in values:
                    getattr(m, f.name).add().CopyFrom(v)
            else:
                getattr(m, f.name).extend(values)
        elif f.message_type is not None:
            getattr(m, f.name).CopyFrom(values[0])
        else:
            setattr(m, f.name, values[0])
    return m


def _value(f: FieldDescriptor, rng: random.Random, depth: int):
    if f.message_type is not None:
        return _filled(message_factory.GetMessageClass(f.message_type), rng, depth + 1) if depth < 2 else None
    return {
        FieldDescriptor.TYPE_STRING: lambda: rng.choice(["", "a", "学生-张三", 'q"uote\\', "2026-12-02", "\u00e9\n"]),
        FieldDescriptor.TYPE_BOOL: lambda: rng.random() < 0.5,
        FieldDescriptor.TYPE_INT32: lambda: rng.choice([0, 1, -7, 2**31 - 1]),
        FieldDescriptor.TYPE_INT64: lambda: rng.choice([0, 5, -(2**40)]),
        FieldDescriptor.TYPE_UINT32: lambda: rng.choice([0, 3, 2**32 - 1]),
        FieldDescriptor.TYPE_DOUBLE: lambda: rng.choice([0.0, 0.5, 1e20, -3.25]),
        FieldDescriptor.TYPE_FLOAT: lambda: rng.choice([0.0, 0.5, -3.25]),
        FieldDescriptor.TYPE_BYTES: lambda: rng.choice([b"", b"\x00\xff"]),
        FieldDescriptor.TYPE_ENUM: lambda: rng.choice([v.number for v in f.enum_type.values]),
    }.get(f.type, lambda: None)()


def test_every_event_payload_is_written_as_the_protobuf_json_printer_writes_it():
    """payload_json gives MessageToJson's bytes for every message of praxis.events.v1, and for messages outside the
    fast path (enums, 64-bit integers, floats, nested and well-known messages)."""
    rng, modules = random.Random(7), set()
    types = [message_factory.GetMessageClass(d) for d in (descriptor_pb2.FieldDescriptorProto.DESCRIPTOR,)]
    types.append(struct_pb2.Value)
    for module in pkgutil.iter_modules(events_v1.__path__):
        if module.name.endswith("_pb2"):
            pb2 = importlib.import_module(f"{events_v1.__name__}.{module.name}")
            types += [message_factory.GetMessageClass(d) for d in pb2.DESCRIPTOR.message_types_by_name.values()]
            modules.add(module.name)
    for message_type in types:
        for _ in range(20):
            m = _filled(message_type, rng)
            assert payload_json(m) == json_format.MessageToJson(m, sort_keys=True, indent=None).encode(), m
    assert {"placements_pb2", "rounds_pb2", "agreements_pb2"} <= modules
