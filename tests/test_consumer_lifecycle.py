"""A service's consumers over time, seen from the NATS server: one subscription each, quiet while idle and
through a NATS restart, and a shutdown that logs no error."""

from __future__ import annotations

import asyncio

import pytest

from praxis_dev.testing.nats import LocalNatsServer
from praxis_dev.testing.stack import Stack, eventually

pytestmark = [pytest.mark.slow, pytest.mark.destructive]  # restarts NATS under its own mentors process

CONSUMERS = 5  # mentors' durables: partnerships, placements, project teams, export requests, erasure requests
PULLS = 20 * CONSUMERS  # about twenty empty fetches per consumer


@pytest.fixture
def mentors(restartable_nats, event_prefix, database_factory, tmp_path):
    s = Stack(restartable_nats, event_prefix, tmp_path, database_factory)
    try:
        yield s.start(("mentors",))["mentors"], restartable_nats
    finally:
        s.stop()


def connection(nats: LocalNatsServer, name: str) -> dict | None:
    """The server's view of the client connection called `name`: its subscriptions and message counts."""
    return next((c for c in nats.monitor("/connz?subs=1")["connections"] if c.get("name") == name), None)


async def idle_fetches(nats: LocalNatsServer, name: str, pulls: int) -> dict:
    """Wait until the connection has sent `pulls` more messages (pull requests, mostly); its state then."""
    start = await eventually(lambda: _connection(nats, name), timeout=30, what=f"{name} connected")

    async def pulled():
        now = await _connection(nats, name)
        return now if now and now["in_msgs"] >= start["in_msgs"] + pulls else None

    return await eventually(pulled, timeout=120, what=f"{pulls} pull requests from {name}", interval=0.5)


async def _connection(nats: LocalNatsServer, name: str) -> dict | None:
    return await asyncio.to_thread(connection, nats, name)


def pull_inboxes(conn: dict) -> list[str]:
    """A consumer's inbox is `_INBOX.<id>`; `_INBOX.<id>.*` is the client's one request-reply subscription."""
    return [s for s in conn.get("subscriptions_list", []) if not s.endswith(".*")]


async def test_an_idle_service_keeps_one_subscription_per_consumer_through_a_nats_restart(mentors):
    service, nats = mentors
    conn = await idle_fetches(nats, "praxis-mentors", PULLS)
    assert len(pull_inboxes(conn)) == CONSUMERS, conn["subscriptions_list"]
    assert conn["subscriptions"] == CONSUMERS + 1, conn["subscriptions_list"]

    await asyncio.to_thread(nats.restart)
    conn = await idle_fetches(nats, "praxis-mentors", PULLS)
    assert len(pull_inboxes(conn)) == CONSUMERS, conn["subscriptions_list"]
    assert conn["subscriptions"] == CONSUMERS + 1, conn["subscriptions_list"]

    loop_errors = [r for r in service.log_records() if r.get("logger") == "praxis.consumer"]
    assert loop_errors == []  # an empty fetch is not an error, and a reconnect needs no new subscription


async def test_a_clean_shutdown_logs_no_error(mentors):
    service, nats = mentors
    await asyncio.to_thread(nats.restart)
    await idle_fetches(nats, "praxis-mentors", PULLS)  # consumers have been polling a while, on a new connection
    assert await asyncio.to_thread(service.stop) == 0
    records = service.log_records()
    shutdown = records[next(i for i, r in enumerate(records) if r.get("message") == "shutting down") :]
    noise = [r for r in shutdown if r.get("level") not in ("debug", "info")]
    assert noise == []  # no error, not even a warning: nothing went wrong
    assert shutdown[-1].get("message") == "stopped"
