"""The OneRoster roster import on a real, migrated PostgreSQL, through the real job runner: students of the school
imported with their programme, the job's counts and per-row errors by users.csv line, a re-import changing nothing,
a changed row updated, a dry run writing nothing, the events in the outbox, who sees a job, and bundles refused as a
whole (another school's, not a ZIP, not UTF-8)."""

from __future__ import annotations

import io
import uuid
import zipfile
from datetime import date

import pytest
from internships_attendance_world import START, World, at
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from internships.adapters.unit_of_work import InternshipsUnit
from internships.handlers import roster
from internships.handlers.placements import BookPlacement, book_placement
from internships.main import MIGRATIONS
from internships.schemas.import_kinds import KINDS, ONEROSTER
from praxis_common.auth import Principal
from praxis_common.errors import Forbidden, InvalidInput, NotFound
from praxis_common.imports import uploads
from praxis_common.imports.files import BatchOutcome
from praxis_common.imports.jobs import JobTakenOver
from praxis_common.imports.runner import ImportRunner
from praxis_common.uow import UnitOfWorkFactory
from praxis_dev import oneroster_bundles as bundles


def school(org: str, *roles: str) -> Principal:
    return Principal(sub=f"{org}-office", org=org, org_kind="school", roles=frozenset(roles or ("admin",)))


@pytest.fixture(scope="module")
def database_url(database_factory):
    return database_factory("internships_roster", migrated=MIGRATIONS)


@pytest.fixture
async def uow(database_url):
    engine = create_async_engine(database_url)
    yield UnitOfWorkFactory(engine, event_prefix="t", unit=InternshipsUnit)
    await engine.dispose()


async def run(uow, data: bytes, who: Principal, *, dry_run: bool = False):
    """Upload, then let the real runner take the job to its end; the job as its owner reads it."""
    runner = ImportRunner(uow, KINDS)
    job = await uploads.submit(ONEROSTER, data, who, dry_run=dry_run, uow=uow, runner=runner)
    assert job.state == "queued"
    while await runner.run_next():
        pass
    return await uploads.get_job(job.id, who, uow=uow, kinds=KINDS)


async def roster_of(uow, who: Principal) -> list:
    items, _ = await roster.list_students(who, uow=uow, page_size=200)
    return items


async def events_of(uow, org: str) -> list[str]:
    async with uow() as u:
        rows = await u.connection.execute(
            text("SELECT subject FROM outbox WHERE aggregate_type = 'roster' AND aggregate_id = :org"), {"org": org}
        )
        return [r.subject for r in rows]


async def test_the_schools_students_are_imported_with_their_programme_and_an_event(uow):
    who = school("sch-import")
    job = await run(uow, bundles.bundle(who.org, 10), who)
    assert (job.state, job.total, job.created, job.updated, job.unchanged, job.failed) == ("succeeded", 10, 10, 0, 0, 0)
    assert job.processed == 10 and job.errors == [] and job.finished_at is not None
    students = await roster_of(uow, who)
    assert [s.student_ref for s in students] == [f"S{i:06d}" for i in range(10)]  # teachers are not students
    assert students[0].display_name == "Given0 Family0"
    assert students[0].programme == "Cross-border e-commerce" and students[1].programme == "Logistics management"
    assert await events_of(uow, who.org) == ["t.internships.roster.imported"]


async def test_the_same_file_twice_changes_nothing_and_a_changed_row_is_updated(uow):
    who = school("sch-twice")
    data = bundles.bundle(who.org, 12)
    first = await run(uow, data, who)
    second = await run(uow, data, who)
    assert (first.created, second.created, second.updated, second.unchanged) == (12, 0, 0, 12)
    assert len(await events_of(uow, who.org)) == 1  # nothing new: no event
    users = [bundles.student(i) for i in range(12)]
    users[3] = bundles.student(3, givenName="Renamed")
    third = await run(uow, bundles.bundle(who.org, 0, users=users), who)
    assert (third.created, third.updated, third.unchanged) == (0, 1, 11)
    assert (await roster_of(uow, who))[3].display_name == "Renamed Family3"
    assert len(await events_of(uow, who.org)) == 2


