"""Benchmark: an allocation round's whole path over REST, against a real internships process and PostgreSQL.

A synthetic round is set up over REST (not timed): E enterprises, each with an active agreement with each of the
round's schools (one, or with --schools N a joint round of N: the students spread over them) and P/E published
positions of 1-20 seats at a few practice bases; S students with shared competencies from a
pool of 30 tags, each listing L distinct positions drawn with a Zipf-like popularity skew; half the enterprises
rank all the applicants of each of their positions (merit bands of five as tie groups), the other half give no
ranking (the default competency-fit ranking applies). Then, timed one after the other, each one REST call:

* close   - freezes the inputs and decides every position's offered seats (seats, caps, quota split);
* compute - deferred acceptance (+ improvement cycles) + the independent stability check, stored as a run with
            what explains it;
* publish - every match becomes a placement in ONE transaction through the booking rules, set-based
            (PlacementRepository.book_batch), with its outbox event and round.published.

Printed: each call's time, placements/s of publish, the close -> publish total, the first pages of the round's
list endpoints, and the service process's peak resident memory. Afterwards the database is checked: per position, seats_taken equals the placements the round
created there and the published run's matches; the agreements' interns_placed equal their placements.

    .venv/bin/python bench/allocation_publish.py [--students 5000] [--positions 500] [--enterprises 10]
                                                 [--list-length 10] [--seed 1] [--schools 1]

The test PostgreSQL runs with fsync / synchronous_commit off (praxis_dev.testing.postgres); the service,
PostgreSQL and this client share the machine's cores.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import signal
import subprocess
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

import asyncpg
import httpx
from allocation_publish_setup import CONCURRENCY, SCHOOL, bench_schools, ok, setup_positions, setup_round

from praxis_dev.testing.databases import Databases
from praxis_dev.testing.nats import start_local_nats
from praxis_dev.testing.postgres import start_local_postgres
from praxis_dev.testing.stack import Stack


def start_profiler(py_spy: str, pid: int, out: Path) -> subprocess.Popen:
    """py-spy record (raw collapsed stacks, 200 Hz) on the service process; stopped with SIGINT."""
    return subprocess.Popen(
        [py_spy, "record", "--pid", str(pid), "--format", "raw", "--rate", "200", "--nonblocking", "-o", str(out)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


@contextmanager
def in_background(step: Callable[[threading.Event], None]):
    """`step(stop)` in a daemon thread of its own until the block ends (then `stop` is set and the thread joined)."""
    stop = threading.Event()
    thread = threading.Thread(target=step, args=(stop,), daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=60)


@contextmanager
def healthz_watch(base_url: str):
    """Polls /healthz back to back from a thread of its own; yields {phase: the longest answer in it, in seconds},
    the phase being what the caller last put under the key None."""
    longest: dict = {None: "set-up"}

    def poll(stop: threading.Event) -> None:
        with httpx.Client(base_url=base_url, timeout=60) as c:
            while not stop.is_set():
                phase, started = longest[None], time.perf_counter()
                c.get("/healthz")
                longest[phase] = max(longest.get(phase, 0.0), time.perf_counter() - started)

    with in_background(poll):
        yield longest


def _status_kib(pid: int, field: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1])
    except OSError:  # the process has just exited
        pass
    return 0


def _tree(pid: int) -> list[int]:
    """The process and all its descendants (the service's fork server and its computation workers)."""
    found, i = [pid], 0
    while i < len(found):
        for task in Path(f"/proc/{found[i]}/task").glob("*/children"):
            try:
                found.extend(int(c) for c in task.read_text().split())
            except OSError:
                pass
        i += 1
    return found


@contextmanager
def tree_rss_watch(pid: int):
    """Samples, every 10 ms from a thread of its own, the resident memory of the process and its descendants
    together; yields [the largest sum seen, in MiB]. (A worker process's own peak is gone once it exits.)"""
    largest = [0.0]

    def sample(stop: threading.Event) -> None:
        while not stop.wait(0.01):
            largest[0] = max(largest[0], sum(_status_kib(p, "VmRSS") for p in _tree(pid)) / 1024)

    with in_background(sample):
        yield largest


def peak_rss_mib(pid: int) -> float:
    return _status_kib(pid, "VmHWM") / 1024


async def timed(c: httpx.AsyncClient, path: str, headers: dict, status: int) -> tuple[float, dict]:
    started = time.perf_counter()
    r = await c.post(path, headers=headers)
    elapsed = time.perf_counter() - started
    return elapsed, ok(r, status)


async def time_pages(c: httpx.AsyncClient, stack: Stack, rid: str, positions: list[dict], result: dict) -> dict:
    """Milliseconds per list endpoint of the round, as its readers call them: the median of 3 first pages (and the
    result's second page); the applicants of the most applied-for position an enterprise ranks, as that enterprise."""
    s = stack.auth(SCHOOL, "school", "admin")
    popular = max((p for p in positions if p["ranks"]), key=lambda p: p.get("applicants", 0))
    first = ok(await c.get(f"/v1/rounds/{rid}/result", headers=s))
    calls = {
        "rounds": ("/v1/rounds", s, {}),
        "students": (f"/v1/rounds/{rid}/students", s, {}),
        "positions": (f"/v1/rounds/{rid}/positions", s, {}),
        "applicants": (
            f"/v1/rounds/{rid}/positions/{popular['id']}/applicants",
            stack.auth(popular["enterprise"], "enterprise", "hr"),
            {},
        ),
        "runs": (f"/v1/rounds/{rid}/runs", s, {}),
        "result": (f"/v1/rounds/{rid}/result", s, {}),
        "result as an enterprise": (
            f"/v1/rounds/{rid}/result",
            stack.auth(popular["enterprise"], "enterprise", "hr"),
            {},
        ),
    }
    if first["next_page_token"]:
        calls["result page 2"] = (f"/v1/rounds/{rid}/result", s, {"page_token": first["next_page_token"]})
    timings = {}
    for name, (path, headers, params) in calls.items():
        samples = []
        for _ in range(3):
            started = time.perf_counter()
            ok(await c.get(path, headers=headers, params=params))
            samples.append((time.perf_counter() - started) * 1000)
        timings[name] = sorted(samples)[1]
    return timings


async def verify(dsn: str, round_id: str, run_id: str, schools: list[str]) -> tuple[int, int, int]:
    """(positions whose seats_taken differ from the round's placements or matches, agreements whose
    interns_placed differ from their placements, placements created)."""
    conn = await asyncpg.connect(dsn)
    try:
        rid, run = uuid.UUID(round_id), uuid.UUID(run_id)
        bad_positions = await conn.fetchval(
            """
            SELECT count(*) FROM round_position rp JOIN position p ON p.id = rp.position_id
            WHERE rp.round_id = $1 AND (
                p.seats_taken <> (SELECT count(*) FROM placement pl WHERE pl.position_id = p.id)
                OR p.seats_taken <> (SELECT count(*) FROM round_match m WHERE m.run_id = $2 AND m.position_id = p.id))
            """,
            rid,
            run,
        )
        bad_agreements = await conn.fetchval(
            "SELECT count(*) FROM agreement a WHERE a.school_org = ANY($1) AND a.interns_placed <> "
            "(SELECT count(*) FROM placement pl WHERE pl.agreement_id = a.id)",
            schools,
        )
        placements = await conn.fetchval("SELECT count(*) FROM placement WHERE school_org = ANY($1)", schools)
        return bad_positions, bad_agreements, placements
    finally:
        await conn.close()


async def run(stack: Stack, args: argparse.Namespace) -> None:
    rng = random.Random(args.seed)
    service = stack["internships"]
    dsn = service.database_url.replace("postgresql+asyncpg://", "postgresql://", 1)
    s = stack.auth(SCHOOL, "school", "admin")
    limits = httpx.Limits(max_connections=CONCURRENCY)
    async with httpx.AsyncClient(base_url=service.base_url, timeout=600, limits=limits) as c:
        started = time.perf_counter()
        positions = await setup_positions(c, stack, args, rng)
        phases = {"agreements, bases, positions": time.perf_counter() - started}
        rid = await setup_round(c, stack, args, positions, rng, phases)
        setup_seconds = time.perf_counter() - started

        profiler = out = None
        if args.py_spy:
            out = Path(tempfile.mkdtemp(prefix="praxis-bench-")) / "py-spy-internships.txt"
            profiler = start_profiler(args.py_spy, service.proc.pid, out)
            await asyncio.sleep(1.0)  # let py-spy attach before the timed calls
        with healthz_watch(service.base_url) as longest, tree_rss_watch(service.proc.pid) as tree_peak:
            peaks = {"set-up": peak_rss_mib(service.proc.pid)}
            longest[None] = "close"
            close_s, _ = await timed(c, f"/v1/rounds/{rid}/close", s, 200)
            peaks["close"] = peak_rss_mib(service.proc.pid)
            longest[None] = "compute"
            compute_s, run_ = await timed(c, f"/v1/rounds/{rid}/compute", s, 201)
            peaks["compute"] = peak_rss_mib(service.proc.pid)
            longest[None] = "publish"
            publish_s, published = await timed(c, f"/v1/rounds/{rid}/publish", s, 200)
            peaks["publish"] = peak_rss_mib(service.proc.pid)
        started = time.perf_counter()
        result = ok(await c.get(f"/v1/rounds/{rid}/result", headers=s, params={"page_size": 5000}))
        result_s = time.perf_counter() - started
        pages = await time_pages(c, stack, rid, positions, result)
        if profiler is not None:
            profiler.send_signal(signal.SIGINT)
            profiler.wait(timeout=60)
            print(f"py-spy profile of the timed calls (raw collapsed stacks): {out}")
    bad_positions, bad_agreements, placements = await verify(dsn, rid, run_["id"], bench_schools(args.schools))
    n = published["placements"]
    listed = args.students * args.list_length
    print(
        f"cores: {os.cpu_count()}  schools: {args.schools}  students: {args.students}  positions: {len(positions)} of {args.enterprises} "
        f"enterprises ({sum(p['ranks'] for p in positions)} ranked by their enterprise)  lists: {args.list_length} long "
        f"({listed} entries)"
    )
    print(
        f"set-up over REST (not timed): {setup_seconds:.1f} s ("
        + ", ".join(f"{name} {seconds:.1f} s" for name, seconds in phases.items())
        + ")"
    )
    print(f"close    {close_s * 1000:8.0f} ms   offered seats decided for {len(positions)} positions")
    print(
        f"compute  {compute_s * 1000:8.0f} ms   run {run_['seq']}: {run_['matched']} of {run_['students']} students "
        f"matched, checked stable and stored"
    )
    print(f"publish  {publish_s * 1000:8.0f} ms   {n} placements in one transaction: {n / publish_s:,.0f} placements/s")
    print(f"close -> compute -> publish: {close_s + compute_s + publish_s:.2f} s")
    print(f"result page of {len(result['items'])} students with explanations: {result_s * 1000:.0f} ms")
    print(
        "first pages of the round's lists (default page size; each the median of 3): "
        + ", ".join(f"{name} {ms:.0f} ms" for name, ms in pages.items())
    )
    print(
        f"internships process alone, peak RSS: {peak_rss_mib(service.proc.pid):.0f} MiB (after "
        + ", ".join(f"{phase} {mib:.0f}" for phase, mib in peaks.items())
        + ")"
    )
    print(
        f"the service's processes together (the service, its fork server and computation workers), the largest "
        f"resident memory sampled every 10 ms during close, compute and publish: {tree_peak[0]:.0f} MiB"
    )
    stalls = {phase: seconds for phase, seconds in longest.items() if phase in ("close", "compute", "publish")}
    print(
        f"longest /healthz answer during close, compute and publish (the event loop's longest stall): "
        f"{max(stalls.values()) * 1000:.0f} ms ("
        + ", ".join(f"{phase} {seconds * 1000:.0f}" for phase, seconds in stalls.items())
        + ")"
    )
    print(
        f"check: placements {placements} = published {n} = matched {run_['matched']}; positions whose seats_taken "
        f"differ from their placements or matches: {bad_positions}; agreements whose interns_placed differ: "
        f"{bad_agreements}"
    )
    if not (placements == n == run_["matched"] and bad_positions == 0 and bad_agreements == 0):
        raise SystemExit("consistency check FAILED")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--students", type=int, default=5_000)
    parser.add_argument("--positions", type=int, default=500)
    parser.add_argument("--enterprises", type=int, default=10)
    parser.add_argument("--list-length", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--schools", type=int, default=1, help="schools in the round (a joint round when above 1)")
    parser.add_argument(
        "--py-spy",
        nargs="?",
        const=shutil.which("py-spy") or "py-spy",
        default=None,
        metavar="PATH",
        help="profile the service process during the timed calls with py-spy (raw collapsed stacks)",
    )
    args = parser.parse_args()
    pg, nats = start_local_postgres(), start_local_nats()
    database = Databases(pg, "bench")  # migrated databases are clones of a template, as in the tests

    stack = Stack(nats, "bench", Path(tempfile.mkdtemp(prefix="praxis-bench-")), database)
    try:
        stack.start(("internships",))
        try:
            import uvloop
        except ImportError:
            asyncio.run(run(stack, args))
        else:
            uvloop.run(run(stack, args))
    finally:
        stack.stop()
        nats.close()
        pg.close()


if __name__ == "__main__":
    main()
