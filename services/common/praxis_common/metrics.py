"""Prometheus metrics of a service process, served on a port of their own (`<PREFIX>METRICS_PORT`), never on the
public API (docs/observability.md).

Every metric a Praxis process exposes is declared here, once, in the process's default registry (which also holds
prometheus-client's `process_*` and `python_*` metrics). Counters and histograms move as things happen; the gauges
that describe a state elsewhere (the outbox's backlog in the database, a consumer's lag in JetStream, the database
pool) are read at scrape time by the refresh the service gives `metrics_app`, so a scrape sees them as they are
and nothing polls while nobody scrapes.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

import uvicorn
from prometheus_client import REGISTRY, Counter, Gauge, Histogram, make_asgi_app
from starlette.types import Receive, Scope, Send

log = logging.getLogger("praxis.metrics")

REFRESH_SECONDS = 2.0  # a scrape waits this long at most for the database and JetStream before answering
# Seconds, from a fast request to a national allocation round.
_LATENCY = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
_RUNS = (0.1, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0, 600.0)

# Requests (RED), by the route's template or the gRPC method; never by a path holding ids.
http_requests = Counter("praxis_http_server_requests", "REST requests answered", ["method", "route", "status"])
http_duration = Histogram(
    "praxis_http_server_request_duration_seconds", "REST request duration", ["method", "route"], buckets=_LATENCY
)
grpc_requests = Counter(
    "praxis_grpc_server_handled", "gRPC calls answered", ["grpc_service", "grpc_method", "grpc_code"]
)
grpc_duration = Histogram(
    "praxis_grpc_server_handling_seconds", "gRPC call duration", ["grpc_service", "grpc_method"], buckets=_LATENCY
)

# The outbox and its relay.
outbox_unsent = Gauge("praxis_outbox_unsent_rows", "Outbox rows not yet acknowledged by JetStream")
outbox_oldest_age = Gauge(
    "praxis_outbox_oldest_unsent_age_seconds", "Age of the oldest unsent outbox row (0 when none waits)"
)
outbox_published = Counter("praxis_outbox_published", "Outbox rows published and acknowledged")
outbox_failures = Counter("praxis_outbox_publish_failures", "Outbox publishes that failed (the row backs off)")
outbox_publish_seconds = Histogram(
    "praxis_outbox_publish_seconds", "From publish to JetStream's acknowledgement", buckets=_LATENCY
)
outbox_delay_seconds = Histogram(
    "praxis_outbox_delivery_delay_seconds", "From the row's commit to its acknowledged publish", buckets=_LATENCY
)

# Consumers, by durable name. Outcomes: applied, duplicate (the inbox had it), retried (the handler failed and
# the event comes again), waiting (our database is down; it does not count), dead_lettered.
consumer_events = Counter("praxis_consumer_events", "Events handled by a consumer", ["consumer", "outcome"])
consumer_redeliveries = Counter(
    "praxis_consumer_redeliveries", "Deliveries of an event delivered before (JetStream's count)", ["consumer"]
)
consumer_seconds = Histogram(
    "praxis_consumer_handling_seconds", "Time to apply one event", ["consumer"], buckets=_LATENCY
)
consumer_pending = Gauge(
    "praxis_consumer_pending_messages", "Messages on the consumer's stream not yet delivered to it", ["consumer"]
)
consumer_ack_pending = Gauge(
    "praxis_consumer_ack_pending_messages", "Messages delivered to the consumer and not yet acknowledged", ["consumer"]
)

# The database pool of this process.
db_pool_size = Gauge("praxis_db_pool_size", "Connections the pool may hold")
db_pool_connections = Gauge("praxis_db_pool_connections", "Connections of the pool", ["state"])

# Internships' use cases.
bookings = Counter("praxis_bookings", "Booking requests by outcome: booked, or the refusal's problem code", ["outcome"])
allocation_runs = Histogram(
    "praxis_allocation_run_seconds", "Duration of an allocation round's run (close)", buckets=_RUNS
)

scrape_failures = Counter(
    "praxis_metrics_refresh_failures", "Scrapes that could not read a state gauge (it keeps its last value)"
)


Refresh = Callable[[], Awaitable[None]]


def server(host: str, port: int, refresh: Refresh) -> uvicorn.Server:
    """The metrics port's server (run with `serve()` on the service's loop; the service owns the signals)."""
    config = uvicorn.Config(_app(refresh), host=host, port=port, log_config=None, access_log=False, lifespan="off")
    served = uvicorn.Server(config)
    served.install_signal_handlers = lambda: None
    return served


def _app(refresh: Refresh):
    """An ASGI app answering GET /metrics (Prometheus's text format, or OpenMetrics when asked) after `refresh` has
    read the state gauges, for at most REFRESH_SECONDS; any other path is a 404."""
    exposition = make_asgi_app(REGISTRY)

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] != "/metrics":
            await _not_found(scope, send)
            return
        try:
            await asyncio.wait_for(refresh(), REFRESH_SECONDS)
        except Exception as exc:  # a scrape still answers, with the gauges' last values
            scrape_failures.inc()
            log.warning("metrics refresh failed", extra={"error": repr(exc)})
        await exposition(scope, receive, send)

    return app


async def _not_found(scope: Scope, send: Send) -> None:
    if scope["type"] != "http":
        return
    await send({"type": "http.response.start", "status": 404, "headers": [(b"content-type", b"text/plain")]})
    await send({"type": "http.response.body", "body": b"metrics are at /metrics\n"})
