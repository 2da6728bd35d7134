"""A positions CSV's rows, each validated as `POST /v1/positions` validates its body (PositionCreate: one copy of
each rule), keyed by the enterprise's own reference of the position (docs/imports.md)."""

from __future__ import annotations

import re
from dataclasses import replace

from pydantic import TypeAdapter, ValidationError

from internships.handlers.position_imports import PositionRow
from internships.schemas.positions import PositionCreate
from praxis_common.imports.files import Row, RowError, decode, rows
from praxis_common.imports.runner import Parsed
from praxis_common.validation import Ref, field_errors

FILE = "the CSV file"
REQUIRED = ("external_ref", "base_id", "title", "seats", "starts_on", "ends_on", "duties")
OPTIONAL = ("description", "languages", "competencies", "post_staff", "monthly_pay", "reference_monthly_wage")
LISTS = ("languages", "competencies")
NUMBERS = ("seats", "post_staff")
_SEPARATOR = re.compile(r"[;,]")
_ref_adapter = TypeAdapter(Ref)


def _duties(text: str) -> list[dict] | str:
    """`listing optimisation:core; customer chat:peripheral` as DutyIn objects (a bad one is left to the schema)."""
    duties = []
    for part in (p.strip() for p in text.split(";")):
        if not part:
            continue
        name, _, kind = part.rpartition(":")
        duties.append({"name": name.strip(), "kind": kind.strip()} if name else {"name": part, "kind": ""})
    return duties


def _fields(values: dict[str, str], columns: list[str]) -> dict:
    fields: dict = {}
    for column in columns:
        text = values[column].strip()
        if column in LISTS:
            fields[column] = [v.strip() for v in _SEPARATOR.split(text) if v.strip()]
        elif column == "duties":
            fields[column] = _duties(text)
        elif text == "":
            continue  # an optional value not given
        elif column in NUMBERS:
            fields[column] = int(text) if re.fullmatch(r"-?\d{1,9}", text) else text
        else:
            fields[column] = text
    return fields


def parse_positions(data: bytes, org: str, org_kind: str) -> Parsed:
    """Each row as a CreatePosition with its external_ref; a bad field, or a reference seen before in the file, is
    the row's error (named by line)."""
    header, found = rows(decode(data, FILE), FILE, required=REQUIRED)
    columns = [c for c in (*REQUIRED, *OPTIONAL) if c in header and c != "external_ref"]
    parsed = Parsed(total=0)
    first: dict[str, int] = {}
    for row in found:
        parsed.total += 1
        if not isinstance(row, Row):
            parsed.errors.append(replace(row, file=""))
            continue
        ref = row.values["external_ref"].strip()
        problems = []
        try:
            _ref_adapter.validate_python(ref)
        except ValidationError as exc:
            problems = [RowError(row.line, "external_ref", e.message) for e in field_errors(exc.errors())]
        if not problems and ref in first:
            problems = [RowError(row.line, "external_ref", f"{ref} again (first on line {first[ref]})")]
        try:
            cmd = PositionCreate.model_validate(_fields(row.values, columns)).to_command()
        except ValidationError as exc:
            problems += [RowError(row.line, e.field, e.message) for e in field_errors(exc.errors())]
        if problems:
            parsed.errors.extend(problems)
            continue
        first[ref] = row.line
        parsed.items.append((row.line, PositionRow(ref, cmd)))
    return parsed
