"""The inbox consumer and JetStream's ack wait: a consumer killed mid-handling, a handler slower than the ack wait."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import time
from pathlib import Path

from praxis_kernel_harness import _has_all, event, record, running

from praxis_common.consumer import Consumer, Subscription
from praxis_common.events import ReceivedEvent
from praxis_common.jetstream import stream_name
from praxis_common.uow import UowFactory
from praxis_dev.testing.servers import plain_url
from praxis_dev.testing.stack import eventually

CONSUMER_PROCESS = Path(__file__).with_name("consumer_process.py")
RECOVERY_BOUND_SECONDS = 8.0  # docs/operations.md: the ack wait (5 s) after the last sign of life, plus 3 s


async def test_an_event_whose_consumer_died_mid_handling_applies_within_the_ack_wait(k):
    """Two consumer processes; the one handling the event is killed: the other applies it once JetStream's ack
    window (ACK_WAIT_SECONDS after the last in-progress ack) has passed, not 30 s later."""
    import asyncpg

    durable, lock = "process-test", 7
    database_url = k.engine.url.render_as_string(hide_password=False)
    admin = await asyncpg.connect(plain_url(database_url))
    processes: dict[str, subprocess.Popen] = {}

    def spawn(name: str) -> None:
        args = [sys.executable, str(CONSUMER_PROCESS), database_url, k.bus.url, k.prefix, durable, str(lock), name]
        processes[name] = subprocess.Popen(args)

    async def waiting_on_the_lock(name: str) -> bool:
        return bool(
            await admin.fetchval(
                "SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a USING (pid)"
                " WHERE l.locktype = 'advisory' AND NOT l.granted AND a.application_name = $1",
                name,
            )
        )

    async def pulling() -> bool:
        info = await k.bus.js.consumer_info(stream_name(k.prefix, "producer"), durable)
        return info.num_waiting >= 1  # only the survivor pulls: the first is busy with the event

    try:
        await admin.execute("SELECT pg_advisory_lock($1)", lock)
        spawn("first")
        sent = await k.emit(k.uow, event("died", 1))
        assert await k.relay().publish_pending() == 1
        await eventually(lambda: waiting_on_the_lock("first"), timeout=30, what="the first process handling the event")
        spawn("survivor")
        await eventually(pulling, timeout=30, what="the survivor pulling")
        processes["first"].kill()
        killed = time.monotonic()
        await admin.execute("SELECT pg_advisory_unlock($1)", lock)
        await eventually(lambda: _has_all(k, [sent]), timeout=60, what="the event applied by the survivor")
        recovery = time.monotonic() - killed
        print(f"applied {recovery:.2f}s after its consumer was killed mid-handling")
    finally:
        for proc in processes.values():
            if proc.poll() is None:
                proc.terminate()
            proc.wait(15)
        await admin.close()
    assert await k.applied_ids() == [sent]
    assert recovery < RECOVERY_BOUND_SECONDS


async def test_a_handler_longer_than_the_ack_wait_is_not_redelivered_under_it(k):
    """In-progress acks keep a slow handler's event (and the rest of its batch) from being redelivered to another
    replica while it works."""
    ack_wait = 1.0
    calls: list[str] = []

    async def slow(received: ReceivedEvent, uow: UowFactory) -> None:
        calls.append(received.id)
        await asyncio.sleep(4 * ack_wait)  # the handler's own work, four ack windows long
        await record(received, uow)

    sub = Subscription("slow-test", "producer", ["producer.>"], slow)
    replicas = [Consumer(k.bus, k.uow, sub, service="test", prefix=k.prefix, ack_wait=ack_wait) for _ in range(2)]
    await replicas[0].provision()
    events = [event("slow", 1), event("slow", 2)]
    sent = [str(e.id) for e in events]
    for e in events:
        row = e.outbox_row(k.prefix)
        await k.bus.publish(row["subject"], row["payload"], headers=row["headers"], timeout=5)
    async with running(*replicas):
        await eventually(lambda: _has_all(k, sent), timeout=60, what="both slow events applied")
    info = await k.bus.js.consumer_info(stream_name(k.prefix, "producer"), "slow-test")
    assert info.delivered.consumer_seq == len(sent)  # one delivery each: none was redelivered
    assert sorted(calls) == sorted(sent)
