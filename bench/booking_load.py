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
import collections
import json
import os
import random
import shutil
import signal
import subprocess
import tempfile
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from statistics import median, quantiles
from urllib.parse import urlsplit

import asyncpg
import httpx
from praxis_dev.testing.nats import start_local_nats
from praxis_dev.testing.postgres import start_local_postgres
from praxis_dev.testing.servers import run_coro_blocking
from praxis_dev.testing.stack import Stack

TODAY = date.today()
SCHOOL, ENTERPRISE = "bench-school", "bench-enterprise"
PROFILE = {
    "display_name": "Bench Student",
    "programme": "Cross-border e-commerce",
    "competencies": ["platform-operation"],
    "languages": ["zh", "en"],
}
BIRTH = "2005-05-05"
BIRTH_DATE = date.fromisoformat(BIRTH)
HOLDING = ("requested", "confirmed", "active")
TARGET_RPS, TARGET_P99_MS = 800, 100


# --------------------------------------------------------------------------- setup over REST


async def setup(
    client: httpx.AsyncClient, stack: Stack, seats: list[int], bases: int
) -> tuple[str, list[str], list[str]]:
    """One active agreement (quota 100 000), `bases` practice bases per set, and two identical sets of
    published positions (spread round-robin over their set's bases, with compliant figures): one for the
    REST run, one for the direct-SQL ceiling. Returns (agreement id, rest ids, sql ids + a warm-up id)."""
    s, e = stack.auth(SCHOOL, "school", "admin"), stack.auth(ENTERPRISE, "enterprise", "hr")
    r = await client.post(
        "/v1/agreements",
        headers=s,
        json={
            "school_org": SCHOOL,
            "enterprise_org": ENTERPRISE,
            "valid_from": TODAY.isoformat(),
            "valid_to": (TODAY + timedelta(days=365)).isoformat(),
            "intern_quota": 100_000,
        },
    )
    assert r.status_code == 201, r.text
    agreement_id = r.json()["id"]
    for headers in (s, e):
        signed = await client.post(f"/v1/agreements/{agreement_id}/sign", headers=headers)
        assert signed.status_code == 200, signed.text
    gate = asyncio.Semaphore(16)

    async def base(n: int) -> str:
        async with gate:
            created = await client.post(
                "/v1/bases",
                headers=e,
                json={
                    "agreement_id": agreement_id,
                    "name": f"Bench hub {n}",
                    "tier": 1,
                    "country": "CN",
                    "city": "Shenzhen",
                    "capacity": 100_000,
                    "staff": 10_000_000,
                },
            )
            assert created.status_code == 201, created.text
            return created.json()["id"]

    base_ids = await asyncio.gather(*(base(n) for n in range(2 * bases)))

    async def position(i: int, n: int) -> str:
        async with gate:
            created = await client.post(
                "/v1/positions",
                headers=e,
                json={
                    "base_id": base_ids[(i // len(seats)) * bases + i % bases] if i < 2 * len(seats) else base_ids[-1],
                    "title": f"Store operations intern {n}",
                    "description": "listings and promotions",
                    "seats": n,
                    "starts_on": (TODAY + timedelta(days=30)).isoformat(),
                    "ends_on": (TODAY + timedelta(days=120)).isoformat(),
                    "languages": ["en"],
                    "competencies": ["platform-operation"],
                    "duties": [{"name": "listings", "kind": "core"}],
                    "post_staff": 5_000,
                    "monthly_pay": "4000",
                    "reference_monthly_wage": "4500",
                },
            )
            assert created.status_code == 201, created.text
            published = await client.post(f"/v1/positions/{created.json()['id']}/publish", headers=e)
            assert published.status_code == 200, published.text
            return created.json()["id"]

    ids = await asyncio.gather(*(position(i, n) for i, n in enumerate(seats + seats + [1])))
    return agreement_id, ids[: len(seats)], ids[len(seats) : 2 * len(seats)] + ids[-1:]


# --------------------------------------------------------------------------- the REST run


class Tally:
    def __init__(self) -> None:
        self.latencies: list[float] = []
        self.statuses: collections.Counter[str] = collections.Counter()
        self.seconds = 0.0

    def line(self, label: str) -> str:
        n = len(self.latencies)
        ok = self.statuses.get("201", 0)
        p50, p99 = median(self.latencies) * 1000, quantiles(self.latencies, n=100)[98] * 1000
        return (
            f"{label:<34} {n / self.seconds:7.0f} requests/s  {ok / self.seconds:6.0f} bookings/s (201)  "
            f"p50 {p50:6.1f} ms  p99 {p99:6.1f} ms  max {max(self.latencies) * 1000:6.1f} ms"
        )

    @property
    def rps(self) -> float:
        return len(self.latencies) / self.seconds

    @property
    def p99_ms(self) -> float:
        return quantiles(self.latencies, n=100)[98] * 1000


class Http11:
    """A minimal keep-alive HTTP/1.1 client for the load: requests are bytes written to one connection and
    responses are read by Content-Length. httpx spends ~1 ms of CPU per request, which on this 2-core machine
    takes a core away from the service it is measuring; this spends a few tens of microseconds."""

    def __init__(self, url: str) -> None:
        parts = urlsplit(url)
        self.host, self.port = parts.hostname, parts.port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def post(self, path: str, headers: dict[str, str], body: bytes) -> tuple[int, bytes]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        head = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
        self.writer.write(
            f"POST {path} HTTP/1.1\r\nHost: {self.host}\r\n{head}Content-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\n\r\n".encode()
            + body
        )
        status_line, _, rest = (await self.reader.readuntil(b"\r\n\r\n")).partition(b"\r\n")
        length = 0
        for line in rest.split(b"\r\n"):
            name, _, value = line.partition(b":")
            if name.lower() == b"content-length":
                length = int(value)
        return int(status_line.split(b" ", 2)[1]), await self.reader.readexactly(length)

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()


async def rest_run(urls: list[str], headers: dict, plan: list[tuple[str, str]], clients: int) -> Tally:
    tally, queue = Tally(), collections.deque(plan)
    connections = [Http11(urls[w % len(urls)]) for w in range(clients)]  # spread evenly over the processes

    async def worker(w: int) -> None:
        http = connections[w]
        while queue:
            position_id, student_ref = queue.popleft()
            body = {"position_id": position_id, "student_ref": student_ref, "profile": PROFILE, "birth_date": BIRTH}
            t0 = time.perf_counter()
            status, content = await http.post("/v1/placements", headers, json.dumps(body).encode())
            tally.latencies.append(time.perf_counter() - t0)
            if status == 409 and b"seats-exhausted" in content:
                tally.statuses["409 seats-exhausted"] += 1
            else:
                tally.statuses[str(status)] += 1

    started = time.perf_counter()
    await asyncio.gather(*(worker(w) for w in range(clients)))
    tally.seconds = time.perf_counter() - started
    for c in connections:
        c.close()
    return tally


# --------------------------------------------------------------------------- the ceiling: same SQL via asyncpg

# The statements of handlers/placements.py + adapters/repositories.py, as the service sends them.
BOOKING_TARGET = """
SELECT position.*, practice_base.staff AS base_staff,
       EXISTS (SELECT 1 FROM agreement WHERE school_org = $1 AND enterprise_org = position.enterprise_org
               AND status = 'active') AS visible,
       (SELECT id FROM agreement WHERE school_org = $1 AND enterprise_org = position.enterprise_org
        AND status = 'active' AND valid_from <= position.starts_on AND valid_to >= position.starts_on
        ORDER BY valid_to DESC LIMIT 1) AS agreement_id
FROM position JOIN practice_base ON practice_base.id = position.base_id WHERE position.id = $2
"""
BOOK = (
    "SELECT refusal, interns_at_base, interns_in_post FROM book_placement($1::jsonb, $2::jsonb, $3, $4, "
    "booking_day => $5)"
)


class Refused(Exception):
    pass


async def book_sql(conn: asyncpg.Connection, position_id: uuid.UUID, student_ref: str, prefix: str) -> None:
    """The booking of book_placement, statement for statement: like the service, no explicit transaction (the
    book_placement function is one atomic statement that writes the placement with its outbox row)."""
    pos = await conn.fetchrow(BOOKING_TARGET, SCHOOL, position_id)
    if pos is None or pos["status"] != "published" or not pos["visible"]:
        raise Refused("404 no such position")
    if pos["agreement_id"] is None:
        raise Refused("409 no-agreement-for-term")
    if pos["monthly_pay"] < pos["reference_monthly_wage"] * 8 / 10:
        raise Refused("422 compliance")
    now = datetime.now(UTC)
    placement_id, event_id = uuid.uuid4(), uuid.uuid4()
    placement = {
        "id": placement_id,
        "position_id": position_id,
        "agreement_id": pos["agreement_id"],
        "school_org": SCHOOL,
        "enterprise_org": pos["enterprise_org"],
        "student_ref": student_ref,
        "profile": PROFILE,
        "starts_on": pos["starts_on"],
        "ends_on": pos["ends_on"],
        "requested_at": now,
        "hold_expires_at": now + timedelta(hours=72),
        "status": "requested",
        "version": 0,
        "student_birth_date": BIRTH_DATE,
        "forced": False,  # every column the table requires: jsonb_populate_record applies no defaults
    }
    headers = {
        "Nats-Msg-Id": str(event_id),
        "ce-specversion": "1.0",
        "ce-id": str(event_id),
        "ce-source": "/praxis/internships",
        "ce-type": "internships.placement.requested",
        "ce-time": now.isoformat(),
        "ce-subject": f"placement/{placement_id}",
        "content-type": "application/json",
    }
    payload = {
        "placementId": str(placement_id),
        "positionId": str(position_id),
        "agreementId": str(pos["agreement_id"]),
        "schoolOrg": SCHOOL,
        "enterpriseOrg": pos["enterprise_org"],
        "studentRef": student_ref,
        "status": "requested",
        "startsOn": pos["starts_on"].isoformat(),
        "endsOn": pos["ends_on"].isoformat(),
        "occurredAt": now.isoformat(),
        "positionCompetencies": list(pos["competencies"]),
        "studentCompetencies": PROFILE["competencies"],
        "studentLanguages": PROFILE["languages"],
    }
    outbox = {
        "id": event_id,
        "subject": f"{prefix}.internships.placement.requested",
        "aggregate_type": "placement",
        "aggregate_id": str(placement_id),
        "headers": headers,
        "payload": json.dumps(payload, sort_keys=True),
        "occurred_at": now,
    }
    caps = (int(pos["base_staff"] * Decimal("0.10")), int(pos["post_staff"] * Decimal("0.20")))
    refusal = await conn.fetchval(
        BOOK, json.dumps(placement, default=str), json.dumps([outbox], default=str), *caps, TODAY
    )
    if refusal is not None:
        raise Refused(f"409 {refusal}")


async def sql_run(dsn: str, plan: list[tuple[str, str]], clients: int, prefix: str, warm: str) -> Tally:
    tally, queue = Tally(), collections.deque((uuid.UUID(p), s) for p, s in plan)
    pool = await asyncpg.create_pool(dsn, min_size=clients, max_size=clients)

    async def worker(w: int) -> None:
        async with pool.acquire() as conn:
            for i in range(3):  # warm this connection's prepared statements on a 1-seat position
                try:
                    await book_sql(conn, uuid.UUID(warm), f"warm-sql-{w}-{i}", prefix)
                except Refused:
                    pass
            holding[0] += 1
            if holding[0] == clients:
                all_hold.set()
            await ready.wait()
            while queue:
                position_id, student_ref = queue.popleft()
                t0 = time.perf_counter()
                try:
                    await book_sql(conn, position_id, student_ref, prefix)
                    outcome = "201"
                except Refused as refused:
                    outcome = str(refused)
                tally.latencies.append(time.perf_counter() - t0)
                tally.statuses[outcome] += 1

    ready, all_hold, holding = asyncio.Event(), asyncio.Event(), [0]
    tasks = [asyncio.create_task(worker(w)) for w in range(clients)]
    await all_hold.wait()  # every worker holds its connection and has warmed it
    ready.set()
    started = time.perf_counter()
    await asyncio.gather(*tasks)
    tally.seconds = time.perf_counter() - started
    await pool.close()
    return tally


# --------------------------------------------------------------------------- checks and accounting


async def verify(conn: asyncpg.Connection, ids: list[str]) -> tuple[int, int, int]:
    """(overbooked positions, positions whose seats_taken differs from the placements holding a seat,
    placements holding a seat) over the given positions."""
    row = await conn.fetchrow(
        """
        SELECT count(*) FILTER (WHERE holding > seats) AS overbooked,
               count(*) FILTER (WHERE holding <> seats_taken OR seats_taken > seats) AS mismatched,
               coalesce(sum(holding), 0) AS holding
        FROM (SELECT p.id, p.seats, p.seats_taken,
                     count(pl.id) FILTER (WHERE pl.status = ANY($2::text[])) AS holding
              FROM position p LEFT JOIN placement pl ON pl.position_id = p.id
              WHERE p.id = ANY($1::uuid[])
              GROUP BY p.id) counts
        """,
        [uuid.UUID(i) for i in ids],
        list(HOLDING),
    )
    return row["overbooked"], row["mismatched"], row["holding"]


async def outbox_drained(conn: asyncpg.Connection, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while await conn.fetchval("SELECT count(*) FROM outbox WHERE sent_at IS NULL"):
        if time.monotonic() > deadline:
            raise RuntimeError("the outbox relay did not drain the outbox")
        await asyncio.sleep(0.1)


def _cpu_seconds(pid: int, *, reaped_children: bool = False) -> float:
    """utime + stime of a process (+ those of its exited, reaped children)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    ticks = int(fields[11]) + int(fields[12]) + (int(fields[13]) + int(fields[14]) if reaped_children else 0)
    return ticks / os.sysconf("SC_CLK_TCK")


def calibration_ms() -> float:
    """CPU time of a fixed pure-Python loop: this machine's speed drifts (seen: 0.73 s to 1.07 s for the same
    loop within an hour), so runs are only comparable together with this figure."""
    started, total = time.process_time(), 0
    for i in range(3_000_000):
        total += i
    return (time.process_time() - started) * 1000


def _machine_busy_seconds() -> float:
    """CPU seconds all cores spent neither idle nor waiting for I/O (/proc/stat)."""
    ticks = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    return (sum(ticks) - ticks[3] - ticks[4]) / os.sysconf("SC_CLK_TCK")


def _parent(pid: int) -> int:
    return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])


def _children(ppid: int) -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == ppid:
                    pids.append(int(entry.name))
            except (OSError, IndexError, ValueError):
                pass
    return pids


class CpuMeter:
    """CPU seconds used by the service processes, PostgreSQL (postmaster and its children) and this
    process over an interval, read from /proc."""

    def __init__(self, services: dict[str, int], postmaster: int) -> None:
        self.services, self.postmaster = services, postmaster

    def sample(self) -> dict[str, float]:
        times = os.times()
        return {
            **{name: _cpu_seconds(pid) for name, pid in self.services.items()},
            "postgres": _cpu_seconds(self.postmaster, reaped_children=True)
            + sum(_cpu_seconds(p) for p in _children(self.postmaster)),
            "load generator": times.user + times.system,
            "machine": _machine_busy_seconds(),
        }

    @staticmethod
    def line(before: dict[str, float], after: dict[str, float], seconds: float) -> str:
        used = {k: (after[k] - before[k]) / seconds for k in before}
        machine = used.pop("machine")
        parts = [f"{k} {v:4.2f}" for k, v in used.items()]
        others = max(0.0, machine - sum(used.values()))
        return f"CPU cores busy: {', '.join(parts)}, other processes on the machine {others:4.2f}"


# --------------------------------------------------------------------------- main


def start_profilers(py_spy: str, pids: list[int], workdir: Path) -> list[subprocess.Popen]:
    """py-spy record (raw collapsed stacks, 200 Hz) on each service process; stopped with SIGINT."""
    return [
        subprocess.Popen(
            [
                py_spy,
                "record",
                "--pid",
                str(pid),
                "--format",
                "raw",
                "--rate",
                "200",
                "--nonblocking",
                "-o",
                str(workdir / f"py-spy-internships-{i + 1}.txt"),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for i, pid in enumerate(pids)
    ]


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
    created: list[str] = []

    def database(name: str) -> str:
        created.append(f"bench_{name}")
        return run_coro_blocking(pg.create_database(created[-1]))

    workdir = Path(tempfile.mkdtemp(prefix="praxis-bench-"))
    stack = Stack(nats.url, "bench", workdir, database)
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
