"""The database ends with the booking function its latest versioned file holds, and the kernel's lock keys are the
ones the booking took before they moved into the kernel (so bookings and publishes of two versions still exclude
each other during an upgrade)."""

from __future__ import annotations

import asyncio
import re

import asyncpg
import pytest

from internships.main import MIGRATIONS
from praxis_common import migrations


@pytest.fixture(scope="module")
def database_url(database_factory):
    url = database_factory("internships_booking_function")
    migrations.upgrade(MIGRATIONS, url)
    return url


def _fetch(url: str, sql: str) -> list:
    async def run() -> list:
        conn = await asyncpg.connect(url.replace("postgresql+asyncpg://", "postgresql://", 1))
        try:
            return await conn.fetch(sql)
        finally:
            await conn.close()

    return asyncio.run(run())


def test_the_installed_function_is_the_latest_file(database_url):
    latest = max(MIGRATIONS.glob("sql/book_placement_v*.sql"), key=lambda f: int(re.search(r"_v(\d+)", f.name)[1]))
    body = latest.read_text().split("$$")[1]
    [row] = _fetch(database_url, "SELECT prosrc FROM pg_proc WHERE proname = 'book_placement'")
    assert row["prosrc"] == body


def test_lock_keys_are_the_ones_booking_always_took(database_url):
    [row] = _fetch(
        database_url,
        "SELECT praxis_lock_key('school', 's1') = hashtextextended('school' || chr(31) || 's1', 1) AS school, "
        "praxis_lock_key('student', 's1', 'ann') = hashtextextended('student' || chr(31) || 's1' || chr(31) || 'ann', 1)"
        " AS student",
    )
    assert row["school"] and row["student"]
