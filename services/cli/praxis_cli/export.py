"""`praxis export`: a change feed (docs/change-feeds.md) as JSON Lines, followed to its end, with the cursor to resume
from; and the credit ledger's exports (CSV, JSON, OneRoster 1.2; docs/credits.md).

A feed's items are the rows as they are now and tombstones (`{"id", "deleted": true, "changed_at"}`), one line each,
in the feed's order. The cursor it ends at is printed on stderr (and kept in --cursor-file): pass it back with
--cursor (or the same --cursor-file) to get only what changed since, e.g. from cron.
"""

from __future__ import annotations

import json
import sys
from datetime import datetime
from pathlib import Path
from typing import IO, Any

import click

from praxis_cli.client import Api, segment, token_option
from praxis_common.operator_commands import SINCE
from praxis_common.pages import MAX_PAGE_SIZE

# resource -> (service, path of its list); `{placement}` is --placement.
FEEDS = {
    "agreements": ("internships", "/v1/agreements"),
    "positions": ("internships", "/v1/positions"),
    "placements": ("internships", "/v1/placements"),
    "logbook": ("internships", "/v1/placements/{placement}/logbook"),
    "assignments": ("mentors", "/v1/assignments"),
    "projects": ("projects", "/v1/projects"),
    "teams": ("projects", "/v1/teams"),
    "credits": ("projects", "/v1/credits"),
}
LEDGER = {  # format -> (path, its own query)
    "csv": ("/v1/credit-ledger/export", {"format": "csv"}),
    "json": ("/v1/credit-ledger/export", {"format": "json"}),
    "oneroster": ("/v1/credit-ledger/oneroster", {}),
}
TIME_FIELDS = ("changed_at", "updated_at", "created_at")  # a tombstone's time, else the row's


def changed_at(item: dict[str, Any]) -> datetime | None:
    """When the item last changed, as far as it says (a tombstone always does; rows that carry no time do not)."""
    for name in TIME_FIELDS:
        if isinstance(item.get(name), str):
            try:
                return datetime.fromisoformat(item[name].replace("Z", "+00:00"))
            except ValueError:
                return None
    return None


def filters(pairs: tuple[str, ...]) -> dict[str, str]:
    found = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise click.BadParameter(f"{pair!r} is not KEY=VALUE", param_hint="--filter")
        found[key] = value
    return found


def follow(
    api: Api, path: str, params: dict[str, Any], cursor: str, out: IO[str], since: datetime | None
) -> tuple[int, str]:
    """Write every change after `cursor` as a JSON line, asking again while `has_more`; (lines written, last cursor)."""
    written = 0
    while True:
        page = api.get(path, params={**params, "updated_since": cursor})
        for item in page.get("items", []):
            when = changed_at(item)
            if since is None or when is None or when >= since:
                out.write(json.dumps(item, ensure_ascii=False) + "\n")
                written += 1
        out.flush()
        cursor = page["next_cursor"]
        if not page.get("has_more"):
            return written, cursor


@click.command(
    help="Write a change feed as JSON Lines, following it to its end, and print the cursor to resume from. "
    f"RESOURCE: {', '.join(FEEDS)}. `credits --format csv|json|oneroster` is the credit ledger's export instead."
)
@click.argument("resource", type=click.Choice(list(FEEDS)))
@click.option("--cursor", help="resume after this cursor (printed by the previous export); default: the beginning")
@click.option(
    "--cursor-file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="read the cursor from FILE if it exists, and write the new one there once the export is complete",
)
@click.option(
    "--since",
    type=SINCE,
    help="from the beginning, but only items changed at or after TIME (by their changed_at/updated_at/created_at; "
    "an item without a time is kept). The cursor is the exact way to sync.",
)
@click.option("--placement", help="logbook: the placement whose weeks to export")
@click.option("--filter", "pairs", multiple=True, metavar="KEY=VALUE", help="a filter of the list, e.g. status=active")
@click.option("--page-size", type=click.IntRange(1, MAX_PAGE_SIZE), default=MAX_PAGE_SIZE, show_default=True)
@click.option(
    "--format",
    "ledger_format",
    type=click.Choice(list(LEDGER)),
    help="credits only: the credit ledger (internships) as CSV, a JSON array, or a OneRoster 1.2 ZIP",
)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="write to FILE instead of stdout")
@token_option
def export(
    resource: str,
    cursor: str | None,
    cursor_file: Path | None,
    since: datetime | None,
    placement: str | None,
    pairs: tuple[str, ...],
    page_size: int,
    ledger_format: str | None,
    out: Path | None,
    token: str,
) -> None:
    params = filters(pairs)
    if ledger_format:
        if resource != "credits":
            raise click.UsageError("--format is for `praxis export credits` (the credit ledger) only")
        return export_ledger(ledger_format, params, out, token)
    if sum(x is not None for x in (cursor, cursor_file, since)) > 1:
        raise click.UsageError("give one of --cursor, --cursor-file and --since")
    service, path = FEEDS[resource]
    if "{placement}" in path:
        if not placement:
            raise click.UsageError("the logbook feed is per placement: give --placement ID")
        path = path.format(placement=segment(placement))
    start = cursor or (cursor_file.read_text().strip() if cursor_file and cursor_file.exists() else "") or "0"
    with Api(service, token) as api:
        target = out.open("w", encoding="utf-8") if out else sys.stdout
        try:
            written, last = follow(api, path, {**params, "page_size": page_size}, start, target, since)
        finally:
            if out:
                target.close()
    if cursor_file:
        cursor_file.write_text(last + "\n")
    click.echo(f"{written} changes of {resource}; resume with --cursor {last}", err=True)


def export_ledger(ledger_format: str, params: dict[str, str], out: Path | None, token: str) -> None:
    if ledger_format == "oneroster" and out is None and sys.stdout.isatty():
        raise click.UsageError("the OneRoster export is a ZIP: give --out FILE (or redirect stdout)")
    with Api("internships", token) as api:
        path, query = LEDGER[ledger_format]
        body = api.request("GET", path, params={**params, **query}).content
    if out:
        out.write_bytes(body)
        click.echo(f"credit ledger ({ledger_format}, {len(body)} bytes) written to {out}", err=True)
    else:
        sys.stdout.buffer.write(body)
        sys.stdout.flush()
