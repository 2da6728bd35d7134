"""A gRPC status message stays small enough for its header, whatever input the error names."""

from __future__ import annotations

from praxis_common.errors import FieldError, InvalidInput
from praxis_common.rpc import MOST_MESSAGE_CHARACTERS, status_message


def test_a_message_names_the_detail_and_each_field():
    exc = InvalidInput("invalid fields: a, b", errors=[FieldError("a", "too long"), FieldError("b", "missing")])
    assert status_message(exc) == "invalid fields: a, b (a: too long; b: missing)"


def test_a_field_named_by_a_huge_map_key_is_cut_to_the_most():
    key = "𝕏" * 100_000  # a client's map key: pydantic names the field by it
    exc = InvalidInput(f"invalid fields: scores.{key}", errors=[FieldError(f"scores.{key}", "invalid")])
    message = status_message(exc)
    assert len(message) == MOST_MESSAGE_CHARACTERS and message.startswith("invalid fields: scores.𝕏")
    assert message.endswith("…")
    # percent-encoded as grpc sends it, the message fits a 16 KiB header with room to spare
    assert len(message.encode()) * 3 < 16_384
