"""The outbox relay through a JetStream leader election, on a real 3-node NATS cluster: the stream's leader node
dies (it also leads JetStream's metadata); publishing meets "no responders" until new leaders are elected. The relay waits that out: it creates no
stream, logs no error, keeps its bookkeeping, and every event reaches the stream once, in order per aggregate."""

from __future__ import annotations

import asyncio
import json
import logging
import time
import uuid

import nats.errors
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import create_async_engine

from praxis.events.v1 import agreements_pb2
from praxis_common.events import IntegrationEvent
from praxis_common.jetstream import Bus, service_streams
from praxis_common.outbox import OutboxRelay, outbox
from praxis_common.uow import UnitOfWorkFactory
from praxis_dev.testing.stack import eventually

pytestmark = pytest.mark.slow


def event(aggregate: str, seq: int) -> IntegrationEvent:
    return IntegrationEvent(
        source="producer",
        topic="producer.thing.happened",
        aggregate_type="thing",
        aggregate_id=aggregate,
        payload=agreements_pb2.AgreementActivated(agreement_id=aggregate, intern_quota=seq),
    )


async def test_the_relay_waits_out_a_stream_leader_election(nats_cluster, database_factory, caplog):
    caplog.set_level(logging.WARNING, logger="praxis")
    engine = create_async_engine(database_factory("relay"))
    async with engine.begin() as conn:
        await conn.run_sync(outbox.create)
    prefix = "k" + uuid.uuid4().hex[:8]
    streams = service_streams(prefix, "producer", replicas=3)
    setup = Bus(nats_cluster.nodes[0].url, name="setup")
    await setup.connect()
    await setup.ensure_streams(streams)
    # The worst case: the node that dies leads both the stream and JetStream's metadata (two elections).
    meta = nats_cluster.nodes[0].monitor("/jsz")["meta_cluster"]["leader"]
    await setup.nc.request(
        f"$JS.API.STREAM.LEADER.STEPDOWN.{streams[0].name}", json.dumps({"placement": {"preferred": meta}}).encode()
    )
    before = await eventually(
        lambda: _led_by(setup, streams[0].name, meta), timeout=30, what=f"{meta} to lead the stream too"
    )
    await setup.close()
    # The relay talks to a node that survives, so what it meets is the election alone, not a reconnect too.
    leader = nats_cluster.node(meta)
    bus = Bus(next(n.url for n in nats_cluster.nodes if n is not leader), name="relay-test")
    await bus.connect()
    uow = UnitOfWorkFactory(engine, event_prefix=prefix)
    relay = OutboxRelay(engine, bus, wakeup=uow.committed, poll_seconds=0.1, streams=streams)
    committed: dict[str, list[str]] = {}
    producing = asyncio.Event()
    producing.set()

    async def produce() -> None:
        n = 0
        while producing.is_set():
            e = event(f"agg{n % 4}", n)
            async with uow() as u:
                u.emit(e)
                await u.commit()
            committed.setdefault(e.aggregate_id, []).append(str(e.id))
            n += 1
            await asyncio.sleep(0.02)  # the producer's pace, not synchronisation

    def count() -> int:
        return sum(len(ids) for ids in committed.values())

    stop = asyncio.Event()
    tasks = [asyncio.create_task(relay.run(stop)), asyncio.create_task(produce())]
    try:
        await eventually(lambda: _sent_at_least(engine, 20), timeout=30, what="events flowing")
        await asyncio.to_thread(leader.kill)
        killed, at_kill = time.monotonic(), count()
        # Publishing resumes once a new leader is elected (5-10 s measured); the events committed meanwhile follow.
        await eventually(
            lambda: _sent_at_least(engine, at_kill + 1), timeout=60, what="publishing to resume after the election"
        )
        print(f"publishing resumed {time.monotonic() - killed:.1f}s after the leader node was killed")
        producing.clear()
        await tasks[1]
        await eventually(lambda: _all_sent(engine), timeout=60, what="every outbox row sent")
    finally:
        producing.clear()
        stop.set()
        await asyncio.gather(*tasks, return_exceptions=True)
    # The cluster's JetStream API may still be settling after the elections (slow to answer under load): the reads
    # that check the outcome are retried until a deadline.
    after = await _settled(lambda: bus.js.stream_info(streams[0].name), what="the stream's info")
    published = await _settled(lambda: _stream(bus, prefix, streams[0].name, after.state.messages), what="the stream")
    await bus.close()
    await engine.dispose()

    assert after.created == before.created  # the stream was never re-created
    assert published == committed  # every event once, in commit order per aggregate
    problems = [r for r in caplog.records if r.levelno >= logging.ERROR or "re-created" in r.getMessage()]
    assert problems == []


async def _settled(read, *, what: str, timeout: float = 60):
    """`await read()`, tried again while JetStream times out (an API request after an election), up to `timeout`."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            return await read()
        except nats.errors.TimeoutError:
            if time.monotonic() > deadline:
                raise AssertionError(f"JetStream did not answer for {what} within {timeout}s") from None


async def _led_by(bus: Bus, stream: str, server: str):
    info = await bus.js.stream_info(stream)
    return info if info.cluster.leader == server else None


async def _sent_at_least(engine, n: int) -> bool:
    async with engine.connect() as conn:
        return (await conn.execute(select(func.count()).where(outbox.c.sent_at.is_not(None)))).scalar_one() >= n


async def _all_sent(engine) -> bool:
    async with engine.connect() as conn:
        return not (await conn.execute(select(outbox.c.position).where(outbox.c.sent_at.is_(None)))).first()


async def _stream(bus: Bus, prefix: str, stream: str, count: int) -> dict[str, list[str]]:
    """Every message in the stream, event ids by aggregate in stream order."""
    sub = await bus.js.subscribe(f"{prefix}.>", ordered_consumer=True, stream=stream)
    got: dict[str, list[str]] = {}
    try:
        for _ in range(count):
            m = await sub.next_msg(timeout=5)
            got.setdefault(m.headers["ce-subject"].split("/")[1], []).append(m.headers["ce-id"])
    finally:
        await sub.unsubscribe()
    return got
