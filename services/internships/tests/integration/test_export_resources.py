"""What internships exports for an organisation is that organisation's alone, kind included (docs/export.md): a
school's records never reach an enterprise whose id happens to be the same, whatever resource holds them."""

from __future__ import annotations

import uuid

import asyncpg
import pytest
from sqlalchemy.ext.asyncio import create_async_engine

from internships.adapters.exports import RESOURCES
from internships.adapters.unit_of_work import InternshipsUnit
from internships.handlers import rounds
from internships.main import MIGRATIONS
from praxis_common.auth import Principal
from praxis_common.uow import UnitOfWorkFactory


@pytest.fixture(scope="module")
def database_url(database_factory):
    return database_factory("internships", migrated=MIGRATIONS)


async def counts(database_url: str, org: str, kind: str) -> dict[str, int]:
    """Each resource's rows for (org, kind), counted by the resource's own query."""
    conn = await asyncpg.connect(database_url.replace("postgresql+asyncpg://", "postgresql://"))
    try:
        return {
            r.name: await conn.fetchval(
                f"SELECT count(*) FROM ({r.query}) q WHERE $1::text IS NOT NULL AND $2::text IS NOT NULL", org, kind
            )
            for r in RESOURCES
        }
    finally:
        await conn.close()


async def test_a_schools_round_is_not_exported_to_an_enterprise_with_the_same_id(database_url):
    org = f"org-exk-{uuid.uuid4().hex[:8]}"
    engine = create_async_engine(database_url)
    try:
        uow = UnitOfWorkFactory(engine, event_prefix="t", unit=InternshipsUnit)
        coordinator = Principal(sub="c", org=org, org_kind="school", roles=frozenset({"coordinator", "admin"}))
        await rounds.create_round(rounds.CreateRound(title="Spring"), coordinator, uow=uow)
    finally:
        await engine.dispose()
    assert (await counts(database_url, org, "school"))["allocation_rounds"] == 1
    leaked = {name: n for name, n in (await counts(database_url, org, "enterprise")).items() if n}
    assert leaked == {}, f"an enterprise with the school's id would get {leaked}"
