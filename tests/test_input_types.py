"""Every input of every REST operation goes through the kernel's input types (praxis_common.validation).

This is what keeps the input rules in one place: a string field or parameter without a pattern (the kernel's
Text, or an identifier type) let NUL bytes and lone surrogates reach PostgreSQL (500s); a lax `date` read
`starts_from=0` as 1970-01-01; a lax `bool` read `{"guardian": 0}` as false. The test reads the validators
pydantic actually runs (each operation's body model and its path and query parameters), not the source, so a
new route or field that uses a plain type fails here."""

from __future__ import annotations

import pytest
from fastapi.routing import iter_route_contexts

from praxis_common import validation
from praxis_dev.testing.apps import build_app

SERVICES = ("internships", "mentors", "projects", "notifications", "credentials")
CONTAINERS = ("list", "set", "tuple", "nullable", "default", "dict")


def _violations(schema: dict, where: str, definitions: dict, seen: set[str], *, body: bool = True) -> list[str]:
    """Plain types reachable in a pydantic core schema, each as 'where: what'. In a JSON body numbers and flags
    must be JSON numbers and booleans; a path or query parameter is always text, which an int or a bool reads."""
    kind = schema["type"]
    found: list[str] = []
    if kind == "definitions":
        definitions = {**definitions, **{d["ref"]: d for d in schema["definitions"]}}
        return _violations(schema["schema"], where, definitions, seen, body=body)
    if kind == "definition-ref":
        ref = schema["schema_ref"]
        if ref in seen:
            return []
        return _violations(definitions[ref], where, definitions, seen | {ref}, body=body)
    if kind == "model":
        return _violations(schema["schema"], where, definitions, seen, body=body)
    if kind == "model-fields":
        for name, f in schema["fields"].items():
            alias = f.get("validation_alias") or name
            found += _violations(f["schema"], f"{where}.{alias}", definitions, seen, body=body)
        return found
    if kind == "str" and not schema.get("pattern"):
        return [f"{where}: a string without a pattern (use Text or an identifier type)"]
    if kind in ("bool", "int") and body and not schema.get("strict"):
        return [f"{where}: a lax {kind} (use StrictBool / StrictInt)"]
    if kind == "date":
        return [f"{where}: a plain date (use Date)"]
    if kind == "function-before" and getattr(schema["function"].get("function"), "__name__", "") == "_iso_date":
        return []  # the kernel's Date
    inner = [
        schema[k] for k in ("schema", "items_schema", "keys_schema", "values_schema") if isinstance(schema.get(k), dict)
    ]
    if kind == "union":
        inner += [c[0] if isinstance(c, tuple) else c for c in schema["choices"]]
    if kind == "tagged-union":
        inner += list(schema["choices"].values())
    inner += schema.get("steps", [])
    for sub in inner:
        found += _violations(sub, where, definitions, seen, body=body)
    return found


def _inputs(service: str):
    """(operation, input name, core schema, is the body) of every body and every path and query parameter."""
    app, _ = build_app(service)
    for route in iter_route_contexts(list(app.routes)):
        dependant = getattr(route, "dependant", None)
        if dependant is None or not route.include_in_schema:
            continue
        operation = f"{service} {route.operation_id}"
        stack = [dependant]
        while stack:
            d = stack.pop()
            stack.extend(d.dependencies)
            for field in [*d.path_params, *d.query_params]:
                yield operation, field.alias, field._type_adapter.core_schema, False
            for field in d.body_params:
                yield operation, field.alias, field._type_adapter.core_schema, True


@pytest.mark.parametrize("service", SERVICES)
def test_every_input_uses_the_kernel_types(service):
    problems = [
        v
        for operation, name, schema, body in _inputs(service)
        for v in _violations(schema, f"{operation} {name}", {}, set(), body=body)
    ]
    assert not problems, "inputs of plain types:\n  " + "\n  ".join(sorted(set(problems)))


def test_the_walker_catches_each_plain_type():
    from datetime import date
    from typing import Annotated

    from pydantic import BaseModel, Field, StrictBool, StrictInt, TypeAdapter

    class Plain(BaseModel):
        name: str
        on: date
        flag: bool
        count: int
        notes: list[str] = []

    class Kernel(BaseModel):
        name: Annotated[validation.Text, Field(max_length=10)]
        on: validation.Date
        born: validation.PastDate | None = None
        flag: StrictBool
        count: StrictInt
        tags: list[validation.Tag] = []

    plain = _violations(TypeAdapter(Plain).core_schema, "Plain", {}, set())
    assert len(plain) == 5, plain
    assert _violations(TypeAdapter(Kernel).core_schema, "Kernel", {}, set()) == []
