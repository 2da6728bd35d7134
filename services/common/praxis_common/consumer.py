"""Durable JetStream pull consumers with explicit ack, applied once through the inbox.

Per message, in one transaction: claim the event id in the inbox, run the handler, commit; then
ack. A transient failure naks with a growing delay; a message that can never apply (bad envelope
or payload) or that failed `max_deliver` times goes to the dead-letter subject and is terminated,
logged with its event id. The pull subscription is re-created after every reconnect (nats-py can
silently stop delivering to old pull subscriptions after a server restart, nats.py #504/#234).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from nats.errors import TimeoutError as NatsTimeout
from nats.js.api import AckPolicy, ConsumerConfig, DeliverPolicy
from sqlalchemy.exc import DataError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from praxis_common import inbox
from praxis_common.db import database_ready
from praxis_common.errors import InvalidInput
from praxis_common.events import ReceivedEvent
from praxis_common.jetstream import Bus, dead_letter_subject, service_streams, stream_name

log = logging.getLogger("praxis.consumer")

Handler = Callable[[AsyncConnection, ReceivedEvent], Awaitable[None]]

# Failures of our own infrastructure rather than of the event.
TRANSIENT = (OperationalError, InterfaceError, PoolTimeout, OSError, TimeoutError)


@dataclass(frozen=True)
class Subscription:
    """What a consumer listens to and how it applies an event (inside the given transaction)."""

    durable: str  # e.g. "mentors-partnerships"
    source: str  # the producing service, whose stream this reads
    topics: list[str]  # subjects without the deployment prefix, e.g. "internships.agreement.>"
    handler: Handler


class Consumer:
    def __init__(
        self,
        bus: Bus,
        engine: AsyncEngine,
        sub: Subscription,
        *,
        service: str,
        prefix: str,
        max_deliver: int = 10,
        ack_wait: float = 30.0,
        batch: int = 64,
        replicas: int = 1,
        on_commit: Callable[[], None] | None = None,
    ) -> None:
        self.replicas = replicas
        # Called after an event was applied: a handler may have written outbox rows, and the local relay
        # should publish them now rather than at its next poll.
        self.on_commit = on_commit
        self.bus = bus
        self.engine = engine
        self.sub = sub
        self.service = service
        self.prefix = prefix
        self.max_deliver = max_deliver
        self.ack_wait = ack_wait
        self.batch = batch
        self.stream = stream_name(prefix, sub.source)
        self._reconnected = bus.on_reconnect()

    async def provision(self) -> None:
        assert self.bus.js is not None
        # The producer owns its stream; creating it here too (same settings) lets services start in any order.
        await self.bus.ensure_streams(service_streams(self.prefix, self.sub.source, self.replicas), owner=False)
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

    async def _subscribe(self):
        assert self.bus.js is not None
        await self.provision()
        return await self.bus.js.pull_subscribe_bind(self.sub.durable, stream=self.stream)

    async def run(self, stop: asyncio.Event) -> None:
        psub = None
        while not stop.is_set():
            try:
                if psub is None or self._reconnected.is_set():
                    self._reconnected.clear()
                    if psub is not None:
                        await _quietly(psub.unsubscribe())
                    if not self.bus.connected:
                        psub = None
                        await _wait_for(stop, 0.2)
                        continue
                    psub = await self._subscribe()
                try:
                    msgs = await psub.fetch(self.batch, timeout=1.0)
                except NatsTimeout:
                    continue
                for i, msg in enumerate(msgs):
                    if stop.is_set():
                        for rest in msgs[i:]:  # not applied: let another instance have them now
                            await _quietly(rest.nak())
                        break
                    if not await self.handle(msg):
                        for rest in msgs[i + 1 :]:
                            await _quietly(rest.nak(delay=1.0))
                        await self._wait_for_database(stop)
                        break
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                log.warning(
                    "consumer loop error, re-subscribing", extra={"durable": self.sub.durable, "error": repr(exc)}
                )
                psub = None
                await _wait_for(stop, 0.5)
        if psub is not None:
            await _quietly(psub.unsubscribe())

    async def handle(self, msg) -> bool:
        """Apply one message. False when our own infrastructure failed (the message waits; nothing counts)."""
        attempt = msg.metadata.num_delivered
        try:
            event = ReceivedEvent.from_message(msg.headers, msg.data)
            async with self.engine.begin() as conn:
                applied = await inbox.claim(conn, self.sub.durable, event.id, event.type)
                if applied:
                    await self.sub.handler(conn, event)
            if applied and self.on_commit is not None:
                self.on_commit()
        except (InvalidInput, DataError) as exc:  # this event can never apply
            detail = exc.detail if isinstance(exc, InvalidInput) else str(exc.orig)
            await self.dead_letter(msg, f"poison: {detail}")
            return True
        except Exception as exc:
            if isinstance(exc, TRANSIENT) or not await database_ready(self.engine):
                # Our database (or the way to it) is down: not the event's fault, so this delivery must
                # not count towards the dead-letter stream. The event waits until the database is back.
                log.warning(
                    "database unavailable; event will wait", extra={"durable": self.sub.durable, "error": repr(exc)}
                )
                await _quietly(msg.nak(delay=2.0))
                return False
            if attempt >= self.max_deliver:
                await self.dead_letter(msg, f"gave up after {attempt} attempts: {exc!r}")
            else:
                log.warning(
                    "event handling failed, will retry",
                    extra={"durable": self.sub.durable, "attempt": attempt, "error": repr(exc)},
                )
                await _quietly(msg.nak(delay=min(30.0, 0.5 * 2**attempt)))
            return True
        await _quietly(msg.ack())  # if this ack is lost, the redelivery is a no-op thanks to the inbox
        return True

    async def _wait_for_database(self, stop: asyncio.Event) -> None:
        while not stop.is_set() and not await database_ready(self.engine):
            await _wait_for(stop, 1.0)

    async def dead_letter(self, msg, reason: str) -> None:
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
            return
        await _quietly(msg.term())


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
