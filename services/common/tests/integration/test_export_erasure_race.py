"""An export part being built while a student is erased (docs/erasure.md, docs/export.md), on a real PostgreSQL (a
migrated mentors database: it has the kernel's export tables): a build stores its chunks without holding a
transaction open; the build whose snapshot predates the erasure is dropped, what it stored deleted, and the part built
again after it, without the student; a builder whose claim was taken over cannot store
its result over the new builder's."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from praxis_common.erasure import ErasureRequest, erase_kernel_rows
from praxis_common.exports import ExportResource
from praxis_common.exports.parts import claim_part, finish_part, request_part
from praxis_common.exports.worker import PartBuilder
from praxis_common.uow import UnitOfWorkFactory
from praxis_dev.testing.stack import eventually

GATE = 7_340_033  # an advisory lock the test holds to stop the build between two of its resources
SCHOOL = "school-race"
STUDENTS = ExportResource("students", 1, "SELECT ref, name FROM race_student WHERE org = $1 ORDER BY ref")
# Reads nothing; waits for the gate, after the snapshot holding the students was taken.
GATED = ExportResource("gate", 1, f"SELECT 1 AS passed FROM (SELECT pg_advisory_xact_lock_shared({GATE})) g")


@pytest.fixture
async def rt(database_factory):
    engine = create_async_engine(database_factory("exportrace", migrated="mentors"), pool_size=6)
    async with engine.begin() as conn:
        await conn.execute(text("CREATE TABLE race_student (org text, ref text, name text)"))
        await conn.execute(text("INSERT INTO race_student VALUES (:org, 'S-1', 'Ann Example')"), {"org": SCHOOL})
    settings = SimpleNamespace(export_stale_seconds=900.0, export_poll_seconds=0.1)
    yield SimpleNamespace(engine=engine, settings=settings, uow=UnitOfWorkFactory(engine, event_prefix="t"))
    await engine.dispose()


async def _request(rt) -> uuid.UUID:
    job = uuid.uuid4()
    async with rt.engine.begin() as conn:
        now = datetime.now(UTC)
        await request_part(
            conn, job_id=job, org=SCHOOL, org_kind="school", requested_at=now, expires_at=now + timedelta(days=1)
        )
    return job


async def _waiting_at_the_gate(rt) -> bool:
    async with rt.engine.connect() as conn:
        found = await conn.execute(
            text("SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND objid = :gate AND NOT granted"),
            {"gate": GATE},
        )
        return found.first() is not None


async def _part(rt, job: uuid.UUID) -> tuple[str, bytes]:
    async with rt.engine.connect() as conn:
        state = (await conn.execute(text("SELECT state FROM export_part WHERE job_id = :j"), {"j": job})).scalar()
        data = await conn.execute(
            text(
                "SELECT coalesce(string_agg(data, ''::bytea ORDER BY file, seq), '') FROM export_chunk WHERE job_id = :j"
            ),
            {"j": job},
        )
        return state, bytes(data.scalar())


async def test_a_part_whose_snapshot_predates_an_erasure_is_built_again_after_it(rt):
    job = await _request(rt)
    builder = PartBuilder(rt, "svc", [STUDENTS, GATED])
    gate = await rt.engine.connect()
    await gate.execute(text(f"SELECT pg_advisory_lock({GATE})"))
    building = asyncio.create_task(builder.build_next())
    try:
        await eventually(lambda: _waiting_at_the_gate(rt), timeout=15, what="the build past its snapshot")
        # The students' file is stored, and the build holds no transaction id while it reads on: every change feed
        # of the database server waits for the oldest running one (praxis_common.feeds).
        assert (await _part(rt, job))[1].startswith(b'{"ref":"S-1"')
        async with rt.engine.connect() as conn:
            holding = await conn.execute(
                text(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND backend_xid IS NOT NULL"
                )
            )
            assert holding.scalar() == 0
        # the erasure commits while the build holds a snapshot with the student
        async with rt.engine.begin() as conn:
            await conn.execute(text("UPDATE race_student SET ref = :p, name = '' WHERE ref = 'S-1'"), {"p": "erased-x"})
            rows = await erase_kernel_rows(conn, ErasureRequest(uuid.uuid4(), SCHOOL, "S-1"))
        assert rows["export_part"] == 1  # the part being built, back in the queue
    finally:
        await gate.execute(text(f"SELECT pg_advisory_unlock({GATE})"))
        await gate.close()
    assert await building is True
    state, data = await _part(rt, job)
    assert (state, data) == ("queued", b"")  # the build was dropped: nothing of it stored, no ready event
    async with rt.engine.connect() as conn:
        events = await conn.execute(text("SELECT count(*) FROM outbox WHERE aggregate_id = :j"), {"j": str(job)})
        assert events.scalar() == 0

    assert await builder.build_next() is True  # built again, after the erasure
    state, data = await _part(rt, job)
    assert state == "ready"
    assert b"S-1" not in data and b"Ann" not in data and b'"erased-x"' in data


async def test_a_builder_whose_claim_was_taken_over_cannot_store_its_result(rt):
    job = await _request(rt)
    async with rt.engine.begin() as conn:
        first = await claim_part(conn, 900.0)
        await conn.execute(
            text("UPDATE export_part SET heartbeat_at = now() - interval '1 hour' WHERE job_id = :j"), {"j": job}
        )
    assert first is not None and first.job_id == job
    async with rt.engine.begin() as conn:  # the first builder went silent: another takes the part over
        second = await claim_part(conn, 900.0)
        assert second is not None and second.job_id == job
        assert await finish_part(conn, job, second.heartbeat_at, state="ready", files=[], taken_at=second.expires_at)
    async with rt.engine.begin() as conn:  # the first one wakes up and fails: it must not overwrite `ready`
        assert not await finish_part(conn, job, first.heartbeat_at, state="failed", files=[], taken_at=None)
    assert (await _part(rt, job))[0] == "ready"
