"""One service process: REST (uvicorn), gRPC, outbox relay, consumers and timers on one event loop.

A service describes itself with a ServiceSpec; `run` builds everything inside the running loop,
opens the service's own resources, serves until SIGTERM/SIGINT, then shuts down in order: report
NOT_SERVING, stop taking requests and let in-flight ones finish, stop consumers (nothing more is
acked), the relay and the workers, close the service's resources, then NATS and the database.

Readiness (`/readyz`, gRPC health of "" and of every service) is the database reachable and at this
code's migration head; NATS is reported apart (`/readyz`'s body, gRPC health of "nats") and does not
take the APIs out of a load balancer: writes go on, their events wait in the outbox.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import signal
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import uvicorn
from fastapi import APIRouter
from grpc_health.v1 import health_pb2
from sqlalchemy.ext.asyncio import AsyncEngine

from praxis_common import erasure, idempotency, inbox, metrics, outbox, pages, tracing
from praxis_common.auth import TokenVerifier
from praxis_common.consumer import Consumer, Subscription
from praxis_common.db import create_engine
from praxis_common.erasure import EraseStudent
from praxis_common.exports import ExportResource, worker
from praxis_common.exports import rpc as export_rpc
from praxis_common.http import create_app
from praxis_common.jetstream import Bus, service_streams
from praxis_common.migrations import Revisions
from praxis_common.outbox import OutboxRelay
from praxis_common.processes import ensure_ports_free
from praxis_common.readiness import Readiness, check_readiness
from praxis_common.rpc import GrpcServer
from praxis_common.settings import ServiceSettings
from praxis_common.uow import UnitOfWork, UnitOfWorkFactory

log = logging.getLogger("praxis.service")

NATS_HEALTH = "nats"  # the gRPC health check that follows the NATS connection alone


@dataclass
class Runtime:
    """What edges and workers of a running service share; built inside the running loop."""

    settings: ServiceSettings
    engine: AsyncEngine
    uow: UnitOfWorkFactory
    bus: Bus
    verifier: TokenVerifier
    revisions: Revisions | None = None  # of this code's migrations: readiness checks the database is there
    resources: Any = None  # what the spec's resources hook yielded, while the service runs

    def clock(self) -> datetime:
        """Now, in the deployment's zone: `.date()` is the local calendar date."""
        return datetime.now(ZoneInfo(self.settings.timezone))

    async def readiness(self) -> Readiness:
        return await check_readiness(self.engine, self.revisions, self.bus)


@dataclass
class ServiceSpec:
    """What a service is made of. Each service names its spec in its package's entry points (group
    `praxis.services`, see registry.py); the kernel finds it there and never names a service itself."""

    name: str
    routers: Callable[[Runtime], list[APIRouter]]
    # (register, full service name[, the names of its methods meant for other services: GrpcServer.add])
    grpc_services: Callable[[Runtime], list[tuple]]
    # Its settings class (env_prefix <NAME>_, default ports): `praxis serve` and `praxis migrate` read them.
    settings: type[ServiceSettings]
    subscriptions: Callable[[Runtime], list[Subscription]] = lambda rt: []
    # The producers whose streams its subscriptions read (besides its own): the bus grants it consumers there and
    # nowhere else (bus_access.py). Declared, so the server's permissions are known without running the service;
    # tests/test_bus_access.py checks every subscription's source is in it.
    consumes: frozenset[str] = frozenset()
    # It coordinates the others (erasure): it may also update the dead-letter stream and delete messages from it.
    coordinator: bool = False
    # gRPC methods taking bulk input (the twins of REST routes declaring a larger max_body_size): name -> bytes.
    grpc_message_limits: dict[str, int] = field(default_factory=dict)
    # Periodic jobs (e.g. time-driven state changes): each runs until the stop event is set.
    workers: Callable[[Runtime], list[Callable[[asyncio.Event], Awaitable[None]]]] = lambda rt: []
    # The service's alembic scripts: the process is ready only once its database is at their head.
    migrations: Path | None = None
    # The service's unit of work: its repositories, and how its aggregates' events become integration events.
    unit: type[UnitOfWork] = UnitOfWork
    # What the service holds open while it runs (e.g. clients of other services): entered once the runtime is
    # built, before the edges are assembled; what it yields is `rt.resources`; exited at shutdown once edges,
    # consumers and workers have stopped, before NATS and the database close.
    resources: Callable[[Runtime], AbstractAsyncContextManager[Any]] | None = None
    # Other services it calls: its setting holding a peer's gRPC address -> that service's name. Whoever runs
    # several services together (`praxis up`, the test stack) points the setting at the peer's process.
    peers: dict[str, str] = field(default_factory=dict)
    # A GET path worth trying first, printed by `praxis up` with a demo token (the first service having one).
    demo_path: str | None = None
    # Its part in erasing a student (praxis_common.erasure, docs/erasure.md): the hook that erases or
    # pseudonymises the service's own rows about the student; the kernel consumes the request and confirms.
    erase_student: EraseStudent | None = None
    # What an organisation owns here, for its export (docs/export.md): with resources listed, the service queues
    # and builds its part of each export job and serves it to the coordinator (praxis_common.exports).
    exports: list[ExportResource] = field(default_factory=list)


