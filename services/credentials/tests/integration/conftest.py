"""Fixtures for the credentials use cases on a real, migrated PostgreSQL (one database per test module)."""

from __future__ import annotations

import pytest
from sqlalchemy.ext.asyncio import create_async_engine

from credentials.adapters.unit_of_work import CredentialsUnit
from credentials.main import MIGRATIONS
from praxis_common.uow import UnitOfWorkFactory


@pytest.fixture(scope="module")
def database_url(database_factory):
    return database_factory("credentials", migrated=MIGRATIONS)


@pytest.fixture
async def uow(database_url):
    engine = create_async_engine(database_url, pool_size=5, max_overflow=0)
    yield UnitOfWorkFactory(engine, event_prefix="t", unit=CredentialsUnit)
    await engine.dispose()
