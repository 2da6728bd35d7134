"""Export job use cases on a real, migrated PostgreSQL (docs/export.md): a start leaves the job and its request event
in one commit; the services' reports (once each, whatever is redelivered) move its progress to ready, or to failed;
a job is its organisation's alone; the archive waits for every part; expired jobs are pruned with their parts; an
organisation has one export written at a time and a bounded number ready; a part found gone (erased) makes its job
stale with a 409, never a 503."""

from __future__ import annotations

import asyncio
import json
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import event, text
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.util import await_only

from internships.adapters.unit_of_work import InternshipsUnit
from internships.handlers import exports
from internships.main import MIGRATIONS
from praxis_common.auth import Principal
from praxis_common.errors import Conflict, Forbidden, InvalidInput, NotFound
from praxis_common.exports.access import PartGone
from praxis_common.exports.client import PartSources
from praxis_common.uow import UnitOfWorkFactory

POLICY = exports.ExportPolicy(services=["internships", "mentors"], ttl=timedelta(days=7), max_ready=2)
FILES = [{"name": "mentors", "count": 1, "sha256": "0" * 64, "schema_version": 1, "bytes": 10}]


def admin_of(org: str, kind: str = "school") -> Principal:
    return Principal(sub="adm", org=org, org_kind=kind, roles=frozenset({"admin"}))


@pytest.fixture
def admin():
    """A fresh organisation's admin per test (an organisation has one export written at a time)."""
    return admin_of(f"school-exh-{uuid.uuid4().hex[:8]}")


async def finish(uow, job, services=("internships", "mentors")) -> None:
    for service in services:
        await exports.part_ready(str(job.id), service, FILES, datetime.now(UTC).isoformat(), uow=uow)


@pytest.fixture(scope="module")
def database_url(database_factory):
    return database_factory("internships", migrated=MIGRATIONS)


@pytest.fixture
async def uow(database_url):
    engine = create_async_engine(database_url, pool_size=5)
    yield UnitOfWorkFactory(engine, event_prefix="t", unit=InternshipsUnit)
    await engine.dispose()


async def test_a_job_moves_to_ready_as_each_expected_service_reports_once(uow, admin):
    job = await exports.start_export(admin, uow=uow, policy=POLICY)
    async with uow() as u:
        event = (
            await u.connection.execute(
                text("SELECT subject, payload FROM outbox WHERE aggregate_id = :j"), {"j": str(job.id)}
            )
        ).one()
    assert event.subject == "t.internships.export.requested"
    payload = json.loads(event.payload)
    assert (payload["jobId"], payload["org"], payload["orgKind"]) == (str(job.id), admin.org, "school")
    assert payload["expiresAt"] == job.expires_at.isoformat()
    taken = datetime.now(UTC).isoformat()
    for _ in range(2):  # a redelivered report changes nothing
        await exports.part_ready(str(job.id), "mentors", FILES, taken, uow=uow)
    await exports.part_ready(str(job.id), "projects", FILES, taken, uow=uow)  # not expected by this job: ignored
    got = await exports.get_export(job.id, admin, uow=uow)
    assert (got.state(datetime.now(UTC)), got.progress) == ("running", 0.5)
    with pytest.raises(Conflict):
        await exports.export_archive(job.id, admin, token="t", uow=uow, sources=None)
    await exports.part_ready(str(job.id), "internships", [], taken, uow=uow)
    got = await exports.get_export(job.id, admin, uow=uow)
    assert got.state(datetime.now(UTC)) == "ready" and got.ready_at is not None
    assert got.parts["mentors"].files == FILES


async def test_a_failed_part_fails_the_job(uow, admin):
    job = await exports.start_export(admin, uow=uow, policy=POLICY)
    await exports.part_failed(str(job.id), "mentors", "DivisionByZeroError while writing the part", uow=uow)
    got = await exports.get_export(job.id, admin, uow=uow)
    assert got.state(datetime.now(UTC)) == "failed" and got.service_states() == {
        "internships": "requested",
        "mentors": "failed",
    }


async def test_a_job_is_its_organisations_alone_and_only_admins_export(uow, admin):
    job = await exports.start_export(admin, uow=uow, policy=POLICY)
    for outsider in (admin_of(admin.org + "-2"), admin_of(admin.org, "enterprise")):
        with pytest.raises(NotFound):
            await exports.get_export(job.id, outsider, uow=uow)
        with pytest.raises(NotFound):
            await exports.export_archive(job.id, outsider, token="t", uow=uow, sources=None)
        assert job.id not in [j.id for j in (await exports.list_exports(outsider, uow=uow))[0]]
    with pytest.raises(InvalidInput):  # as REST's 422: gRPC's INVALID_ARGUMENT, not NOT_FOUND
        await exports.get_export("not-a-uuid", admin, uow=uow)
    coordinator = Principal(sub="c", org=admin.org, org_kind="school", roles=frozenset({"coordinator"}))
    with pytest.raises(Forbidden):
        await exports.start_export(coordinator, uow=uow, policy=POLICY)


async def test_jobs_are_listed_newest_first_a_page_at_a_time(uow, admin):
    made = []
    for _ in range(3):
        made.append(await exports.start_export(admin, uow=uow, policy=POLICY))
        await exports.part_failed(str(made[-1].id), "mentors", "failed", uow=uow)  # the next may start
    first, token = await exports.list_exports(admin, uow=uow, page_size=2)
    rest, last = await exports.list_exports(admin, uow=uow, page_size=2, page_token=token)
    assert [j.id for j in first + rest] == [j.id for j in reversed(made)] and last is None


