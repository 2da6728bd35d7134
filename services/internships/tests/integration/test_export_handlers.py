"""Export job use cases on a real, migrated PostgreSQL (docs/export.md): a start leaves the job and its request event
in one commit; the services' reports (once each, whatever is redelivered) move its progress to ready, or to failed;
a job is its organisation's alone; the archive waits for every part; expired jobs are pruned with their parts."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from internships.adapters.unit_of_work import InternshipsUnit
from internships.handlers import exports
from internships.main import MIGRATIONS
from praxis_common.auth import Principal
from praxis_common.errors import Conflict, Forbidden, NotFound
from praxis_common.uow import UnitOfWorkFactory

ADMIN = Principal(sub="adm", org="school-exh", org_kind="school", roles=frozenset({"admin"}))
OTHER = Principal(sub="adm", org="school-exh-2", org_kind="school", roles=frozenset({"admin"}))
POLICY = exports.ExportPolicy(services=["internships", "mentors"], ttl=timedelta(days=7))
FILES = [{"name": "mentors", "count": 1, "sha256": "0" * 64, "schema_version": 1, "bytes": 10}]


@pytest.fixture(scope="module")
def database_url(database_factory):
    return database_factory("internships", migrated=MIGRATIONS)


@pytest.fixture
async def uow(database_url):
    engine = create_async_engine(database_url, pool_size=5)
    yield UnitOfWorkFactory(engine, event_prefix="t", unit=InternshipsUnit)
    await engine.dispose()


async def test_a_job_moves_to_ready_as_each_expected_service_reports_once(uow):
    job = await exports.start_export(ADMIN, uow=uow, policy=POLICY)
    async with uow() as u:
        event = (
            await u.connection.execute(
                text("SELECT subject, payload FROM outbox WHERE aggregate_id = :j"), {"j": str(job.id)}
            )
        ).one()
    assert event.subject == "t.internships.export.requested"
    payload = json.loads(event.payload)
    assert (payload["jobId"], payload["org"], payload["orgKind"]) == (str(job.id), ADMIN.org, "school")
    assert payload["expiresAt"] == job.expires_at.isoformat()
    taken = datetime.now(UTC).isoformat()
    for _ in range(2):  # a redelivered report changes nothing
        await exports.part_ready(str(job.id), "mentors", FILES, taken, uow=uow)
    await exports.part_ready(str(job.id), "projects", FILES, taken, uow=uow)  # not expected by this job: ignored
    got = await exports.get_export(job.id, ADMIN, uow=uow)
    assert (got.state(datetime.now(UTC)), got.progress) == ("running", 0.5)
    with pytest.raises(Conflict):
        await exports.export_archive(job.id, ADMIN, token="t", uow=uow, sources=None)
    await exports.part_ready(str(job.id), "internships", [], taken, uow=uow)
    got = await exports.get_export(job.id, ADMIN, uow=uow)
    assert got.state(datetime.now(UTC)) == "ready" and got.ready_at is not None
    assert got.parts["mentors"].files == FILES


async def test_a_failed_part_fails_the_job(uow):
    job = await exports.start_export(ADMIN, uow=uow, policy=POLICY)
    await exports.part_failed(str(job.id), "mentors", "DivisionByZeroError while writing the part", uow=uow)
    got = await exports.get_export(job.id, ADMIN, uow=uow)
    assert got.state(datetime.now(UTC)) == "failed" and got.service_states() == {
        "internships": "requested",
        "mentors": "failed",
    }


async def test_a_job_is_its_organisations_alone_and_only_admins_export(uow):
    job = await exports.start_export(ADMIN, uow=uow, policy=POLICY)
    for outsider in (OTHER, Principal(sub="adm", org=ADMIN.org, org_kind="enterprise", roles=frozenset({"admin"}))):
        with pytest.raises(NotFound):
            await exports.get_export(job.id, outsider, uow=uow)
        with pytest.raises(NotFound):
            await exports.export_archive(job.id, outsider, token="t", uow=uow, sources=None)
        assert job.id not in [j.id for j in (await exports.list_exports(outsider, uow=uow))[0]]
    with pytest.raises(NotFound):
        await exports.get_export("not-a-uuid", ADMIN, uow=uow)
    coordinator = Principal(sub="c", org=ADMIN.org, org_kind="school", roles=frozenset({"coordinator"}))
    with pytest.raises(Forbidden):
        await exports.start_export(coordinator, uow=uow, policy=POLICY)


async def test_jobs_are_listed_newest_first_a_page_at_a_time(uow):
    org = Principal(sub="adm", org=f"school-exh-{uuid.uuid4().hex[:8]}", org_kind="school", roles=frozenset({"admin"}))
    made = [await exports.start_export(org, uow=uow, policy=POLICY) for _ in range(3)]
    first, token = await exports.list_exports(org, uow=uow, page_size=2)
    rest, last = await exports.list_exports(org, uow=uow, page_size=2, page_token=token)
    assert [j.id for j in first + rest] == [j.id for j in reversed(made)] and last is None


async def test_expired_jobs_are_pruned_with_their_reported_parts(uow):
    job = await exports.start_export(ADMIN, uow=uow, policy=POLICY)
    await exports.part_ready(str(job.id), "mentors", FILES, datetime.now(UTC).isoformat(), uow=uow)
    async with uow() as u:
        await u.connection.execute(
            text("UPDATE export_job SET expires_at = now() - interval '1 second' WHERE id = :j"), {"j": job.id}
        )
        await u.commit()
    assert await exports.prune_exports(uow=uow) >= 1
    with pytest.raises(NotFound):
        await exports.get_export(job.id, ADMIN, uow=uow)
    async with uow() as u:
        left = await u.connection.execute(text("SELECT count(*) FROM export_job_part WHERE job_id = :j"), {"j": job.id})
        assert left.scalar() == 0
