"""The REST edge decides who is asking and how much they send before it reads a body; errors keep the contract.

A huge body without a token is refused at once (no parsing, no memory, no stalled event loop); a body over the
limit is 413; OPTIONS and 405 name every method of a path; unknown query parameters are 400; browsers get CORS
answers for the configured origins; idle keep-alive connections outlive clients' own idle timeouts.
"""

from __future__ import annotations

import asyncio
import http.client
import json
import socket
import threading
import time

import grpc
import httpx
import psutil
import pytest

from praxis.internships.v1 import internships_pb2 as ipb
from praxis.internships.v1 import internships_pb2_grpc as ipb_grpc
from praxis_dev.testing.stack import Stack, eventually

SERVICES = ("internships", "mentors", "projects", "notifications")
# Each service's create endpoint (any route would do: the gate runs before routing).
CREATE = {
    "internships": "/v1/agreements",
    "mentors": "/v1/mentors",
    "projects": "/v1/projects",
    "notifications": "/v1/webhooks",
}
PORTAL = "https://portal.school.example"
MiB = 1 << 20
# A stack of its own, with CORS origins set; serial: it measures health latency and memory under its own load.
pytestmark = [pytest.mark.destructive, pytest.mark.serial]


@pytest.fixture(scope="module")
def stack(nats_server, event_prefix, database_factory, tmp_path_factory):
    s = Stack(
        nats_server,
        event_prefix,
        tmp_path_factory.mktemp("stack"),
        database_factory,
        settings={"CORS_ALLOW_ORIGINS": f"{PORTAL}, https://other.example"},
    )
    try:
        yield s.start()
    finally:
        s.stop()


