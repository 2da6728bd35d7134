"""The outbox relay and the inbox consumer against a real PostgreSQL and a real JetStream server."""

from __future__ import annotations

import asyncio
import time
import uuid

import pytest
from sqlalchemy import Column, Integer, MetaData, String, Table, func, insert, select, text
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

from praxis.events.v1 import agreements_pb2
from praxis_common.consumer import Consumer, Subscription
from praxis_common.db import UnitOfWorkFactory
from praxis_common.events import IntegrationEvent, ReceivedEvent
from praxis_common.inbox import inbox
from praxis_common.jetstream import Bus, dead_letter_stream, service_streams, stream_name
from praxis_common.outbox import OutboxRelay, outbox
from praxis_common.testing.stack import eventually

meta = MetaData()
# What the test handler did: one row per application, so a second application would show.
applied = Table(
    "applied",
    meta,
    Column("n", Integer, primary_key=True, autoincrement=True),
    Column("event_id", String(64), nullable=False),
    Column("aggregate", String(64)),
)


def event(aggregate: str, seq: int) -> IntegrationEvent:
    return IntegrationEvent(
        source="producer",
        topic="producer.thing.happened",
        aggregate_type="thing",
        aggregate_id=aggregate,
        payload=agreements_pb2.AgreementActivated(agreement_id=aggregate, intern_quota=seq),
    )


@pytest.fixture
async def env(database_factory, nats_server, request):
    url = database_factory("kernel")
    engine = create_async_engine(url)
    async with engine.begin() as conn:
        for table in (outbox, inbox, applied):
            await conn.run_sync(table.create)
    prefix = "k" + uuid.uuid4().hex[:8]
    bus = Bus(nats_server.url, name="kernel-test")
    await bus.connect()
    await bus.ensure_streams(service_streams(prefix, "producer"))
    sessions = async_sessionmaker(engine, expire_on_commit=False)
    yield engine, sessions, bus, prefix
    await bus.close()
    await engine.dispose()


async def record(session, received: ReceivedEvent) -> None:
    body = received.parse(agreements_pb2.AgreementActivated)
    await session.execute(insert(applied).values(event_id=received.id, aggregate=body.agreement_id))


async def stream_messages(bus: Bus, stream: str, subject: str) -> list:
    """Every message in the stream, in stream order (an ephemeral ordered read)."""
    sub = await bus.js.subscribe(subject, ordered_consumer=True, stream=stream)
    info = await bus.js.stream_info(stream)
    out = []
    try:
        while len(out) < info.state.messages:
            out.append(await sub.next_msg(timeout=5))
    finally:
        await sub.unsubscribe()
    return out


async def test_row_committed_late_is_still_published(env):
    """A row with a lower position that commits after a higher one is not skipped (no `id > last_seen`)."""
    engine, sessions, bus, prefix = env
    relay = OutboxRelay(engine, bus, wakeup=asyncio.Event())
    uow = UnitOfWorkFactory(sessions, event_prefix=prefix)
    early, late = event("a", 1), event("b", 1)
    slow = uow()
    await slow.__aenter__()
    slow.emit(early)
    await slow.session.flush()
    await slow.session.execute(insert(outbox).values(early.outbox_row(prefix)))  # takes the lower position now
    async with uow() as fast:
        fast.emit(late)
        await fast.commit()
    assert await relay.publish_pending() == 1
    await slow.session.commit()
    await slow.__aexit__(None, None, None)
    assert await relay.publish_pending() == 1
    ids = {m.headers["ce-id"] for m in await stream_messages(bus, stream_name(prefix, "producer"), f"{prefix}.>")}
    assert ids == {str(early.id), str(late.id)}
    assert await relay.unsent() == 0


