"""Mentor imports' rows, validated as a mentor is when created alone (MentorCreate: one copy of each rule):
teachers from a OneRoster 1.2 bundle, and an organisation's mentors from a CSV file (docs/imports.md)."""

from __future__ import annotations

import re
from dataclasses import replace

from pydantic import ValidationError

from mentors.handlers.imports import FIELDS, TEACHER_CAPACITY, MentorRow
from mentors.schemas.mentors import MentorCreate
from praxis_common.imports.files import Row, RowError, decode, rows
from praxis_common.imports.oneroster import USERS, users
from praxis_common.imports.runner import Parsed
from praxis_common.validation import field_errors

REQUIRED = ("account", "display_name", "capacity")
OPTIONAL = ("expertise", "languages", "active")
_LIST = re.compile(r"[;,]")
_BOOLEANS = {"true": True, "yes": True, "1": True, "false": False, "no": False, "0": False}


def _row(parsed: Parsed, line: int, file: str, fields: dict, given: set[str], org_kind: str) -> None:
    """`fields` validated as a new mentor of the organisation: the row's item, or its errors."""
    try:
        cmd = MentorCreate.model_validate({**fields, "kind": org_kind}).to_command()
    except ValidationError as exc:
        parsed.errors.extend(RowError(line, e.field, e.message, file) for e in field_errors(exc.errors()))
        return
    values = {name: getattr(cmd, name) for name in FIELDS}
    parsed.items.append((line, MentorRow(cmd.account, {k: v for k, v in values.items() if k in given}, values, file)))


def teacher_account(user: dict[str, str]) -> str:
    """A OneRoster teacher's sign-in account: `username`, else `sourcedId`."""
    return user.get("username", "").strip() or user["sourcedId"].strip()


def parse_teachers(data: bytes, org: str, org_kind: str) -> Parsed:
    """A OneRoster bundle's teachers of the school: the display name is theirs; a new one gets the default
    capacity."""
    found = users(data, org, "teacher", teacher_account, "username")
    parsed = Parsed(total=found.total, errors=list(found.errors))
    for line, user in found.rows:
        fields = {"account": user.key, "display_name": user.display_name or "", "capacity": TEACHER_CAPACITY}
        _row(parsed, line, USERS, fields, {"display_name"}, org_kind)
    parsed.errors.sort(key=lambda e: e.line)
    return parsed


def _cell(column: str, text: str) -> object:
    text = text.strip()
    if column in ("expertise", "languages"):
        return [v.strip() for v in _LIST.split(text) if v.strip()]
    if column == "capacity":
        return int(text) if re.fullmatch(r"-?\d{1,9}", text) else text
    if column == "active":
        return _BOOLEANS.get(text.lower(), text)
    return text


def parse_mentors(data: bytes, org: str, org_kind: str) -> Parsed:
    """A CSV of the organisation's mentors: `account`, `display_name`, `capacity`, and optionally `expertise`,
    `languages` (separated by `;` or `,`) and `active` (true/false). An account twice is a row error."""
    header, found = rows(decode(data, "the CSV file"), "the CSV file", required=REQUIRED)
    columns = [c for c in (*REQUIRED, *OPTIONAL) if c in header]
    parsed = Parsed(total=0)
    first: dict[str, int] = {}
    for row in found:
        parsed.total += 1
        if not isinstance(row, Row):
            parsed.errors.append(replace(row, file=""))  # one file: its lines need no name
            continue
        fields = {c: _cell(c, row.values[c]) for c in columns}
        if fields.get("active") == "":
            del fields["active"]  # not given: a new mentor is active
        account = str(fields["account"])
        if account in first:
            parsed.errors.append(RowError(row.line, "account", f"{account} again (first on line {first[account]})"))
            continue
        first[account] = row.line
        _row(parsed, row.line, "", fields, set(fields) - {"account"}, org_kind)
    return parsed
