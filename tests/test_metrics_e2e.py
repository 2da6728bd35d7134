"""Every service's Prometheus metrics, scraped from its metrics port while a booking run goes through it: the REST
and gRPC RED metrics, the outbox and its relay, the consumers, the database pool and the bookings by outcome move
(docs/observability.md). On the shared stack: the counters only ever grow, so each check is on what this module's
own requests added."""

from __future__ import annotations

import asyncio
from datetime import date, timedelta

import grpc
import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from praxis.projects.v1 import projects_pb2 as pb
from praxis.projects.v1 import projects_pb2_grpc as pb_grpc
from praxis_dev.testing.stack import Stack, eventually

SCHOOL, ENTERPRISE = "school-metrics", "ent-metrics"
WAIT = 30
Samples = dict[tuple[str, frozenset], float]


async def scrape(stack: Stack, service: str) -> Samples:
    async with httpx.AsyncClient(timeout=10) as c:
        r = await c.get(stack[service].metrics_url)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/plain"), r.text[:300]
    return {
        (s.name, frozenset(s.labels.items())): s.value
        for family in text_string_to_metric_families(r.text)
        for s in family.samples
    }


def value(samples: Samples, name: str, **labels: str) -> float:
    return samples.get((name, frozenset(labels.items())), 0.0)


def grew(before: Samples, after: Samples, name: str, **labels: str) -> float:
    return value(after, name, **labels) - value(before, name, **labels)


@pytest.mark.asyncio(loop_scope="module")
async def test_a_booking_run_moves_the_red_outbox_consumer_and_booking_metrics(stack: Stack, internships):
    services = ("internships", "mentors", "projects", "notifications")
    before = {s: await scrape(stack, s) for s in services}
    enterprise = stack.auth(ENTERPRISE, "enterprise", "hr")

    async with internships.client() as c:
        agreement = await internships.agreement(c, SCHOOL, ENTERPRISE)
        position = await internships.position(c, ENTERPRISE, agreement, seats=2, starts_on=date.today() + timedelta(30))
        booked = await asyncio.gather(
            *(
                internships.book(c, SCHOOL, position["id"], f"stu-metrics-{i}", birth_date="2004-01-01")
                for i in range(3)
            )
        )
        assert sorted(r.status_code for r in booked) == [201, 201, 409], [r.text for r in booked]
        confirmed = await asyncio.gather(
            *(
                c.post(f"/v1/placements/{r.json()['id']}/confirm", headers=enterprise)
                for r in booked
                if r.status_code == 201
            )
        )
        assert [r.status_code for r in confirmed] == [200, 200], [r.text for r in confirmed]

    async with grpc.aio.insecure_channel(stack["projects"].grpc_target) as channel:
        stub = pb_grpc.ProjectsServiceStub(channel)
        token = (("authorization", f"Bearer {stack.token(SCHOOL, 'school', 'admin')}"),)
        await stub.ListPartnerships(pb.ListPartnershipsRequest(), metadata=token, timeout=10)
        with pytest.raises(grpc.aio.AioRpcError) as refused:
            await stub.ListPartnerships(pb.ListPartnershipsRequest(), timeout=10)
        assert refused.value.code() == grpc.StatusCode.UNAUTHENTICATED

    async def settled() -> dict[str, Samples] | None:
        """Every service's figures once the run's events were published and the mentors consumer applied both
        confirmations."""
        after = {s: await scrape(stack, s) for s in services}
        applied = grew(
            before["mentors"],
            after["mentors"],
            "praxis_consumer_events_total",
            consumer="mentors-placements",
            outcome="applied",
        )
        return (
            after
            if applied >= 2 and grew(before["internships"], after["internships"], "praxis_outbox_published_total") >= 4
            else None
        )

    after = await eventually(settled, timeout=WAIT, what="the run's events published and applied by mentors")
    i0, i1 = before["internships"], after["internships"]

    # RED per route template and status
    posts = {"method": "POST", "route": "/v1/placements"}
    assert grew(i0, i1, "praxis_http_server_requests_total", **posts, status="201") >= 2
    assert grew(i0, i1, "praxis_http_server_requests_total", **posts, status="409") >= 1
    confirm = {"method": "POST", "route": "/v1/placements/{placement_id}/confirm"}
    assert grew(i0, i1, "praxis_http_server_requests_total", **confirm, status="200") >= 2
    assert grew(i0, i1, "praxis_http_server_request_duration_seconds_count", **posts) >= 3
    assert not any("stu-metrics" in str(labels) or position["id"] in str(labels) for _, labels in i1)

    # bookings by outcome
    assert grew(i0, i1, "praxis_bookings_total", outcome="booked") >= 2
    assert grew(i0, i1, "praxis_bookings_total", outcome="seats-exhausted") >= 1

    # the outbox and its relay: bookings and confirmations published, timed from the publish and from the commit
    assert grew(i0, i1, "praxis_outbox_publish_seconds_count") >= 4
    assert grew(i0, i1, "praxis_outbox_delivery_delay_seconds_count") >= 4
    assert ("praxis_outbox_unsent_rows", frozenset()) in i1
    assert value(i1, "praxis_outbox_oldest_unsent_age_seconds") >= 0

    # the database pool, read at scrape time
    assert value(i1, "praxis_db_pool_size") >= 1
    assert (
        value(i1, "praxis_db_pool_connections", state="in_use") + value(i1, "praxis_db_pool_connections", state="idle")
        >= 1
    )

    # the consumers: what mentors applied, and every consumer's lag read from JetStream
    m1 = after["mentors"]
    assert grew(before["mentors"], m1, "praxis_consumer_handling_seconds_count", consumer="mentors-placements") >= 2
    assert ("praxis_consumer_pending_messages", frozenset({("consumer", "mentors-placements")})) in m1
    assert ("praxis_consumer_ack_pending_messages", frozenset({("consumer", "mentors-placements")})) in m1

    # gRPC, by status code
    p0, p1 = before["projects"], after["projects"]
    method = {"grpc_service": "praxis.projects.v1.ProjectsService", "grpc_method": "ListPartnerships"}
    assert grew(p0, p1, "praxis_grpc_server_handled_total", **method, grpc_code="OK") >= 1
    assert grew(p0, p1, "praxis_grpc_server_handled_total", **method, grpc_code="UNAUTHENTICATED") >= 1
    assert grew(p0, p1, "praxis_grpc_server_handling_seconds_count", **method) >= 2

    # every service's process metrics are there
    assert all(value(after[s], "process_resident_memory_bytes") > 0 for s in services)


@pytest.mark.asyncio(loop_scope="module")
async def test_metrics_are_served_apart_from_the_public_api(stack: Stack):
    async with httpx.AsyncClient(timeout=10) as c:
        for name in ("internships", "mentors", "projects", "notifications"):
            service = stack[name]
            on_api = await c.get(f"{service.base_url}/metrics")
            assert on_api.status_code in (401, 404), (name, on_api.status_code)
            elsewhere = await c.get(service.metrics_url.replace("/metrics", "/v1/placements"))
            assert elsewhere.status_code == 404, (name, elsewhere.status_code)
