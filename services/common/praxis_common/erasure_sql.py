"""The one UPDATE a service's erasure hook runs per set of rows (docs/erasure.md): each row that still holds something
of the student is changed once, and a second run finds nothing to change (so it counts rows, not columns)."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Column, ColumnElement, Table, Update, case, func, literal, or_, update

# The ref as a whole token of free text (S-1 is not inside S-10, `S-1.` ends a sentence): erasure_match's rule.
from praxis_common.erasure_match import token_pattern as ref_pattern


def scrub(
    table: Table,
    where: ColumnElement[bool],
    student_ref: str,
    pseudonym: str,
    *,
    refs: Iterable[Column] = (),
    mentions: Iterable[Column] = (),
    emptied: Iterable[Column] = (),
    nulled: Iterable[Column] = (),
) -> Update:
    """UPDATE the rows of `table` matching `where` that still hold the student: `refs` (columns whose whole value may
    be the ref) -> the pseudonym where they are the ref; `mentions` (free text) -> the ref, as a whole token,
    replaced by the pseudonym inside; `emptied` -> '' (text about the student); `nulled` -> NULL (personal values)."""
    values: dict[str, object] = {}
    pattern = ref_pattern(student_ref)
    held: list[ColumnElement[bool]] = []
    for c in refs:
        values[c.name] = case((c == student_ref, literal(pseudonym)), else_=c)
        held.append(c == student_ref)
    for c in mentions:
        values[c.name] = func.regexp_replace(c, pattern, pseudonym, "g")
        held.append(c.regexp_match(pattern))
    for c in emptied:
        values[c.name] = case((c.is_(None), None), else_=literal(""))
        held.append(c != "")
    for c in nulled:
        values[c.name] = None
        held.append(c.is_not(None))
    if not held:
        raise ValueError("scrub needs at least one column to change")
    return update(table).where(where, or_(*held)).values(values)
