"""A kernel consumer as a process of its own, for tests that kill one mid-handling (test_outbox_and_inbox.py).

python consumer_process.py DATABASE_URL NATS_URL PREFIX DURABLE LOCK NAME   (stops on SIGTERM)

Its handler takes the advisory lock LOCK first: while the test holds it, handling an event waits.
"""

from __future__ import annotations

import asyncio
import signal
import sys

from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from praxis_common.consumer import Consumer, Subscription
from praxis_common.events import ReceivedEvent
from praxis_common.jetstream import Bus
from praxis_common.uow import UnitOfWorkFactory, UowFactory


async def main(database_url: str, nats_url: str, prefix: str, durable: str, lock: str, name: str) -> None:
    async def handler(received: ReceivedEvent, uow: UowFactory) -> None:
        async with uow() as u:
            await u.connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": int(lock)})
            await u.connection.execute(text("INSERT INTO applied (event_id) VALUES (:id)"), {"id": received.id})
            await u.commit()

    engine = create_async_engine(database_url, connect_args={"server_settings": {"application_name": name}})
    bus = Bus(nats_url, name=name)
    await bus.connect()
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    consumer = Consumer(
        bus,
        UnitOfWorkFactory(engine, event_prefix=prefix),
        Subscription(durable, "producer", ["producer.>"], handler),
        service="test",
        prefix=prefix,
    )
    try:
        await consumer.run(stop)
    finally:
        await bus.close()
        await engine.dispose()


if __name__ == "__main__":
    asyncio.run(main(*sys.argv[1:]))
