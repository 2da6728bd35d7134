"""The audit log's hash chain on a real PostgreSQL: appends chain, concurrent appends from many connections keep one
valid chain, the table refuses UPDATE and DELETE, and a superuser's alteration of any column of any row (the trigger
disabled) or deletion of a row makes the verification fail at that entry. Erasing a student forgets its ref (as
subject and as reader) and the chain still verifies; the migration to digests keeps an existing chain valid."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import create_async_engine

from praxis_common.audit import (
    GENESIS,
    AuditLog,
    AuditRead,
    _first_release_hash,
    add_erasable_digests,
    create_audit_entry_table,
    drop_erasable_digests,
)

NOW = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)


class _Op:
    """What the migration helper uses of alembic's `op`, on a plain connection."""

    def __init__(self, connection) -> None:
        self.connection = connection

    def get_bind(self):
        return self.connection

    def execute(self, sql: str) -> None:
        self.connection.exec_driver_sql(sql)


def _migrate(c) -> None:
    create_audit_entry_table(_Op(c))
    add_erasable_digests(_Op(c))


@pytest.fixture
async def engine(database_factory):
    engine = create_async_engine(database_factory("audit"), pool_size=10)
    async with engine.begin() as conn:
        await conn.execute(text("DROP TABLE IF EXISTS audit_entry"))
        await conn.execute(text("DROP FUNCTION IF EXISTS audit_entry_append_only()"))
        await conn.execute(text("DROP SEQUENCE IF EXISTS audit_entry_seq"))
        await conn.run_sync(_migrate)
    yield engine
    await engine.dispose()


def read(n: int, student: str = "S-1") -> AuditRead:
    return AuditRead("hr-1", "acme", "enterprise", "school-a", "school", "student", student, "logbook", f"p-{n}")


async def append(engine, *reads: AuditRead, route: str = "GET /v1/placements/{placement_id}/logbook") -> list:
    async with engine.connect() as conn:
        entries = await AuditLog(conn).append(list(reads), at=NOW, route=route)
        await conn.commit()
    return entries


async def verify(engine, page: int = 1000):
    async with engine.connect() as conn:
        return await AuditLog(conn).verify(page=page)


async def as_superuser(engine, sql: str, **params) -> None:
    async with engine.begin() as conn:
        await conn.execute(text("ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_no_update"))
        await conn.execute(text(sql), params)
        await conn.execute(text("ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_no_update"))


async def test_entries_chain_and_verify_in_pages(engine):
    first = await append(engine, read(1), read(2))
    second = await append(engine, read(3))
    assert first[0].prev_hash == GENESIS
    assert [e.prev_hash for e in first[1:] + second] == [e.hash for e in first]
    assert [e.route for e in second] == ["GET /v1/placements/{placement_id}/logbook"]
    for page in (1, 2, 1000):
        v = await verify(engine, page=page)
        assert (v.ok, v.entries, v.broken_at, v.head_seq, v.head_hash) == (True, 3, None, second[0].seq, second[0].hash)


async def test_an_empty_log_verifies(engine):
    v = await verify(engine)
    assert (v.ok, v.entries, v.head_seq, v.head_hash) == (True, 0, None, None)


async def test_the_table_refuses_update_delete_and_truncate(engine):
    await append(engine, read(1))
    for sql in ("UPDATE audit_entry SET actor = 'x'", "DELETE FROM audit_entry", "TRUNCATE audit_entry"):
        with pytest.raises(DBAPIError, match="append-only"):
            async with engine.begin() as conn:
                await conn.execute(text(sql))
    assert (await verify(engine)).entries == 1


async def test_concurrent_appends_from_many_connections_keep_one_chain(engine):
    async def writer(w: int) -> None:
        for n in range(5):
            await append(engine, read(100 * w + n), read(100 * w + n + 50))

    await asyncio.gather(*(writer(w) for w in range(8)))
    v = await verify(engine)
    assert (v.ok, v.entries) == (True, 80)
    async with engine.connect() as conn:
        prevs = (await conn.execute(text("SELECT prev_hash FROM audit_entry"))).scalars().all()
    assert len(set(prevs)) == 80  # no two entries claim the same predecessor: one chain, no fork


ALTERATIONS = {
    "at": "at = at + interval '1 second'",
    "actor": "actor = 'someone-else'",
    "actor_org": "actor_org = 'other'",
    "actor_org_kind": "actor_org_kind = 'school'",
    "owner_org": "owner_org = 'school-b'",
    "owner_org_kind": "owner_org_kind = 'enterprise'",
    "subject_kind": "subject_kind = 'project_material'",
    "subject_ref": "subject_ref = 'S-2'",
    "salt": "salt = repeat('c', 32)",
    "subject_digest": "subject_digest = repeat('d', 64)",
    "actor_salt": "actor_salt = repeat('c', 32)",
    "actor_digest": "actor_digest = repeat('d', 64)",
    "subject_ref erased alone": "subject_ref = NULL",
    "actor erased alone": "actor = NULL",
    "resource_kind": "resource_kind = 'placement'",
    "resource_id": "resource_id = 'p-x'",
    "action": "action = 'list'",
    "route": "route = '/praxis.internships.v1.Placements/GetLogbook'",
    "prev_hash": "prev_hash = repeat('a', 64)",
    "hash": "hash = repeat('b', 64)",
}


