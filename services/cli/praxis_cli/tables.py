"""How the people-facing commands print: a readable table (or `field  value` lines for one item) by default, JSON for
machines (`--json`: one object per line for a list, one object for an item)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import click

# A column: its heading and how to read it from an item (a key, or a function of the item).
Column = tuple[str, str | Callable[[dict[str, Any]], Any]]
MAX_CELL = 60


def json_option(f):
    return click.option("--json", "as_json", is_flag=True, help="print JSON (one object per line for lists)")(f)


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ",".join(cell(v) for v in value)
    if isinstance(value, dict):
        value = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    text = str(value).replace("\n", " ")
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"


def _read(item: dict[str, Any], how: str | Callable[[dict[str, Any]], Any]) -> str:
    return cell(how(item) if callable(how) else item.get(how))


def print_list(items: Iterable[dict[str, Any]], columns: Sequence[Column], *, as_json: bool, empty: str) -> int:
    """The items as a table (or JSON lines); `empty` when there are none. How many were printed."""
    if as_json:
        count = 0
        for item in items:
            click.echo(json.dumps(item, ensure_ascii=False))
            count += 1
        return count
    rows = [[_read(item, how) for _, how in columns] for item in items]
    if not rows:
        click.echo(empty)
        return 0
    headings = [name for name, _ in columns]
    widths = [max(len(r[i]) for r in [headings, *rows]) for i in range(len(headings))]
    for row in [headings, *rows]:
        click.echo("  ".join(text.ljust(width) for text, width in zip(row, widths, strict=True)).rstrip())
    return len(rows)


def print_item(item: dict[str, Any], *, as_json: bool, fields: Sequence[str] | None = None) -> None:
    """One object: `field  value` lines (every field, or those named, in that order), or JSON."""
    if as_json:
        click.echo(json.dumps(item, ensure_ascii=False))
        return
    names = list(fields) if fields is not None else list(item)
    width = max((len(n) for n in names), default=0)
    for name in names:
        value = item.get(name)
        text = json.dumps(value, ensure_ascii=False) if isinstance(value, dict) else cell(value)
        click.echo(f"{name.ljust(width)}  {text}".rstrip())
