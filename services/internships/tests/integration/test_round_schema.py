"""The migrations create exactly the tables the code declares (no drift), and the rounds migration downgrades cleanly."""

from __future__ import annotations

import asyncio

import pytest
from alembic import command

from internships.adapters.orm import metadata
from internships.main import MIGRATIONS
from praxis_common import migrations


@pytest.fixture(scope="module")
def database_url(database_factory):
    url = database_factory("internships_round_schema")
    migrations.upgrade(MIGRATIONS, url)
    return url


async def test_the_migrations_match_the_table_declarations(database_url):
    assert await migrations.schema_drift(metadata, database_url) == {}


def test_downgrade_to_before_rounds_and_upgrade_again(database_factory):
    url = database_factory("internships_round_roundtrip")
    migrations.upgrade(MIGRATIONS, url)
    config = migrations.alembic_config(MIGRATIONS, url)
    command.downgrade(config, "0007_booking_function")
    assert "allocation_round" in asyncio.run(migrations.schema_drift(metadata, url))  # its tables are gone
    command.upgrade(config, "head")
    assert asyncio.run(migrations.schema_drift(metadata, url)) == {}
