"""The outbox relay against a real PostgreSQL and a real JetStream server: late commits, two relays, a vanished
stream."""

from __future__ import annotations

import asyncio

from praxis_kernel_harness import event
from sqlalchemy import insert

from praxis_common.jetstream import service_streams
from praxis_common.outbox import outbox
from praxis_dev.testing.stack import eventually


async def test_row_committed_late_is_still_published(k):
    """A row with a lower position that commits after a higher one is not skipped (no `id > last_seen`)."""
    relay, uow = k.relay(), k.uow
    early, late = event("a", 1), event("b", 1)
    async with uow() as slow:
        await slow.connection.execute(insert(outbox).values(early.outbox_row(k.prefix)))  # takes the lower position
        await k.emit(uow, late)  # commits first
        assert await relay.publish_pending() == 1
        await slow.commit()
    assert await relay.publish_pending() == 1
    assert {m.headers["ce-id"] for m in await k.stream()} == {str(early.id), str(late.id)}
    assert await relay.unsent() == 0


async def test_two_relays_publish_everything_once_and_in_order_per_aggregate(k):
    uow = k.uow
    expected: dict[str, list[str]] = {f"agg{i}": [] for i in range(10)}
    for seq in range(20):
        async with uow() as u:
            for aggregate, ids in expected.items():
                e = event(aggregate, seq)
                ids.append(str(e.id))
                u.emit(e)
            await u.commit()
    relays = [k.relay(batch_size=7) for _ in range(2)]

    async def drain(relay):
        while await relay.publish_pending():
            pass

    await asyncio.gather(*(drain(r) for r in relays))
    assert await relays[0].unsent() == 0
    got: dict[str, list[str]] = {}
    for m in await k.stream():
        got.setdefault(m.headers["ce-subject"].split("/")[1], []).append(m.headers["ce-id"])
    assert got == expected  # 200 messages, each once, each aggregate's in commit order


async def test_the_relay_recreates_a_stream_that_vanished(k):
    streams = service_streams(k.prefix, "producer")
    relay = k.relay(streams=streams)
    await k.bus.js.delete_stream(streams[0].name)
    sent = await k.emit(k.uow, event("gone", 1))
    assert await relay.publish_pending() == 0  # no stream: nothing acknowledged, nothing marked sent
    await eventually(relay.publish_pending, timeout=10, what="a publish once the stream is back")
    assert [m.headers["ce-id"] for m in await k.stream()] == [sent]
