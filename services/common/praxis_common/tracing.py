"""Traces with OpenTelemetry, off unless configured by the standard `OTEL_*` variables (docs/observability.md).

One trace follows a change across services: the REST or gRPC request (FastAPI's and gRPC's instrumentations, which
also carry `traceparent` in a gRPC call's metadata) -> its statements (SQLAlchemy's) -> the outbox row, which
stores the W3C `traceparent` among its event's headers (`inject`) -> the relay's publish span, whose context
travels in the NATS message's headers -> the consuming service's span around its handler (`consuming`), whose own
statements and outbox rows continue the same trace.

Tracing is on when `OTEL_TRACES_EXPORTER` names an exporter (`otlp`, `console`) or an OTLP endpoint is set
(`OTEL_EXPORTER_OTLP_ENDPOINT`, `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`), and `OTEL_SDK_DISABLED` is not `true`.
Everything else (sampling, batching, headers, the service's name) the SDK reads from the same standard variables.
Off, the SDK and the instrumentations are not even imported: propagation then finds no span and writes nothing.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from opentelemetry import propagate, trace
from opentelemetry.trace import SpanKind

_tracer = trace.get_tracer("praxis")


def enabled() -> bool:
    env = os.environ
    if env.get("OTEL_SDK_DISABLED", "").strip().lower() == "true":
        return False
    exporter = env.get("OTEL_TRACES_EXPORTER", "").strip().lower()
    if exporter:
        return exporter != "none"
    return bool(env.get("OTEL_EXPORTER_OTLP_ENDPOINT") or env.get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"))


def configure(service: str) -> Callable[[], None] | None:
    """Install the SDK's tracer provider and the gRPC instrumentation (server and client) for this process, when
    tracing is on; returns what flushes and stops it at shutdown. FastAPI's and SQLAlchemy's instrumentations are
    per app and per engine (`instrument_app`, `instrument_engine`)."""
    if not enabled():
        return None
    from opentelemetry.instrumentation.grpc import GrpcAioInstrumentorClient, GrpcAioInstrumentorServer
    from opentelemetry.sdk.resources import SERVICE_NAME, Resource
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import BatchSpanProcessor, ConsoleSpanExporter

    names = {} if os.environ.get("OTEL_SERVICE_NAME") else {SERVICE_NAME: f"praxis-{service}"}
    provider = TracerProvider(resource=Resource.create(names))
    for exporter in _exporters():
        if exporter == "console":
            provider.add_span_processor(BatchSpanProcessor(ConsoleSpanExporter()))
        elif exporter == "otlp":
            provider.add_span_processor(BatchSpanProcessor(_otlp_exporter()))
        else:
            raise ValueError(f"OTEL_TRACES_EXPORTER: {exporter!r} is not one of otlp, console, none")
    trace.set_tracer_provider(provider)
    GrpcAioInstrumentorServer().instrument()
    GrpcAioInstrumentorClient().instrument()
    return provider.shutdown


def _exporters() -> list[str]:
    named = os.environ.get("OTEL_TRACES_EXPORTER", "").strip().lower() or "otlp"
    return [e.strip() for e in named.split(",") if e.strip() and e.strip() != "none"]


def _otlp_exporter():
    protocol = (
        os.environ.get("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL") or os.environ.get("OTEL_EXPORTER_OTLP_PROTOCOL") or ""
    )
    if protocol.strip() not in ("", "http/protobuf"):
        raise ValueError(f"OTLP protocol {protocol!r}: Praxis ships the http/protobuf exporter (docs/observability.md)")
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

    return OTLPSpanExporter()  # endpoint, headers, timeout and compression from OTEL_EXPORTER_OTLP_*


def instrument_app(app) -> None:
    """FastAPI's server spans for `app`, when tracing is on (the health probes excluded)."""
    if enabled():
        from opentelemetry.instrumentation.fastapi import FastAPIInstrumentor

        # One span per request: not the ASGI messages' own (http receive / http send) under it.
        FastAPIInstrumentor.instrument_app(app, excluded_urls="/healthz,/readyz", exclude_spans=["receive", "send"])


def instrument_engine(engine) -> None:
    """A span per statement of `engine` (an AsyncEngine), when tracing is on. Statements only: never their
    parameters."""
    if enabled():
        from opentelemetry.instrumentation.sqlalchemy import SQLAlchemyInstrumentor

        # The instrumentation declares SQLAlchemy < 2.1; the engine events it hooks (before/after_cursor_execute) are
        # unchanged in 2.1, so its version check is skipped (tests/test_traces_e2e.py finds the statements' spans).
        SQLAlchemyInstrumentor().instrument(engine=engine.sync_engine, enable_commenter=False, skip_dep_check=True)


def inject(headers: dict[str, str]) -> dict[str, str]:
    """`headers` with the current trace context (W3C `traceparent`, `tracestate`) added, when a span is recording."""
    propagate.inject(headers)
    return headers


@contextmanager
def publishing(subject: str, headers: dict[str, str]) -> Iterator[dict[str, str]]:
    """A producer span for publishing an outbox row, child of the context its headers stored at commit; yields the
    headers to send, carrying this span's context instead."""
    parent = propagate.extract(headers)
    with _tracer.start_as_current_span(
        f"publish {subject}",
        context=parent,
        kind=SpanKind.PRODUCER,
        attributes={
            "messaging.system": "nats",
            "messaging.operation.type": "send",
            "messaging.destination.name": subject,
        },
    ):
        sent = {k: v for k, v in headers.items() if k not in ("traceparent", "tracestate")}
        yield inject(sent)


@contextmanager
def consuming(subject: str, headers: dict[str, str] | None, consumer: str) -> Iterator[None]:
    """A consumer span around applying a message, child of the publisher's span named in its headers; the
    handler's statements and the events it emits continue this trace."""
    with _tracer.start_as_current_span(
        f"process {subject}",
        context=propagate.extract(headers or {}),
        kind=SpanKind.CONSUMER,
        attributes={
            "messaging.system": "nats",
            "messaging.operation.type": "process",
            "messaging.destination.name": subject,
            "messaging.consumer.group.name": consumer,
        },
    ):
        yield
