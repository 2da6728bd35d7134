"""Change feeds on a real PostgreSQL: a transaction that began earlier and commits later is still delivered, once,
after it commits; pages read while writers run never repeat or skip a change; deletions arrive as tombstones; an
organisation never sees another's rows; a cursor that was altered, made up or issued by another feed is a 422."""

from __future__ import annotations

import asyncio
import random
import time
import uuid

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from praxis_common import feeds
from praxis_common.errors import InvalidInput
from praxis_dev.testing.stack import eventually


@pytest.fixture
async def engine(database_factory):
    engine = create_async_engine(database_factory("feeds"), pool_size=12)
    async with engine.begin() as conn:
        await conn.execute(text("CREATE TABLE item (id uuid PRIMARY KEY, org varchar(64) NOT NULL, n int NOT NULL)"))
        for statement in feeds.create_change_log() + feeds.track("item", "org"):
            await conn.execute(text(statement))
    yield engine
    await engine.dispose()


async def page(engine, cursor: str, limit: int = 50, org: str = "org-a") -> feeds.FeedPage:
    async with engine.connect() as conn:
        return await feeds.changes_since(conn, "item", [org], cursor, limit)


async def settled(engine, cursor: str, limit: int = 50, org: str = "org-a", *, count: int = 1) -> feeds.FeedPage:
    """The next page once `count` changes have settled, read as a feed's readers read: a change shows once every
    older transaction of the database server has ended, and other tests' services share this server."""

    async def some():
        got = await page(engine, cursor, limit, org)
        return got if len(got.changes) >= count else None

    return await eventually(some, timeout=15, what="a change to settle")


async def insert(conn, org: str = "org-a") -> uuid.UUID:
    row_id = uuid.uuid4()
    await conn.execute(text("INSERT INTO item VALUES (:id, :org, 0)"), {"id": row_id, "org": org})
    return row_id


async def test_a_transaction_committing_late_is_delivered_after_it_commits(engine):
    early = await engine.connect()
    await early.begin()
    a = await insert(early)  # the early transaction takes its xid (and the smaller sequence number) first
    async with engine.begin() as late:
        b = await insert(late)  # ...and a later one commits before it

    first = await page(engine, feeds.BEGINNING)
    # Neither is settled while the early one runs: b's transaction id is not below the oldest running one. A
    # feed ordered by sequence or time would hand out b now and never a (its number is behind the cursor).
    assert first.changes == []

    await early.commit()
    await early.close()
    second = await settled(engine, first.next_cursor, count=2)
    assert [c.row_id for c in second.changes] == [a, b]
    assert (await page(engine, second.next_cursor)).changes == []


async def settled_past(engine, xid: int) -> bool:
    async with engine.connect() as conn:
        horizon = await conn.execute(text("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint"))
        return horizon.scalar() > xid