async def build_runtime(
    name: str, settings: ServiceSettings, migrations: Path | None = None, unit: type[UnitOfWork] = UnitOfWork
) -> Runtime:
    pages.configure(settings.page_token_key())
    engine = create_engine(settings.database_url, pool_size=settings.database_pool_size)
    tracing.instrument_engine(engine)
    bus = Bus(settings.nats_url, name=f"praxis-{name}", credentials=settings.nats_credentials())
    await bus.connect()
    return Runtime(
        settings=settings,
        engine=engine,
        uow=UnitOfWorkFactory(engine, event_prefix=settings.event_prefix, unit=unit),
        bus=bus,
        verifier=TokenVerifier.from_settings(settings),
        revisions=Revisions.of(migrations) if migrations else None,
    )


def every(seconds: float, job: Callable[[], Awaitable[object]], *, name: str):
    """A worker that runs `job` now and then every `seconds` until stopped; a failing pass is logged, not fatal.
    A truthy result (e.g. how many rows changed) is logged."""

    async def run(stop: asyncio.Event) -> None:
        while not stop.is_set():
            try:
                done = await job()
                if done:
                    log.info(f"{name}: done", extra={"result": done})
            except Exception:
                log.exception(f"{name} failed")
            try:
                await asyncio.wait_for(stop.wait(), seconds)
            except TimeoutError:
                pass

    run.__name__ = name  # the task's name in its log lines
    return run


def _worker_name(worker: Callable) -> str:
    owner = getattr(worker, "__self__", None)  # a bound method: its object's kind says more than "run"
    return type(owner).__name__ if owner is not None else getattr(worker, "__name__", "worker")


HOUSEKEEPING_SECONDS = 600


def housekeeping(rt: Runtime):
    """Forget what is no longer needed: sent outbox rows, old inbox ids, expired idempotency keys."""

    async def prune() -> None:
        async with rt.engine.begin() as conn:
            await outbox.prune(conn, rt.settings.outbox_retention_hours)
            await inbox.prune(conn, rt.settings.inbox_retention_hours)
            await idempotency.prune(conn)

    return every(HOUSEKEEPING_SECONDS, prune, name="housekeeping")


async def run(spec: ServiceSpec, settings: ServiceSettings, *, stop: asyncio.Event | None = None) -> None:
    prefix = settings.model_config.get("env_prefix", "")
    ensure_ports_free(
        [
            (settings.http_host, settings.http_port, f"{prefix}HTTP_PORT"),
            (settings.grpc_host, settings.grpc_port, f"{prefix}GRPC_PORT"),
            *(
                [(settings.metrics_host, settings.metrics_port, f"{prefix}METRICS_PORT")]
                if settings.metrics_port
                else []
            ),
        ]
    )
    current = asyncio.current_task()
    if current is not None:
        current.set_name("main")  # the name its log lines carry (praxis_common.logs)
    stop_tracing = tracing.configure(spec.name)

    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        try:
            loop.add_signal_handler(sig, stop.set)
        except (NotImplementedError, RuntimeError):
            pass  # not the main thread (tests run services in-process)

    rt = await build_runtime(spec.name, settings, spec.migrations, spec.unit)
    try:
        async with open_resources(spec, rt):
            await _serve(spec, rt, stop)
    finally:
        await rt.bus.close()
        await rt.engine.dispose()
        if stop_tracing is not None:
            await asyncio.to_thread(stop_tracing)  # exports the spans still buffered
        log.info("stopped")


