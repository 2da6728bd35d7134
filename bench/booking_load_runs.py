"""The two runs of bench/booking_load.py: the setup over REST, the REST run (a minimal HTTP/1.1 client) and the
ceiling (the same booking statements straight at PostgreSQL with asyncpg), each counted in a Tally."""

from __future__ import annotations

import asyncio
import collections
import json
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from statistics import median, quantiles
from urllib.parse import urlsplit

import asyncpg
import httpx

from praxis_dev.testing.organisations import ensure_partners
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
    await ensure_partners(client, stack, SCHOOL, ENTERPRISE)
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
        # every column the table requires, as the service's placement row has them: jsonb_populate_record applies
        # no defaults
        "forced": False,
        "internship_type": "post_internship",
        "organisation_form": "dispersed",
        "internship_mode": "on_site",
        "hours_milestone": 0,
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
