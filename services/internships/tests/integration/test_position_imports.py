"""The positions import on a real, migrated PostgreSQL through the real job runner: rows checked as
`POST /v1/positions` checks a body (the base's room counted across the file), each keyed by the enterprise's
external_ref; a re-import changes nothing, a changed row is refused by line, a dry run writes nothing, only the
enterprise's managers import and only the enterprise sees its job."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from internships_attendance_world import END, START, World
from sqlalchemy.ext.asyncio import create_async_engine

from internships.adapters.unit_of_work import InternshipsUnit
from internships.handlers import positions
from internships.main import MIGRATIONS
from internships.schemas.import_kinds import KINDS, POSITIONS
from praxis_common.errors import Forbidden, InvalidInput, NotFound
from praxis_common.imports import uploads
from praxis_common.imports.runner import ImportRunner
from praxis_common.uow import UnitOfWorkFactory

HEADER = "external_ref,base_id,title,seats,starts_on,ends_on,duties,languages,competencies,monthly_pay"


@pytest.fixture(scope="module")
def database_url(database_factory):
    return database_factory("internships_position_imports", migrated=MIGRATIONS)


@pytest.fixture
async def world(database_url):
    engine = create_async_engine(database_url)
    w = World(UnitOfWorkFactory(engine, event_prefix="t", unit=InternshipsUnit))
    await w.setup()  # an active agreement, a base for 100 interns, a published position of 10 seats
    yield w
    await engine.dispose()


def sheet(world: World, *rows: str) -> bytes:
    return ("\r\n".join((HEADER, *rows)) + "\r\n").format(base=world.base_id, start=START, end=END).encode()


def row(ref: str, seats: int = 5, title: str = "Listings intern", **kw) -> str:
    starts, ends = kw.get("starts", "{start}"), kw.get("ends", "{end}")
    base = kw.get("base", "{base}")
    return f'{ref},{base},{title},{seats},{starts},{ends},"listings:core; chat:peripheral",en;zh,logistics,4000'


async def run(world: World, data: bytes, *, dry_run: bool = False, who=None):
    who = who or world.hr
    runner = ImportRunner(world.uow, KINDS)
    job = await uploads.submit(POSITIONS, data, who, dry_run=dry_run, uow=world.uow, runner=runner)
    while await runner.run_next():
        pass
    return await uploads.get_job(job.id, who, uow=world.uow, kinds=KINDS)


async def drafts(world: World) -> dict[str, object]:
    found, _ = await positions.search_positions(positions.SearchPositions(page_size=200), world.hr, uow=world.uow)
    return {p.external_ref: p for p in found if p.external_ref}


async def test_positions_are_created_as_drafts_and_bad_rows_named_by_line(world):
    data = sheet(
        world,
        row("P-1"),
        row("P-2", starts="2027-02-30"),  # line 3: no such date
        row("P-3", seats=7),
        row("P-4", base=uuid.uuid4()),  # line 5: not the enterprise's base
        row("P-5", seats=80),  # line 6: 10 + 5 + 7 are offered at the base already; room for 78
        row("P-1"),  # line 7: the reference again
    )
    job = await run(world, data)
    assert (job.state, job.total, job.created, job.failed, job.processed) == ("succeeded", 6, 2, 4, 6)
    assert [(e.line, e.field) for e in job.errors] == [
        (3, "starts_on"),
        (5, "base_id"),
        (6, "seats"),
        (7, "external_ref"),
    ]
    assert job.errors[2].message == "the base has room for 78 more"
    made = await drafts(world)
    assert sorted(made) == ["P-1", "P-3"]
    assert made["P-1"].status.value == "draft" and made["P-1"].languages == ["en", "zh"]
    assert [(d.name, d.kind.value) for d in made["P-1"].duties] == [("listings", "core"), ("chat", "peripheral")]


async def test_a_reimport_changes_nothing_and_a_changed_row_is_refused(world):
    data = sheet(world, row("P-1"), row("P-2", seats=3))
    first = await run(world, data)
    again = await run(world, data)
    assert (first.created, again.created, again.updated, again.unchanged, again.failed) == (2, 0, 0, 2, 0)
    changed = await run(world, sheet(world, row("P-1", title="Renamed"), row("P-2", seats=3)))
    assert (changed.unchanged, changed.failed) == (1, 1)
    assert (changed.errors[0].line, changed.errors[0].field) == (2, "external_ref")
    assert (await drafts(world))["P-1"].title == "Listings intern"


async def test_a_dry_run_counts_and_writes_nothing(world):
    job = await run(
        world, sheet(world, row("P-1"), row("P-2", ends=(START - timedelta(days=1)).isoformat())), dry_run=True
    )
    assert (job.dry_run, job.created, job.failed) == (True, 1, 1) and job.errors[0].field == "ends_on"
    assert await drafts(world) == {}


async def test_only_the_enterprises_managers_import_and_see_the_job(world):
    for who in (world.mentor, world.school):
        with pytest.raises(Forbidden):
            await run(world, sheet(world, row("P-1")), who=who)
    with pytest.raises(InvalidInput) as refused:
        await run(world, b"external_ref,title\r\nP-1,x\r\n")
    assert "base_id" in refused.value.detail
    job = await run(world, sheet(world, row("P-9")))
    with pytest.raises((NotFound, Forbidden)):
        await uploads.get_job(job.id, world.other_enterprise, uow=world.uow, kinds=KINDS)