@asynccontextmanager
async def open_resources(spec: ServiceSpec, rt: Runtime) -> AsyncIterator[Any]:
    """The service's resources (ServiceSpec.resources) as `rt.resources` for the block; closed when it ends."""
    if spec.resources is None:
        yield None
        return
    async with spec.resources(rt) as resources:
        rt.resources = resources
        try:
            yield resources
        finally:
            rt.resources = None


async def _serve(spec: ServiceSpec, rt: Runtime, stop: asyncio.Event) -> None:
    """Edges, relay, consumers and workers until `stop`; then they stop in order (edges drain first)."""
    settings = rt.settings
    streams = service_streams(settings.event_prefix, spec.name, settings.stream_replicas)
    # Its own stream it owns; the shared dead-letter stream only the coordinator may bring in line (bus_access.py).
    await rt.bus.ensure_streams(streams[:1])
    await rt.bus.ensure_streams(streams[1:], owner=spec.coordinator)

    app = create_app(
        title=f"Praxis {spec.name}",
        verifier=rt.verifier,
        routers=spec.routers(rt),
        readiness=rt.readiness,
        max_body_bytes=settings.max_request_bytes,
        cors_origins=settings.cors_allow_origins,
    )
    http = uvicorn.Server(
        uvicorn.Config(
            app,
            host=settings.http_host,
            port=settings.http_port,
            log_config=None,
            access_log=False,
            timeout_graceful_shutdown=int(settings.shutdown_grace_seconds),
            lifespan="off",
            timeout_keep_alive=settings.http_keep_alive_seconds,
        )
    )
    http.install_signal_handlers = lambda: None  # we own the signals (older uvicorn)

    grpc_server = GrpcServer(
        rt.verifier,
        host=settings.grpc_host,
        port=settings.grpc_port,
        max_message_bytes=settings.max_request_bytes,
        method_limits=spec.grpc_message_limits,
    )
    # (register, name[, service methods[, authority methods]])
    for register, service_name, *declared in [*spec.grpc_services(rt), *export_grpc_services(spec, rt)]:
        grpc_server.add(register, service_name, *declared)
    await grpc_server.start()

    workers_stop = asyncio.Event()  # consumers, relay and timers stop after the edges drain
    relay = OutboxRelay(
        rt.engine,
        rt.bus,
        wakeup=rt.uow.committed,
        poll_seconds=settings.outbox_poll_seconds,
        batch_size=settings.outbox_batch_size,
        streams=streams,
    )
    consumers = [
        Consumer(
            rt.bus,
            rt.uow,
            sub,
            service=spec.name,
            prefix=settings.event_prefix,
            max_deliver=settings.consumer_max_deliver,
            ack_wait=settings.consumer_ack_wait_seconds,
            replicas=settings.stream_replicas,
        )
        for sub in subscriptions(spec, rt)
    ]

    async def refresh_metrics() -> None:
        """The state gauges, read at scrape time: the outbox's backlog, each consumer's lag, the pool."""
        pool = rt.engine.pool
        metrics.db_pool_size.set(pool.size())
        metrics.db_pool_connections.labels("in_use").set(pool.checkedout())
        metrics.db_pool_connections.labels("idle").set(pool.checkedin())
        unsent, oldest = await outbox.backlog(rt.engine)
        metrics.outbox_unsent.set(unsent)
        metrics.outbox_oldest_age.set(oldest)
        await asyncio.gather(*(c.refresh_lag() for c in consumers))

    metrics_http = (
        metrics.server(settings.metrics_host, settings.metrics_port, refresh_metrics) if settings.metrics_port else None
    )

    async def follow_readiness(stop: asyncio.Event) -> None:
        while not stop.is_set():
            state = await rt.readiness()
            await grpc_server.set_serving(state.ready)
            await grpc_server.health.set(NATS_HEALTH, _serving(state.nats))
            try:
                await asyncio.wait_for(stop.wait(), 2.0)
            except TimeoutError:
                pass

    # What exists now lives as long as the process: keep it out of the collector's full passes, whose pauses
    # otherwise land on requests (the booking bench's p99).
    gc.collect()
    gc.freeze()
    tasks = [
        asyncio.create_task(http.serve(), name="http"),
        *([asyncio.create_task(metrics_http.serve(), name="metrics")] if metrics_http else []),
        asyncio.create_task(housekeeping(rt)(workers_stop), name="housekeeping"),
        asyncio.create_task(follow_readiness(workers_stop), name="health"),
        asyncio.create_task(relay.run(workers_stop), name="outbox-relay"),
        *(asyncio.create_task(c.run(workers_stop), name=f"consumer:{c.sub.durable}") for c in consumers),
        *(
            asyncio.create_task(w(workers_stop), name=f"worker:{_worker_name(w)}")
            for w in [*spec.workers(rt), *export_workers(spec, rt)]
        ),
    ]
    log.info(
        "service started",
        extra={
            "http": f"{settings.http_host}:{settings.http_port}",
            "grpc": grpc_server.address,
            "metrics": f"{settings.metrics_host}:{settings.metrics_port}" if metrics_http else None,
            "consumers": [c.sub.durable for c in consumers],
        },
    )
    try:
        waiters = [
            asyncio.ensure_future(asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)),
            asyncio.ensure_future(stop.wait()),
        ]
        await asyncio.wait(waiters, return_when=asyncio.FIRST_COMPLETED)
        for w in waiters:
            w.cancel()
        for t in tasks:
            if t.done() and not t.cancelled() and t.exception():
                log.error("task failed", exc_info=t.exception(), extra={"task": t.get_name()})
    finally:
        log.info("shutting down")
        http.should_exit = True
        if metrics_http:
            metrics_http.should_exit = True
        await grpc_server.stop(settings.shutdown_grace_seconds)
        workers_stop.set()
        _, stuck = await asyncio.wait(tasks, timeout=settings.shutdown_grace_seconds)
        for t in stuck:
            log.warning("task did not stop in time; cancelling", extra={"task": t.get_name()})
            t.cancel()
        await asyncio.gather(*stuck, return_exceptions=True)