async def test_two_relays_publish_everything_once_and_in_order_per_aggregate(env):
    engine, sessions, bus, prefix = env
    uow = UnitOfWorkFactory(sessions, event_prefix=prefix)
    expected = {f"agg{i}": [] for i in range(10)}
    for seq in range(20):
        async with uow() as u:
            for aggregate, ids in expected.items():
                e = event(aggregate, seq)
                ids.append(str(e.id))
                u.emit(e)
            await u.commit()
    relays = [OutboxRelay(engine, bus, wakeup=asyncio.Event(), batch_size=7) for _ in range(2)]

    async def drain(relay):
        while await relay.publish_pending():
            pass

    await asyncio.gather(*(drain(r) for r in relays))
    await eventually(lambda: _zero(relays[0]), timeout=10, what="the outbox to empty")
    messages = await stream_messages(bus, stream_name(prefix, "producer"), f"{prefix}.>")
    assert len(messages) == 200
    got: dict[str, list[str]] = {}
    for m in messages:
        got.setdefault(m.headers["ce-subject"].split("/")[1], []).append(m.headers["ce-id"])
    assert got == expected


async def _zero(relay) -> bool:
    return await relay.unsent() == 0


async def test_events_wait_in_the_outbox_while_nats_is_down_and_all_arrive_once_after(
    database_factory, restartable_nats
):
    url = database_factory("nats_down")
    engine = create_async_engine(url)
    async with engine.begin() as conn:
        for table in (outbox, inbox, applied):
            await conn.run_sync(table.create)
    prefix = "d" + uuid.uuid4().hex[:8]
    sessions = async_sessionmaker(engine, expire_on_commit=False)
    bus = Bus(restartable_nats.url, name="down-test")
    await bus.connect()
    await bus.ensure_streams(service_streams(prefix, "producer"))
    uow = UnitOfWorkFactory(sessions, event_prefix=prefix)
    stop = asyncio.Event()
    relay = OutboxRelay(engine, bus, wakeup=uow.committed, poll_seconds=0.1)
    consumer = Consumer(
        bus, sessions, Subscription("down-test", "producer", ["producer.>"], record), service="test", prefix=prefix
    )
    tasks = [asyncio.create_task(relay.run(stop)), asyncio.create_task(consumer.run(stop))]
    try:
        restartable_nats.stop()
        await eventually(lambda: _async(not bus.connected), timeout=10, what="the client to notice")
        sent = []
        for i in range(30):
            async with uow() as u:
                e = event(f"agg{i % 3}", i)
                u.emit(e)
                await u.commit()
                sent.append(str(e.id))
        assert await relay.unsent() == 30  # committed, waiting, nothing lost
        restartable_nats.start()

        async def all_applied():
            async with engine.connect() as conn:
                return (await conn.execute(select(func.count()).select_from(applied))).scalar_one() >= 30

        await eventually(all_applied, timeout=20, what="every event to be applied after NATS returned")
        async with engine.connect() as conn:
            rows = (await conn.execute(select(applied.c.event_id))).scalars().all()
        assert sorted(rows) == sorted(sent)  # each exactly once
        assert await relay.unsent() == 0
    finally:
        stop.set()
        await asyncio.gather(*tasks, return_exceptions=True)
        await bus.close()
        await engine.dispose()


async def _async(value):
    return value


async def test_same_event_delivered_twice_is_applied_once(env):
    engine, sessions, bus, prefix = env
    e = event("dup", 1)
    row = e.outbox_row(prefix)
    for msg_id in ("first-delivery", "second-delivery"):  # different Nats-Msg-Id: JetStream keeps both
        await bus.publish(row["subject"], row["payload"], headers={**row["headers"], "Nats-Msg-Id": msg_id}, timeout=5)
    stop = asyncio.Event()
    consumer = Consumer(
        bus, sessions, Subscription("dup-test", "producer", ["producer.>"], record), service="test", prefix=prefix
    )
    await consumer.provision()
    task = asyncio.create_task(consumer.run(stop))
    try:

        async def both_acked():
            info = await bus.js.consumer_info(stream_name(prefix, "producer"), "dup-test")
            return info.ack_floor.stream_seq == 2 and info.num_ack_pending == 0

        await eventually(both_acked, timeout=10, what="both deliveries to be acknowledged")
    finally:
        stop.set()
        await task
    async with engine.connect() as conn:
        rows = (await conn.execute(select(applied.c.event_id))).scalars().all()
        in_inbox = (await conn.execute(text("SELECT count(*) FROM inbox"))).scalar_one()
    assert rows == [str(e.id)]
    assert in_inbox == 1