async def test_three_bad_rows_are_reported_by_line_and_the_rest_imported(uow):
    who = school("sch-bad")
    users = [bundles.student(i) for i in range(8)]
    users[1] = bundles.student(1, identifier="S/1")  # not a reference: users.csv line 3
    users[4] = bundles.student(4, givenName="x" * 120)  # display name too long: line 6
    users[6] = bundles.student(6, org_sourced_id="org-other")  # another school's student: line 8
    job = await run(uow, bundles.bundle(who.org, 0, users=users), who)
    assert (job.state, job.total, job.created, job.failed, job.processed) == ("succeeded", 8, 5, 3, 8)
    assert [(e.file, e.line, e.field) for e in job.errors] == [
        ("users.csv", 3, "student_ref"),
        ("users.csv", 6, "display_name"),
        ("users.csv", 8, "orgSourcedIds"),
    ]
    assert "at most 100 characters" in job.errors[1].message
    assert {s.student_ref for s in await roster_of(uow, who)} == {f"S{i:06d}" for i in (0, 2, 3, 5, 7)}


async def test_a_dry_run_counts_and_writes_nothing(uow):
    who = school("sch-dry")
    users = [bundles.student(i) for i in range(6)]
    users[2] = bundles.student(2, identifier="S/2")
    job = await run(uow, bundles.bundle(who.org, 0, users=users), who, dry_run=True)
    assert (job.state, job.dry_run, job.created, job.failed) == ("succeeded", True, 5, 1)
    assert job.errors[0].line == 4
    assert await roster_of(uow, who) == [] and await events_of(uow, who.org) == []


async def test_a_duplicate_student_is_a_row_error_naming_the_first_line(uow):
    who = school("sch-dup")
    users = [bundles.student(0), bundles.student(1), bundles.student(2, identifier="S000000")]
    job = await run(uow, bundles.bundle(who.org, 0, users=users), who)
    assert (job.created, job.failed) == (2, 1)
    assert (job.errors[0].line, job.errors[0].field) == (4, "identifier") and "line 2" in job.errors[0].message


async def test_a_job_is_seen_by_its_organisation_only(uow):
    who = school("sch-own")
    job = await run(uow, bundles.bundle(who.org, 2), who)
    for other in (school("sch-other"), Principal("x", "sch-own", "enterprise", frozenset({"admin"}))):
        with pytest.raises((NotFound, Forbidden)):
            await uploads.get_job(job.id, other, uow=uow, kinds=KINDS)
    with pytest.raises(NotFound):
        await uploads.get_job(uuid.uuid4(), who, uow=uow, kinds=KINDS)
    listed, _ = await uploads.list_jobs(school("sch-other"), uow=uow, kinds=KINDS)
    assert listed == []
    mine, _ = await uploads.list_jobs(who, uow=uow, kinds=KINDS)
    assert [j.id for j in mine] == [job.id]


async def test_only_school_managers_import(uow):
    runner = ImportRunner(uow, KINDS)
    for who in (school("sch-t", "teacher"), Principal("hr", "ent", "enterprise", frozenset({"admin"}))):
        with pytest.raises(Forbidden):
            await uploads.submit(ONEROSTER, bundles.bundle(who.org, 1), who, dry_run=False, uow=uow, runner=runner)


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (bundles.bundle("someone-else", 3), "another school"),
        (b"not a zip at all", "not a ZIP"),
        (bundles.zipped({"users.csv": "sourcedId\n"}), "no orgs.csv"),
        (
            bundles.zipped(
                {**bundles.files("sch-enc", 1), "users.csv": "sourcedId,givenName,familyName\r\nu-1,A,B\r\n"}
            ),
            "no role column",
        ),
        (bundles.zipped({**bundles.files("sch-enc", 1), "users.csv": "sourcedId,role\r\n"}), "givenName, familyName"),
    ],
)
async def test_a_bundle_that_cannot_be_read_as_a_whole_is_refused_at_upload(uow, data, words):
    who = school("sch-enc")
    runner = ImportRunner(uow, KINDS)
    with pytest.raises(InvalidInput) as refused:
        await uploads.submit(ONEROSTER, data, who, dry_run=False, uow=uow, runner=runner)
    assert words in refused.value.detail
    mine, _ = await uploads.list_jobs(who, uow=uow, kinds=KINDS)
    assert mine == []


