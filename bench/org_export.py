"""Benchmark: one school's export part with 100,000 placements and their logbooks (4 weeks each: 400,000 logbook
weeks), and the archive assembled from it.

Seeded by COPY straight into a migrated internships database (triggers off while seeding): an agreement, a base,
100 positions, the placements (each with a shared profile), 4 logbook weeks per placement with five lines each, and
a second school with 1,000 placements of its own that must stay out of the part.

Timed, in this process on the real code: the part build (praxis_common.exports: every internships resource of the
school read in one REPEATABLE READ, READ ONLY snapshot by COPY, hashed, counted and stored in 1 MiB chunks, the part
and its part_ready event committed), then the archive assembly (the chunks read back, checked against the reported
counts and hashes, zipped with the manifest). Baseline from the same run: a plain `COPY (SELECT ...) TO STDOUT` of
the same placement and logbook rows into a sink that only counts bytes, the least any export must spend reading them.
Checked afterwards: the part's counts equal the seeded rows, the archive verifies, and the other school's id is not
in it.

    .venv/bin/python bench/org_export.py [--placements 100000] [--weeks 4]

The test PostgreSQL runs with fsync / synchronous_commit off (praxis_dev.testing.postgres); PostgreSQL and this
script share the machine's cores.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace

import asyncpg
from sqlalchemy.ext.asyncio import create_async_engine

from internships.adapters.exports import RESOURCES
from internships.adapters.unit_of_work import InternshipsUnit
from praxis_common.auth import Principal
from praxis_common.exports import archive
from praxis_common.exports.access import ready_part
from praxis_common.exports.client import PartSources
from praxis_common.exports.parts import request_part
from praxis_common.exports.worker import PartBuilder
from praxis_common.uow import UnitOfWorkFactory
from praxis_dev.testing.databases import Databases
from praxis_dev.testing.postgres import start_local_postgres

SCHOOL, OTHER, ENTERPRISE = "bench-school", "bench-school-other", "bench-enterprise"
POSITIONS = 100
START = date(2026, 3, 2)


def lines(week: date) -> str:
    return json.dumps(
        [{"day": (week + timedelta(days=d)).isoformat(), "duty": "listings", "hours": "8"} for d in range(5)]
    )


async def seed(dsn: str, placements: int, weeks: int) -> None:
    now = datetime.now(UTC)
    conn = await asyncpg.connect(dsn)
    try:
        await conn.execute("SET session_replication_role = replica")  # no feed triggers while seeding
        for school in (SCHOOL, OTHER):
            agreement, base = uuid.uuid4(), uuid.uuid4()
            await conn.execute(
                "INSERT INTO agreement (id, school_org, enterprise_org, valid_from, valid_to, intern_quota, status, "
                "drafted_by_org, created_at, version) VALUES ($1, $2, $3, $4, $5, $6, 'active', $2, $7, 1)",
                agreement,
                school,
                ENTERPRISE,
                START,
                START + timedelta(days=365),
                placements,
                now,
            )
            await conn.execute(
                "INSERT INTO practice_base (id, agreement_id, school_org, enterprise_org, name, tier, country, city, "
                "capacity, created_at, proposed_tier) VALUES ($1, $2, $3, $4, 'Hub', 1, 'CN', 'Shenzhen', $5, $6, 1)",
                base,
                agreement,
                school,
                ENTERPRISE,
                placements,
                now,
            )
            positions = [uuid.uuid4() for _ in range(POSITIONS)]
            await conn.copy_records_to_table(
                "position",
                columns=[
                    "id",
                    "base_id",
                    "enterprise_org",
                    "title",
                    "description",
                    "seats",
                    "starts_on",
                    "ends_on",
                    "languages",
                    "competencies",
                    "duties",
                    "status",
                    "created_at",
                    "version",
                ],
                records=[
                    (
                        p,
                        base,
                        ENTERPRISE,
                        f"Position {i}",
                        "",
                        placements,
                        START,
                        START + timedelta(days=120),
                        ["en"],
                        ["listings"],
                        '[{"name": "listings", "kind": "core"}]',
                        "published",
                        now,
                        1,
                    )
                    for i, p in enumerate(positions)
                ],
            )
            n = placements if school == SCHOOL else 1_000
            ids = [uuid.uuid4() for _ in range(n)]
            profile = json.dumps({"programme": "Cross-border e-commerce", "languages": ["en", "zh"]})
            await conn.copy_records_to_table(
                "placement",
                columns=[
                    "id",
                    "position_id",
                    "agreement_id",
                    "school_org",
                    "enterprise_org",
                    "student_ref",
                    "profile",
                    "starts_on",
                    "ends_on",
                    "requested_at",
                    "hold_expires_at",
                    "status",
                    "version",
                ],
                records=[
                    (
                        pid,
                        positions[i % POSITIONS],
                        agreement,
                        school,
                        ENTERPRISE,
                        f"{school}-stu-{i:06d}",
                        profile,
                        START,
                        START + timedelta(days=120),
                        now,
                        now,
                        "active",
                        3,
                    )
                    for i, pid in enumerate(ids)
                ],
            )
            week_lines = [lines(START + timedelta(weeks=w)) for w in range(weeks)]
            await conn.copy_records_to_table(
                "logbook_week",
                columns=[
                    "id",
                    "placement_id",
                    "week_start",
                    "lines",
                    "total_hours",
                    "core_hours",
                    "status",
                    "submitted_at",
                    "submitted_by",
                    "version",
                ],
                records=(
                    (
                        uuid.uuid4(),
                        pid,
                        START + timedelta(weeks=w),
                        week_lines[w],
                        40,
                        40,
                        "approved",
                        now,
                        f"{school}-student",
                        1,
                    )
                    for pid in ids
                    for w in range(weeks)
                ),
            )
        await conn.execute("ANALYZE")
    finally:
        await conn.close()


async def copy_baseline(dsn: str) -> tuple[float, int]:
    """The same placement and logbook rows COPY'd out as JSON into a sink that only counts bytes."""
    conn = await asyncpg.connect(dsn)
    seen = 0

    async def sink(data: bytes) -> None:
        nonlocal seen
        seen += len(data)

    try:
        started = time.perf_counter()
        for query in (
            "SELECT row_to_json(p) FROM placement p WHERE school_org = $1",
            "SELECT row_to_json(l) FROM logbook_week l WHERE placement_id IN "
            "(SELECT id FROM placement WHERE school_org = $1)",
        ):
            await conn.copy_from_query(query, SCHOOL, output=sink, format="csv", delimiter="\x02", quote="\x01")
        return time.perf_counter() - started, seen
    finally:
        await conn.close()