async def test_poison_message_goes_to_the_dead_letter_stream(env):
    engine, sessions, bus, prefix = env
    await bus.publish(
        f"{prefix}.producer.thing.happened",
        b"not json",
        timeout=5,
        headers={"ce-id": "poison-1", "ce-type": "praxis.producer.thing.happened.v1", "ce-source": "/praxis/producer"},
    )
    await bus.publish(f"{prefix}.producer.thing.happened", b"{}", timeout=5, headers={"no": "envelope"})
    stop = asyncio.Event()
    consumer = Consumer(
        bus, sessions, Subscription("poison-test", "producer", ["producer.>"], record), service="test", prefix=prefix
    )
    await consumer.provision()
    task = asyncio.create_task(consumer.run(stop))
    try:

        async def dead_lettered():
            try:
                info = await bus.js.stream_info(dead_letter_stream(prefix))
            except Exception:
                return False
            return info.state.messages == 2

        await eventually(dead_lettered, timeout=10, what="two dead letters")
    finally:
        stop.set()
        await task
    letters = await stream_messages(bus, dead_letter_stream(prefix), f"{prefix}.dlq.>")
    assert {m.subject for m in letters} == {f"{prefix}.dlq.test.poison-test"}
    assert all("praxis-dlq-reason" in m.headers for m in letters)
    async with engine.connect() as conn:
        assert (await conn.execute(select(func.count()).select_from(applied))).scalar_one() == 0


async def test_consumption_resumes_after_a_nats_restart_with_nothing_lost_or_doubled(
    database_factory, restartable_nats
):
    url = database_factory("restart")
    engine = create_async_engine(url)
    async with engine.begin() as conn:
        for table in (outbox, inbox, applied):
            await conn.run_sync(table.create)
    prefix = "r" + uuid.uuid4().hex[:8]
    sessions = async_sessionmaker(engine, expire_on_commit=False)
    bus = Bus(restartable_nats.url, name="restart-test")
    await bus.connect()
    await bus.ensure_streams(service_streams(prefix, "producer"))
    uow = UnitOfWorkFactory(sessions, event_prefix=prefix)
    stop, producing = asyncio.Event(), asyncio.Event()
    producing.set()
    sent: list[str] = []

    async def produce():
        i = 0
        while producing.is_set():
            async with uow() as u:
                e = event(f"agg{i % 5}", i)
                u.emit(e)
                await u.commit()
                sent.append(str(e.id))
            i += 1
            await asyncio.sleep(0.01)  # the producer's pace, not synchronisation

    async def applied_ids() -> set[str]:
        async with engine.connect() as conn:
            return set((await conn.execute(select(applied.c.event_id))).scalars().all())

    relay = OutboxRelay(engine, bus, wakeup=uow.committed, poll_seconds=0.1)
    consumer = Consumer(
        bus, sessions, Subscription("restart-test", "producer", ["producer.>"], record), service="test", prefix=prefix
    )
    tasks = [
        asyncio.create_task(relay.run(stop)),
        asyncio.create_task(consumer.run(stop)),
        asyncio.create_task(produce()),
    ]
    try:
        await eventually(lambda: _count_at_least(applied_ids, 20), timeout=10, what="events flowing before restart")
        await asyncio.to_thread(restartable_nats.restart)
        after_restart, back = len(sent), time.monotonic()
        await eventually(
            lambda: _count_at_least(applied_ids, 0, among=lambda ids: set(sent[after_restart:]) & ids),
            timeout=10,
            what="consumption to resume within 10 s of the restart",
        )
        print(f"consumption resumed {time.monotonic() - back:.2f}s after nats-server was back")
        producing.clear()
        await tasks[2]
        await eventually(lambda: _all_in(applied_ids, sent), timeout=20, what="every event to be applied")
        async with engine.connect() as conn:
            rows = (await conn.execute(select(applied.c.event_id))).scalars().all()
        assert len(rows) == len(sent) == len(set(rows))  # nothing lost, nothing applied twice
        assert len(sent) > after_restart > 20
    finally:
        producing.clear()
        stop.set()
        await asyncio.gather(*tasks, return_exceptions=True)
        await bus.close()
        await engine.dispose()


async def _count_at_least(probe, n, among=None) -> bool:
    ids = await probe()
    return bool(among(ids)) if among else len(ids) >= n


async def _all_in(probe, sent) -> bool:
    return set(sent) <= await probe()
