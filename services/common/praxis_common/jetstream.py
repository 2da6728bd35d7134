"""NATS connection and JetStream provisioning: one stream per producing service, a dead-letter stream.

Streams are file-backed; the servers we ship run with `sync_interval: always` (Jepsen lost
acknowledged writes with the default lazy fsync). The duplicate window (10 min) is longer than the
outbox relay's retry horizon (backoff capped at 30 s), so a re-sent row is dropped by the server;
consumers dedupe with their inbox regardless.

A service connects as its own NATS user (`BusCredentials`; what it may do: bus_access.py), its replies coming
to an inbox of its own. A URL may carry credentials itself (nats://user:password@host:4222, the test servers'
admin URLs); logs and errors show it without them.

The connection takes a list of servers (a cluster's seeds, comma-separated as every NATS client
takes them) and moves between them on its own. A stream is re-created only when JetStream says
definitely that it does not exist: during a leader election the API answers "no responders" or
times out for a few seconds, and creating the stream then only stalls until the election is over.
"""

from __future__ import annotations

import asyncio
import logging
import re
from dataclasses import dataclass

import nats
from nats.aio.client import Client
from nats.js import JetStreamContext
from nats.js.api import DiscardPolicy, RetentionPolicy, StorageType, StreamConfig
from nats.js.errors import BadRequestError, NotFoundError, ServiceUnavailableError

log = logging.getLogger("praxis.nats")

DUPLICATE_WINDOW_SECONDS = 600
STREAM_MAX_AGE_SECONDS = 30 * 24 * 3600
STREAM_NOT_FOUND = 10059  # JetStream's error code for "stream not found"
NO_SUITABLE_PEERS = 10005  # "no suitable peers for placement": too few nodes up for the stream's replicas
SCHEMES = ("nats", "tls", "ws", "wss")


def server_urls(urls: str | list[str]) -> list[str]:
    """`nats://a:4222,nats://b:4222` -> one URL per server (nats-py does not split a string itself)."""
    parts = urls.split(",") if isinstance(urls, str) else urls
    servers = [u.strip() for u in parts if u.strip()]
    if not servers:
        raise ValueError("no NATS server given")
    for url in servers:
        scheme, sep, rest = url.partition("://")
        if not sep or scheme not in SCHEMES or not rest:
            raise ValueError(f"not a NATS server URL: {url!r} (expected e.g. nats://host:4222)")
    return servers


def redacted(url: str) -> str:
    """The URL(s) without any password, for logs and errors."""
    return re.sub(r"://[^/@,]*@", "://***@", url)


def inbox_prefix(user: str) -> str:
    """Where the replies to `user`'s requests arrive (nats-py's `inbox_prefix`; the server lets the user read only
    there, bus_access.py)."""
    return f"_INBOX_{user}"


@dataclass(frozen=True)
class BusCredentials:
    user: str
    password: str

    def __repr__(self) -> str:  # never the password
        return f"BusCredentials(user={self.user!r})"


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


async def _abandon(nc: Client, attempt: asyncio.Future) -> None:
    """Stop a first connection attempt and close its client, whatever state it reached."""
    attempt.cancel()
    await asyncio.wait({attempt})  # never raises: a cancel aimed at the caller is not swallowed here
    if not attempt.cancelled():
        attempt.exception()  # retrieved, so asyncio does not log it as never retrieved
    try:
        async with asyncio.timeout(2):
            await nc.close()
    except Exception:
        log.debug("closing an abandoned nats client failed", exc_info=True)


class BusRefused(ConnectionError):
    """A NATS server refused the credentials (user and password) at connect."""


