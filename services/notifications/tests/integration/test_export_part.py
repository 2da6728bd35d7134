"""An organisation's export part on a real, migrated PostgreSQL (praxis_common.exports, docs/export.md): queued by
the request event, built by the worker in one snapshot, its JSON Lines exactly the organisation's rows (texts with
quotes, backslashes, line breaks and CJK round-trip), counts and hashes as reported, the ready event in the outbox;
nothing of another organisation; only an admin of the owning organisation reads it; expired parts are pruned; an
archive is refused when a part's bytes do not match what was reported, or a service does not answer; a part that
cannot be written is failed, with an event naming no data."""

from __future__ import annotations

import hashlib
import json
import uuid
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from notifications.adapters import exports
from notifications.adapters.unit_of_work import NotificationsUnit
from notifications.handlers import directory
from notifications.main import MIGRATIONS
from praxis_common.auth import Principal
from praxis_common.errors import Conflict, Forbidden, InvalidInput, NotFound, Unavailable
from praxis_common.exports import ExportResource, archive
from praxis_common.exports.access import ready_part
from praxis_common.exports.client import PartSources
from praxis_common.exports.parts import read_chunks, request_part
from praxis_common.exports.worker import PartBuilder
from praxis_common.uow import UnitOfWorkFactory
from praxis_dev.testing.servers import free_port

ADMIN = Principal(sub="admin-x", org="ent-export-1", org_kind="enterprise", roles=frozenset({"admin"}))
OTHER = Principal(sub="admin-y", org="ent-export-2", org_kind="enterprise", roles=frozenset({"admin"}))
TWIN = Principal(sub="admin-z", org=ADMIN.org, org_kind="school", roles=frozenset({"admin"}))  # a school, same id
TRICKY = 'Zhāng "Wěi" \\ 张伟 \n next line'


@pytest.fixture(scope="module")
def database_url(database_factory):
    return database_factory("notifications", migrated=MIGRATIONS)


@pytest.fixture
async def rt(database_url):
    engine = create_async_engine(database_url, pool_size=5, max_overflow=0)
    settings = SimpleNamespace(export_stale_seconds=900.0, export_poll_seconds=0.1)
    yield SimpleNamespace(
        engine=engine, settings=settings, uow=UnitOfWorkFactory(engine, event_prefix="t", unit=NotificationsUnit)
    )
    await engine.dispose()


async def add_users(rt, principal: Principal, n: int, name: str = "User") -> None:
    for i in range(n):
        cmd = directory.PutUser(
            account=f"{principal.org}-u{i}",
            email=f"u{i}@{principal.org}.test",
            display_name=name,
            language="en",
            roles=["admin"],
        )
        await directory.put_user(cmd, principal, uow=rt.uow)


async def request(rt, principal: Principal, expires_at: datetime) -> uuid.UUID:
    job = uuid.uuid4()
    async with rt.engine.begin() as conn:
        await request_part(
            conn,
            job_id=job,
            org=principal.org,
            org_kind=principal.org_kind,
            requested_at=datetime.now(UTC),
            expires_at=expires_at,
        )
    return job


async def test_a_part_holds_exactly_the_organisations_rows_with_counts_and_hashes(rt):
    await add_users(rt, ADMIN, 3, TRICKY)
    await add_users(rt, OTHER, 2)
    await add_users(rt, TWIN, 2, "Twin")
    job = await request(rt, ADMIN, datetime.now(UTC) + timedelta(days=1))
    builder = PartBuilder(rt, "notifications", exports.RESOURCES)
    assert await builder.build_next() is True
    assert await builder.build_next() is False  # nothing else waits

    part = await ready_part(rt.engine, str(job), ADMIN)
    assert [f["name"] for f in part.files] == [r.name for r in exports.RESOURCES]
    data: dict[str, bytes] = {}
    async for name, _, chunk in read_chunks(rt.engine, job, part.files):
        data[name] = data.get(name, b"") + chunk
    for f in part.files:
        body = data.get(f["name"], b"")
        assert hashlib.sha256(body).hexdigest() == f["sha256"] and len(body) == f["bytes"]
        assert body.count(b"\n") == f["count"]
    users = [json.loads(line) for line in data["directory_users"].splitlines()]
    assert len(users) == 3 and {(u["org"], u["org_kind"]) for u in users} == {(ADMIN.org, "enterprise")}
    assert all(u["display_name"] == TRICKY for u in users)
    assert b"ent-export-2" not in b"".join(data.values())

    async with rt.engine.connect() as conn:
        event = (
            await conn.execute(text("SELECT subject, payload FROM outbox WHERE aggregate_id = :j"), {"j": str(job)})
        ).one()
    assert event.subject == "t.notifications.export.part_ready"
    reported = json.loads(event.payload)
    assert reported["org"] == ADMIN.org and reported["files"][0]["sha256"] == part.files[0]["sha256"]


