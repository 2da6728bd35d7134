"""Durable JetStream pull consumers with explicit ack, applied once through the inbox.

Per message, in one unit of work: claim the event id in the inbox, run the handler (which joins that
unit, as a use case called from REST joins an idempotent request's), commit; then ack. A transient failure naks with a growing delay; a message that can never apply (bad envelope
or payload), or whose handler failed `max_deliver` times, goes to the dead-letter subject and is
terminated, logged with its event id. Only handler failures count: a delivery that met our own
database down waits and counts for nothing (NATS's delivery count includes those, so the consumer
keeps its own count).

A consumer holds exactly one pull subscription. It keeps it across reconnects (nats-py re-subscribes
its inbox, and a reply to a pull request sent before the drop still lands there) and re-creates it,
unsubscribing the old one first, only when a fetch fails with something other than a timeout. It
sends no pull requests while disconnected: nats-py would queue them and send them all on reconnect,
and the messages they captured went to an inbox the consumer had already left, to wait out the ack
window (a 30 s stall after every NATS outage). An empty fetch is a timeout, whichever TimeoutError
nats-py raises for it (nats-py 2.16 sometimes raises the builtin one, nats.py #1008).

A message is redelivered `ack_wait` after its delivery if it is not settled, e.g. when the process
died while handling it; while a batch is being handled, its unsettled messages are kept alive with
in-progress acks (up to KEEP_ALIVE_SECONDS), so a slow handler is not redelivered under it.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from nats.js.api import AckPolicy, ConsumerConfig, DeliverPolicy
from sqlalchemy.exc import DataError

from praxis_common import inbox, metrics, tracing
from praxis_common.db import database_ready, unreachable
from praxis_common.errors import InvalidInput
from praxis_common.events import ReceivedEvent
from praxis_common.jetstream import Bus, dead_letter_subject, service_streams, stream_name
from praxis_common.logs import error_summary
from praxis_common.uow import UnitOfWorkFactory, UowFactory, joining

log = logging.getLogger("praxis.consumer")

# `handler(event, uow)`: maps the event to a command and calls the use case with `uow`, as REST and gRPC do.
Handler = Callable[[ReceivedEvent, UowFactory], Awaitable[None]]


ACK_WAIT_SECONDS = 5.0  # a handler is one short transaction; longer ones are kept alive (in-progress acks)
FETCH_SECONDS = 1.0  # how long an idle pull request waits for messages
MAX_RETRY_SECONDS = 5.0  # back-off cap after a loop error (e.g. JetStream electing a leader)
FAILURE_MEMORY = 10_000  # events with failures remembered; beyond that the oldest count starts again
# A batch is kept alive this long at most: a handler stuck beyond it lets JetStream hand the batch's messages to
# another replica (the inbox makes a late second application a no-op).
KEEP_ALIVE_SECONDS = 300.0


@dataclass(frozen=True)
class Subscription:
    """What a consumer listens to and how it applies an event (in the unit of work it is given)."""

    durable: str  # "<consuming service>-<purpose>", one per purpose
    source: str  # the producing service, whose stream this reads
    topics: list[str]  # subjects without the deployment prefix, e.g. "<producer>.<aggregate>.>"
    handler: Handler
    # A handler that waits on other things between its writes (NATS, the relay) opens its own units of work and
    # claims the event (unit.claim_event) in its last one, so no transaction stays open across the wait: an open
    # writing transaction holds back every change feed of the database server (praxis_common.feeds). Its steps
    # must be idempotent; a delivery whose event was claimed already is acknowledged without calling it.
    own_transactions: bool = False


class Consumer:
    def __init__(
        self,
        bus: Bus,
        uow: UnitOfWorkFactory,
        sub: Subscription,
        *,
        service: str,
        prefix: str,
        max_deliver: int = 10,
        ack_wait: float = ACK_WAIT_SECONDS,
        batch: int = 64,
        replicas: int = 1,
        fetch_seconds: float = FETCH_SECONDS,
    ) -> None:
        self.replicas = replicas
        self.fetch_seconds = fetch_seconds
        self.bus = bus
        self.uow = uow  # its commits wake the local relay, for the events a handler emitted
        self.engine = uow.engine
        self.sub = sub
        self.service = service
        self.prefix = prefix
        self.max_deliver = max_deliver
        self.ack_wait = ack_wait
        self.batch = batch
        self.stream = stream_name(prefix, sub.source)
        self._reconnected = bus.on_reconnect()
        self._psub = None
        self._provisioned = False
        # Handler failures per stream sequence, counted here: NATS's delivery count also counts deliveries that
        # met a database outage. Per process: a restart or another replica starts its own count, so an event
        # may get more than max_deliver attempts before it is dead-lettered, never fewer.
        self._failures: OrderedDict[int, int] = OrderedDict()

    async def provision(self) -> None:
        assert self.bus.js is not None
        # The producer owns its stream. A service's bus user may not create another's (bus_access.py): until the
        # producer has made it, this fails and the loop tries again; only the admin (tests) creates it here.
        await self.bus.recreate_missing_streams(service_streams(self.prefix, self.sub.source, self.replicas))
        await self.bus.js.add_consumer(
            self.stream,
            ConsumerConfig(
                durable_name=self.sub.durable,
                ack_policy=AckPolicy.EXPLICIT,
                deliver_policy=DeliverPolicy.ALL,
                filter_subjects=[f"{self.prefix}.{t}" for t in self.sub.topics],
                ack_wait=self.ack_wait,
                # We dead-letter handler failures at max_deliver ourselves; deliveries that met a database
                # outage do not count against the event, so the server must not cap them.
                max_deliver=-1,
                max_ack_pending=1000,
            ),
        )

    async def run(self, stop: asyncio.Event) -> None:
        failures = 0
        try:
            while not stop.is_set():
                try:
                    await self._step(stop)
                    failures = 0
                except asyncio.CancelledError:
                    raise
                except Exception as exc:
                    failures += 1
                    log.warning(
                        "consumer loop error; retrying",
                        extra={"durable": self.sub.durable, "error": error_summary(exc), "failures": failures},
                    )
                    await _wait_for(stop, min(MAX_RETRY_SECONDS, 0.25 * 2**failures))
        finally:
            await self._unsubscribe()

    async def _step(self, stop: asyncio.Event) -> None:
        """Make sure there is a subscription, then fetch and apply one batch."""
        if not await self.bus.wait_connected(self.fetch_seconds):
            return  # no pull request now: nats-py would queue it until the reconnect (see the module docstring)
        if self._reconnected.is_set():
            self._reconnected.clear()
            self._provisioned = False  # the server may have lost the consumer (a wiped or new server)
        if not self._provisioned:
            await self.provision()
            self._provisioned = True
        if self._psub is None:
            self._psub = await self.bus.js.pull_subscribe_bind(self.sub.durable, stream=self.stream)
        try:
            msgs = await self._psub.fetch(self.batch, timeout=self.fetch_seconds)
        except TimeoutError:  # no messages (nats' TimeoutError is a TimeoutError too)
            return
        except Exception:
            await self._unsubscribe()  # a broken subscription: the next step makes a new one, never a second one
            raise
        await self._apply(msgs, stop)

    async def _apply(self, msgs: list, stop: asyncio.Event) -> None:
        unsettled = list(msgs)
        keep_alive = asyncio.create_task(self._keep_alive(unsettled))
        try:
            while unsettled:
                if stop.is_set():  # not applied: let another instance have them now
                    for rest in unsettled:
                        await _quietly(rest.nak())
                    return
                applied = await self.handle(unsettled[0])
                unsettled.pop(0)
                if not applied:
                    for rest in unsettled:
                        await _quietly(rest.nak(delay=1.0))
                    unsettled.clear()
                    await self._wait_for_database(stop)
        finally:
            keep_alive.cancel()

    async def _keep_alive(self, unsettled: list) -> None:
        """Tell JetStream the batch's unsettled messages are being worked on, well within each ack window."""
        period = self.ack_wait / 3
        for _ in range(int(KEEP_ALIVE_SECONDS / period)):
            await asyncio.sleep(period)  # a heartbeat period, not synchronisation
            for msg in list(unsettled):
                if not msg.is_acked:
                    await _quietly(msg.in_progress())

    async def _unsubscribe(self) -> None:
        psub, self._psub = self._psub, None
        if psub is not None:
            await _quietly(psub.unsubscribe())

    async def handle(self, msg) -> bool:
        """Apply one message, in a span continuing its publisher's trace, counted by outcome. False when our own
        infrastructure failed (the message waits; nothing counts)."""
        durable, started = self.sub.durable, time.perf_counter()
        if msg.metadata.num_delivered > 1:
            metrics.consumer_redeliveries.labels(durable).inc()
        with tracing.consuming(msg.subject, msg.headers, durable):
            outcome = await self._handle(msg)
        metrics.consumer_events.labels(durable, outcome).inc()
        metrics.consumer_seconds.labels(durable).observe(time.perf_counter() - started)
        return outcome != "waiting"

    async def _handle(self, msg) -> str:
        """Apply one message: its outcome (see metrics.consumer_events)."""
        try:
            event = ReceivedEvent.from_message(msg.headers, msg.data)
            if self.sub.own_transactions:
                async with self.uow() as unit:
                    applied = await inbox.claimed(unit.connection, self.sub.durable, event.id)
                if not applied:
                    await self.sub.handler(event, self.uow)
                outcome = "duplicate" if applied else "applied"
            else:
                async with self.uow() as unit:
                    claimed = await unit.claim_event(self.sub.durable, event.id, event.type)
                    if claimed:
                        await self.sub.handler(event, joining(unit))
                    await unit.commit()
                outcome = "applied" if claimed else "duplicate"
        except (InvalidInput, DataError) as exc:  # this event can never apply
            detail = exc.detail if isinstance(exc, InvalidInput) else error_summary(exc)
            return await self.dead_letter(msg, f"poison: {detail}")
        except Exception as exc:
            if unreachable(exc) or not await database_ready(self.engine):
                # Our database (or the way to it) is down: not the event's fault, so this delivery must
                # not count towards the dead-letter stream. The event waits until the database is back.
                log.warning(
                    "database unavailable; event will wait",
                    extra={"durable": self.sub.durable, "error": error_summary(exc)},
                )
                await _quietly(msg.nak(delay=2.0))
                return "waiting"
            failures = self._count_failure(msg)
            if failures >= self.max_deliver:
                return await self.dead_letter(msg, f"gave up after {failures} handler failures: {error_summary(exc)}")
            log.warning(
                "event handling failed, will retry",
                extra={"durable": self.sub.durable, "failures": failures, "error": error_summary(exc)},
            )
            await _quietly(msg.nak(delay=min(30.0, 0.5 * 2**failures)))
            return "retried"
        await _quietly(msg.ack())  # if this ack is lost, the redelivery is a no-op thanks to the inbox
        self._forget(msg)
        return outcome

    def _count_failure(self, msg) -> int:
        seq = msg.metadata.sequence.stream
        count = self._failures.pop(seq, 0) + 1
        self._failures[seq] = count
        while len(self._failures) > FAILURE_MEMORY:
            self._failures.popitem(last=False)
        return count

    def _forget(self, msg) -> None:
        if self._failures:
            self._failures.pop(msg.metadata.sequence.stream, None)

    async def _wait_for_database(self, stop: asyncio.Event) -> None:
        while not stop.is_set() and not await database_ready(self.engine):
            await _wait_for(stop, 1.0)

    async def dead_letter(self, msg, reason: str) -> str:
        """Publish the message to the dead-letter subject and terminate it ("dead_lettered"); if that publish fails,
        the message stays (nak) and its failure count with it ("retried")."""
        headers = dict(msg.headers or {})
        headers.pop("Nats-Msg-Id", None)
        headers["praxis-dlq-reason"] = reason[:500]
        headers["praxis-dlq-subject"] = msg.subject
        subject = dead_letter_subject(self.prefix, self.service, self.sub.durable)
        log.error(
            "event dead-lettered",
            extra={"durable": self.sub.durable, "event_id": headers.get("ce-id"), "reason": reason, "dlq": subject},
        )
        try:
            await self.bus.publish(subject, msg.data, headers=headers, timeout=5)
        except Exception:
            log.exception("dead-letter publish failed; leaving the message for redelivery")
            await _quietly(msg.nak(delay=5))
            return "retried"
        await _quietly(msg.term())
        self._forget(msg)
        return "dead_lettered"

    async def refresh_lag(self) -> None:
        """Read the consumer's lag from JetStream into the metrics (at scrape time)."""
        if self.bus.js is None or not self._provisioned:
            return
        info = await self.bus.js.consumer_info(self.stream, self.sub.durable, timeout=1.0)
        metrics.consumer_pending.labels(self.sub.durable).set(info.num_pending or 0)
        metrics.consumer_ack_pending.labels(self.sub.durable).set(info.num_ack_pending or 0)


async def _quietly(aw: Awaitable) -> None:
    try:
        await aw
    except Exception as exc:
        log.debug("ignored: %r", exc)


async def _wait_for(stop: asyncio.Event, seconds: float) -> None:
    try:
        await asyncio.wait_for(stop.wait(), seconds)
    except TimeoutError:
        pass
