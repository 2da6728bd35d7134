"""What every REST request leaves behind (praxis_common.edge_telemetry) and what every log line says it belongs to
(praxis_common.logs), in-process: an app built by the kernel's `create_app`, logging through its JSON formatter."""

from __future__ import annotations

import asyncio
import io
import json
import logging

import fastapi.routing
import httpx
import pytest
from fastapi import APIRouter
from prometheus_client import REGISTRY

from praxis_common.auth import TokenVerifier
from praxis_common.edge_telemetry import request_id
from praxis_common.errors import NotFound
from praxis_common.http import PrincipalDep, create_app
from praxis_common.logs import JsonFormatter
from praxis_dev.tokens import generate_keypair, mint_token


@pytest.fixture
def lines():
    """The JSON lines the process logs while the test runs."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter("unit"))
    root = logging.getLogger()
    level, root.level = root.level, logging.INFO
    root.addHandler(handler)
    try:
        yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    finally:
        root.removeHandler(handler)
        root.setLevel(level)


@pytest.fixture
def keys(tmp_path):
    private, public = generate_keypair(tmp_path / "k")
    return private.read_bytes(), public.read_text()


@pytest.fixture
def client(keys):
    router = APIRouter()

    @router.get("/v1/things/{thing_id}", operation_id="getThing")
    async def get_thing(thing_id: str, principal: PrincipalDep) -> dict:
        if thing_id == "missing":
            raise NotFound("no such thing")
        logging.getLogger("praxis.handler").info("looking at a thing")
        return {"id": thing_id}

    async def ready():
        raise AssertionError("not asked")

    verifier = TokenVerifier(issuer="praxis-dev", audience="praxis", public_key=keys[1])
    app = create_app(title="unit", verifier=verifier, routers=[router], readiness=ready)
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://unit")


def _count(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


async def test_a_request_gets_an_id_an_access_line_and_its_metrics_by_route_template(client, keys, lines):
    auth = {"Authorization": "Bearer " + mint_token(keys[0], org="s-tel", org_kind="school", roles=["admin"])}
    labels = {"method": "GET", "route": "/v1/things/{thing_id}"}
    before = {s: _count("praxis_http_server_requests_total", **labels, status=s) for s in ("200", "404", "401")}
    timed = _count("praxis_http_server_request_duration_seconds_count", **labels)

    async with client:
        found = await client.get("/v1/things/t-1", headers={**auth, "X-Request-ID": "portal-req-42"})
        missing = await client.get("/v1/things/missing", headers=auth)
        refused = await client.get("/v1/things/t-2")  # no token: the gate answers before routing

    assert (found.status_code, missing.status_code, refused.status_code) == (200, 404, 401)
    assert found.headers["X-Request-ID"] == "portal-req-42"
    assert missing.headers["X-Request-ID"] != found.headers["X-Request-ID"]
    after = {s: _count("praxis_http_server_requests_total", **labels, status=s) for s in ("200", "404", "401")}
    assert {s: after[s] - before[s] for s in after} == {"200": 1, "404": 1, "401": 1}
    assert _count("praxis_http_server_request_duration_seconds_count", **labels) - timed == 3

    access = [line for line in lines() if line["logger"] == "praxis.access"]
    assert [(a["route"], a["status"], a["org"]) for a in access] == [
        ("/v1/things/{thing_id}", 200, "s-tel"),
        ("/v1/things/{thing_id}", 404, "s-tel"),
        ("/v1/things/{thing_id}", 401, None),
    ]
    assert [a["request_id"] for a in access] == [r.headers["X-Request-ID"] for r in (found, missing, refused)]
    assert all(a["method"] == "GET" and a["duration_ms"] >= 0 for a in access)
    handler_line = next(line for line in lines() if line["message"] == "looking at a thing")
    assert handler_line["request_id"] == "portal-req-42"
    assert not any("t-1" in json.dumps(a) for a in access)  # the template, never the path with its ids


async def test_the_first_requests_after_a_start_analyse_no_route_on_the_event_loop(client, keys, monkeypatch):
    """FastAPI builds each router's routing contexts (every route's dependencies, analysed) when first asked: the app
    asks when it is made, so neither the first refused request nor the first routed one does that work while other
    requests wait (on a real service, about 45 ms of CPU that stalled a health probe beside the first 401)."""
    analysed: list[str] = []
    build = fastapi.routing._EffectiveRouteContext.from_api_route

    def spy(*args, **kwargs):
        analysed.append(kwargs.get("original_route", args[0] if args else None).path)
        return build(*args, **kwargs)

    monkeypatch.setattr(fastapi.routing._EffectiveRouteContext, "from_api_route", staticmethod(spy))
    auth = {"Authorization": "Bearer " + mint_token(keys[0], org="s-tel", org_kind="school", roles=["admin"])}
    async with client:
        refused = await client.post("/v1/things/t-1", content=b"[1]", headers={"Content-Type": "application/json"})
        found = await client.get("/v1/things/t-1", headers=auth)
        options = await client.options("/v1/things/t-1")
    assert (refused.status_code, found.status_code, options.status_code) == (401, 200, 204)
    assert analysed == []


def test_a_request_id_is_the_callers_when_plain_and_a_new_one_otherwise():
    assert request_id("b7c1e2f0-booking-42") == "b7c1e2f0-booking-42"
    for bad in (None, "", "x" * 129, "two words", "line\nbreak", '{"json": 1}'):
        made = request_id(bad)
        assert made != bad and len(made) == 32 and made.isalnum()


async def test_a_background_line_names_its_task_and_no_line_carries_colour_codes(lines):
    async def relay_pass() -> None:
        logging.getLogger("praxis.outbox").info("a pass")
        # uvicorn logs its messages with an extra `color_message` holding ANSI codes
        logging.getLogger("uvicorn.error").info("Started", extra={"color_message": "\x1b[36mStarted\x1b[0m"})

    await asyncio.create_task(relay_pass(), name="outbox-relay")
    found = lines()
    assert [(line["message"], line["task"]) for line in found] == [
        ("a pass", "outbox-relay"),
        ("Started", "outbox-relay"),
    ]
    assert all("request_id" not in line for line in found)
    assert not any("\x1b" in json.dumps(line, ensure_ascii=False) or "\\u001b" in json.dumps(line) for line in found)
