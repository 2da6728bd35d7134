"""Transactional outbox: the table, and the relay that publishes unsent rows to JetStream.

The relay never tracks progress as "id > last seen" (sequences commit out of order, a late row
would be skipped forever). It locks unsent rows with FOR UPDATE SKIP LOCKED, takes only the
oldest unsent row of each aggregate (so per-aggregate order holds even with several relays and
failed publishes), publishes them concurrently (pipelined on one connection), and marks a row sent
only after JetStream acknowledged it. Failed rows back off exponentially, capped at
MAX_BACKOFF_SECONDS; streams keep a duplicate window longer than that (see jetstream.py), and
consumers dedupe with their inbox beyond it.

A publish that meets "no stream" (no responders) makes the relay ask JetStream about its streams,
after the pass's bookkeeping has committed: only a definite "stream not found" re-creates one. During
a leader election that answer is "no responders" or a timeout for a few seconds; the rows back off
and the relay asks again later, also with back-off.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time

from nats.errors import NoRespondersError
from nats.js.errors import NoStreamResponseError
from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    Identity,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    func,
    insert,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB, UUID
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from praxis_common import db, metrics, tracing

log = logging.getLogger("praxis.outbox")

MAX_BACKOFF_SECONDS = 30.0
STUCK_ATTEMPTS = 20  # about ten minutes of failures: worth an error in the logs
NO_STREAM = (NoStreamResponseError, NoRespondersError)
PUBLISH_TIMEOUT_SECONDS = 5.0

_metadata = MetaData()

outbox = Table(
    "outbox",
    _metadata,
    Column("position", BigInteger, Identity(always=True), primary_key=True),
    Column("id", UUID(as_uuid=True), nullable=False, unique=True),
    Column("subject", String(255), nullable=False),
    Column("aggregate_type", String(64), nullable=False),
    Column("aggregate_id", String(64), nullable=False),
    Column("headers", JSONB, nullable=False),
    Column("payload", LargeBinary, nullable=False),
    Column("occurred_at", DateTime(timezone=True), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("sent_at", DateTime(timezone=True)),
    Column("attempts", Integer, nullable=False, server_default="0"),
    Column("next_attempt_at", DateTime(timezone=True)),
    Column("last_error", Text),
    Index("ix_outbox_unsent", "position", postgresql_where=text("sent_at IS NULL")),
    Index(
        "ix_outbox_unsent_aggregate",
        "aggregate_type",
        "aggregate_id",
        "position",
        postgresql_where=text("sent_at IS NULL"),
    ),
)


def outbox_insert():
    return insert(outbox)


# The one statement a service's database function uses to append outbox rows (`PERFORM outbox_append(rows)`), so
# no service writes the outbox's columns itself. `rows` is a JSON array of `rows_json`'s objects. Created by
# migrations.create_kernel_functions; never edited (a change is a new version).
APPEND_FUNCTION = """
CREATE FUNCTION outbox_append(rows jsonb) RETURNS void
LANGUAGE sql AS $$
    INSERT INTO outbox (id, subject, aggregate_type, aggregate_id, headers, payload, occurred_at)
    SELECT (r->>'id')::uuid, r->>'subject', r->>'aggregate_type', r->>'aggregate_id', r->'headers',
           convert_to(r->>'payload', 'UTF8'), (r->>'occurred_at')::timestamptz
    FROM jsonb_array_elements(rows) AS r
$$
"""
DROP_APPEND_FUNCTION = "DROP FUNCTION outbox_append(jsonb)"


_COPIED = ("id", "subject", "aggregate_type", "aggregate_id", "headers", "payload", "occurred_at")


async def copy_rows(connection: AsyncConnection, rows: list[dict]) -> None:
    """Append many outbox rows (UnitOfWork.outbox_rows) in the connection's transaction with one COPY: a bulk
    change's events (a published round's placements), laid out in a worker thread so the event loop stays free."""
    await db.copy_in(connection, outbox.name, _COPIED, await asyncio.to_thread(_records, rows))


def _records(rows: list[dict]) -> list[tuple]:
    """COPY's tuples (db.copy_in)."""
    return [
        (
            r["id"],
            r["subject"],
            r["aggregate_type"],
            r["aggregate_id"],
            json.dumps(r["headers"]),
            r["payload"],
            r["occurred_at"],
        )
        for r in rows
    ]


def rows_json(rows: list[dict]) -> list[dict]:
    """Outbox rows (UnitOfWork.outbox_rows) as `outbox_append` reads them from JSON (serialise with default=str)."""
    return [{**r, "payload": r["payload"].decode()} for r in rows]


# The oldest unsent row of each aggregate that is due, locked; rows another relay holds are skipped
# and, through NOT EXISTS, so are their successors.
_CLAIM = text("""
    SELECT o.position, o.id, o.subject, o.headers, o.payload, o.attempts, o.created_at
    FROM outbox o
    WHERE o.sent_at IS NULL
      AND (o.next_attempt_at IS NULL OR o.next_attempt_at <= now())
      AND NOT EXISTS (
        SELECT 1 FROM outbox p
        WHERE p.sent_at IS NULL AND p.aggregate_type = o.aggregate_type
          AND p.aggregate_id = o.aggregate_id AND p.position < o.position)
    ORDER BY o.position
    LIMIT :limit
    FOR UPDATE OF o SKIP LOCKED
""")
_MARK_SENT = text("UPDATE outbox SET sent_at = now(), last_error = NULL WHERE position = ANY(:positions)")
_MARK_FAILED = text("""
    UPDATE outbox SET attempts = attempts + 1, last_error = :error,
                      next_attempt_at = now() + make_interval(secs => :delay)
    WHERE position = :position
""")
_PRUNE = text("DELETE FROM outbox WHERE sent_at < now() - make_interval(hours => :hours)")
_BACKLOG = text("""
    SELECT count(*), coalesce(extract(epoch FROM clock_timestamp() - min(created_at)), 0)
    FROM outbox WHERE sent_at IS NULL
""")


