"""The outbox relay and the inbox consumer while NATS is down or restarts: nothing lost, nothing applied twice."""

from __future__ import annotations

import asyncio
import time

from praxis_kernel_harness import _count_at_least, _has_all, _has_any, _value, event, running

from praxis_dev.testing.stack import eventually


async def test_events_wait_in_the_outbox_while_nats_is_down_and_all_arrive_once_after(k_restartable):
    k, nats = k_restartable
    uow = k.uow
    relay = k.relay(uow)
    async with running(relay, k.consumer("down-test")):
        nats.stop()
        await eventually(lambda: _value(not k.bus.connected), timeout=10, what="the client to notice")
        sent = [await k.emit(uow, event(f"agg{i % 3}", i)) for i in range(30)]
        assert await relay.unsent() == 30  # committed, waiting, nothing lost
        nats.start()
        await eventually(lambda: _has_all(k, sent), timeout=20, what="every event applied after NATS returned")
    assert sorted(await k.applied_ids()) == sorted(sent)  # each exactly once
    assert await relay.unsent() == 0


async def test_consumption_resumes_after_a_nats_restart_with_nothing_lost_or_doubled(k_restartable):
    k, nats = k_restartable
    uow = k.uow
    producing = asyncio.Event()
    producing.set()
    sent: list[str] = []

    async def produce():
        i = 0
        while producing.is_set():
            sent.append(await k.emit(uow, event(f"agg{i % 5}", i)))
            i += 1
            await asyncio.sleep(0.01)  # the producer's pace, not synchronisation

    async with running(k.relay(uow), k.consumer("restart-test")):
        producer = asyncio.create_task(produce())
        await eventually(lambda: _count_at_least(k, 20), timeout=10, what="events flowing before the restart")
        await asyncio.to_thread(nats.restart)
        after_restart, back = len(sent), time.monotonic()
        await eventually(
            lambda: _has_any(k, sent[after_restart:]), timeout=10, what="consumption to resume within 10 s"
        )
        print(f"consumption resumed {time.monotonic() - back:.2f}s after nats-server was back")
        producing.clear()
        await producer
        await eventually(lambda: _has_all(k, sent), timeout=20, what="every event to be applied")
    rows = await k.applied_ids()
    assert len(rows) == len(sent) == len(set(rows))  # nothing lost, nothing applied twice
    assert len(sent) > after_restart > 20
