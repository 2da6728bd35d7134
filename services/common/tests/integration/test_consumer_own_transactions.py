"""A consumer whose handler waits between its writes (Subscription.own_transactions, as the erasure consumers do):
while the handler waits, no transaction of the consumer holds a transaction id — one that did would hold back every
change feed of the database server (praxis_common.feeds) — and the event is claimed once, in the handler's own last
unit of work. The joined mode (the default) is the contrast: its inbox claim holds an id while the handler runs."""

from __future__ import annotations

import asyncio

import pytest
from praxis_kernel_harness import applied, event, running
from sqlalchemy import insert, text

from praxis_common.consumer import Consumer, Subscription
from praxis_dev.testing.stack import eventually


async def _writers_holding_an_id(k) -> int:
    """Backends of the test database inside a transaction that has a transaction id (it wrote)."""
    async with k.engine.connect() as conn:
        return (
            await conn.execute(
                text(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                    "AND backend_xid IS NOT NULL AND pid <> pg_backend_pid()"
                )
            )
        ).scalar_one()


@pytest.mark.parametrize("own", [True, False], ids=["own transactions", "joined"])
async def test_while_the_handler_waits_no_transaction_holds_an_id_in_own_mode(k, own):
    waiting, release = asyncio.Event(), asyncio.Event()

    async def handler(received, uow) -> None:
        if own:
            waiting.set()
            await release.wait()
            async with uow() as u:
                if await u.claim_event(durable, received.id, received.type):
                    await u.connection.execute(insert(applied).values(event_id=received.id))
                await u.commit()
        else:
            async with uow() as u:  # joined: the consumer's unit, which claimed the event already
                await u.connection.execute(insert(applied).values(event_id=received.id))
                waiting.set()
                await release.wait()
                await u.commit()

    durable = f"own-{own}".lower()
    sub = Subscription(durable, "producer", ["producer.>"], handler, own_transactions=own)
    consumer = Consumer(k.bus, k.uow, sub, service="test", prefix=k.prefix)
    await consumer.provision()
    row = event(f"own-{own}", 1).outbox_row(k.prefix)
    await k.bus.publish(row["subject"], row["payload"], headers=row["headers"], timeout=5)
    async with running(consumer):
        await asyncio.wait_for(waiting.wait(), 20)
        holding = await _writers_holding_an_id(k)
        release.set()
        await eventually(lambda: _applied(k, str(row["id"])), timeout=20, what="the event applied")
    assert holding == (0 if own else 1)
    assert await k.applied_ids() == [str(row["id"])]
    async with k.engine.connect() as conn:
        claims = (
            await conn.execute(text("SELECT count(*) FROM inbox WHERE consumer = :c"), {"c": durable})
        ).scalar_one()
    assert claims == 1


async def _applied(k, event_id: str) -> bool:
    return event_id in await k.applied_ids()
