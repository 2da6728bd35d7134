"""Benchmark: how fast the outbox relay moves committed events into JetStream.

Compares, in one run on the same servers, the relay (one head row per aggregate, publishes
pipelined, rows marked sent after the acks) against a baseline that awaits each publish in turn.
Both publish to a file-backed stream on a nats-server with `sync_interval: always`.

    .venv/bin/python bench/outbox_relay.py [--events 5000] [--aggregates 1000] [--batch 64] [--repeat 3]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import time
import uuid
from statistics import median

from sqlalchemy import insert
from sqlalchemy.ext.asyncio import create_async_engine

from praxis.events.v1 import agreements_pb2
from praxis_common.events import IntegrationEvent
from praxis_common.inbox import inbox
from praxis_common.jetstream import Bus, service_streams
from praxis_common.outbox import OutboxRelay, outbox
from praxis_dev.testing.nats import start_local_nats
from praxis_dev.testing.postgres import start_local_postgres


def events(n: int, aggregates: int, prefix: str) -> list[dict]:
    return [
        IntegrationEvent(
            source="bench",
            topic="bench.thing.happened",
            aggregate_type="thing",
            aggregate_id=f"a{i % aggregates}",
            payload=agreements_pb2.AgreementActivated(agreement_id=f"a{i}", intern_quota=i),
        ).outbox_row(prefix)
        for i in range(n)
    ]


async def main(n: int, aggregates: int, batch: int, repeat: int) -> None:
    pg, nats = start_local_postgres(), start_local_nats()
    try:
        url = await pg.create_database("bench_outbox")
        engine = create_async_engine(url)
        async with engine.begin() as conn:
            await conn.run_sync(outbox.create)
            await conn.run_sync(inbox.create)
        bus = Bus(nats.url, name="bench")
        await bus.connect()
        prefix = "b" + uuid.uuid4().hex[:6]
        await bus.ensure_streams(service_streams(prefix, "bench"))

        relay = OutboxRelay(engine, bus, wakeup=asyncio.Event(), batch_size=batch)
        baseline, relayed = [], []
        for _ in range(repeat):
            rows = events(n, aggregates, prefix)
            started = time.perf_counter()
            for r in rows:
                headers = {**r["headers"], "Nats-Msg-Id": f"base-{r['id']}"}
                await bus.publish(r["subject"], r["payload"], headers=headers, timeout=5)
            baseline.append(n / (time.perf_counter() - started))

            async with engine.begin() as conn:
                await conn.execute(insert(outbox), rows)
            started = time.perf_counter()
            while await relay.publish_pending():
                pass
            relayed.append(n / (time.perf_counter() - started))
            assert await relay.unsent() == 0
        print(f"cores: {os.cpu_count()}  events: {n}  aggregates: {aggregates}  relay batch: {batch}  runs: {repeat}")
        print(f"baseline, one awaited publish at a time: median {median(baseline):6.0f} events/s")
        print(
            f"outbox relay (pipelined, marks sent):    median {median(relayed):6.0f} events/s "
            f"(runs: {', '.join(f'{r:.0f}' for r in relayed)})"
        )
        await bus.close()
        await engine.dispose()
    finally:
        nats.close()
        pg.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=5000)
    parser.add_argument("--aggregates", type=int, default=1000)
    parser.add_argument("--batch", type=int, default=64)  # the service default (outbox_batch_size)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    asyncio.run(main(args.events, args.aggregates, args.batch, args.repeat))
