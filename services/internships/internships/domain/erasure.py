"""Erasing a student from internships' JSON documents: what replaces their ref, and what of their values is left.

Pure rewrites of the stored documents that name students among others (a round's rankings and frozen inputs, a
ministry report download's rows); adapters/erasure.py reads the documents that hold the student and writes back what
these return. Each rewrite is idempotent: a document without the student comes back equal.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

# What a ministry report row keeps of the erased student: their placement's figures, under the pseudonym.
REPORT_ROW_FORGETS = {"student_name": ""}


def replace_values(doc: Any, old: Any, new: Any) -> Any:
    """`doc` with every value equal to `old` (a string, or a list such as a ranking's `[school, ref]` pair)
    replaced by `new`, at any depth. Only whole values: another school's `[school2, ref]` pair, or a ref that
    merely contains `old`, is left as it is."""
    if doc == old:
        return new
    if isinstance(doc, list):
        return [replace_values(item, old, new) for item in doc]
    if isinstance(doc, dict):
        return {key: replace_values(value, old, new) for key, value in doc.items()}
    return doc


def forget_report_rows(rows: dict[str, dict], placement_ids: Collection[str], pseudonym: str) -> dict[str, dict]:
    """A downloaded ministry report's rows (placement id -> row) with the erased student's rows, those of
    `placement_ids`, under `pseudonym` and without their name; every other row as it was."""
    return {
        pid: (row | {"student_ref": pseudonym} | REPORT_ROW_FORGETS) if pid in placement_ids else row
        for pid, row in rows.items()
    }