async def test_pages_read_while_writers_run_deliver_every_change_once(engine):
    truth: dict[uuid.UUID, int | None] = {}  # row -> its committed n (None: deleted)
    writers_done = asyncio.Event()
    last_xid = [0]  # the writers' newest transaction id

    async def writer(seed: int) -> None:
        rng = random.Random(seed)
        mine: list[uuid.UUID] = []
        for _ in range(40):
            async with engine.connect() as conn:
                await conn.begin()
                xid = (await conn.execute(text("SELECT pg_current_xact_id()::text::bigint"))).scalar()
                last_xid[0] = max(last_xid[0], xid)
                staged: dict[uuid.UUID, int | None] = {}
                for _ in range(rng.randint(1, 3)):
                    if mine and rng.random() < 0.5:
                        row = rng.choice(mine)
                        if rng.random() < 0.3:
                            await conn.execute(text("DELETE FROM item WHERE id = :id"), {"id": row})
                            mine.remove(row)
                            staged[row] = None
                        else:
                            n = rng.randint(1, 10**6)
                            await conn.execute(text("UPDATE item SET n = :n WHERE id = :id"), {"n": n, "id": row})
                            staged[row] = n
                    else:
                        row = await insert(conn)
                        mine.append(row)
                        staged[row] = 0
                    # Not synchronisation: keeps transactions open across others' commits so they interleave.
                    await asyncio.sleep(rng.random() / 200)
                if rng.random() < 0.1:
                    await conn.rollback()  # an aborted transaction's changes never reach the feed
                    mine = [r for r in mine if r not in staged or truth.get(r, "absent") != "absent"]
                    continue
                await conn.commit()
                truth.update(staged)

    async def writers() -> None:
        await asyncio.gather(*(writer(seed) for seed in range(6)))
        writers_done.set()

    seen: dict[uuid.UUID, int | None] = {}
    delivered: list[tuple[int, int]] = []
    task = asyncio.create_task(writers())
    cursor, deadline = feeds.BEGINNING, time.monotonic() + 120
    while True:
        assert time.monotonic() < deadline, "the feed did not catch up with the writers"
        # Read before the page: a page after every writer's transaction has settled follows (a change shows once
        # every older transaction of the server has ended; the session's services share this server).
        done = writers_done.is_set() and await settled_past(engine, last_xid[0])
        got = await page(engine, cursor, limit=7)
        async with engine.connect() as conn:
            rows = dict(
                (
                    await conn.execute(
                        text("SELECT id, n FROM item WHERE id = ANY(:ids)"), {"ids": [c.row_id for c in got.changes]}
                    )
                ).all()
            )
        for change in got.changes:
            delivered.append((change.xid, change.seq))
            seen[change.row_id] = None if change.deleted else rows.get(change.row_id)
        cursor = got.next_cursor
        if done and not got.changes:
            break
    await task

    assert delivered == sorted(set(delivered)), "a change came twice, or out of order"
    # Every row ever committed reached the feed, in its final state: updates and deletions included.
    assert {r: n for r, n in seen.items() if r in truth} == truth
    assert set(seen) == set(truth)


async def test_deletions_are_tombstones_and_orgs_see_only_their_rows(engine):
    async with engine.begin() as conn:
        mine, theirs = await insert(conn, "org-a"), await insert(conn, "org-b")
    start = await settled(engine, feeds.BEGINNING)
    assert [(c.row_id, c.deleted) for c in start.changes] == [(mine, False)]
    async with engine.begin() as conn:
        await conn.execute(text("DELETE FROM item WHERE id IN (:a, :b)"), {"a": mine, "b": theirs})
    after = await settled(engine, start.next_cursor)
    assert [(c.row_id, c.deleted) for c in after.changes] == [(mine, True)]
    assert [c.row_id for c in (await page(engine, feeds.BEGINNING, org="org-b")).changes] == [theirs]


async def test_a_row_moved_to_another_org_reaches_the_old_one_as_a_change(engine):
    async with engine.begin() as conn:
        row = await insert(conn, "org-a")
    start = await settled(engine, feeds.BEGINNING)
    async with engine.begin() as conn:
        await conn.execute(text("UPDATE item SET org = 'org-b' WHERE id = :id"), {"id": row})
    # The old owner hears of it (its list no longer shows the row: the service's load makes it a tombstone).
    assert [c.row_id for c in (await settled(engine, start.next_cursor)).changes] == [row]


async def test_a_page_ends_where_the_next_begins(engine):
    async with engine.begin() as conn:
        ids = [await insert(conn) for _ in range(5)]
    first = await settled(engine, feeds.BEGINNING, limit=2, count=2)
    second = await page(engine, first.next_cursor, limit=2)
    third = await page(engine, second.next_cursor, limit=2)
    assert (first.has_more, second.has_more, third.has_more) == (True, True, False)
    assert [c.row_id for c in first.changes + second.changes + third.changes] == ids
    assert (await page(engine, third.next_cursor)).next_cursor == third.next_cursor


@pytest.mark.parametrize("cursor", ["1", "abc.def", feeds.encode_cursor("other_feed", 1, 1)])
async def test_a_cursor_not_issued_by_this_feed_names_updated_since(engine, cursor):
    with pytest.raises(InvalidInput) as refused:
        await page(engine, cursor)
    assert [e.field for e in refused.value.errors] == ["updated_since"]


async def test_an_altered_cursor_is_refused(engine):
    async with engine.begin() as conn:
        await insert(conn)
    cursor = (await settled(engine, feeds.BEGINNING)).next_cursor
    payload, _, mac = cursor.partition(".")
    with pytest.raises(InvalidInput):
        await page(engine, f"{payload}.{mac[::-1]}")
