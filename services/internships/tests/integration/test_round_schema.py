"""The rounds migration creates exactly the round tables the code declares (no drift), and downgrades cleanly."""

from __future__ import annotations

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy.ext.asyncio import create_async_engine

from internships.adapters.orm import metadata
from internships.main import MIGRATIONS
from praxis_common import migrations

ROUND_TABLES = {"allocation_round", "round_position", "round_student", "round_run", "round_match"}


@pytest.fixture(scope="module")
def database_url(database_factory):
    url = database_factory("internships_round_schema")
    migrations.upgrade(MIGRATIONS, url)
    return url


async def test_the_rounds_migration_matches_the_table_declarations(database_url):
    engine = create_async_engine(database_url)
    try:
        async with engine.connect() as conn:

            def diff(sync_conn):
                context = MigrationContext.configure(sync_conn, opts={"compare_type": True})
                return compare_metadata(context, metadata)

            changes = await conn.run_sync(diff)
    finally:
        await engine.dispose()
    assert [c for c in changes if _table_of(c) in ROUND_TABLES] == []


def _table_of(change) -> str | None:
    """The table a change is about; column modifications come as lists of tuples."""
    if isinstance(change, list):
        return _table_of(change[0])
    kind, target = change[0], change[1]
    if kind in ("add_table", "remove_table"):
        return target.name
    if kind in ("add_column", "remove_column") or kind.startswith("modify_"):
        return change[2]
    return target.table.name  # indexes, constraints, foreign keys


def test_downgrade_to_before_rounds_and_upgrade_again(database_factory):
    url = database_factory("internships_round_roundtrip")
    migrations.upgrade(MIGRATIONS, url)
    config = migrations.alembic_config(MIGRATIONS, url)
    command.downgrade(config, "0007_booking_function")
    command.upgrade(config, "head")