def _upload(
    port: int, path: str, size: int, token: str | None, *, chunked: bool = False
) -> tuple[int, float, bytes, bytes]:
    """POST a JSON array of `size` bytes, streamed (with a Content-Length, or chunked without one); returns
    (status, seconds from the request line to the status line, response head, response body). The server may
    answer and close before the body is sent: that is the point (clients such as httpx cannot read such an early
    answer: they fail writing the rest)."""
    sock = socket.create_connection(("127.0.0.1", port))
    auth = f"Authorization: Bearer {token}\r\n" if token else ""
    length = "Transfer-Encoding: chunked" if chunked else f"Content-Length: {size}"
    head = f"POST {path} HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n{auth}{length}\r\n\r\n"
    chunk = b"[" + b"1," * (MiB // 2 - 1) + b"1"  # about 1 MiB of a JSON array
    if chunked:
        chunk = f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n"
    started = time.monotonic()
    sock.sendall(head.encode())

    def send_body() -> None:
        sent = 0
        try:
            while sent < size:
                piece = chunk[: size - sent]
                sock.sendall(piece)
                sent += len(piece)
        except OSError:
            pass  # the server answered and closed: it will not read the rest

    sender = threading.Thread(target=send_body, daemon=True)
    sender.start()
    sock.settimeout(10)
    response = b""
    while b"\r\n\r\n" not in response:
        data = sock.recv(65536)
        if not data:
            break
        response += data
    elapsed = time.monotonic() - started
    head, _, body = response.partition(b"\r\n\r\n")
    length = next(
        (int(line.split(b":")[1]) for line in head.lower().split(b"\r\n") if line.startswith(b"content-length:")), 0
    )
    while len(body) < length:
        data = sock.recv(65536)
        if not data:
            break
        body += data
    sock.close()
    sender.join(timeout=10)
    return int(response.split(b" ", 2)[1]), elapsed, head, body


@pytest.mark.parametrize("service", SERVICES)
@pytest.mark.parametrize("with_token", [False, True], ids=["without a token", "with a token"])
async def test_a_50_mb_body_is_refused_at_once_while_health_stays_quick_and_memory_flat(stack, service, with_token):
    process = psutil.Process(stack[service].proc.pid)
    rss_before = process.memory_info().rss
    token = stack.token(f"{service}-gate", "school", "admin") if with_token else None
    health_waits: list[float] = []
    upload_done = asyncio.Event()

    async def poll_health() -> None:
        async with httpx.AsyncClient(base_url=stack[service].base_url, timeout=5) as c:
            while not upload_done.is_set():
                t0 = time.monotonic()
                r = await c.get("/healthz")
                health_waits.append(time.monotonic() - t0)
                assert r.status_code == 200
                await asyncio.sleep(0.02)  # the polling pace, not a synchronisation

    poller = asyncio.create_task(poll_health())
    try:
        status, elapsed, head, _ = await asyncio.to_thread(
            _upload, stack[service].http_port, CREATE[service], 50 * MiB, token
        )
        # Keep probing after the refusal too: the server may still be receiving the rest of the body.
        probes = len(health_waits) + 10
        await eventually(lambda: asyncio.sleep(0, len(health_waits) >= probes), timeout=10, what="10 more probes")
    finally:
        upload_done.set()
        await poller
    assert status == (413 if with_token else 401), head
    assert b"connection: close" in head.lower()
    assert elapsed < 1.0, f"the refusal took {elapsed:.2f} s"
    assert health_waits and max(health_waits) < 0.2, f"/healthz waited up to {max(health_waits):.3f} s"
    grown = process.memory_info().rss - rss_before
    assert grown < 50 * MiB, f"RSS grew by {grown / MiB:.0f} MiB"


async def test_a_body_over_the_limit_is_a_413_problem_and_one_within_it_is_read(stack):
    token = stack.token("school-gate", "school", "admin")
    status, _, head, body = await asyncio.to_thread(
        _upload, stack["internships"].http_port, "/v1/agreements", 2 * MiB, token
    )
    async with httpx.AsyncClient(base_url=stack["internships"].base_url) as c:
        small = await c.post("/v1/agreements", headers={"Authorization": f"Bearer {token}"}, json={"title": "x"})
    assert status == 413, head
    assert b"content-type: application/problem+json" in head.lower()
    problem = json.loads(body)
    assert problem["type"] == "urn:praxis:problem:payload-too-large" and problem["max_body_bytes"] == MiB
    assert small.status_code == 422  # read and validated: fields missing


async def test_a_chunked_body_over_the_limit_is_a_413_without_reading_the_rest(stack):
    process = psutil.Process(stack["mentors"].proc.pid)
    rss_before = process.memory_info().rss
    token = stack.token("school-gate", "school", "admin")
    status, elapsed, head, _ = await asyncio.to_thread(
        _upload, stack["mentors"].http_port, "/v1/mentors", 100 * MiB, token, chunked=True
    )
    assert status == 413, head
    assert elapsed < 1.0, f"the refusal took {elapsed:.2f} s"
    assert process.memory_info().rss - rss_before < 50 * MiB


async def test_grpc_refuses_a_message_over_the_limit(stack):
    """The REST limit (1 MiB by default) holds for gRPC messages too (gRPC's own default is 4 MiB)."""
    token = stack.token("school-gate", "school", "admin")
    async with grpc.aio.insecure_channel(
        stack["internships"].grpc_target, options=[("grpc.max_send_message_length", 64 * MiB)]
    ) as channel:
        stub = ipb_grpc.InternshipsServiceStub(channel)
        with pytest.raises(grpc.aio.AioRpcError) as refused:
            await stub.CreateAgreement(
                ipb.CreateAgreementRequest(title="x" * (2 * MiB)),
                metadata=[("authorization", f"Bearer {token}")],
                timeout=10,
            )
    assert refused.value.code() == grpc.StatusCode.RESOURCE_EXHAUSTED


async def test_options_and_405_name_every_method_of_the_path(stack):
    headers = stack.auth("school-gate", "school", "admin")
    async with httpx.AsyncClient(base_url=stack["mentors"].base_url) as c:
        options = await c.options("/v1/mentors")
        wrong = await c.delete("/v1/mentors", headers=headers)
        item = await c.options("/v1/mentors/7f1d0a8e-2f55-4f4e-9d7c-3c1f1e0b8a11")
        nowhere = await c.options("/v1/nothing-here")
    assert options.status_code == 204
    assert set(options.headers["allow"].split(", ")) == {"GET", "HEAD", "POST"}
    assert wrong.status_code == 405 and wrong.headers["content-type"] == "application/problem+json"
    assert set(wrong.headers["allow"].split(", ")) == {"GET", "HEAD", "POST"}
    assert set(item.headers["allow"].split(", ")) == {"GET", "HEAD", "PATCH"}
    assert nowhere.status_code == 404


async def test_an_unknown_query_parameter_is_a_400_naming_it(stack):
    headers = stack.auth("school-gate", "school", "admin")
    async with httpx.AsyncClient(base_url=stack["internships"].base_url) as c:
        r = await c.get("/v1/agreements", headers=headers, params={"staus": "active", "page_size": 5})
        fine = await c.get("/v1/agreements", headers=headers, params={"status": "active", "page_size": 5})
    assert r.status_code == 400, r.text
    assert r.json()["type"] == "urn:praxis:problem:malformed-request"
    assert [e["field"] for e in r.json()["errors"]] == ["query.staus"]
    assert fine.status_code == 200


async def test_a_browser_portal_of_an_allowed_origin_passes_the_cors_preflight(stack):
    preflight = {
        "Origin": PORTAL,
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization, content-type, idempotency-key",
    }
    async with httpx.AsyncClient(base_url=stack["internships"].base_url) as c:
        allowed = await c.options("/v1/placements", headers=preflight)
        foreign = await c.options("/v1/placements", headers={**preflight, "Origin": "https://evil.example"})
        actual = await c.get(
            "/v1/placements", headers={"Origin": PORTAL, **stack.auth("school-gate", "school", "admin")}
        )
    assert allowed.status_code == 200, allowed.text
    assert allowed.headers["access-control-allow-origin"] == PORTAL
    assert "idempotency-key" in allowed.headers["access-control-allow-headers"].lower()
    assert "access-control-allow-origin" not in foreign.headers
    assert actual.status_code == 200 and actual.headers["access-control-allow-origin"] == PORTAL
    assert "location" in actual.headers["access-control-expose-headers"].lower()


def test_an_idle_keep_alive_connection_outlives_clients_own_idle_timeouts(stack):
    """A server that closes idle connections when clients still consider them reusable (httpx keeps them 5 s,
    uvicorn closed them after 5 s) makes requests fail without an answer: bench/allocation_publish.py lost
    requests with httpx.ReadError this way. The server must keep them well past the clients' timeouts."""
    conn = http.client.HTTPConnection("127.0.0.1", stack["internships"].http_port, timeout=10)
    conn.request("GET", "/healthz")
    first = conn.getresponse()
    first.read()
    assert first.status == 200 and not first.will_close
    sock = conn.sock
    sock.settimeout(8.0)
    try:
        closed = sock.recv(1) == b""  # waits: the server either keeps the connection or closes it
    except TimeoutError:
        closed = False
    assert not closed, "the server closed an idle keep-alive connection within 8 s"
    conn.request("GET", "/healthz")
    second = conn.getresponse()
    assert second.status == 200 and conn.sock is sock
