"""The hand-written migrations create exactly the tables the code declares (no drift), and downgrade cleanly."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy.ext.asyncio import create_async_engine

from praxis_common import migrations
from projects.adapters.orm import metadata
from projects.main import MIGRATIONS

KERNEL = migrations.KERNEL_TABLES | {"alembic_version"}


async def test_migrations_match_the_table_declarations(database_url):
    engine = create_async_engine(database_url)
    try:
        async with engine.connect() as conn:

            def diff(sync_conn):
                context = MigrationContext.configure(sync_conn, opts={"compare_type": True})
                return compare_metadata(context, metadata)

            changes = await conn.run_sync(diff)
    finally:
        await engine.dispose()
    drift = [c for c in changes if _table_of(c) not in KERNEL]
    assert drift == []


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


def test_downgrade_and_upgrade_again(database_factory):
    url = database_factory("projects_roundtrip")
    migrations.upgrade(MIGRATIONS, url)
    config = migrations.alembic_config(MIGRATIONS, url)
    command.downgrade(config, "0002_idempotency_keys")
    command.upgrade(config, "head")
