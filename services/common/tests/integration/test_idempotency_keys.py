"""The idempotency-key store on a real PostgreSQL: in-progress detection, replay, expiry, rollback."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from sqlalchemy import Column, Integer, MetaData, Table, func, insert, select
from sqlalchemy.ext.asyncio import create_async_engine

from praxis_common.errors import Conflict, InvalidInput
from praxis_common.idempotency import StoredResponse, idempotency_key, run_once
from praxis_common.inbox import inbox
from praxis_common.outbox import outbox
from praxis_common.uow import UnitOfWorkFactory

things = Table("thing", MetaData(), Column("n", Integer, primary_key=True, autoincrement=True))


@pytest.fixture
async def uow(database_factory):
    engine = create_async_engine(database_factory("idem"))
    async with engine.begin() as conn:
        for table in (outbox, inbox, idempotency_key, things):
            await conn.run_sync(table.create)
    yield UnitOfWorkFactory(engine, event_prefix="t")
    await engine.dispose()


async def count(uow) -> int:
    async with uow() as u:
        return await u.connection.scalar(select(func.count()).select_from(things))


def creating(release: asyncio.Event | None = None, entered: asyncio.Event | None = None):
    async def run(joined):
        async with joined() as u:
            await u.connection.execute(insert(things))
            if entered:
                entered.set()
            if release:
                await release.wait()
            await u.commit()
        return StoredResponse(201, b'{"ok": true}', {"Location": "/things/1"})

    return run


def refuse(exc):
    return StoredResponse(409, exc.detail.encode(), {})


async def test_second_call_while_the_first_runs_is_a_conflict_then_a_replay(uow):
    release, entered = asyncio.Event(), asyncio.Event()
    first = asyncio.create_task(
        run_once(
            uow, org="o", subject="u", key="k", request_fingerprint="f", run=creating(release, entered), on_error=refuse
        )
    )
    await entered.wait()
    with pytest.raises(Conflict):
        await run_once(uow, org="o", subject="u", key="k", request_fingerprint="f", run=creating(), on_error=refuse)
    release.set()
    assert (await first).replayed is False
    replay = await run_once(
        uow, org="o", subject="u", key="k", request_fingerprint="f", run=creating(), on_error=refuse
    )
    assert replay.replayed and replay.status == 201 and replay.headers == {"Location": "/things/1"}
    assert await count(uow) == 1
    with pytest.raises(InvalidInput):
        await run_once(uow, org="o", subject="u", key="k", request_fingerprint="other", run=creating(), on_error=refuse)


async def test_a_key_replays_only_to_the_subject_that_used_it_first(uow):
    first = await run_once(
        uow, org="o", subject="admin", key="k", request_fingerprint="f", run=creating(), on_error=refuse
    )
    for fingerprint in ("f", "other"):  # the same request or not: another subject learns nothing of the first
        with pytest.raises(InvalidInput) as refused:
            await run_once(
                uow,
                org="o",
                subject="student",
                key="k",
                request_fingerprint=fingerprint,
                run=creating(),
                on_error=refuse,
            )
        assert refused.value.errors[0].field == "Idempotency-Key" and "someone else" in refused.value.detail
    again = await run_once(
        uow, org="o", subject="admin", key="k", request_fingerprint="f", run=creating(), on_error=refuse
    )
    assert again.replayed and again.body == first.body
    assert await count(uow) == 1


async def test_an_expired_key_runs_again(uow):
    for _ in range(2):
        r = await run_once(
            uow,
            org="o",
            subject="u",
            key="old",
            request_fingerprint="f",
            run=creating(),
            on_error=refuse,
            retention=timedelta(seconds=-1),
        )
        assert not r.replayed
    assert await count(uow) == 2


async def test_a_refusal_rolls_back_the_change_and_is_stored(uow):
    async def half_done_then_refused(joined):
        async with joined() as u:
            await u.connection.execute(insert(things))
            raise Conflict("no seat left")

    first = await run_once(
        uow, org="o", subject="u", key="r", request_fingerprint="f", run=half_done_then_refused, on_error=refuse
    )
    again = await run_once(uow, org="o", subject="u", key="r", request_fingerprint="f", run=creating(), on_error=refuse)
    assert (first.status, first.body) == (again.status, again.body) == (409, b"no seat left")
    assert again.replayed and await count(uow) == 0


async def test_an_unexpected_failure_stores_nothing_so_a_retry_runs(uow):
    async def boom(joined):
        async with joined() as u:
            await u.connection.execute(insert(things))
            raise RuntimeError("database went away")

    with pytest.raises(RuntimeError):
        await run_once(uow, org="o", subject="u", key="x", request_fingerprint="f", run=boom, on_error=refuse)
    assert not (
        await run_once(uow, org="o", subject="u", key="x", request_fingerprint="f", run=creating(), on_error=refuse)
    ).replayed
    assert await count(uow) == 1


async def test_housekeeping_forgets_only_what_has_expired(uow):
    from sqlalchemy import text

    from praxis_common import idempotency, inbox
    from praxis_common import outbox as outbox_module

    async with uow() as u:
        s = u.connection
        await s.execute(
            text("""
            INSERT INTO outbox (id, subject, aggregate_type, aggregate_id, headers, payload, occurred_at, sent_at)
            VALUES (gen_random_uuid(), 's', 'a', '1', '{}', '', now(), now() - interval '200 hours'),
                   (gen_random_uuid(), 's', 'a', '2', '{}', '', now(), now() - interval '1 hour'),
                   (gen_random_uuid(), 's', 'a', '3', '{}', '', now() - interval '900 hours', NULL)""")
        )
        await s.execute(
            text("""
            INSERT INTO inbox (consumer, event_id, event_type, processed_at)
            VALUES ('c', 'old', 't', now() - interval '800 hours'), ('c', 'new', 't', now())""")
        )
        await s.execute(
            text("""
            INSERT INTO idempotency_key (org, key, subject, fingerprint, status, body, headers, expires_at)
            VALUES ('o', 'gone', 'u', 'f', 201, '', '{}', now() - interval '1 second'),
                   ('o', 'kept', 'u', 'f', 201, '', '{}', now() + interval '1 hour')""")
        )
        await u.commit()
    async with uow() as u:
        await outbox_module.prune(u.connection, 168)
        await inbox.prune(u.connection, 720)
        await idempotency.prune(u.connection)
        await u.commit()
    async with uow() as u:
        left = await u.connection.execute(text("SELECT aggregate_id FROM outbox ORDER BY aggregate_id"))
        assert [r[0] for r in left] == ["2", "3"]  # the unsent row stays, however old
        assert [r[0] for r in await u.connection.execute(text("SELECT event_id FROM inbox"))] == ["new"]
        assert [r[0] for r in await u.connection.execute(text("SELECT key FROM idempotency_key"))] == ["kept"]
