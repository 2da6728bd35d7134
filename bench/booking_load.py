"""Benchmark: placement booking under load, over REST, against real internships processes and PostgreSQL.

C concurrent clients pull booking requests from one shared queue: R requests over P published positions
with 1-5 seats each (many more requests than seats), every request for a different student, under one
agreement with a large intern quota. A booking for a full position still costs a request (a 409
seats-exhausted problem), so both figures are printed: booking requests/s (every request runs the
booking transaction to a decision: 201 or 409) and successful bookings/s (201s only, bounded by the
seats on offer). Latency is measured per request at the client. After the run the database is checked:
no position holds more placements than seats, and seats_taken equals the placements holding a seat.

The ceiling, in the same run and on the same database: the same booking transaction (the same statements
in the same order as handlers/placements.py + adapters/repositories.py) driven straight at PostgreSQL
with asyncpg by C connections, for the same request plan over a second, identical set of positions.

    .venv/bin/python bench/booking_load.py [--clients 32] [--requests 10000] [--positions 500] [--processes 1|2]

The test PostgreSQL runs with fsync / synchronous_commit off (praxis_dev.testing.postgres), and the
service processes, PostgreSQL and this load generator share the machine's cores.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import signal
import tempfile
import uuid
from pathlib import Path

import asyncpg
import httpx
from booking_load_checks import CpuMeter, _parent, calibration_ms, outbox_drained, start_profilers, verify
from booking_load_runs import HOLDING, SCHOOL, TARGET_P99_MS, TARGET_RPS, rest_run, setup, sql_run

from praxis_dev.testing.databases import Databases
from praxis_dev.testing.nats import start_local_nats
from praxis_dev.testing.postgres import start_local_postgres
from praxis_dev.testing.stack import Stack


async def run(stack: Stack, args: argparse.Namespace, workdir: Path) -> None:
    rng = random.Random(7)
    seats = [rng.randint(1, 5) for _ in range(args.positions)]
    services = [s for key, s in stack.services.items() if key.startswith("internships")]
    urls = [s.base_url for s in services]
    dsn = services[0].database_url.replace("postgresql+asyncpg://", "postgresql://", 1)
    prefix = services[0].env["INTERNSHIPS_EVENT_PREFIX"]
    headers = stack.auth(SCHOOL, "school", "admin")

    async with httpx.AsyncClient(base_url=urls[0], timeout=60) as client:
        agreement_id, rest_ids, sql_ids = await setup(client, stack, seats, args.bases)
    warm_id = sql_ids.pop()
    # The same plan for both runs: request i goes to position index k_i, every request a new student.
    picks = [rng.randrange(args.positions) for _ in range(args.requests)]
    rest_plan = [(rest_ids[k], f"rest-{i}") for i, k in enumerate(picks)]
    sql_plan = [(sql_ids[k], f"sql-{i}") for i, k in enumerate(picks)]
    expected = sum(min(seats[k], picks.count(k)) for k in set(picks))

    check = await asyncpg.connect(dsn)
    backend = await check.fetchval("SELECT pg_backend_pid()")
    postmaster = _parent(backend)
    meter = CpuMeter({f"internships#{i + 1}": s.proc.pid for i, s in enumerate(services)}, postmaster)

    # Warm-up over REST: a 1-seat position, 4 requests per client, then an empty outbox.
    warm_plan = [(warm_id, f"warm-rest-{i}") for i in range(4 * args.clients)]
    await rest_run(urls, headers, warm_plan, args.clients)
    await outbox_drained(check)

    profilers = start_profilers(args.py_spy, [s.proc.pid for s in services], workdir) if args.py_spy else []
    if profilers:
        await asyncio.sleep(1.0)

    calibration = calibration_ms()
    load_before = os.getloadavg()[0]
    before = meter.sample()
    rest = await rest_run(urls, headers, rest_plan, args.clients)
    rest_cpu = CpuMeter.line(before, meter.sample(), rest.seconds)
    for p in profilers:
        p.send_signal(signal.SIGINT)
        p.wait(timeout=60)
    rest_check = await verify(check, rest_ids)
    await outbox_drained(check)

    before = meter.sample()
    sql = await sql_run(dsn, sql_plan, args.clients, prefix, warm_id)
    sql_cpu = CpuMeter.line(before, meter.sample(), sql.seconds)
    sql_check = await verify(check, sql_ids)
    await outbox_drained(check)
    quota = await check.fetchrow(
        "SELECT interns_placed, intern_quota FROM agreement WHERE id = $1", uuid.UUID(agreement_id)
    )
    holding_all = await check.fetchval(
        "SELECT count(*) FROM placement WHERE agreement_id = $1 AND status = ANY($2::text[])",
        uuid.UUID(agreement_id),
        list(HOLDING),
    )
    await check.close()

    print(
        f"cores: {os.cpu_count()}  clients: {args.clients}  requests: {args.requests}  positions: {args.positions} "
        f"({sum(seats)} seats, 1-5 each) at {args.bases} bases  internships processes: {len(services)}  load average at start: "
        f"{load_before:.2f}  calibration loop: {calibration:.0f} ms"
    )
    print(f"seats that the plan can fill: {expected}; the rest of the requests must get 409 seats-exhausted")
    print(rest.line(f"REST, {len(services)} process{'es' if len(services) > 1 else ''}"))
    print(f"  outcomes: {dict(sorted(rest.statuses.items()))}")
    print(f"  {rest_cpu}")
    print(sql.line("SQL straight at PostgreSQL (asyncpg)"))
    print(f"  outcomes: {dict(sorted(sql.statuses.items()))}")
    print(f"  {sql_cpu}")
    print(
        f"REST / SQL ceiling: {rest.rps / sql.rps:.2f} (requests/s)   "
        f"target: >= {TARGET_RPS} booking requests/s at p99 <= {TARGET_P99_MS} ms -> "
        f"{'met' if rest.rps >= TARGET_RPS and rest.p99_ms <= TARGET_P99_MS else 'NOT met'} "
        f"({rest.rps:.0f}/s, p99 {rest.p99_ms:.1f} ms)"
    )
    overbooked = rest_check[0] + sql_check[0]
    print(f"overbooked positions: {overbooked}")
    print(
        f"  REST: seats_taken differing from placements holding a seat: {rest_check[1]}; placements holding "
        f"a seat {rest_check[2]} = 201s {rest.statuses.get('201', 0)} = fillable {expected}"
    )
    print(
        f"  SQL:  seats_taken differing from placements holding a seat: {sql_check[1]}; placements holding "
        f"a seat {sql_check[2]} = successes {sql.statuses.get('201', 0)} = fillable {expected}"
    )
    print(f"  agreement: interns_placed {quota['interns_placed']} = placements holding a seat {holding_all}")
    if profilers:
        print(f"  py-spy profiles (raw collapsed stacks): {workdir}/py-spy-internships-*.txt")
    ok = (
        overbooked == 0
        and rest_check[1] == sql_check[1] == 0
        and rest_check[2] == rest.statuses.get("201", 0) == expected
        and sql_check[2] == sql.statuses.get("201", 0) == expected
        and quota["interns_placed"] == holding_all
    )
    if not ok:
        raise SystemExit("consistency check FAILED")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--positions", type=int, default=500)
    parser.add_argument("--processes", type=int, choices=(1, 2), default=1)
    parser.add_argument("--bases", type=int, default=50, help="practice bases per position set (units)")
    parser.add_argument(
        "--py-spy",
        nargs="?",
        const=shutil.which("py-spy") or "py-spy",
        default=None,
        metavar="PATH",
        help="profile the service processes during the REST run with py-spy (raw collapsed stacks)",
    )
    args = parser.parse_args()
    pg, nats = start_local_postgres(), start_local_nats()
    database = Databases(pg, "bench")  # migrated databases are clones of a template, as in the tests

    workdir = Path(tempfile.mkdtemp(prefix="praxis-bench-"))
    stack = Stack(nats, "bench", workdir, database)
    try:
        stack.start(("internships",))
        if args.processes == 2:
            stack.add_replica("internships")
        try:
            import uvloop
        except ImportError:
            asyncio.run(run(stack, args, workdir))
        else:
            uvloop.run(run(stack, args, workdir))
    finally:
        stack.stop()
        nats.close()
        pg.close()


if __name__ == "__main__":
    main()