async def run(dsn: str, args: argparse.Namespace) -> None:
    asyncpg_dsn = dsn.replace("postgresql+asyncpg://", "postgresql://", 1)
    started = time.perf_counter()
    await seed(asyncpg_dsn, args.placements, args.weeks)
    seeded = time.perf_counter() - started
    engine = create_async_engine(dsn, pool_size=5, max_overflow=0)
    try:
        rt = SimpleNamespace(
            engine=engine,
            settings=SimpleNamespace(export_stale_seconds=900.0),
            uow=UnitOfWorkFactory(engine, event_prefix="bench", unit=InternshipsUnit),
        )
        job = uuid.uuid4()
        async with engine.begin() as conn:
            await request_part(
                conn,
                job_id=job,
                org=SCHOOL,
                org_kind="school",
                requested_at=datetime.now(UTC),
                expires_at=datetime.now(UTC) + timedelta(days=1),
            )
        started = time.perf_counter()
        assert await PartBuilder(rt, "internships", RESOURCES).build_next()
        build = time.perf_counter() - started

        admin = Principal(sub="admin", org=SCHOOL, org_kind="school", roles=frozenset({"admin"}))
        part = await ready_part(engine, str(job), admin)
        parts = {"internships": {"taken_at": part.taken_at.isoformat(), "files": part.files}}
        the_manifest = archive.manifest(
            job_id=str(job), org=SCHOOL, org_kind="school", created_at=datetime.now(UTC).isoformat(), parts=parts
        )
        sources = PartSources(engine, "internships", {}, deadline_seconds=60)
        started = time.perf_counter()
        out = await archive.write_archive(the_manifest, parts, sources.reader("", str(job), part.files))
        assembly = time.perf_counter() - started
        out.seek(0, os.SEEK_END)
        size = out.tell()
        out.seek(0)
        failed = await asyncio.to_thread(archive.verify, out)
        out.seek(0)
        other_in_archive = OTHER.encode() in out.read()
        out.close()
        baseline, baseline_bytes = await copy_baseline(asyncpg_dsn)
    finally:
        await engine.dispose()

    files = {f["name"]: f for f in part.files}
    rows = sum(f["count"] for f in part.files)
    raw = sum(f["bytes"] for f in part.files)
    logbooks = args.placements * args.weeks
    print(
        f"cores: {os.cpu_count()}  placements: {args.placements}  logbook weeks: {logbooks}  (seeded in {seeded:.1f} s)"
    )
    print(f"part build     {build:6.1f} s  ({rows:,} rows, {raw / 1e6:,.0f} MB JSON Lines, {rows / build:,.0f} rows/s)")
    print(f"archive        {assembly:6.1f} s  ({size / 1e6:,.1f} MB zip, checked against the part's counts and hashes)")
    print(f"total          {build + assembly:6.1f} s")
    print(
        f"baseline: plain COPY of the same placements and logbook weeks as JSON: {baseline:.1f} s ({baseline_bytes / 1e6:,.0f} MB)"
    )
    ok = (
        files["placements"]["count"] == args.placements
        and files["logbook_weeks"]["count"] == logbooks
        and not failed
        and not other_in_archive
    )
    print(
        f"check: placements {files['placements']['count']}, logbook weeks {files['logbook_weeks']['count']}, "
        f"archive verifies: {not failed}, other school absent: {not other_in_archive}"
    )
    if not ok:
        raise SystemExit("check FAILED")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--placements", type=int, default=100_000)
    parser.add_argument("--weeks", type=int, default=4)
    args = parser.parse_args()
    pg = start_local_postgres()
    try:
        dsn = Databases(pg, "bench")("internships", migrated="internships")
        asyncio.run(run(dsn, args))
    finally:
        pg.close()


if __name__ == "__main__":
    main()