@pytest.mark.parametrize("row", [0, 2, 4])
@pytest.mark.parametrize("column", sorted(ALTERATIONS))
async def test_altering_any_column_of_any_row_breaks_the_chain_there(engine, column, row):
    entries = await append(engine, *(read(n) for n in range(5)))
    assert (await verify(engine)).ok
    await as_superuser(engine, f"UPDATE audit_entry SET {ALTERATIONS[column]} WHERE seq = :seq", seq=entries[row].seq)
    v = await verify(engine, page=2)
    assert (v.ok, v.broken_at, v.entries) == (False, entries[row].seq, row)


async def test_renumbering_a_row_breaks_the_chain(engine):
    entries = await append(engine, *(read(n) for n in range(5)))
    await as_superuser(engine, "UPDATE audit_entry SET seq = seq + 1000 WHERE seq = :seq", seq=entries[2].seq)
    v = await verify(engine)
    assert not v.ok and v.broken_at == entries[3].seq


async def test_deleting_a_row_breaks_the_chain_at_the_next(engine):
    entries = await append(engine, *(read(n) for n in range(5)))
    await as_superuser(engine, "DELETE FROM audit_entry WHERE seq = :seq", seq=entries[1].seq)
    v = await verify(engine)
    assert (v.ok, v.broken_at) == (False, entries[2].seq)


async def test_the_time_is_part_of_the_hash_to_the_microsecond(engine):
    async with engine.connect() as conn:
        await AuditLog(conn).append([read(1)], at=NOW + timedelta(microseconds=7), route="r")
        await conn.commit()
    assert (await verify(engine)).ok


async def test_erasing_a_student_forgets_its_ref_and_the_chain_still_verifies(engine):
    mine = await append(engine, read(1), read(2, "S-2"), read(3))
    by_student = AuditRead(
        "S-1", "school-a", "school", "acme", "enterprise", "project_material", "proj-1", "material", "m"
    )
    other_school = AuditRead("hr-1", "acme", "enterprise", "school-b", "school", "student", "S-1", "logbook", "p-9")
    theirs = await append(engine, by_student, other_school)
    async with engine.begin() as conn:
        assert await AuditLog(conn).forget_student("school-a", "S-1") == 3
    async with engine.connect() as conn:
        rows = (
            await conn.execute(text("SELECT seq, actor, subject_ref, salt, actor_salt FROM audit_entry ORDER BY seq"))
        ).all()
    erased = {mine[0].seq, mine[2].seq}
    assert [(r.subject_ref, r.salt is None) for r in rows if r.seq in erased] == [(None, True)] * 2
    assert [(r.actor, r.actor_salt is None) for r in rows if r.seq == theirs[0].seq] == [(None, True)]
    assert [r.subject_ref for r in rows if r.seq == mine[1].seq] == ["S-2"]  # another student
    assert [r.subject_ref for r in rows if r.seq == theirs[1].seq] == ["S-1"]  # another school's ref, not this one's
    v = await verify(engine)
    assert (v.ok, v.entries, v.head_hash) == (True, 5, theirs[-1].hash)
    async with engine.begin() as conn:  # a second erasure finds nothing left
        assert await AuditLog(conn).forget_student("school-a", "S-1") == 0


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE audit_entry SET subject_ref = NULL",  # the ref without its salt: the digest could still be checked
        "UPDATE audit_entry SET subject_ref = NULL, salt = NULL, resource_id = 'x'",
        "UPDATE audit_entry SET subject_ref = 'S-2', salt = salt",
        "UPDATE audit_entry SET subject_digest = repeat('d', 64), subject_ref = NULL, salt = NULL",
        "UPDATE audit_entry SET actor = 'someone', actor_salt = NULL",
    ],
)
async def test_the_trigger_allows_no_other_update(engine, sql):
    await append(engine, read(1))
    with pytest.raises(DBAPIError, match="append-only"):
        async with engine.begin() as conn:
            await conn.execute(text(sql))
    assert (await verify(engine)).ok


async def test_the_migration_keeps_an_existing_chain_valid_and_refuses_to_downgrade_after_an_erasure(database_factory):
    engine = create_async_engine(database_factory("audit_migration"))
    try:
        async with engine.begin() as conn:
            await conn.run_sync(lambda c: create_audit_entry_table(_Op(c)))
            prev = GENESIS
            for n in range(3):  # entries as the first release wrote them: the raw ref in the hash
                row = {
                    "seq": n + 1,
                    "at": NOW,
                    "actor": "hr-1",
                    "actor_org": "acme",
                    "actor_org_kind": "enterprise",
                    "owner_org": "school-a",
                    "owner_org_kind": "school",
                    "subject_kind": "student",
                    "subject_ref": "S-1",
                    "resource_kind": "logbook",
                    "resource_id": f"p-{n}",
                    "action": "read",
                    "route": "r",
                    "prev_hash": prev,
                }
                row["hash"] = prev = _first_release_hash(row)
                await conn.execute(
                    text(f"INSERT INTO audit_entry ({', '.join(row)}) VALUES ({', '.join(':' + k for k in row)})"), row
                )
            await conn.execute(text("SELECT setval('audit_entry_seq', 3)"))
            await conn.run_sync(lambda c: add_erasable_digests(_Op(c)))
        assert (await verify(engine)).ok and (await verify(engine)).entries == 3
        await append(engine, read(4))
        async with engine.begin() as conn:
            await AuditLog(conn).forget_student("school-a", "S-1")
        v = await verify(engine)
        assert (v.ok, v.entries) == (True, 4)
        with pytest.raises(RuntimeError, match="cannot be restored"):
            async with engine.begin() as conn:
                await conn.run_sync(lambda c: drop_erasable_digests(_Op(c)))
    finally:
        await engine.dispose()
