"""Nothing is lost between services when NATS goes away: real service processes, a real nats-server we stop."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Iterator
from datetime import date, timedelta

import asyncpg
import grpc
import httpx
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc
from organisation_profiles import ensure_partners

from praxis_dev.testing.servers import plain_url
from praxis_dev.testing.stack import ServiceProcess, Stack, eventually

pytestmark = [pytest.mark.slow, pytest.mark.destructive]  # restarts NATS and SIGTERMs services: a stack of its own


@pytest.fixture
def faulty_stack(restartable_nats, event_prefix, database_factory, tmp_path):
    s = Stack(restartable_nats, event_prefix, tmp_path, database_factory)
    try:
        yield s.start(), restartable_nats
    finally:
        s.stop()


async def propose_agreement(client: httpx.AsyncClient, stack: Stack, n: int) -> str:
    """A new agreement between school-f<n> and enterprise-f<n>, signed by neither yet."""
    school, enterprise = f"school-f{n}", f"enterprise-f{n}"
    today = date.today()
    await ensure_partners(client, stack, school, enterprise)
    r = await client.post(
        "/v1/agreements",
        headers=stack.auth(school, "school", "admin"),
        json={
            "school_org": school,
            "enterprise_org": enterprise,
            "valid_from": today.isoformat(),
            "valid_to": (today + timedelta(days=90)).isoformat(),
            "intern_quota": n,
        },
    )
    assert r.status_code == 201, r.text
    return r.json()["id"]


async def sign_agreement(client: httpx.AsyncClient, stack: Stack, n: int) -> str:
    school, enterprise = f"school-f{n}", f"enterprise-f{n}"
    agreement_id = await propose_agreement(client, stack, n)
    for headers in (stack.auth(school, "school", "admin"), stack.auth(enterprise, "enterprise", "hr")):
        signed = await client.post(f"/v1/agreements/{agreement_id}/sign", headers=headers)
        assert signed.status_code == 200, signed.text
    assert signed.json()["status"] == "active"
    return agreement_id


async def query(url: str, sql: str):
    conn = await asyncpg.connect(plain_url(url))
    try:
        return await conn.fetch(sql)
    finally:
        await conn.close()


async def partnership_ids(stack: Stack, service: str) -> set[str]:
    return {r["agreement_id"] for r in await query(stack[service].database_url, "SELECT agreement_id FROM partnership")}


async def assert_applied_once(stack: Stack, expected: set[str]) -> None:
    """Each consumer's inbox holds exactly one entry per activation event, and the read model one row each."""
    unsent = await query(stack["internships"].database_url, "SELECT count(*) AS n FROM outbox WHERE sent_at IS NULL")
    assert unsent[0]["n"] == 0
    for service in ("mentors", "projects"):
        rows = await query(
            stack[service].database_url,
            "SELECT event_id FROM inbox WHERE event_type = 'praxis.internships.agreement.activated.v1'",
        )
        assert len(rows) == len({r["event_id"] for r in rows}) == len(expected)
        assert await partnership_ids(stack, service) == expected


async def test_agreements_signed_while_nats_is_down_reach_both_services_once_it_returns(faulty_stack):
    stack, nats = faulty_stack
    nats.stop()
    # Without NATS a service still takes writes (their events wait in the outbox): it stays ready, in load
    # balancers, and says so apart, in /readyz's body and in gRPC health's "nats" check.
    await eventually(
        lambda: _health(stack, "mentors", health_pb2.HealthCheckResponse.NOT_SERVING, check="nats"),
        timeout=10,
        what="gRPC health's nats check to report NOT_SERVING without NATS",
    )
    assert await _health(stack, "mentors", health_pb2.HealthCheckResponse.SERVING)
    async with httpx.AsyncClient(base_url=stack["internships"].base_url, timeout=10) as client:
        ready = await client.get("/readyz")
        assert ready.status_code == 200, ready.text
        assert ready.json()["checks"] == {"database": True, "schema": True, "nats": False}
        signed = {await sign_agreement(client, stack, n) for n in range(8)}  # REST keeps working
    sql = "SELECT count(*) AS n FROM outbox WHERE sent_at IS NULL AND aggregate_type = 'agreement'"
    pending = await query(stack["internships"].database_url, sql)
    assert pending[0]["n"] == 8  # committed with their events, waiting in the outbox (beside the profiles' 16)
    nats.start()
    back = time.monotonic()
    for service in ("mentors", "projects"):
        await eventually(
            lambda s=service: _has_all(stack, s, signed),
            timeout=max(0.0, back + 10 - time.monotonic()),
            what=f"{service} to receive every activation within 10 s of NATS's return",
        )
    print(f"every activation applied {time.monotonic() - back:.2f}s after nats-server was back")
    await assert_applied_once(stack, signed)
    await eventually(
        lambda: _health(stack, "mentors", health_pb2.HealthCheckResponse.SERVING, check="nats"),
        timeout=10,
        what="gRPC health's nats check to report SERVING again",
    )


