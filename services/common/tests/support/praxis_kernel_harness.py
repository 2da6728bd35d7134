"""What the outbox and inbox tests share: a producer's outbox and a consumer's inbox in one test database on a
real NATS (Kernel), the test event and handler, running workers, and the conditions they wait for."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from sqlalchemy import Column, Integer, MetaData, String, Table, insert, select
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from praxis.events.v1 import agreements_pb2
from praxis_common.consumer import Consumer, Subscription
from praxis_common.events import IntegrationEvent, ReceivedEvent
from praxis_common.inbox import inbox
from praxis_common.jetstream import Bus, service_streams, stream_name
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


async def _value(value):
    return value


async def _has_all(k: Kernel, ids: list[str]) -> bool:
    return set(ids) <= set(await k.applied_ids())


async def _has_any(k: Kernel, ids: list[str]) -> bool:
    return bool(set(ids) & set(await k.applied_ids()))


async def _count_at_least(k: Kernel, n: int) -> bool:
    return len(await k.applied_ids()) >= n
