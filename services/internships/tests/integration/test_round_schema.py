"""The rounds migration creates exactly the round tables the code declares (no drift), and downgrades cleanly."""

from __future__ import annotations

import pytest
from alembic import command

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
    drift = await migrations.schema_drift(metadata, database_url)
    assert {table: changes for table, changes in drift.items() if table in ROUND_TABLES} == {}


def test_downgrade_to_before_rounds_and_upgrade_again(database_factory):
    url = database_factory("internships_round_roundtrip")
    migrations.upgrade(MIGRATIONS, url)
    config = migrations.alembic_config(MIGRATIONS, url)
    command.downgrade(config, "0007_booking_function")
    command.upgrade(config, "head")
