"""The users of one role in a OneRoster 1.2 CSV bundle (orgs.csv, users.csv, enrollments.csv; classes.csv and
roles.csv when present) that belong to the importing school; docs/imports.md has the mapping.

- the school's orgs: the orgs.csv rows whose `identifier` (or `sourcedId`) is the school's Praxis org id, and every
  org below them (`parentSourcedId`); a bundle naming none is another school's and is refused as a whole;
- users: users.csv rows with the role (the `role` column, or a roles.csv row of the user), status not `tobedeleted`,
  in one of the school's orgs (`orgSourcedIds`, or roles.csv's `orgSourcedId`); a user of another org is a row
  error, and so is a key (`key` of the row) seen before in the file;
- each user comes with display_name (givenName familyName) and programme: the title (classes.csv) or sourcedId of
  the class of the user's primary enrollment in that role, else the first.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from praxis_common.imports.files import Row, RowError, decode, refuse, rows, unzip

USERS = "users.csv"


@dataclass(frozen=True)
class User:
    key: str
    values: dict[str, str]  # the users.csv row
    display_name: str | None
    programme: str | None


@dataclass
class Users:
    total: int = 0  # users.csv rows of the role (refused ones included)
    rows: list[tuple[int, User]] = field(default_factory=list)  # (line in users.csv, the user)
    errors: list[RowError] = field(default_factory=list)


def _table(files: dict[str, bytes], name: str, required: tuple[str, ...]) -> list[Row]:
    _, found = rows(decode(files[name], name), name, required=required)
    return [r for r in found if isinstance(r, Row)]  # a malformed row of a file other than users.csv is skipped


def _school_orgs(files: dict[str, bytes], org: str) -> set[str]:
    orgs = _table(files, "orgs.csv", ("sourcedId", "name", "type"))
    ours = {
        r.values["sourcedId"] for r in orgs if org in (r.values.get("identifier", "").strip(), r.values["sourcedId"])
    }
    if not ours:
        raise refuse(
            f"orgs.csv names no org whose identifier (or sourcedId) is your organisation's id {org!r}: "
            "a bundle of another school is not imported",
            "orgs.csv",
        )
    parents = {r.values["sourcedId"]: r.values.get("parentSourcedId", "").strip() for r in orgs}
    grew = True
    while grew:
        below = {child for child, parent in parents.items() if parent in ours and child not in ours}
        ours |= below
        grew = bool(below)
    return ours


def _programmes(files: dict[str, bytes], role: str) -> dict[str, str]:
    """A user's sourcedId -> the class of their primary (else first) enrollment in the role."""
    if "enrollments.csv" not in files:
        return {}
    titles = {}
    if "classes.csv" in files:
        titles = {
            r.values["sourcedId"]: r.values["title"].strip()
            for r in _table(files, "classes.csv", ("sourcedId", "title"))
        }
    chosen: dict[str, tuple[bool, str]] = {}
    for r in _table(files, "enrollments.csv", ("classSourcedId", "userSourcedId", "role")):
        v = r.values
        if v["role"].strip() != role or v.get("status", "").strip() == "tobedeleted":
            continue
        primary = v.get("primary", "").strip().lower() == "true"
        if v["userSourcedId"] not in chosen or (primary and not chosen[v["userSourcedId"]][0]):
            chosen[v["userSourcedId"]] = (primary, titles.get(v["classSourcedId"]) or v["classSourcedId"].strip())
    return {user: programme for user, (_, programme) in chosen.items()}


def _roles(files: dict[str, bytes]) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """OneRoster 1.2's roles.csv: a user's roles, and the orgs they hold them in."""
    roles: dict[str, set[str]] = defaultdict(set)
    orgs: dict[str, set[str]] = defaultdict(set)
    for r in _table(files, "roles.csv", ("userSourcedId", "role", "orgSourcedId")):
        if r.values.get("status", "").strip() != "tobedeleted":
            roles[r.values["userSourcedId"]].add(r.values["role"].strip())
            orgs[r.values["userSourcedId"]].add(r.values["orgSourcedId"].strip())
    return roles, orgs


def users(data: bytes, org: str, role: str, key: Callable[[dict[str, str]], str], key_field: str) -> Users:
    """The bundle's users in `role` of the school `org`, keyed by `key(row)` (named `key_field` in errors).
    InvalidInput: the bundle cannot be read as a whole."""
    files = unzip(data)
    for name in ("orgs.csv", USERS):
        if name not in files:
            raise refuse(f"the ZIP has no {name} (a OneRoster 1.2 CSV bundle: orgs.csv, users.csv, enrollments.csv)")
    ours = _school_orgs(files, org)
    header, found = rows(decode(files[USERS], USERS), USERS, required=("sourcedId", "givenName", "familyName"))
    by_column = "role" in header
    if not by_column and "roles.csv" not in files:
        raise refuse(f"users.csv has no role column and the ZIP no roles.csv: which users are {role}s?", USERS)
    if by_column and "orgSourcedIds" not in header:
        raise refuse("users.csv lacks the column orgSourcedIds (line 1 is the header)", USERS)
    roles, role_orgs = ({}, {}) if by_column else _roles(files)
    programmes = _programmes(files, role)
    out = Users()
    first_line: dict[str, int] = {}
    for row in found:
        if isinstance(row, RowError):
            out.total += 1
            out.errors.append(row)
            continue
        v = row.values
        sourced_id = v["sourcedId"].strip()
        in_role = v["role"].strip() == role if by_column else role in roles.get(sourced_id, ())
        if not in_role or v.get("status", "").strip() == "tobedeleted":
            continue
        out.total += 1
        user_orgs = (
            {o.strip() for o in v["orgSourcedIds"].split(",") if o.strip()} if by_column else role_orgs[sourced_id]
        )
        if not user_orgs & ours:
            field_name = "orgSourcedIds" if by_column else "roles.csv orgSourcedId"
            out.errors.append(RowError(row.line, field_name, "not an org of your school (orgs.csv)", USERS))
            continue
        ref = key(v)
        if ref in first_line:
            out.errors.append(RowError(row.line, key_field, f"{ref} again (first on line {first_line[ref]})", USERS))
            continue
        first_line[ref] = row.line
        name = " ".join(p for p in (v["givenName"].strip(), v["familyName"].strip()) if p)
        out.rows.append((row.line, User(ref, v, name or None, programmes.get(sourced_id) or None)))
    return out