async def test_a_file_that_is_not_utf8_is_named_with_its_line(uow):
    who = school("sch-latin")
    texts = bundles.files(who.org, 2)  # users.csv: the header, 2 students, 3 teachers; line 7 is not UTF-8
    raw = {k: v.encode() for k, v in texts.items()}
    raw["users.csv"] = raw["users.csv"] + "u-9,,,,org-school,student,,,Jos\xe9,Ruiz,,S9,,,,,,\r\n".encode("latin-1")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for name, data in raw.items():
            z.writestr(name, data)
    with pytest.raises(InvalidInput) as refused:
        await uploads.submit(ONEROSTER, buffer.getvalue(), who, dry_run=False, uow=uow, runner=ImportRunner(uow, KINDS))
    assert "users.csv is not UTF-8" in refused.value.detail and "line 7" in refused.value.detail


async def test_a_job_whose_process_died_is_taken_over_and_its_first_worker_cannot_count_twice(uow):
    who = school("sch-resume")
    runner = ImportRunner(uow, KINDS)
    job = await uploads.submit(ONEROSTER, bundles.bundle(who.org, 5), who, dry_run=False, uow=uow, runner=runner)
    async with uow() as u:  # a worker claimed it and went silent
        claimed, _ = await u.import_jobs.claim_next()
        await u.commit()
    assert claimed.id == job.id
    assert not await runner.run_next()  # still running elsewhere, as far as anyone knows
    async with uow() as u:
        await u.connection.execute(
            text("UPDATE import_job SET heartbeat_at = now() - interval '1 hour' WHERE id = :id"), {"id": job.id}
        )
        await u.commit()
    assert await runner.run_next()
    done = await uploads.get_job(job.id, who, uow=uow, kinds=KINDS)
    assert (done.state, done.created, done.processed) == ("succeeded", 5, 5)
    async with uow() as u:  # the first worker wakes up: its progress no longer fits the job, and nothing counts twice
        with pytest.raises(JobTakenOver):
            await u.import_jobs.started(job.id, 5, [], failed=0)
        with pytest.raises(JobTakenOver):
            await u.import_jobs.record(job.id, BatchOutcome(created=5), applied_before=0, rows=5)
    again = await uploads.get_job(job.id, who, uow=uow, kinds=KINDS)
    assert (again.created, again.processed) == (5, 5)


async def test_a_booking_shares_the_roster_profile_only_when_the_school_asks(uow):
    """The enterprise sees what is shared: a booking without a profile shares nothing, as before the roster existed;
    `profile_from_roster` shares the roster's; both at once, or a student the roster lacks, is a 422."""
    world = World(uow)
    await world.setup()  # a published position of the world's enterprise, open to its school
    imported = await run(uow, bundles.bundle(world.school_org, 3), world.school)
    assert imported.created == 3
    bare = await book_placement(
        BookPlacement(world.position_id, "S000002", birth_date=date(2008, 1, 1)), world.school, uow=uow, clock=at(START)
    )
    assert not any(bare.profile.values())
    asked = await book_placement(
        BookPlacement(world.position_id, "S000001", birth_date=date(2008, 1, 1), profile_from_roster=True),
        world.school,
        uow=uow,
        clock=at(START),
    )
    assert asked.profile == {
        "display_name": "Given1 Family1",
        "programme": "Logistics management",
        "competencies": [],
        "languages": [],
    }
    given = {"display_name": "Li Wei", "competencies": [], "languages": ["zh"]}
    for refused in (
        BookPlacement(world.position_id, "S000000", profile=given, profile_from_roster=True),
        BookPlacement(world.position_id, "S999999", profile_from_roster=True),
    ):
        with pytest.raises(InvalidInput):
            await book_placement(refused, world.school, uow=uow, clock=at(START))
    told = await book_placement(
        BookPlacement(world.position_id, "S000000", profile=given, birth_date=date(2008, 1, 1), study_year=2),
        world.school,
        uow=uow,
        clock=at(START),
    )
    assert told.profile == given  # what the request gives is what is shared
