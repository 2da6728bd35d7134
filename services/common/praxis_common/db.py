"""Async engine, table metadata conventions and the unit of work that writes outbox rows atomically."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Self

from sqlalchemy import MetaData, text
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine

from praxis_common.events import IntegrationEvent
from praxis_common.outbox import outbox_insert

# Stable constraint names so alembic autogenerate and hand-written migrations agree.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def new_metadata() -> MetaData:
    return MetaData(naming_convention=NAMING_CONVENTION)


def create_engine(url: str, *, pool_size: int = 20) -> AsyncEngine:
    # No pool_pre_ping: it costs a round trip per checkout; a connection that died is invalidated by
    # SQLAlchemy on its first error and the request is answered 503/500, and pool_recycle retires old ones.
    # No overflow: SQLAlchemy closes overflow connections as soon as they are returned, so under a load
    # just above the pool size every request paid for a new connection (measured: a quarter of the CPU).
    return create_async_engine(url, pool_size=pool_size, max_overflow=0, pool_recycle=1800)


# SQLSTATE classes that mean "the server cannot serve now", not "this statement is wrong": connection exceptions,
# insufficient resources (too many connections), operator intervention (shutdown, starting up).
_UNAVAILABLE_SQLSTATES = ("08", "53", "57P")


def unreachable(exc: BaseException) -> bool:
    """Is this the database (or the way to it) failing, rather than the request? Such failures are answered
    503/UNAVAILABLE with a hint to retry, and consumers leave their events waiting."""
    if isinstance(exc, (OSError, TimeoutError, PoolTimeout)):
        return True
    if isinstance(exc, DBAPIError):
        if exc.connection_invalidated or isinstance(exc, (OperationalError, InterfaceError)):
            return True
        state = getattr(exc.orig, "sqlstate", None) or getattr(exc.orig, "pgcode", None) or ""
        return str(state).startswith(_UNAVAILABLE_SQLSTATES)
    return False


async def database_ready(engine: AsyncEngine, timeout: float = 2.0) -> bool:
    try:
        async with asyncio.timeout(timeout):
            async with engine.connect() as conn:
                await conn.execute(text("SELECT 1"))
        return True
    except Exception:
        return False


class UnitOfWork:
    """One transaction: the handler's changes and the events they raise commit together.

    async with uow_factory() as uow:
        ...change rows through uow.session (SQLAlchemy Core statements)...
        uow.emit(event)
        await uow.commit()

    `session` is a Core connection (AsyncConnection), not an ORM session: the services map rows to their
    aggregates themselves, and the ORM session's bookkeeping cost about a tenth of a small request's CPU.
    The transaction begins with the first statement.
    """

    def __init__(
        self,
        engine: AsyncEngine,
        *,
        event_prefix: str,
        on_commit: Callable[[], None] | None = None,
    ) -> None:
        self._engine = engine
        self._event_prefix = event_prefix
        self._on_commit = on_commit
        self._events: list[IntegrationEvent] = []
        self._handed_over = False
        self.session: AsyncConnection

    async def __aenter__(self) -> Self:
        self.session = await self._engine.connect()
        self._events, self._handed_over = [], False
        return self

    async def __aexit__(self, *exc: object) -> None:
        try:
            if self.session.in_transaction():
                await self.session.rollback()
        finally:
            await self.session.close()

    def emit(self, *events: IntegrationEvent) -> None:
        self._events.extend(events)

    def discard_events(self) -> None:
        self._events = []

    async def autocommit(self) -> None:
        """From here on each statement commits by itself. Only for a use case whose change is ONE statement that
        also writes its outbox rows (a database function): no row lock is then held across round trips, so hot
        rows (one agreement's quota) do not serialise requests on the service's latency. Call it before the first
        statement. Inside a JoinedUnitOfWork (an idempotent request) it does nothing: the change commits there with
        the stored response."""
        await self.session.execution_options(isolation_level="AUTOCOMMIT")

    def outbox_rows(self) -> list[dict]:
        """Hand the events emitted so far over as outbox rows to a statement that writes them atomically with its
        change (a database function doing the whole change in one round trip). They are not written again at
        commit; the commit still wakes the relay."""
        return self._hand_over(self._events)

    def _hand_over(self, events: list[IntegrationEvent]) -> list[dict]:
        rows = [e.outbox_row(self._event_prefix) for e in events]
        events.clear()
        self._handed_over = self._handed_over or bool(rows)
        return rows

    async def commit(self) -> None:
        # The changes' statements ran first, so the aggregate's row lock is held before the outbox rows
        # get their positions: per-aggregate position order is then commit order.
        if self._events:
            await self.session.execute(outbox_insert(), [e.outbox_row(self._event_prefix) for e in self._events])
        await self.session.commit()
        had_events, self._events, self._handed_over = bool(self._events) or self._handed_over, [], False
        if had_events and self._on_commit:
            self._on_commit()


class JoinedUnitOfWork:
    """An open unit of work lent to a handler: the handler's `commit` hands its events to the owner, who decides when the transaction really commits (e.g. idempotency keys,
    which store the response in the same transaction as the change)."""

    def __init__(self, owner: UnitOfWork) -> None:
        self._owner = owner
        self.session = owner.session
        self._events: list[IntegrationEvent] = []

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc: object) -> None:
        self._events = []  # not committed: dropped with the owner's savepoint

    def emit(self, *events: IntegrationEvent) -> None:
        self._events.extend(events)

    async def autocommit(self) -> None:
        """Nothing: a lent unit of work stays inside its owner's transaction."""

    def outbox_rows(self) -> list[dict]:
        """As UnitOfWork.outbox_rows; the rows commit (or roll back) with the owner's transaction."""
        return self._owner._hand_over(self._events)

    async def commit(self) -> None:
        self._owner.emit(*self._events)
        self._events = []


class EventUnit:
    """A consumer's open transaction lent to a use case: the events it emits are written to the outbox in that
    transaction (at `flush`), which the consumer commits together with its inbox entry, and which then wakes
    the relay (Consumer.on_commit)."""

    def __init__(self, session, event_prefix: str) -> None:
        self.session = session
        self._prefix = event_prefix
        self._events: list[IntegrationEvent] = []

    def emit(self, *events: IntegrationEvent) -> None:
        self._events.extend(events)

    async def flush(self) -> None:
        if self._events:
            await self.session.execute(outbox_insert(), [e.outbox_row(self._prefix) for e in self._events])
            self._events = []


class UnitOfWorkFactory:
    def __init__(self, engine: AsyncEngine, *, event_prefix: str) -> None:
        self.engine = engine
        self.event_prefix = event_prefix
        self.committed = asyncio.Event()  # wakes the local outbox relay right away

    def __call__(self) -> UnitOfWork:
        return UnitOfWork(self.engine, event_prefix=self.event_prefix, on_commit=self.committed.set)
