"""One trace across services (docs/observability.md): a booking and its confirmation over REST in internships (both
carrying the calling portal's W3C traceparent), the confirmation's outbox row published by the relay, and the mentors
consumer opening the placement's mentor assignment, all under one trace id in the spans the services export over
OTLP/HTTP to a real receiver started here.

A stack of its own (destructive: its services are configured to export spans, with the standard OTEL_* variables).
"""

from __future__ import annotations

import secrets
from datetime import date, timedelta

import pytest

from praxis_dev.testing.otlp import Span, SpanSink
from praxis_dev.testing.stack import Stack, eventually

pytestmark = pytest.mark.destructive
SCHOOL, ENTERPRISE = "school-trace", "ent-trace"
WAIT = 30
BOOK, CONFIRM = "POST /v1/placements", "POST /v1/placements/{placement_id}/confirm"


@pytest.fixture(scope="module")
def sink():
    with SpanSink() as s:
        yield s


@pytest.fixture(scope="module")
def stack(nats_server, event_prefix, database_factory, tmp_path_factory, sink):
    s = Stack(
        nats_server,
        event_prefix,
        tmp_path_factory.mktemp("stack"),
        database_factory,
        environment={"OTEL_EXPORTER_OTLP_ENDPOINT": sink.endpoint, "OTEL_BSP_SCHEDULE_DELAY": "100"},
    )
    try:
        yield s.start(("internships", "mentors", "projects"))
    finally:
        s.stop()


def _ancestors(span: Span, by_id: dict[str, Span]) -> list[Span]:
    chain = []
    while span.parent_span_id in by_id:
        span = by_id[span.parent_span_id]
        chain.append(span)
    return chain


@pytest.mark.asyncio(loop_scope="module")
async def test_a_confirmation_and_the_assignment_it_causes_share_one_trace(stack: Stack, internships, sink):
    # The portal traces the user's journey itself: the booking and the confirmation carry its trace (W3C traceparent).
    journey = secrets.token_hex(16)

    def traced(headers: dict[str, str]) -> dict[str, str]:
        return {**headers, "traceparent": f"00-{journey}-{secrets.token_hex(8)}-01"}

    async with internships.client() as c:
        agreement = await internships.agreement(c, SCHOOL, ENTERPRISE)
        position = await internships.position(c, ENTERPRISE, agreement, seats=1, starts_on=date.today() + timedelta(30))
        booked = await c.post(
            "/v1/placements",
            headers=traced(stack.auth(SCHOOL, "school", "admin")),
            json={"position_id": position["id"], "student_ref": "stu-trace", "birth_date": "2004-01-01"},
        )
        assert booked.status_code == 201, booked.text
        placement = booked.json()["id"]
        confirmed = await c.post(
            f"/v1/placements/{placement}/confirm", headers=traced(stack.auth(ENTERPRISE, "enterprise", "hr"))
        )
        assert confirmed.status_code == 200, confirmed.text
    subject = f"{stack.prefix}.internships.placement.confirmed"

    async def found() -> list[Span] | None:
        trace = [s for s in sink.spans() if s.trace_id == journey]
        consumed = any(s.service == "praxis-mentors" and s.name == f"process {subject}" for s in trace)
        return trace if consumed else None

    trace = await eventually(found, timeout=WAIT, what="the journey's trace to reach the mentors consumer")
    by_id = {s.span_id: s for s in trace}
    # Both requests continue the portal's trace, each under the span its traceparent named.
    requests = {s.name: s for s in trace if s.kind == "SERVER"}
    assert {BOOK, CONFIRM} <= set(requests), sorted(requests)
    assert all(requests[n].service == "praxis-internships" and requests[n].parent_span_id for n in (BOOK, CONFIRM))
    request = requests[CONFIRM]

    # The relay's publish continues the request's trace (the outbox row carried it), in internships.
    publish = next(s for s in trace if s.kind == "PRODUCER" and s.name == f"publish {subject}")
    assert publish.service == "praxis-internships"
    assert publish.attributes["messaging.destination.name"] == subject
    assert publish.parent_span_id and request in _ancestors(publish, by_id)

    # The mentors consumer's span is the publish span's child (its context came in the NATS headers) ...
    process = next(s for s in trace if s.kind == "CONSUMER" and s.service == "praxis-mentors")
    assert process.name == f"process {subject}" and process.parent_span_id == publish.span_id
    assert process.attributes["messaging.consumer.group.name"] == "mentors-placements"

    # ... and the assignment is written under it: mentors' own statements, in the same trace.
    statements = [s for s in trace if s.service == "praxis-mentors" and s.kind == "CLIENT"]
    assert any(process in _ancestors(s, by_id) for s in statements), [s.name for s in statements]
    assert any(
        "assignment" in (s.attributes.get("db.statement") or s.attributes.get("db.query.text") or "")
        for s in statements
    )

    # Every service exported spans of its own; none of them names the student.
    assert {s.service for s in sink.spans()} >= {"praxis-internships", "praxis-mentors", "praxis-projects"}
    assert not any("stu-trace" in str(s) for s in sink.spans())
