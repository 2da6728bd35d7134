"""The async engine, table metadata conventions, and telling a database outage from a bad request."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterable, Sequence

from sqlalchemy import MetaData, text
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine

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


# Rows encoded between two turns of the event loop during a COPY (about 10-20 ms of encoding on a slow core).
COPY_SLICE = 1_000


async def copy_in(connection: AsyncConnection, table: str, columns: Sequence[str], records: Iterable[tuple]) -> None:
    """Rows into `table` with PostgreSQL's COPY, in the connection's open transaction: the way bulk writes (tens of
    thousands of rows) go in. JSONB values are given as text (the driver's codec for it takes text). The driver
    encodes rows without returning to the event loop while the socket takes them (46,000 placements held the loop
    for ~2 s on a slow 2-core machine); they are handed over a slice at a time, the loop turning in between."""
    raw = (await connection.get_raw_connection()).driver_connection

    async def sliced() -> AsyncIterator[tuple]:
        for n, record in enumerate(records, 1):
            yield record
            if n % COPY_SLICE == 0:
                await asyncio.sleep(0)

    await raw.copy_records_to_table(table, records=sliced(), columns=list(columns))


def create_engine(url: str, *, pool_size: int = 20) -> AsyncEngine:
    # No pool_pre_ping: it costs a round trip per checkout; a connection that died is invalidated by
    # SQLAlchemy on its first error and the request is answered 503/500, and pool_recycle retires old ones.
    # No overflow: SQLAlchemy closes overflow connections as soon as they are returned, so under a load
    # just above the pool size every request paid for a new connection (measured: a quarter of the CPU).
    # hide_parameters: a statement's error (logged, or turned into a problem) never carries its bound values, which
    # may be personal data (docs/security.md, "Personal data in logs").
    return create_async_engine(url, pool_size=pool_size, max_overflow=0, pool_recycle=1800, hide_parameters=True)


# SQLSTATE classes that mean "the server cannot serve now", not "this statement is wrong": connection exceptions,
# insufficient resources (too many connections), operator intervention (shutdown, starting up), and 55000 as the
# server answers a new connection to a database that does not accept connections now (ALLOW_CONNECTIONS false,
# a database being dropped or restored): without it, a consumer counted that as the event's failure whenever the
# database was back before its readiness check ran.
_UNAVAILABLE_SQLSTATES = ("08", "53", "57P", "55000")


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
