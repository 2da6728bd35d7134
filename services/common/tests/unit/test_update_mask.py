"""A gRPC partial update's field mask becomes the fields a REST PATCH body would carry."""

from __future__ import annotations

import pytest
from google.protobuf.field_mask_pb2 import FieldMask

from praxis_common.errors import InvalidInput
from praxis_common.rpc import masked

FIELDS = {"title": "", "capacity": 0, "tags": ["a"]}


def test_only_the_named_fields_are_taken_with_their_values_empty_or_not():
    assert masked(FieldMask(paths=["title", "tags"]), FIELDS) == {"title": "", "tags": ["a"]}
    assert masked(FieldMask(), FIELDS) == {}


def test_a_path_naming_no_field_that_can_change_is_invalid_input_naming_the_mask():
    with pytest.raises(InvalidInput) as raised:
        masked(FieldMask(paths=["capacity", "id"]), FIELDS)
    assert [e.field for e in raised.value.errors] == ["update_mask"] and "id" in raised.value.detail