class Bus:
    """One NATS connection per process; reconnects forever, and tells listeners when it did."""

    def __init__(
        self,
        url: str | list[str],
        *,
        name: str,
        drain_timeout: float = 5.0,
        credentials: BusCredentials | None = None,
    ) -> None:
        self.servers = server_urls(url)
        self.url = ",".join(self.servers)
        self.credentials = credentials
        self.inbox_prefix = inbox_prefix(credentials.user) if credentials else "_INBOX"
        self.name = name
        self.drain_timeout = drain_timeout
        self.nc: Client | None = None
        self.js: JetStreamContext | None = None
        self._listeners: list[asyncio.Event] = []
        # Set when the connection drops: publishes in flight then fail at once instead of waiting out
        # their timeout for an ack that the old connection will never deliver (nats.py #529).
        self._lost = asyncio.Event()
        self._last_error: Exception | None = None  # the last the client reported (e.g. a refused password)
        self._up = asyncio.Event()  # set while connected: consumers wait on it instead of queueing pull requests
        self._refused = asyncio.Event()  # set when the servers refused the credentials during the first connection
        self._refusals = 0

    async def connect(self, *, timeout: float = 30.0) -> None:
        """Connect to any of the servers, retrying until `timeout` (they may still be starting); BusRefused at once
        when a server refuses the credentials (no retry changes them)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            try:
                # nats-py walks the server list itself; it would walk it forever (max_reconnect_attempts=-1),
                # so the deadline is ours.
                async with asyncio.timeout(max(1.0, deadline - loop.time())):
                    self.nc = await self._first_connection()
                break
            except BusRefused:
                raise
            except Exception as exc:
                if loop.time() > deadline:
                    # nats-py retries a refused connect itself until our timeout: the refusal came to error_cb.
                    cause = self._last_error if isinstance(exc, TimeoutError) and self._last_error else exc
                    raise ConnectionError(f"cannot reach NATS at {redacted(self.url)}: {cause!r}") from exc
                await asyncio.sleep(0.5)  # retry back-off, not synchronisation
        self.js = self.nc.jetstream(timeout=5)
        self._lost = asyncio.Event()  # an abandoned attempt's close may have set it
        self._up.set()

    async def _first_connection(self) -> Client:
        """nats-py's connect, ended once every server refused the credentials (nats-py would retry them forever;
        a server of a cluster that has not loaded a user yet is passed over while another accepts it). A client
        whose attempt is abandoned (a refusal, the caller's deadline, an error) is closed, never left reconnecting."""
        self._refused, self._refusals = asyncio.Event(), 0
        nc = Client()
        attempt = asyncio.ensure_future(
            nc.connect(
                self.servers,
                name=self.name,
                user=self.credentials.user if self.credentials else None,
                password=self.credentials.password if self.credentials else None,
                inbox_prefix=self.inbox_prefix,
                max_reconnect_attempts=-1,
                reconnect_time_wait=0.5,
                connect_timeout=2,
                allow_reconnect=True,
                # Shorter than any wait around close(): nats-py then ends the drain itself; cancelling it from
                # outside left its gather's CancelledError unretrieved (an ERROR at every shutdown).
                drain_timeout=self.drain_timeout,
                reconnected_cb=self._on_reconnected,
                disconnected_cb=self._on_disconnected,
                error_cb=self._on_error,
            )
        )
        refused = asyncio.ensure_future(self._refused.wait())
        try:
            await asyncio.wait({attempt, refused}, return_when=asyncio.FIRST_COMPLETED)
            if attempt.done():
                attempt.result()  # nats-py's own error, if it gave up
                return nc
        except BaseException:
            await _abandon(nc, attempt)
            raise
        finally:
            refused.cancel()
        await _abandon(nc, attempt)
        who = self.credentials.user if self.credentials else "an anonymous client"
        raise BusRefused(f"NATS at {redacted(self.url)} refused the credentials of {who}: {self._last_error!r}")

    def on_reconnect(self) -> asyncio.Event:
        event = asyncio.Event()
        self._listeners.append(event)
        return event

    async def _on_reconnected(self) -> None:
        log.info("nats reconnected", extra={"url": self.connected_url})
        self._lost = asyncio.Event()
        self._up.set()
        for event in self._listeners:
            event.set()

    async def _on_disconnected(self) -> None:
        self._up.clear()
        self._lost.set()
        if self.nc is not None and not (self.nc.is_closed or self.nc.is_draining):  # not our own close()
            log.warning("nats disconnected", extra={"url": redacted(self.url)})

    async def _on_error(self, exc: Exception) -> None:
        self._last_error = exc
        log.debug("nats error: %s", exc)
        if not self._up.is_set() and "authorization violation" in repr(exc).lower():
            # nats-py tries the servers in turn: each has refused once when this reaches their number.
            self._refusals += 1
            if self._refusals >= len(self.servers):
                self._refused.set()

    @property
    def connected(self) -> bool:
        return self.nc is not None and self.nc.is_connected

    @property
    def connected_url(self) -> str | None:
        server = self.nc.connected_url if self.nc is not None else None
        return redacted(server.geturl()) if server is not None else None

    async def wait_connected(self, timeout: float) -> bool:
        """Wait up to `timeout` for the connection to be up; True if it is. Always suspends while it is down: nats-py
        marks the connection down before its disconnected callback clears `_up`, and a caller looping on a stale
        flag without yielding would starve the loop so that the callback never runs (requests and SIGTERM hang)."""
        if self.connected:
            return True
        self._up.clear()  # stale until the disconnected callback runs; the reconnected callback sets it again
        try:
            async with asyncio.timeout(timeout):
                await self._up.wait()
        except TimeoutError:
            pass
        return self.connected

    async def ready(self, timeout: float = 2.0) -> bool:
        if not self.connected or self.js is None:
            return False
        try:
            async with asyncio.timeout(timeout):
                await self.js.account_info()
            return True
        except Exception:
            return False

    async def ensure_streams(self, specs: list[StreamSpec], *, owner: bool = True, deadline: float = 120) -> None:
        """Create missing streams. The owner also brings an existing stream's settings in line;
        a consumer (owner=False) leaves an existing stream alone, so two versions never fight over it.

        A cluster that is electing leaders (or busy placing a replicated stream) answers "no responders" or
        not at all for a while, and one with too few nodes up cannot place a replicated stream: each stream is
        tried again, with backoff, until `deadline` seconds have passed.
        Creating a stream is idempotent, so a try that timed out but took effect is harmless to repeat."""
        assert self.js is not None
        for spec in specs:
            await _until_answered(lambda spec=spec: self._ensure_stream(spec, owner), spec.name, deadline)

    async def _ensure_stream(self, spec: StreamSpec, owner: bool) -> None:
        try:
            await self.js.add_stream(_config(spec))
        except BadRequestError as exc:  # exists with other settings, or too few nodes up to place it
            if exc.err_code == NO_SUITABLE_PEERS:
                raise _ClusterNotReady(exc.description) from exc
            if owner:
                await self.js.update_stream(_config(spec))

    async def recreate_missing_streams(self, specs: list[StreamSpec], *, timeout: float = 2.0) -> list[str]:
        """Create those of `specs` that JetStream definitely does not have (a wiped or new server); the names
        created. Any other answer (no responders, a timeout: a leader election) creates nothing and raises."""
        assert self.js is not None
        created = []
        for spec in specs:
            try:
                async with asyncio.timeout(timeout):
                    await self.js.stream_info(spec.name)
            except NotFoundError as exc:
                if exc.err_code != STREAM_NOT_FOUND:
                    raise
                async with asyncio.timeout(timeout):
                    await self.js.add_stream(_config(spec))
                created.append(spec.name)
        return created

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

    async def close(self) -> None:
        """Drain (flush what is buffered, stop subscriptions); nats-py gives up after `drain_timeout`."""
        if self.nc is None or self.nc.is_closed:
            return
        try:
            await self.nc.drain()
        except Exception as exc:  # reconnecting, or the server went away meanwhile
            log.warning("nats drain did not finish; closing", extra={"error": repr(exc)})
        if not self.nc.is_closed:
            await self.nc.close()


def _config(spec: StreamSpec) -> StreamConfig:
    return StreamConfig(
        name=spec.name,
        subjects=spec.subjects,
        storage=StorageType.FILE,
        retention=RetentionPolicy.LIMITS,
        discard=DiscardPolicy.OLD,
        max_age=STREAM_MAX_AGE_SECONDS,
        duplicate_window=DUPLICATE_WINDOW_SECONDS,
        num_replicas=spec.replicas,
    )


class _ClusterNotReady(Exception):
    """The cluster cannot place the stream yet (too few nodes up): worth trying again, like an election."""


async def _until_answered(attempt, what: str, deadline: float) -> None:
    """`await attempt()` until JetStream answers it; no responders or a timeout is tried again until `deadline`."""
    give_up = asyncio.get_running_loop().time() + deadline
    delay = 0.2
    while True:
        try:
            return await attempt()
        except (
            nats.errors.TimeoutError,
            nats.errors.NoRespondersError,
            ServiceUnavailableError,
            _ClusterNotReady,
        ) as exc:
            if asyncio.get_running_loop().time() + delay > give_up:
                raise
            log.warning("JetStream did not answer for stream %s (%s); trying again", what, type(exc).__name__)
            await asyncio.sleep(delay)  # backoff before a retry, not synchronisation
            delay = min(delay * 2, 5.0)
