"""Benchmark: a OneRoster 1.2 bundle of 50,000 students (and 3 teachers) imported through the running internships
and mentors services with the real `praxis import oneroster` command (upload, each job's progress bar, the counts),
then imported again.

Timed: the command from start to exit (upload, checks, the job a batch of 2,000 rows per transaction with its
events, polling until it ends), first import and re-import. Baseline from the same run: the same 50,000 roster rows
written into a scratch copy of the roster table with one `COPY` over asyncpg (the fastest way in, with no
validation, no comparison, no job and no events). Afterwards the database is checked: the roster holds every
student, the re-import created and updated nothing, and the outbox holds one roster.imported event per batch of
the first import and none of the second.

    .venv/bin/python bench/roster_import.py [--students 50000]

The test PostgreSQL runs with fsync / synchronous_commit off (praxis_dev.testing.postgres); the service,
PostgreSQL, the command and this script share the machine's cores.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import asyncpg
import httpx

from praxis_dev import oneroster_bundles
from praxis_dev.testing.databases import Databases
from praxis_dev.testing.nats import start_local_nats
from praxis_dev.testing.postgres import start_local_postgres
from praxis_dev.testing.stack import Stack

SCHOOL = "bench-school"


def praxis_import(stack: Stack, bundle: Path) -> tuple[float, str]:
    """`praxis import oneroster BUNDLE` as a person runs it (its progress bar on this terminal when there is one);
    (seconds, what it printed last)."""
    env = {
        **os.environ,
        "PRAXIS_INTERNSHIPS_URL": stack["internships"].base_url,
        "PRAXIS_MENTORS_URL": stack["mentors"].base_url,
        "PRAXIS_TOKEN": stack.token(SCHOOL, "school", "admin"),
    }
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "praxis_common.cli", "import", "oneroster", str(bundle)],
        env=env,
        stdout=None if sys.stdout.isatty() else subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        timeout=600,
    )
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"praxis import failed ({done.returncode}): {done.stdout} {done.stderr}")
    return seconds, (done.stdout or "").strip()


async def copy_baseline(dsn: str, students: int) -> float:
    """The same rows COPY'd into a scratch table shaped like the roster (created and dropped here)."""
    now = datetime.now(UTC)
    programmes = oneroster_bundles.PROGRAMMES
    rows = [
        ("copy-school", f"S{i:06d}", f"Given{i} Family{i}", programmes[i % len(programmes)], [], [], None, now, now)
        for i in range(students)
    ]
    conn = await asyncpg.connect(dsn)
    try:
        await conn.execute("CREATE TABLE roster_copy_bench (LIKE student_roster INCLUDING ALL)")
        started = time.perf_counter()
        await conn.copy_records_to_table("roster_copy_bench", records=rows)
        seconds = time.perf_counter() - started
        await conn.execute("DROP TABLE roster_copy_bench")
        return seconds
    finally:
        await conn.close()


async def jobs_and_counts(stack: Stack, dsn: str) -> tuple[list[dict], int, int]:
    headers = stack.auth(SCHOOL, "school", "admin")
    async with httpx.AsyncClient(base_url=stack["internships"].base_url, timeout=60) as c:
        jobs = (await c.get("/v1/imports", headers=headers)).json()["items"]
    conn = await asyncpg.connect(dsn)
    try:
        roster = await conn.fetchval("SELECT count(*) FROM student_roster WHERE school_org = $1", SCHOOL)
        events = await conn.fetchval("SELECT count(*) FROM outbox WHERE aggregate_type = 'roster'")
    finally:
        await conn.close()
    return jobs, roster, events


async def run(stack: Stack, args: argparse.Namespace) -> None:
    dsn = stack["internships"].database_url.replace("postgresql+asyncpg://", "postgresql://", 1)
    bundle = Path(tempfile.mkdtemp(prefix="praxis-bench-")) / "oneroster.zip"
    bundle.write_bytes(oneroster_bundles.bundle(SCHOOL, args.students))
    first, first_out = await asyncio.to_thread(praxis_import, stack, bundle)
    again, again_out = await asyncio.to_thread(praxis_import, stack, bundle)
    baseline = await copy_baseline(dsn, args.students)
    jobs, roster, events = await jobs_and_counts(stack, dsn)
    second, first_job = jobs[0], jobs[1]
    print(f"cores: {os.cpu_count()}  students: {args.students}  bundle: {bundle.stat().st_size / 1e6:.1f} MB zipped")
    for out in (first_out, again_out):
        for line in out.splitlines():
            if line.startswith("  total"):
                print(line)
    print(
        f"first import  {first:6.1f} s  ({args.students / first:,.0f} rows/s): created {first_job['created']}, "
        f"updated {first_job['updated']}, unchanged {first_job['unchanged']}, failed {first_job['failed']}"
    )
    print(
        f"re-import     {again:6.1f} s  ({args.students / again:,.0f} rows/s): created {second['created']}, "
        f"updated {second['updated']}, unchanged {second['unchanged']}, failed {second['failed']}"
    )
    print(f"baseline: COPY of the same {args.students} rows into a scratch roster table: {baseline:.2f} s")
    print(f"check: roster rows {roster}; roster.imported events {events}")
    ok = (
        roster == args.students
        and first_job["created"] == args.students
        and second["created"] == second["updated"] == 0
        and second["unchanged"] == args.students
        and events > 0
    )
    if not ok:
        raise SystemExit("check FAILED")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--students", type=int, default=50_000)
    args = parser.parse_args()
    pg, nats = start_local_postgres(), start_local_nats()
    database = Databases(pg, "bench")
    stack = Stack(nats, "bench", Path(tempfile.mkdtemp(prefix="praxis-bench-")), database)
    try:
        stack.start(("internships", "mentors"))
        asyncio.run(run(stack, args))
    finally:
        stack.stop()
        nats.close()
        pg.close()


if __name__ == "__main__":
    main()
