"""The hand-written migrations create exactly the tables the code declares (no drift), and downgrade cleanly."""

from __future__ import annotations

import asyncio

from alembic import command

from mentors.adapters.orm import metadata
from mentors.main import MIGRATIONS
from praxis_common import migrations


async def test_migrations_match_the_table_declarations(database_url):
    assert await migrations.schema_drift(metadata, database_url) == {}


def test_downgrade_and_upgrade_again(database_factory):
    url = database_factory("mentors_roundtrip", migrated=MIGRATIONS)
    config = migrations.alembic_config(MIGRATIONS, url)
    command.downgrade(config, "0002_idempotency_keys")
    assert "mentor" in asyncio.run(migrations.schema_drift(metadata, url))  # its tables are gone
    command.upgrade(config, "head")
    assert asyncio.run(migrations.schema_drift(metadata, url)) == {}
