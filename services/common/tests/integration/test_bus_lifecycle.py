"""The NATS connection over its life: a list of servers, consumers' subscriptions, closing, on a real nats-server."""

from __future__ import annotations

import asyncio
import gc
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import pytest
from pydantic import ValidationError

from praxis_common.consumer import Consumer, Subscription
from praxis_common.jetstream import Bus, redacted, service_streams
from praxis_common.settings import ServiceSettings
from praxis_common.uow import UnitOfWorkFactory
from praxis_dev.testing.servers import free_port
from praxis_dev.testing.stack import eventually


class Settings(ServiceSettings):
    model_config = {**ServiceSettings.model_config, "env_prefix": "KERNELTEST_"}


def settings(nats_url: str) -> Settings:
    return Settings(
        database_url="postgresql+asyncpg://x@127.0.0.1/x",
        nats_url=nats_url,
        http_port=1,
        grpc_port=2,
        jwt_public_key="pem",
    )


def test_nats_url_takes_a_comma_separated_list_of_servers():
    assert settings(" nats://a:4222, nats://b:4222 ,nats://c:4222").nats_url == (
        "nats://a:4222,nats://b:4222,nats://c:4222"
    )
    for bad in ("a:4222", "nats://a:4222,http://b", ", ,"):
        with pytest.raises(ValidationError, match="nats_url"):
            settings(bad)


async def test_a_bus_connects_when_the_first_server_is_down(nats_server):
    dead = f"nats://127.0.0.1:{free_port()}"
    bus = Bus(f"{dead},{nats_server.url}", name="kernel-test")
    await bus.connect(timeout=20)
    try:
        assert bus.connected_url == redacted(nats_server.url)
        prefix = "k" + uuid.uuid4().hex[:8]
        await bus.ensure_streams(service_streams(prefix, "producer"))
        await bus.publish(f"{prefix}.producer.thing.happened", b"{}", headers={"ce-id": "1"}, timeout=5)
    finally:
        await bus.close()


async def _ignore(event, uow) -> None:
    pass


@asynccontextmanager
async def idle_consumers(nats, n: int = 3) -> AsyncIterator[Bus]:
    """`n` consumers on a stream nobody publishes to, each polling; stopped and the bus closed on exit."""
    bus = Bus(nats.url, name="kernel-test")
    await bus.connect()
    prefix = "k" + uuid.uuid4().hex[:8]
    subs = [Subscription(f"idle-{i}", "producer", ["producer.>"], _ignore) for i in range(n)]
    stop = asyncio.Event()
    tasks = [
        asyncio.create_task(
            # Short idle pulls: what is counted is pull requests, however long each waits.
            Consumer(
                bus, UnitOfWorkFactory(None, event_prefix=prefix), sub, service="t", prefix=prefix, fetch_seconds=0.25
            ).run(stop)
        )
        for sub in subs
    ]
    try:
        yield bus
    finally:
        stop.set()
        await asyncio.gather(*tasks)
        await bus.close()


async def test_each_consumer_holds_one_subscription_while_idle_and_across_a_nats_restart(restartable_nats):
    async with idle_consumers(restartable_nats, 3):
        for restart in (True, False):
            await idle_fetches(restartable_nats, 20 * 3)
            subscriptions = connection(restartable_nats)["subscriptions_list"]
            assert len(subscriptions) == 3 + 1, subscriptions  # + the client's request-reply inbox
            if restart:
                await asyncio.to_thread(restartable_nats.restart)


async def test_closing_the_bus_after_consumers_polled_leaves_no_unretrieved_exception(restartable_nats):
    """What logged "_GatheringFuture exception was never retrieved" at every shutdown."""
    loop = asyncio.get_running_loop()
    reported: list[dict] = []
    loop.set_exception_handler(lambda _loop, context: reported.append(context))
    async with idle_consumers(restartable_nats, 3):
        await idle_fetches(restartable_nats, 20 * 3)
    gc.collect()  # an unretrieved exception is reported when its future is collected
    assert reported == []


def connection(nats) -> dict | None:
    return next((c for c in nats.monitor("/connz?subs=1")["connections"] if c.get("name") == "kernel-test"), None)


async def idle_fetches(nats, pulls: int) -> None:
    """Wait until the client has sent `pulls` more messages (pull requests, mostly)."""

    async def sent() -> int | None:
        conn = await asyncio.to_thread(connection, nats)
        return conn and conn["in_msgs"]

    start = await eventually(sent, timeout=30, what="the client connected")
    await eventually(lambda: _at_least(sent, start + pulls), timeout=120, what=f"{pulls} pull requests", interval=0.5)


async def _at_least(probe, n: int) -> bool:
    value = await probe()
    return value is not None and value >= n


async def test_waiting_for_the_connection_gives_way_before_the_disconnect_is_reported(restartable_nats):
    """nats-py marks the connection down before its disconnected callback runs; in between, the bus's "up" flag is
    stale. Waiting for the connection must still give the event loop up: a consumer that returned at once looped
    without yielding, the callback never ran, and the service answered no request and ignored SIGTERM."""
    bus = Bus(restartable_nats.url, name="kernel-test")
    await bus.connect()
    try:
        await asyncio.to_thread(restartable_nats.stop)

        async def gone() -> bool:
            return not bus.connected

        await eventually(gone, timeout=10, what="the bus to see NATS gone")
        bus._up.set()  # as it stands between nats-py's status change and the disconnected callback
        others = asyncio.Event()
        asyncio.get_running_loop().call_soon(others.set)  # another task's turn on the loop
        assert not await bus.wait_connected(0.2)
        assert others.is_set(), "waiting for NATS did not give the loop to anyone else"
    finally:
        await asyncio.to_thread(restartable_nats.start)
        await bus.close()
