"""Change feeds: `updated_since=<cursor>` on a list returns the rows changed since the cursor, deletions included.

A trigger on each feed table keeps one `change_log` row per table row: the writing transaction's id
(`pg_current_xact_id()`, xid8), a per-change sequence number, the owning organisations and whether the row still
exists. A feed page takes only changes whose transaction id is below `pg_snapshot_xmin(pg_current_snapshot())` of
the reading statement: every transaction below it has ended, so no change can later commit behind the cursor
(sequences and timestamps commit out of order; transaction ids below the snapshot's xmin cannot). Pages are ordered
by (xid, seq) and the cursor is the last (xid, seq), signed like a page token (praxis_common.pages). docs/change-feeds.md
holds the reasoning.

A migration calls `create_change_log()` once and `track(table, *org_columns)` per feed table; a service declares
the table in its metadata with `change_log_table(metadata)` so autogenerate sees it.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Generic, Literal, TypeVar

from pydantic import BaseModel, Field
from sqlalchemy import BigInteger, Column, DateTime, Index, MetaData, String, Table, text
from sqlalchemy.dialects.postgresql import ARRAY, UUID
from sqlalchemy.ext.asyncio import AsyncConnection

from praxis_common.errors import FieldError, InvalidInput
from praxis_common.pages import decode_page_token, encode_page_token

T = TypeVar("T")

# `updated_since=0`: from the beginning of the feed (every row that exists, and tombstones of those deleted).
BEGINNING = "0"


def change_log_table(metadata: MetaData) -> Table:
    """The change log as a service declares it in its metadata (written only by the triggers)."""
    return Table(
        "change_log",
        metadata,
        Column("feed", String(63), primary_key=True),
        Column("row_id", UUID(as_uuid=True), primary_key=True),
        Column("orgs", ARRAY(String(64)), nullable=False),
        Column("op", String(8), nullable=False),
        # xid8 has no SQLAlchemy type; the migration creates it as xid8 and autogenerate ignores the type.
        Column("xid", BigInteger, nullable=False),
        Column("seq", BigInteger, nullable=False),
        Column("changed_at", DateTime(timezone=True), nullable=False),
        Index("ix_change_log_feed_order", "feed", "xid", "seq"),
    )


def create_change_log() -> list[str]:
    """DDL for a migration: the change-log table, its sequence and the trigger function the feed tables share.

    The trigger takes the owning organisations' column names as arguments. On UPDATE the organisations of the old
    and new row are both kept, so a row that moved away from an organisation reaches it as a tombstone."""
    return [
        "CREATE SEQUENCE change_log_seq",
        """CREATE TABLE change_log (
            feed varchar(63) NOT NULL,
            row_id uuid NOT NULL,
            orgs varchar(64)[] NOT NULL,
            op varchar(8) NOT NULL,
            xid xid8 NOT NULL,
            seq bigint NOT NULL,
            changed_at timestamptz NOT NULL,
            CONSTRAINT pk_change_log PRIMARY KEY (feed, row_id)
        )""",
        "CREATE INDEX ix_change_log_feed_order ON change_log (feed, xid, seq)",
        """CREATE FUNCTION praxis_log_change() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE
            new_row jsonb := CASE WHEN TG_OP = 'DELETE' THEN NULL ELSE to_jsonb(NEW) END;
            old_row jsonb := CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE to_jsonb(OLD) END;
            row_orgs varchar(64)[] := ARRAY[]::varchar(64)[];
            i int;
        BEGIN
            FOR i IN 0 .. TG_NARGS - 1 LOOP
                row_orgs := row_orgs || (new_row ->> TG_ARGV[i])::varchar(64) || (old_row ->> TG_ARGV[i])::varchar(64);
            END LOOP;
            row_orgs := ARRAY(SELECT DISTINCT o FROM unnest(row_orgs) AS o WHERE o IS NOT NULL);
            INSERT INTO change_log AS c (feed, row_id, orgs, op, xid, seq, changed_at)
            VALUES (TG_TABLE_NAME, (coalesce(new_row, old_row) ->> 'id')::uuid, row_orgs, lower(TG_OP),
                    pg_current_xact_id(), nextval('change_log_seq'), clock_timestamp())
            ON CONFLICT (feed, row_id) DO UPDATE SET
                orgs = ARRAY(SELECT DISTINCT o FROM unnest(c.orgs || EXCLUDED.orgs) AS o),
                op = EXCLUDED.op, xid = EXCLUDED.xid, seq = EXCLUDED.seq, changed_at = EXCLUDED.changed_at;
            RETURN NULL;
        END $$""",
        # A row of another table that widens a feed row's scope (a project shared with a school): the feed row is
        # marked changed and the row's organisation joins its scope. Arguments: feed, key column, scope column.
        """CREATE FUNCTION praxis_log_scope_change() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE
            r jsonb := to_jsonb(CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END);
        BEGIN
            INSERT INTO change_log AS c (feed, row_id, orgs, op, xid, seq, changed_at)
            VALUES (TG_ARGV[0], (r ->> TG_ARGV[1])::uuid, ARRAY[(r ->> TG_ARGV[2])::varchar(64)], 'update',
                    pg_current_xact_id(), nextval('change_log_seq'), clock_timestamp())
            ON CONFLICT (feed, row_id) DO UPDATE SET
                orgs = ARRAY(SELECT DISTINCT o FROM unnest(c.orgs || EXCLUDED.orgs) AS o),
                op = CASE WHEN c.op = 'delete' THEN 'delete' ELSE 'update' END,
                xid = EXCLUDED.xid, seq = EXCLUDED.seq, changed_at = EXCLUDED.changed_at;
            RETURN NULL;
        END $$""",
    ]


def track(table: str, *org_columns: str) -> list[str]:
    """DDL for a migration: log every change of `table` (whose key is `id`), visible to the given columns' orgs.
    Rows that exist already enter the log once, as inserts, so a feed from the beginning lists them."""
    args = ", ".join(f"'{c}'" for c in org_columns)
    orgs = ", ".join(org_columns)
    return [
        f"CREATE TRIGGER {table}_change_log AFTER INSERT OR UPDATE OR DELETE ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION praxis_log_change({args})",
        f"INSERT INTO change_log (feed, row_id, orgs, op, xid, seq, changed_at) "
        f"SELECT '{table}', id, ARRAY[{orgs}]::varchar(64)[], 'insert', pg_current_xact_id(), "
        f"nextval('change_log_seq'), clock_timestamp() FROM {table}",
    ]


def track_scope(table: str, feed: str, key_column: str, scope_column: str) -> list[str]:
    """DDL for a migration: a row of `table` (e.g. a project's share with a school) marks the `feed` row its
    `key_column` names as changed, and adds its `scope_column` organisation to that row's scope for good (the
    feed's own filter then decides whether the organisation still sees the row, or gets a tombstone)."""
    return [
        f"CREATE TRIGGER {table}_change_log AFTER INSERT OR UPDATE OR DELETE ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION praxis_log_scope_change('{feed}', '{key_column}', '{scope_column}')",
        f"UPDATE change_log SET orgs = ARRAY(SELECT DISTINCT o FROM unnest(orgs || ARRAY(SELECT {scope_column}::varchar(64) "
        f"FROM {table} WHERE {key_column} = change_log.row_id)) AS o) WHERE feed = '{feed}'",
    ]


def drop_change_log(*tables: str) -> list[str]:
    return [f"DROP TRIGGER IF EXISTS {t}_change_log ON {t}" for t in tables] + [
        "DROP FUNCTION IF EXISTS praxis_log_scope_change()",
        "DROP FUNCTION IF EXISTS praxis_log_change()",
        "DROP TABLE IF EXISTS change_log",
        "DROP SEQUENCE IF EXISTS change_log_seq",
    ]


@dataclass(frozen=True)
class Change:
    """One row's latest change: `deleted` when the row is gone (the caller then sees a tombstone)."""

    row_id: uuid.UUID
    deleted: bool
    changed_at: datetime
    xid: int
    seq: int


@dataclass(frozen=True)
class FeedPage:
    changes: list[Change]
    next_cursor: str
    has_more: bool


def invalid_cursor() -> InvalidInput:
    return InvalidInput(
        "invalid updated_since cursor",
        errors=[FieldError("updated_since", "not a cursor this feed issued (or 0 for the beginning), or altered")],
    )


def encode_cursor(feed: str, xid: int, seq: int) -> str:
    return encode_page_token(feed, xid, seq)


def decode_cursor(feed: str, cursor: str) -> tuple[int, int]:
    """(xid, seq) of a cursor of this feed; `0` is the beginning. Anything else is a 422 naming updated_since."""
    if cursor == BEGINNING:
        return 0, 0
    try:
        name, xid, seq = decode_page_token(cursor, str, int, int)
    except InvalidInput as exc:
        raise invalid_cursor() from exc
    if name != feed or xid < 0 or seq < 0:
        raise invalid_cursor()
    return xid, seq


_CHANGES = text(
    """
    SELECT row_id, op, changed_at, xid::text::bigint AS xid, seq
    FROM change_log
    WHERE feed = :feed
      AND (CAST(:all_orgs AS boolean) OR orgs && CAST(:orgs AS varchar(64)[]))
      AND (xid, seq) > (CAST(:xid AS xid8), :seq)
      AND xid < pg_snapshot_xmin(pg_current_snapshot())
    ORDER BY xid, seq
    LIMIT :limit
    """
)


async def changes_since(connection: AsyncConnection, feed: str, orgs: list[str], cursor: str, limit: int) -> FeedPage:
    """Up to `limit` changes of `feed` after `cursor` among rows owned by any of `orgs`, oldest first, and the
    cursor to ask from next (the same cursor when nothing new has settled)."""
    xid, seq = decode_cursor(feed, cursor)
    rows = (
        await connection.execute(
            _CHANGES,
            {"feed": feed, "all_orgs": orgs is None, "orgs": orgs or [], "xid": xid, "seq": seq, "limit": limit + 1},
        )
    ).all()
    more = len(rows) > limit
    changes = [Change(r.row_id, r.op == "delete", r.changed_at, r.xid, r.seq) for r in rows[:limit]]
    if changes:
        xid, seq = changes[-1].xid, changes[-1].seq
    return FeedPage(changes, encode_cursor(feed, xid, seq), more)


@dataclass(frozen=True)
class Changes(Generic[T]):
    """What a feed use case returns to its edges: the rows (and tombstones), the cursor to poll with next, and
    whether more changes are ready now."""

    items: list[T | Tombstone]
    next_cursor: str
    has_more: bool


class Tombstone(BaseModel):
    """A row that was deleted, or left the caller's view, since the cursor."""

    id: uuid.UUID
    deleted: Literal[True] = True
    changed_at: datetime


class ChangePage(BaseModel, Generic[T]):
    """A page of a feed (`updated_since` given); subclass it per item type so the OpenAPI document names it."""

    items: list[T | Tombstone]
    next_cursor: str = Field(description="Pass as updated_since to poll again; the same cursor when nothing changed")
    has_more: bool = Field(description="More changes are ready now: ask again at once with next_cursor")


async def feed_page(
    connection: AsyncConnection,
    feed: str,
    orgs: list[str] | None,
    cursor: str,
    limit: int,
    load: Callable[[list[uuid.UUID]], Awaitable[dict[uuid.UUID, T]]],
    *,
    hidden_as_tombstones: bool = True,
) -> tuple[list[T | Tombstone], str, bool]:
    """A feed page as the caller's list shows it: `load` returns the rows the caller's list would show among the
    given ids (the same filters and policy). A deleted row is a tombstone; a row that exists but is not in the
    caller's view is a tombstone too (it left the view), or skipped when `hidden_as_tombstones` is false (a caller
    who sees only part of an organisation, e.g. a student, must not learn the other rows' ids)."""
    page = await changes_since(connection, feed, orgs, cursor, limit)
    shown = await load([c.row_id for c in page.changes if not c.deleted]) if page.changes else {}
    items: list[T | Tombstone] = []
    for change in page.changes:
        row = None if change.deleted else shown.get(change.row_id)
        if row is not None:
            items.append(row)
        elif change.deleted or hidden_as_tombstones:
            items.append(Tombstone(id=change.row_id, changed_at=change.changed_at))
    return items, page.next_cursor, page.has_more


def feed_items(items: list[T | Tombstone], convert: Callable[[T], object]) -> list:
    """A feed page's items for an edge: each row converted, tombstones as they are."""
    return [item if isinstance(item, Tombstone) else convert(item) for item in items]


def one_of(updated_since: str | None, page_token: str | None) -> None:
    """A feed is paged by its cursor: a page token with it is refused (422 naming page_token)."""
    if updated_since is not None and page_token:
        raise InvalidInput(
            "page_token does not page a change feed",
            errors=[FieldError("page_token", "with updated_since, pass next_cursor as updated_since instead")],
        )
