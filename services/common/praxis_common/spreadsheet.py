"""Cells of files people open in a spreadsheet (CSV and XLSX downloads): text is shown, never run."""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def text_cell(value: str) -> str:
    """A text cell a spreadsheet shows as text: a leading = + - @ (or tab, carriage return) would be read as a
    formula (OWASP CSV injection), so such a value is prefixed with an apostrophe. Not for numbers: write those as
    numbers."""
    return "'" + value if value[:1] in FORMULA_STARTS else value