def subscriptions(spec: ServiceSpec, rt: Runtime) -> list[Subscription]:
    """The spec's consumers, the export consumer when it exports, and the erasure consumer when it has an
    erasure hook."""
    subs = [*spec.subscriptions(rt), *export_subscriptions(spec)]
    if spec.erase_student is not None:
        subs.append(erasure.subscription(rt, spec.name, spec.erase_student))
    return subs


def export_grpc_services(spec: ServiceSpec, rt: Runtime) -> list[tuple]:
    """ExportPartsService, for a service that exports (the coordinator reads its parts there)."""
    return [export_rpc.grpc_service(rt)] if spec.exports else []


def export_subscriptions(spec: ServiceSpec) -> list[Subscription]:
    return [worker.requested_subscription(spec.name)] if spec.exports else []


def export_workers(spec: ServiceSpec, rt: Runtime) -> list[Callable[[asyncio.Event], Awaitable[None]]]:
    if not spec.exports:
        return []
    builder = worker.PartBuilder(rt, spec.name, spec.exports)
    return [builder.run, every(worker.PRUNE_SECONDS, builder.prune, name="export parts expiry")]


def _serving(up: bool) -> int:
    return health_pb2.HealthCheckResponse.SERVING if up else health_pb2.HealthCheckResponse.NOT_SERVING
