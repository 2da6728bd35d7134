"""What the people's commands decide before any request: tables line up, list filters and --since are read as
documented, and contradictory options are usage errors (exit 2) naming what to give instead."""

from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from praxis_cli.export import changed_at, filters
from praxis_cli.tables import print_list
from praxis_common.cli import main


def test_a_table_has_a_heading_and_aligned_columns(capsys: pytest.CaptureFixture[str]) -> None:
    items = [{"id": "a", "events": ["x", "y"]}, {"id": "longer-id", "events": []}]
    assert print_list(items, [("ID", "id"), ("EVENTS", "events")], as_json=False, empty="none") == 2
    assert capsys.readouterr().out.splitlines() == ["ID         EVENTS", "a          x,y", "longer-id"]
    print_list([], [("ID", "id")], as_json=False, empty="no webhooks")
    assert capsys.readouterr().out == "no webhooks\n"


def test_filters_are_key_value_pairs() -> None:
    assert filters(("status=requested", "q=a=b")) == {"status": "requested", "q": "a=b"}
    with pytest.raises(click.BadParameter, match="'status' is not KEY=VALUE"):
        filters(("status",))


def test_an_item_is_dated_by_its_tombstone_time_else_its_own() -> None:
    assert changed_at({"id": "x", "deleted": True, "changed_at": "2026-11-30T08:00:00Z"}).hour == 8
    assert changed_at({"id": "x", "updated_at": "2026-11-30T09:00:00+00:00"}).hour == 9
    assert changed_at({"id": "x", "week_start": "2026-11-23"}) is None  # kept by --since: it cannot be dated


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["export", "placements", "--cursor", "c", "--since", "1h"], "give one of --cursor, --cursor-file and --since"),
        (["export", "logbook"], "give --placement ID"),
        (["export", "teams", "--format", "csv"], "--format is for `praxis export credits`"),
        (["webhooks", "replay", "--delivery", "d", "--since", "1h"], "give either --delivery DID, or WEBHOOK_ID"),
        (["org", "set"], "give at least one field to set"),
    ],
)
def test_contradictory_or_missing_options_are_usage_errors(args: list[str], says: str) -> None:
    done = CliRunner().invoke(main, args, prog_name="praxis", env={"PRAXIS_TOKEN": "t"})
    assert done.exit_code == 2 and says in done.output, done.output
