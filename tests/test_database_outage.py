"""While PostgreSQL restarts, the API says "unavailable, retry" (503 with Retry-After; gRPC UNAVAILABLE), never
500, and the client's keep-alive connection stays usable; once the database is back, the same connection works."""

from __future__ import annotations

import asyncio
import http.client
import json
import time

import grpc
import pytest

from praxis.internships.v1 import internships_pb2 as ipb
from praxis.internships.v1 import internships_pb2_grpc as ipb_grpc
from praxis_dev.testing.databases import Databases
from praxis_dev.testing.stack import Stack

pytestmark = [pytest.mark.slow, pytest.mark.destructive]  # stops PostgreSQL: a stack of its own


@pytest.fixture(scope="module")
def stack(restartable_postgres, nats_server, event_prefix, tmp_path_factory):
    s = Stack(
        nats_server, event_prefix, tmp_path_factory.mktemp("stack"), Databases(restartable_postgres, event_prefix)
    )
    try:
        yield s.start(("internships",))
    finally:
        if not restartable_postgres.running:
            restartable_postgres.start()
        s.stop()


def _get(conn: http.client.HTTPConnection, path: str, token: str) -> tuple[int, dict, dict]:
    conn.request("GET", path, headers={"Authorization": f"Bearer {token}"})
    r = conn.getresponse()
    body = r.read()
    return r.status, {k.lower(): v for k, v in r.getheaders()}, json.loads(body) if body else {}


def test_a_database_restart_is_503_retry_after_on_the_same_connection(stack, restartable_postgres):
    token = stack.token("school-outage", "school", "admin")
    conn = http.client.HTTPConnection("127.0.0.1", stack["internships"].http_port, timeout=30)
    status, _, _ = _get(conn, "/v1/agreements", token)
    assert status == 200
    sock = conn.sock

    restartable_postgres.stop()
    try:
        answers = [_get(conn, "/v1/agreements", token) for _ in range(5)]
    finally:
        restartable_postgres.start()
    for status, headers, body in answers:
        assert status == 503, body
        assert headers["content-type"] == "application/problem+json"
        assert body["type"] == "urn:praxis:problem:unavailable"
        assert int(headers["retry-after"]) > 0
        assert headers.get("connection", "").lower() != "close"
    assert conn.sock is sock, "the server closed the keep-alive connection"

    deadline = time.monotonic() + 30
    while (status := _get(conn, "/v1/agreements", token)[0]) != 200 and time.monotonic() < deadline:
        assert status == 503
        time.sleep(0.2)  # polling interval, bounded by the deadline
    assert status == 200 and conn.sock is sock


async def test_grpc_answers_unavailable_while_the_database_is_down(stack, restartable_postgres):
    token = stack.token("school-outage", "school", "admin")
    restartable_postgres.stop()
    try:
        async with grpc.aio.insecure_channel(stack["internships"].grpc_target) as channel:
            stub = ipb_grpc.InternshipsServiceStub(channel)
            with pytest.raises(grpc.aio.AioRpcError) as refused:
                await stub.ListAgreements(
                    ipb.ListAgreementsRequest(), metadata=[("authorization", f"Bearer {token}")], timeout=30
                )
    finally:
        await asyncio.to_thread(restartable_postgres.start)
    assert refused.value.code() == grpc.StatusCode.UNAVAILABLE