async def backlog(engine: AsyncEngine) -> tuple[int, float]:
    """(unsent rows, age in seconds of the oldest), for the metrics."""
    async with engine.connect() as conn:
        count, age = (await conn.execute(_BACKLOG)).one()
    return int(count), max(0.0, float(age))


async def prune(conn, hours: int) -> None:
    """Sent rows are kept `hours` for inspection, then deleted; unsent rows never are."""
    await conn.execute(_PRUNE, {"hours": hours})


def backoff_seconds(attempts: int) -> float:
    return min(MAX_BACKOFF_SECONDS, 0.2 * 2**attempts)


class OutboxRelay:
    def __init__(
        self,
        engine: AsyncEngine,
        bus,
        *,
        wakeup: asyncio.Event,
        poll_seconds: float = 0.5,
        batch_size: int = 256,
        streams: list | None = None,
    ) -> None:
        self.streams = streams or []  # re-created if they vanish (a wiped or new NATS server)
        self.engine = engine
        self.bus = bus
        self.wakeup = wakeup
        self.poll_seconds = poll_seconds
        self.batch_size = batch_size
        self._stream_checks_failed = 0
        self._next_stream_check = 0.0  # monotonic time

    async def publish_pending(self) -> int:
        """One pass: publish what is due. Returns how many rows were marked sent."""
        sent, no_stream = await self._publish_due()
        if no_stream and self.streams:
            await self._check_streams()
        return sent

    async def _publish_due(self) -> tuple[int, bool]:
        """Publish the due rows and record each outcome, in one transaction. (rows sent, whether any publish
        found no stream)."""
        async with self.engine.begin() as conn:
            rows = (await conn.execute(_CLAIM, {"limit": self.batch_size})).all()
            if not rows:
                return 0, False
            results = await asyncio.gather(*(self._publish(r) for r in rows), return_exceptions=True)
            sent = [r.position for r, res in zip(rows, results, strict=True) if not isinstance(res, BaseException)]
            metrics.outbox_published.inc(len(sent))
            metrics.outbox_failures.inc(len(rows) - len(sent))
            if sent:
                await conn.execute(_MARK_SENT, {"positions": sent})
            for r, res in zip(rows, results, strict=True):
                if isinstance(res, BaseException):
                    await conn.execute(
                        _MARK_FAILED,
                        {
                            "position": r.position,
                            "error": f"{type(res).__name__}: {res}"[:1000],
                            "delay": backoff_seconds(r.attempts),
                        },
                    )
            failures = [res for res in results if isinstance(res, BaseException)]
            if failures:
                log.warning("outbox publish failed", extra={"failed": len(failures), "sent": len(sent)})
                stuck = [
                    r.position
                    for r, res in zip(rows, results, strict=True)
                    if isinstance(res, BaseException) and r.attempts + 1 >= STUCK_ATTEMPTS
                ]
                if stuck:
                    log.error(
                        "outbox rows keep failing; their aggregates' later events wait behind them",
                        extra={"positions": stuck[:20], "error": repr(failures[0])},
                    )
            return len(sent), any(isinstance(f, NO_STREAM) for f in failures)

    async def _publish(self, row) -> None:
        """Publish one row, in a span continuing the trace its event was made in; timed from the publish and from
        the row's commit."""
        started = time.perf_counter()
        with tracing.publishing(row.subject, row.headers) as headers:
            await self.bus.publish(row.subject, row.payload, headers=headers, timeout=PUBLISH_TIMEOUT_SECONDS)
        metrics.outbox_publish_seconds.observe(time.perf_counter() - started)
        metrics.outbox_delay_seconds.observe(max(0.0, time.time() - row.created_at.timestamp()))

    async def _check_streams(self) -> None:
        """Re-create a stream JetStream says it does not have; wait out anything less definite."""
        now = time.monotonic()
        if now < self._next_stream_check:
            return
        try:
            created = await self.bus.recreate_missing_streams(self.streams)
        except Exception as exc:
            self._stream_checks_failed += 1
            self._next_stream_check = now + backoff_seconds(self._stream_checks_failed)
            log.warning(
                "JetStream is not answering for its streams (a leader election?); waiting",
                extra={"error": repr(exc), "checks": self._stream_checks_failed},
            )
            return
        self._stream_checks_failed, self._next_stream_check = 0, 0.0
        if created:
            log.warning("streams were missing and are re-created", extra={"streams": created})

    async def unsent(self) -> int:
        return (await backlog(self.engine))[0]

    async def run(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            published = 0
            self.wakeup.clear()  # before the pass: a commit during it wakes the next one at once
            try:
                if self.bus.connected:
                    published = await self.publish_pending()
            except Exception:
                log.exception("outbox relay pass failed")
            if published:
                continue  # more may be waiting, e.g. the next event of an aggregate just published
            waiters = [asyncio.ensure_future(self.wakeup.wait()), asyncio.ensure_future(stop.wait())]
            await asyncio.wait(waiters, timeout=self.poll_seconds, return_when=asyncio.FIRST_COMPLETED)
            for w in waiters:
                w.cancel()
