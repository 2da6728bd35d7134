"""The unit of work: one transaction, the repositories that work in it, and the events it commits with.

    async with uow() as u:
        placement = await u.placements.get(placement_id)   # a service's repositories, bound to this transaction
        placement.confirm(now=clock())                    # the aggregate records its domain events
        await u.placements.save(placement)               # the repository tracks it (u.track)
        await u.commit()                                   # outbox rows for every collected event, then COMMIT

Every edge calls a use case the same way, `handler(command, principal, uow=factory)`, and the use case opens its
unit with `async with uow() as u`. Some edges first open a unit of their own and claim something in it: an
idempotent create claims its key (praxis_common.idempotency), an event consumer claims the event in its inbox
(praxis_common.consumer). They then hand the use case a factory that returns that same open unit: entering an
open unit joins it, its `commit` leaves the real commit to the edge, and the change, its events and the claim
commit together or not at all.

A service subclasses UnitOfWork to bind its repositories (`_bind`) and to say which integration events an
aggregate's domain events become (`integration_event`, or `_integration_events` for more context).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import Any, Generic, Self, TypeVar

from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from praxis_common import inbox
from praxis_common.events import IntegrationEvent
from praxis_common.outbox import outbox_insert

Clock = Callable[[], datetime]


def utc_clock() -> datetime:
    return datetime.now(UTC)


class UnitOfWork:
    """One transaction: the use case's changes and the events they raise commit together.

    `connection` is a SQLAlchemy Core connection: the services map rows to their aggregates themselves (the ORM
    session's bookkeeping cost about a tenth of a small request's CPU). The transaction begins with the first
    statement."""

    def __init__(self, engine: AsyncEngine, *, event_prefix: str, on_commit: Callable[[], None] | None = None) -> None:
        self._engine = engine
        self._event_prefix = event_prefix
        self._on_commit = on_commit
        self._depth = 0
        self._events: list[IntegrationEvent] = []
        self._tracked: list[Any] = []
        self._handed_over = False
        self.connection: AsyncConnection

    # What a service adds

    def _bind(self, connection: AsyncConnection) -> None:
        """Create the service's repositories on the unit's connection (`self.placements = …`)."""

    # A domain event -> its integration event (a service's outgoing.integration_event, as a staticmethod).
    integration_event: Callable[[Any], IntegrationEvent] | None = None

    def _integration_events(self, aggregate: Any, events: list) -> Iterable[IntegrationEvent]:
        """The integration events a tracked aggregate's domain events become: each through `integration_event`;
        a service whose events need more context overrides this."""
        if self.integration_event is None:
            raise NotImplementedError(f"{type(self).__name__} does not translate {type(aggregate).__name__}'s events")
        return [self.integration_event(e) for e in events]

    # The transaction

    async def __aenter__(self) -> Self:
        self._depth += 1
        if self._depth == 1:
            self.connection = await self._engine.connect()
            self._events, self._tracked, self._handed_over = [], [], False
            self._bind(self.connection)
        return self

    async def __aexit__(self, *exc: object) -> None:
        self._depth -= 1
        if self._depth:
            return  # a joined use case ends; the edge that opened the unit commits or rolls back
        try:
            if self.connection.in_transaction():
                await self.connection.rollback()
        finally:
            await self.connection.close()

    @property
    def joined(self) -> bool:
        """Entered again by a use case inside an edge's unit (an idempotent create, a consumer's event)."""
        return self._depth > 1

    def emit(self, *events: IntegrationEvent) -> None:
        self._events.extend(events)

    def track(self, *aggregates: Any) -> None:
        """Aggregates whose domain events (`pull_events()`) become integration events at commit."""
        self._tracked.extend(a for a in aggregates if all(a is not t for t in self._tracked))

    def discard_events(self) -> None:
        """Forget what was emitted and tracked (a joined use case failed and its savepoint rolled back)."""
        self._events, self._tracked = [], []

    def _collect(self) -> list[IntegrationEvent]:
        for aggregate in self._tracked:
            events = aggregate.pull_events()
            if events:
                self._events.extend(self._integration_events(aggregate, events))
        collected, self._events = self._events, []
        return collected

    async def autocommit(self) -> None:
        """From here on each statement commits by itself. Only for a use case whose change is ONE statement that
        also writes its outbox rows (a database function): no row lock is then held across round trips, so hot
        rows (one agreement's quota) do not serialise requests on the service's latency. Call it before the first
        statement. In a joined unit it does nothing: the change commits with the edge's claim."""
        if not self.joined:
            await self.connection.execution_options(isolation_level="AUTOCOMMIT")

    def outbox_rows(self) -> list[dict]:
        """Hand the events collected so far over as outbox rows to a statement that writes them atomically with its
        change (a database function doing the whole change in one round trip). They are not written again at
        commit; the commit still wakes the relay."""
        rows = [e.outbox_row(self._event_prefix) for e in self._collect()]
        self._handed_over = self._handed_over or bool(rows)
        return rows

    async def claim_event(self, consumer: str, event_id: str, event_type: str) -> bool:
        """Record in this transaction that `consumer` applied the event; False if it already had."""
        return await inbox.claim(self.connection, consumer, event_id, event_type)

    async def commit(self) -> None:
        if self.joined:
            return  # the edge's unit commits the change with its claim
        # The changes' statements ran first, so the aggregate's row lock is held before the outbox rows
        # get their positions: per-aggregate position order is then commit order.
        events = self._collect()
        if events:
            await self.connection.execute(outbox_insert(), [e.outbox_row(self._event_prefix) for e in events])
        await self.connection.commit()
        woke, self._handed_over = bool(events) or self._handed_over, False
        if woke and self._on_commit:
            self._on_commit()


U = TypeVar("U", bound=UnitOfWork)


class UnitOfWorkFactory(Generic[U]):
    """`uow()` opens a new unit of the service's kind; `committed` wakes the local outbox relay at once."""

    def __init__(self, engine: AsyncEngine, *, event_prefix: str, unit: type[U] = UnitOfWork) -> None:
        self.engine = engine
        self.event_prefix = event_prefix
        self.unit = unit
        self.committed = asyncio.Event()

    def __call__(self) -> U:
        return self.unit(self.engine, event_prefix=self.event_prefix, on_commit=self.committed.set)


UowFactory = Callable[[], UnitOfWork]


def joining(unit: U) -> Callable[[], U]:
    """A factory that hands a use case the edge's open unit (see the module docstring)."""
    return lambda: unit
