"""The inbox consumer while its database is down: deliveries that meet the outage dead-letter nothing."""

from __future__ import annotations

from praxis_kernel_harness import _has_all, event, record, running

from praxis_common.consumer import Consumer, Subscription
from praxis_common.events import ReceivedEvent
from praxis_common.jetstream import dead_letter_stream, stream_name
from praxis_common.uow import UowFactory
from praxis_dev.testing.stack import eventually


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
