"""The students of a OneRoster 1.2 CSV bundle (orgs.csv, users.csv, enrollments.csv; classes.csv and roles.csv
when present) that belong to the importing school, as roster rows; docs/imports.md has the mapping.

- the school's orgs: the orgs.csv rows whose `identifier` (or `sourcedId`) is the school's Praxis org id, and every
  org below them (`parentSourcedId`); a bundle naming none is another school's and is refused as a whole;
- students: users.csv rows with role `student` (the `role` column, or a roles.csv row of the user), status not
  `tobedeleted`, in one of the school's orgs (`orgSourcedIds`, or roles.csv's `orgSourcedId`); a student of another
  org is a row error;
- student_ref: `identifier` (the school's student number), else `sourcedId`; display_name: givenName familyName;
  programme: the title (classes.csv) or sourcedId of the class of the student's primary enrollment, else the first.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from praxis_common.imports.files import Row, RowError, decode, refuse, rows, unzip

USERS = "users.csv"


@dataclass
class StudentRows:
    total: int = 0  # student rows of users.csv (refused ones included)
    rows: list[tuple[int, dict]] = field(default_factory=list)  # (line in users.csv, roster fields)
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


def _programmes(files: dict[str, bytes]) -> dict[str, str]:
    """A student's sourcedId -> the programme of their primary (else first) student enrollment."""
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
        if v["role"].strip() != "student" or v.get("status", "").strip() == "tobedeleted":
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


def students(data: bytes, org: str) -> StudentRows:
    """The bundle's students of the school `org` (InvalidInput: the bundle cannot be read as a whole)."""
    files = unzip(data)
    for name in ("orgs.csv", USERS):
        if name not in files:
            raise refuse(f"the ZIP has no {name} (a OneRoster 1.2 CSV bundle: orgs.csv, users.csv, enrollments.csv)")
    ours = _school_orgs(files, org)
    header, found = rows(decode(files[USERS], USERS), USERS, required=("sourcedId", "givenName", "familyName"))
    by_column = "role" in header
    if not by_column and "roles.csv" not in files:
        raise refuse("users.csv has no role column and the ZIP no roles.csv: which users are students?", USERS)
    if by_column and "orgSourcedIds" not in header:
        raise refuse("users.csv lacks the column orgSourcedIds (line 1 is the header)", USERS)
    roles, role_orgs = ({}, {}) if by_column else _roles(files)
    programmes = _programmes(files)
    out = StudentRows()
    first_line: dict[str, int] = {}
    for row in found:
        if isinstance(row, RowError):
            out.total += 1
            out.errors.append(row)
            continue
        v = row.values
        sourced_id = v["sourcedId"].strip()
        is_student = v["role"].strip() == "student" if by_column else "student" in roles.get(sourced_id, ())
        if not is_student or v.get("status", "").strip() == "tobedeleted":
            continue
        out.total += 1
        user_orgs = (
            {o.strip() for o in v["orgSourcedIds"].split(",") if o.strip()} if by_column else role_orgs[sourced_id]
        )
        if not user_orgs & ours:
            field_name = "orgSourcedIds" if by_column else "roles.csv orgSourcedId"
            out.errors.append(RowError(row.line, field_name, "not an org of your school (orgs.csv)", USERS))
            continue
        ref = v.get("identifier", "").strip() or sourced_id
        if ref in first_line:
            out.errors.append(
                RowError(row.line, "identifier", f"student {ref} again (first on line {first_line[ref]})", USERS)
            )
            continue
        first_line[ref] = row.line
        name = " ".join(p for p in (v["givenName"].strip(), v["familyName"].strip()) if p)
        out.rows.append(
            (
                row.line,
                {"student_ref": ref, "display_name": name or None, "programme": programmes.get(sourced_id) or None},
            )
        )
    return out