async def test_only_an_admin_of_the_owning_organisation_reads_a_part(rt):
    job = await request(rt, ADMIN, datetime.now(UTC) + timedelta(days=1))
    await PartBuilder(rt, "notifications", exports.RESOURCES).build_next()
    with pytest.raises(NotFound):
        await ready_part(rt.engine, str(job), OTHER)
    with pytest.raises(InvalidInput):  # gRPC's INVALID_ARGUMENT, as REST's 422
        await ready_part(rt.engine, "not-a-uuid", ADMIN)
    with pytest.raises(Forbidden):
        await ready_part(
            rt.engine, str(job), Principal(sub="s", org=ADMIN.org, org_kind="enterprise", roles=frozenset({"hr"}))
        )


async def test_an_expired_part_is_not_read_even_before_it_is_pruned(rt):
    job = await request(rt, ADMIN, datetime.now(UTC) + timedelta(days=1))
    await PartBuilder(rt, "notifications", exports.RESOURCES).build_next()
    assert (await ready_part(rt.engine, str(job), ADMIN)).state == "ready"
    async with rt.engine.begin() as conn:
        await conn.execute(
            text("UPDATE export_part SET expires_at = now() - interval '1 second' WHERE job_id = :j"), {"j": job}
        )
    with pytest.raises(NotFound):
        await ready_part(rt.engine, str(job), ADMIN)


async def test_expired_parts_are_pruned_with_their_chunks(rt):
    job = await request(rt, ADMIN, datetime.now(UTC) + timedelta(seconds=2))
    await PartBuilder(rt, "notifications", exports.RESOURCES).build_next()
    async with rt.engine.begin() as conn:
        await conn.execute(
            text("UPDATE export_part SET expires_at = now() - interval '1 second' WHERE job_id = :j"), {"j": job}
        )
    assert await PartBuilder(rt, "notifications", exports.RESOURCES).prune() >= 1
    async with rt.engine.connect() as conn:
        left = await conn.execute(text("SELECT count(*) FROM export_chunk WHERE job_id = :j"), {"j": job})
        assert left.scalar() == 0


async def test_an_archive_is_refused_when_a_part_does_not_match_what_its_service_reported(rt):
    await add_users(rt, ADMIN, 1)
    job = await request(rt, ADMIN, datetime.now(UTC) + timedelta(days=1))
    await PartBuilder(rt, "notifications", exports.RESOURCES).build_next()
    part = await ready_part(rt.engine, str(job), ADMIN)
    parts = {"notifications": {"taken_at": part.taken_at.isoformat(), "files": part.files}}
    the_manifest = archive.manifest(job_id=str(job), org=ADMIN.org, org_kind="enterprise", created_at="", parts=parts)
    sources = PartSources(rt.engine, "notifications", {}, deadline_seconds=5)
    good = await archive.write_archive(the_manifest, parts, sources.reader("", str(job), part.files))
    assert archive.verify(good) == []
    good.close()
    async with rt.engine.begin() as conn:  # a stored chunk altered
        await conn.execute(
            text("UPDATE export_chunk SET data = data || '\\x0a'::bytea WHERE job_id = :j AND seq = 0"), {"j": job}
        )
    with pytest.raises(Unavailable):
        await archive.write_archive(the_manifest, parts, sources.reader("", str(job), part.files))


async def test_a_service_that_does_not_answer_makes_the_archive_unavailable(rt):
    sources = PartSources(rt.engine, "notifications", {"mentors": f"127.0.0.1:{free_port()}"}, deadline_seconds=2)
    with pytest.raises(Unavailable):
        async for _ in sources.reader("token", str(uuid.uuid4()))("mentors"):
            pass


async def test_a_part_that_cannot_be_written_is_failed_and_says_so_without_data(rt):
    job = await request(rt, ADMIN, datetime.now(UTC) + timedelta(days=1))
    broken = [*exports.RESOURCES, ExportResource("broken", 1, "SELECT 1 / 0 AS x FROM directory_user WHERE org = $1")]
    await add_users(rt, ADMIN, 1)
    assert await PartBuilder(rt, "notifications", broken).build_next() is True
    with pytest.raises(Conflict):
        await ready_part(rt.engine, str(job), ADMIN)
    async with rt.engine.connect() as conn:
        event = (
            await conn.execute(text("SELECT subject, payload FROM outbox WHERE aggregate_id = :j"), {"j": str(job)})
        ).one()
        chunks = await conn.execute(text("SELECT count(*) FROM export_chunk WHERE job_id = :j"), {"j": job})
        assert chunks.scalar() == 0  # nothing of the half-written part stays
    assert event.subject == "t.notifications.export.part_failed"
    assert json.loads(event.payload)["reason"].startswith("DivisionByZeroError")