async def test_expired_jobs_are_pruned_with_their_reported_parts(uow, admin):
    job = await exports.start_export(admin, uow=uow, policy=POLICY)
    await exports.part_ready(str(job.id), "mentors", FILES, datetime.now(UTC).isoformat(), uow=uow)
    async with uow() as u:
        await u.connection.execute(
            text("UPDATE export_job SET expires_at = now() - interval '1 second' WHERE id = :j"), {"j": job.id}
        )
        await u.commit()
    assert await exports.prune_exports(uow=uow) >= 1
    with pytest.raises(NotFound):
        await exports.get_export(job.id, admin, uow=uow)
    async with uow() as u:
        left = await u.connection.execute(text("SELECT count(*) FROM export_job_part WHERE job_id = :j"), {"j": job.id})
        assert left.scalar() == 0


async def test_one_export_is_written_at_a_time_and_a_bounded_number_kept_ready(uow, admin):
    running = await exports.start_export(admin, uow=uow, policy=POLICY)
    with pytest.raises(exports.ExportRunning) as refused:
        await exports.start_export(admin, uow=uow, policy=POLICY)
    assert refused.value.extensions["running_job"] == str(running.id) and str(running.id) in refused.value.detail
    other_kind = await exports.start_export(admin_of(admin.org, "enterprise"), uow=uow, policy=POLICY)  # not ours
    await finish(uow, other_kind)
    await finish(uow, running)
    second = await exports.start_export(admin, uow=uow, policy=POLICY)  # the first is ready: the next may start
    await finish(uow, second)
    with pytest.raises(exports.TooManyExports):  # two ready, the most POLICY allows
        await exports.start_export(admin, uow=uow, policy=POLICY)
    async with uow() as u:  # one expires: room again
        await u.connection.execute(
            text("UPDATE export_job SET expires_at = now() - interval '1 second' WHERE id = :j"), {"j": running.id}
        )
        await u.commit()
    third = await exports.start_export(admin, uow=uow, policy=POLICY)
    await exports.part_failed(str(third.id), "mentors", "failed", uow=uow)  # a failed job is not in flight
    await exports.start_export(admin, uow=uow, policy=POLICY)


async def test_concurrent_starts_leave_one_job(uow, admin):
    started = await asyncio.gather(
        *(exports.start_export(admin, uow=uow, policy=POLICY) for _ in range(4)), return_exceptions=True
    )
    assert sum(not isinstance(s, BaseException) for s in started) == 1
    assert all(isinstance(s, exports.ExportRunning) for s in started if isinstance(s, BaseException))
    assert len((await exports.list_exports(admin, uow=uow))[0]) == 1


async def test_a_part_erased_after_it_was_reported_makes_the_job_stale_not_unavailable(uow, admin):
    """An erasure deletes this service's own part (its export_part row with its chunks): the archive is a 409
    naming the gone part, and the job says `stale` from then on."""
    policy = exports.ExportPolicy(services=["internships"], ttl=timedelta(days=7))
    job = await exports.start_export(admin, uow=uow, policy=policy)
    await finish(uow, job, ["internships"])  # reported, but its part is not (or no longer) in export_part
    sources = PartSources(uow.engine, "internships", {}, deadline_seconds=5)
    for _ in range(2):
        with pytest.raises(PartGone) as refused:
            await exports.export_archive(job.id, admin, token="t", uow=uow, sources=sources)
        assert refused.value.code == "export-incomplete" and refused.value.extensions["service"] == "internships"
        got = await exports.get_export(job.id, admin, uow=uow)
        assert got.state(datetime.now(UTC)) == "stale" and got.service_states() == {"internships": "gone"}
    await exports.start_export(admin, uow=uow, policy=policy)  # a stale job is no ready one: a new export may start


async def test_an_expired_job_reads_expired_and_its_archive_is_not_found_before_it_is_pruned(uow, admin):
    job = await exports.start_export(admin, uow=uow, policy=POLICY)
    await finish(uow, job)
    async with uow() as u:
        await u.connection.execute(
            text("UPDATE export_job SET expires_at = now() - interval '1 second' WHERE id = :j"), {"j": job.id}
        )
        await u.commit()
    assert (await exports.get_export(job.id, admin, uow=uow)).state(datetime.now(UTC)) == "expired"
    with pytest.raises(NotFound):
        await exports.export_archive(job.id, admin, token="t", uow=uow, sources=None)


async def test_a_reader_never_sees_every_part_ready_without_the_jobs_ready_time(uow, admin):
    """The last part and the job's ready time commit together; a read whose statements meet that commit (it
    commits right before the reader's statement that reads the parts) must not show the job ready without its
    ready time."""
    job = await exports.start_export(admin, uow=uow, policy=POLICY)
    await exports.part_ready(str(job.id), "mentors", FILES, datetime.now(UTC).isoformat(), uow=uow)
    sync_engine = uow.engine.sync_engine
    interleaved = []

    def last_part_commits_now(conn, cursor, statement, parameters, context, executemany):
        if "FROM export_job_part" in statement and not interleaved:
            interleaved.append(statement)
            report = exports.part_ready(str(job.id), "internships", [], datetime.now(UTC).isoformat(), uow=uow)
            await_only(report)  # on other connections, committed before the reader's statement runs

    event.listen(sync_engine, "before_cursor_execute", last_part_commits_now)
    try:
        got = await exports.get_export(job.id, admin, uow=uow)
    finally:
        event.remove(sync_engine, "before_cursor_execute", last_part_commits_now)
    assert interleaved
    assert (got.state(datetime.now(UTC)), got.ready_at is not None) in {("running", False), ("ready", True)}
    again = await exports.get_export(job.id, admin, uow=uow)
    assert again.state(datetime.now(UTC)) == "ready" and again.ready_at is not None