async def test_restarting_nats_while_agreements_flow_loses_nothing(faulty_stack):
    stack, nats = faulty_stack
    signed: set[str] = set()
    async with httpx.AsyncClient(base_url=stack["internships"].base_url, timeout=10) as client:
        for n in range(5):
            signed.add(await sign_agreement(client, stack, n))
        restart = asyncio.create_task(asyncio.to_thread(nats.restart))
        n = 5
        while not restart.done():
            signed.add(await sign_agreement(client, stack, n))
            n += 1
        await restart
        back = time.monotonic()
        after = await sign_agreement(client, stack, n)
        signed.add(after)
    for service in ("mentors", "projects"):
        await eventually(
            lambda s=service: _has_all(stack, s, {after}),
            timeout=10,
            what=f"{service} to resume consuming within 10 s of the restart",
        )
    print(f"both consumers resumed {time.monotonic() - back:.2f}s after nats-server was back")
    for service in ("mentors", "projects"):
        await eventually(lambda s=service: _has_all(stack, s, signed), timeout=30, what=f"{service} to catch up")
    await assert_applied_once(stack, signed)


async def _health(stack: Stack, service: str, status, *, check: str = "") -> bool:
    async with grpc.aio.insecure_channel(stack[service].grpc_target) as channel:
        request = health_pb2.HealthCheckRequest(service=check)
        reply = await health_pb2_grpc.HealthStub(channel).Check(request, timeout=2)
        return reply.status == status


async def _has_all(stack: Stack, service: str, ids: set[str]) -> bool:
    return ids <= await partnership_ids(stack, service)


@pytest.fixture
def internships_alone(nats_server, event_prefix, database_factory, tmp_path) -> Iterator[Stack]:
    """A stack of the internships process only (the SIGTERM test looks at nothing else)."""
    s = Stack(nats_server, event_prefix, tmp_path, database_factory)
    try:
        yield s.start(("internships",))
    finally:
        s.stop()


async def test_sigterm_lets_in_flight_requests_finish_and_exits_cleanly(internships_alone):
    """A request the service is working on when SIGTERM arrives is answered: the test holds a row lock that a
    signature waits for, sends SIGTERM once that request waits inside the database, and lets it go only once the
    service has begun shutting down."""
    stack = internships_alone
    internships = stack["internships"]
    database = await asyncpg.connect(plain_url(internships.database_url))
    try:
        async with httpx.AsyncClient(base_url=internships.base_url, timeout=10) as client:
            first = await sign_agreement(client, stack, 100)  # the connection is warm and the service answering
            held_id = await propose_agreement(client, stack, 101)
            lock = database.transaction()
            await lock.start()
            await database.execute("SELECT 1 FROM agreement WHERE id = $1 FOR UPDATE", uuid.UUID(held_id))
            held = asyncio.create_task(
                client.post(f"/v1/agreements/{held_id}/sign", headers=stack.auth("school-f101", "school", "admin"))
            )
            await eventually(lambda: _waiting_for_a_lock(database), timeout=10, what="the signature to wait")
            in_flight = [asyncio.create_task(sign_agreement(client, stack, n)) for n in range(10)]
            internships.terminate()
            await eventually(lambda: _logged(internships, "shutting down"), timeout=10, what="the shutdown to begin")
            await lock.rollback()
            code = await asyncio.to_thread(internships.stop)
            finished = await asyncio.gather(*in_flight, return_exceptions=True)
            answered = await held
    finally:
        await database.close()
    assert code == 0 and first
    assert answered.status_code == 200, answered.text  # in flight when SIGTERM came, and answered
    unexpected = [r for r in finished if not isinstance(r, str | httpx.TransportError)]
    assert not unexpected, unexpected  # each either completed or was refused at the door; no 5xx, no half answers
    log = internships.log_path.read_text()
    assert '"message": "stopped"' in log


async def _waiting_for_a_lock(database: asyncpg.Connection) -> bool:
    sql = "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
    return await database.fetchval(sql) > 0


async def _logged(service: ServiceProcess, message: str) -> bool:
    return any(record.get("message") == message for record in service.log_records())
