"""`praxis_common.db.unreachable` tells the database failing from the request failing, on a real PostgreSQL: a
database that does not accept connections now is an outage (consumers leave their events waiting, REST answers 503),
a wrong statement is not."""

from __future__ import annotations

import asyncpg
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from praxis_common.db import unreachable


async def test_a_database_not_accepting_connections_is_unreachable_and_a_bad_statement_is_not(
    database_factory, postgres_server
):
    engine = create_async_engine(database_factory("unreachable"))
    database = engine.url.database
    admin = await asyncpg.connect(postgres_server.url("postgres"))
    try:
        with pytest.raises(Exception) as bad:
            async with engine.connect() as conn:
                await conn.execute(text("SELECT * FROM no_such_table"))
        assert not unreachable(bad.value)
        await engine.dispose()
        await admin.execute(f'ALTER DATABASE "{database}" ALLOW_CONNECTIONS false')
        with pytest.raises(Exception) as refused:
            async with engine.connect():
                pass
        assert "not currently accepting connections" in str(refused.value)
        assert unreachable(refused.value)
    finally:
        await admin.execute(f'ALTER DATABASE "{database}" ALLOW_CONNECTIONS true')
        await admin.close()
        await engine.dispose()
