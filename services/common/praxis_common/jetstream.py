"""NATS connection and JetStream provisioning: one stream per producing service, a dead-letter stream.

Streams are file-backed; the servers we ship run with `sync_interval: always` (Jepsen lost
acknowledged writes with the default lazy fsync). The duplicate window (10 min) is longer than the
outbox relay's retry horizon (backoff capped at 30 s), so a re-sent row is dropped by the server;
consumers dedupe with their inbox regardless.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

import nats
from nats.aio.client import Client
from nats.js import JetStreamContext
from nats.js.api import DiscardPolicy, RetentionPolicy, StorageType, StreamConfig
from nats.js.errors import BadRequestError

log = logging.getLogger("praxis.nats")

DUPLICATE_WINDOW_SECONDS = 600
STREAM_MAX_AGE_SECONDS = 30 * 24 * 3600


def stream_name(prefix: str, service: str) -> str:
    return f"{prefix}_{service}".upper().replace(".", "_").replace("-", "_")


def dead_letter_stream(prefix: str) -> str:
    return stream_name(prefix, "dlq")


def dead_letter_subject(prefix: str, service: str, durable: str) -> str:
    return f"{prefix}.dlq.{service}.{durable}"


@dataclass(frozen=True)
class StreamSpec:
    name: str
    subjects: list[str]
    replicas: int = 1


def service_streams(prefix: str, service: str, replicas: int = 1) -> list[StreamSpec]:
    """The stream a service publishes into, and the shared dead-letter stream."""
    return [
        StreamSpec(stream_name(prefix, service), [f"{prefix}.{service}.>"], replicas),
        StreamSpec(dead_letter_stream(prefix), [f"{prefix}.dlq.>"], replicas),
    ]


class Bus:
    """One NATS connection per process; reconnects forever, and tells listeners when it did."""

    def __init__(self, url: str, *, name: str) -> None:
        self.url = url
        self.name = name
        self.nc: Client | None = None
        self.js: JetStreamContext | None = None
        self._listeners: list[asyncio.Event] = []
        # Set when the connection drops: publishes in flight then fail at once instead of waiting out
        # their timeout for an ack that the old connection will never deliver (nats.py #529).
        self._lost = asyncio.Event()

    async def connect(self, *, timeout: float = 30.0) -> None:
        """Connect, retrying until `timeout` (the server may still be starting)."""
        deadline = asyncio.get_running_loop().time() + timeout
        while True:
            try:
                self.nc = await nats.connect(
                    self.url,
                    name=self.name,
                    max_reconnect_attempts=-1,
                    reconnect_time_wait=0.5,
                    connect_timeout=2,
                    allow_reconnect=True,
                    reconnected_cb=self._on_reconnected,
                    disconnected_cb=self._on_disconnected,
                    error_cb=self._on_error,
                )
                break
            except Exception as exc:
                if asyncio.get_running_loop().time() > deadline:
                    raise ConnectionError(f"cannot reach NATS at {self.url}: {exc}") from exc
                await asyncio.sleep(0.5)  # retry back-off, not synchronisation
        self.js = self.nc.jetstream(timeout=5)

    def on_reconnect(self) -> asyncio.Event:
        event = asyncio.Event()
        self._listeners.append(event)
        return event

    async def _on_reconnected(self) -> None:
        log.info("nats reconnected", extra={"url": self.url})
        self._lost = asyncio.Event()
        for event in self._listeners:
            event.set()

    async def _on_disconnected(self) -> None:
        log.warning("nats disconnected", extra={"url": self.url})
        self._lost.set()

    async def _on_error(self, exc: Exception) -> None:
        log.debug("nats error: %s", exc)

    @property
    def connected(self) -> bool:
        return self.nc is not None and self.nc.is_connected

    async def ready(self, timeout: float = 2.0) -> bool:
        if not self.connected or self.js is None:
            return False
        try:
            async with asyncio.timeout(timeout):
                await self.js.account_info()
            return True
        except Exception:
            return False

    async def ensure_streams(self, specs: list[StreamSpec], *, owner: bool = True) -> None:
        """Create missing streams. The owner also brings an existing stream's settings in line;
        a consumer (owner=False) leaves an existing stream alone, so two versions never fight over it."""
        assert self.js is not None
        for spec in specs:
            config = StreamConfig(
                name=spec.name,
                subjects=spec.subjects,
                storage=StorageType.FILE,
                retention=RetentionPolicy.LIMITS,
                discard=DiscardPolicy.OLD,
                max_age=STREAM_MAX_AGE_SECONDS,
                duplicate_window=DUPLICATE_WINDOW_SECONDS,
                num_replicas=spec.replicas,
            )
            try:
                await self.js.add_stream(config)
            except BadRequestError:  # exists with other settings
                if owner:
                    await self.js.update_stream(config)

    async def publish(self, subject: str, payload: bytes, *, headers: dict[str, str], timeout: float) -> None:
        assert self.js is not None
        lost = self._lost
        if lost.is_set():
            raise ConnectionError("NATS connection lost")
        publish = asyncio.ensure_future(self.js.publish(subject, payload, timeout=timeout, headers=headers))
        dropped = asyncio.ensure_future(lost.wait())
        try:
            await asyncio.wait([publish, dropped], return_when=asyncio.FIRST_COMPLETED)
        finally:
            dropped.cancel()
        if not publish.done():
            publish.cancel()
            raise ConnectionError("NATS connection lost while publishing")
        publish.result()

    async def close(self, timeout: float = 5.0) -> None:
        """Drain (flush what is buffered, stop subscriptions), but never wait longer than `timeout`."""
        if self.nc is None or self.nc.is_closed:
            return
        try:
            await asyncio.wait_for(self.nc.drain(), timeout)
        except Exception:
            log.warning("nats drain did not finish; closing")
        if not self.nc.is_closed:
            await self.nc.close()
