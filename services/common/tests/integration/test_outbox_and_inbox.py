"""The outbox relay and the inbox consumer against a real PostgreSQL and a real JetStream server."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import time
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from praxis_dev.testing.servers import plain_url
from praxis_dev.testing.stack import eventually
from sqlalchemy import Column, Integer, MetaData, String, Table, insert, select, text
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from praxis.events.v1 import agreements_pb2
from praxis_common.consumer import Consumer, Subscription
from praxis_common.events import IntegrationEvent, ReceivedEvent
from praxis_common.inbox import inbox
from praxis_common.jetstream import Bus, dead_letter_stream, service_streams, stream_name
from praxis_common.outbox import OutboxRelay, outbox
from praxis_common.uow import UnitOfWorkFactory, UowFactory

meta = MetaData()
# What the test handler did: one row per application, so a second application would show.
applied = Table(
    "applied",
    meta,
    Column("n", Integer, primary_key=True, autoincrement=True),
    Column("event_id", String(64), nullable=False),
)


def event(aggregate: str, seq: int) -> IntegrationEvent:
    return IntegrationEvent(
        source="producer",
        topic="producer.thing.happened",
        aggregate_type="thing",
        aggregate_id=aggregate,
        payload=agreements_pb2.AgreementActivated(agreement_id=aggregate, intern_quota=seq),
    )


async def record(received: ReceivedEvent, uow: UowFactory) -> None:
    received.parse(agreements_pb2.AgreementActivated)
    async with uow() as u:
        await u.connection.execute(insert(applied).values(event_id=received.id))
        await u.commit()


@dataclass
class Kernel:
    """A producer's outbox and a consumer's inbox in one test database, on a real NATS."""

    engine: AsyncEngine
    bus: Bus
    prefix: str

    @property
    def uow(self) -> UnitOfWorkFactory:
        return UnitOfWorkFactory(self.engine, event_prefix=self.prefix)

    def relay(self, uow: UnitOfWorkFactory | None = None, **kwargs) -> OutboxRelay:
        wakeup = uow.committed if uow else asyncio.Event()
        return OutboxRelay(self.engine, self.bus, wakeup=wakeup, poll_seconds=0.1, **kwargs)

    def consumer(self, durable: str, max_deliver: int = 10) -> Consumer:
        sub = Subscription(durable, "producer", ["producer.>"], record)
        return Consumer(self.bus, self.uow, sub, service="test", prefix=self.prefix, max_deliver=max_deliver)

    async def emit(self, uow: UnitOfWorkFactory, e: IntegrationEvent) -> str:
        async with uow() as u:
            u.emit(e)
            await u.commit()
        return str(e.id)

    async def applied_ids(self) -> list[str]:
        async with self.engine.connect() as conn:
            return list((await conn.execute(select(applied.c.event_id))).scalars().all())

    async def stream(self, stream: str | None = None, subject: str | None = None) -> list:
        """Every message in a stream, in stream order (an ephemeral ordered read)."""
        stream = stream or stream_name(self.prefix, "producer")
        sub = await self.bus.js.subscribe(subject or f"{self.prefix}.>", ordered_consumer=True, stream=stream)
        count = (await self.bus.js.stream_info(stream)).state.messages
        try:
            return [await sub.next_msg(timeout=5) for _ in range(count)]
        finally:
            await sub.unsubscribe()


@asynccontextmanager
async def kernel(database_url: str, nats_url: str) -> AsyncIterator[Kernel]:
    engine = create_async_engine(database_url)
    async with engine.begin() as conn:
        for table in (outbox, inbox, applied):
            await conn.run_sync(table.create)
    bus = Bus(nats_url, name="kernel-test")
    await bus.connect()
    prefix = "k" + uuid.uuid4().hex[:8]
    await bus.ensure_streams(service_streams(prefix, "producer"))
    try:
        yield Kernel(engine, bus, prefix)
    finally:
        await bus.close()
        await engine.dispose()


@asynccontextmanager
async def running(*workers) -> AsyncIterator[asyncio.Event]:
    stop = asyncio.Event()
    tasks = [asyncio.create_task(w.run(stop)) for w in workers]
    try:
        yield stop
    finally:
        stop.set()
        await asyncio.gather(*tasks, return_exceptions=True)


@pytest.fixture
async def k(database_factory, nats_server) -> AsyncIterator[Kernel]:
    async with kernel(database_factory("kernel"), nats_server.url) as env:
        yield env


@pytest.fixture
async def k_restartable(database_factory, restartable_nats) -> AsyncIterator[tuple[Kernel, object]]:
    async with kernel(database_factory("kernel"), restartable_nats.url) as env:
        yield env, restartable_nats


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


async def test_same_event_delivered_twice_is_applied_once(k):
    e = event("dup", 1)
    row = e.outbox_row(k.prefix)
    for msg_id in ("first-delivery", "second-delivery"):  # different Nats-Msg-Id: JetStream keeps both
        await k.bus.publish(
            row["subject"], row["payload"], headers={**row["headers"], "Nats-Msg-Id": msg_id}, timeout=5
        )
    consumer = k.consumer("dup-test")
    await consumer.provision()

    async def both_acked():
        info = await k.bus.js.consumer_info(stream_name(k.prefix, "producer"), "dup-test")
        return info.ack_floor.stream_seq == 2 and info.num_ack_pending == 0

    async with running(consumer):
        await eventually(both_acked, timeout=10, what="both deliveries to be acknowledged")
    assert await k.applied_ids() == [str(e.id)]
    async with k.engine.connect() as conn:
        assert (await conn.execute(text("SELECT count(*) FROM inbox"))).scalar_one() == 1


async def test_poison_messages_go_to_the_dead_letter_stream(k):
    subject = f"{k.prefix}.producer.thing.happened"
    envelope = {"ce-id": "poison-1", "ce-type": "praxis.producer.thing.happened.v1", "ce-source": "/praxis/producer"}
    await k.bus.publish(subject, b"not json", timeout=5, headers=envelope)
    await k.bus.publish(subject, b"{}", timeout=5, headers={"no": "envelope"})
    consumer = k.consumer("poison-test")
    await consumer.provision()

    async def dead_lettered():
        try:
            return (await k.bus.js.stream_info(dead_letter_stream(k.prefix))).state.messages == 2
        except Exception:
            return False

    async with running(consumer):
        await eventually(dead_lettered, timeout=10, what="two dead letters")
    letters = await k.stream(dead_letter_stream(k.prefix), f"{k.prefix}.dlq.>")
    assert {m.subject for m in letters} == {f"{k.prefix}.dlq.test.poison-test"}
    assert all("praxis-dlq-reason" in m.headers for m in letters)
    assert await k.applied_ids() == []


async def _value(value):
    return value


async def _has_all(k: Kernel, ids: list[str]) -> bool:
    return set(ids) <= set(await k.applied_ids())


async def _has_any(k: Kernel, ids: list[str]) -> bool:
    return bool(set(ids) & set(await k.applied_ids()))


async def _count_at_least(k: Kernel, n: int) -> bool:
    return len(await k.applied_ids()) >= n


async def test_a_database_outage_does_not_push_events_to_the_dead_letter_stream(k, postgres_server):
    import asyncpg

    consumer = k.consumer("outage-test", max_deliver=1)  # one handler failure would dead-letter
    await consumer.provision()
    database = k.engine.url.database
    admin = await asyncpg.connect(postgres_server.url("postgres"))
    try:
        await admin.execute(f'ALTER DATABASE "{database}" ALLOW_CONNECTIONS false')
        await admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1", database)
        await k.engine.dispose()
        row = event("outage", 1).outbox_row(k.prefix)
        await k.bus.publish(row["subject"], row["payload"], headers=row["headers"], timeout=5)

        async def delivered_during_outage():
            info = await k.bus.js.consumer_info(stream_name(k.prefix, "producer"), "outage-test")
            return info.delivered.stream_seq >= 1

        async with running(consumer):
            await eventually(delivered_during_outage, timeout=10, what="a delivery while the database is down")
            await admin.execute(f'ALTER DATABASE "{database}" ALLOW_CONNECTIONS true')
            await eventually(
                lambda: _has_all(k, [str(row["id"])]), timeout=20, what="the event once the database is back"
            )
    finally:
        await admin.execute(f'ALTER DATABASE "{database}" ALLOW_CONNECTIONS true')
        await admin.close()
    try:
        letters = (await k.bus.js.stream_info(dead_letter_stream(k.prefix))).state.messages
    except Exception:
        letters = 0
    assert letters == 0


async def test_the_relay_recreates_a_stream_that_vanished(k):
    streams = service_streams(k.prefix, "producer")
    relay = k.relay(streams=streams)
    await k.bus.js.delete_stream(streams[0].name)
    sent = await k.emit(k.uow, event("gone", 1))
    assert await relay.publish_pending() == 0  # no stream: nothing acknowledged, nothing marked sent
    await eventually(relay.publish_pending, timeout=10, what="a publish once the stream is back")
    assert [m.headers["ce-id"] for m in await k.stream()] == [sent]


async def test_an_outage_longer_than_max_deliver_deliveries_dead_letters_nothing(k, postgres_server):
    """NATS counts every delivery, those that met our database down too; only handler failures count towards the
    dead-letter stream. Three replicas of a consumer (max_deliver 2) each meet the outage, so the event is delivered
    more than max_deliver times before the database is back; then its handler fails once (a real failure) and
    succeeds on the retry: nothing is dead-lettered, the event applies once."""
    import asyncpg

    failed: set[str] = set()

    async def fails_once(received: ReceivedEvent, uow: UowFactory) -> None:
        if received.id not in failed:
            failed.add(received.id)
            raise RuntimeError("the handler's first attempt fails")
        await record(received, uow)

    sub = Subscription("long-outage", "producer", ["producer.>"], fails_once)
    replicas = [Consumer(k.bus, k.uow, sub, service="test", prefix=k.prefix, max_deliver=2) for _ in range(3)]
    await replicas[0].provision()
    database = k.engine.url.database
    admin = await asyncpg.connect(postgres_server.url("postgres"))
    try:
        await admin.execute(f'ALTER DATABASE "{database}" ALLOW_CONNECTIONS false')
        await admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1", database)
        await k.engine.dispose()
        row = event("long-outage", 1).outbox_row(k.prefix)
        await k.bus.publish(row["subject"], row["payload"], headers=row["headers"], timeout=5)

        async def delivered_beyond_max_deliver():
            info = await k.bus.js.consumer_info(stream_name(k.prefix, "producer"), "long-outage")
            return info.delivered.consumer_seq > 2  # every delivery of the one event, redeliveries included

        async with running(*replicas):
            await eventually(delivered_beyond_max_deliver, timeout=30, what="3 deliveries while the database is down")
            assert failed == set()  # no handler ran: every delivery met the outage
            await admin.execute(f'ALTER DATABASE "{database}" ALLOW_CONNECTIONS true')
            await eventually(
                lambda: _has_all(k, [str(row["id"])]), timeout=30, what="the event once the database is back"
            )
    finally:
        await admin.execute(f'ALTER DATABASE "{database}" ALLOW_CONNECTIONS true')
        await admin.close()
    assert failed == {str(row["id"])}  # the handler did fail once, with the database up
    assert await k.applied_ids() == [str(row["id"])]
    try:
        letters = (await k.bus.js.stream_info(dead_letter_stream(k.prefix))).state.messages
    except Exception:
        letters = 0
    assert letters == 0


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
