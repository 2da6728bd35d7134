"""Benchmark: from the second signature (REST 200) to the partnership showing in mentors and projects.

Starts the three services as real processes (like the cross-service tests) on a local PostgreSQL
and nats-server, signs agreements one after another, and polls both read models' REST APIs.
The baseline in the same run is the REST round trip of a plain authenticated GET on internships.

    .venv/bin/python bench/agreement_propagation.py [--agreements 50]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from statistics import median, quantiles

import httpx

from praxis_dev.testing.databases import Databases
from praxis_dev.testing.nats import start_local_nats
from praxis_dev.testing.organisations import ensure_partners
from praxis_dev.testing.postgres import start_local_postgres
from praxis_dev.testing.stack import Stack


async def visible(client: httpx.AsyncClient, headers: dict, agreement_id: str) -> float:
    started = time.perf_counter()
    while True:
        r = await client.get("/v1/partnerships", params={"page_size": 200}, headers=headers)
        if any(p["agreement_id"] == agreement_id for p in r.json()["items"]):
            return time.perf_counter() - started
        await asyncio.sleep(0.005)


async def run(stack: Stack, n: int) -> None:
    internships = httpx.AsyncClient(base_url=stack["internships"].base_url)
    readers = {s: httpx.AsyncClient(base_url=stack[s].base_url) for s in ("mentors", "projects")}
    today = date.today()
    lag: dict[str, list[float]] = {s: [] for s in readers}
    get_times = []
    for i in range(n):
        school, enterprise = f"bench-school-{i}", f"bench-ent-{i}"
        s_auth, e_auth = stack.auth(school, "school", "admin"), stack.auth(enterprise, "enterprise", "hr")
        await ensure_partners(internships, stack, school, enterprise)  # not timed: what is timed starts at signing
        created = await internships.post(
            "/v1/agreements",
            headers=s_auth,
            json={
                "school_org": school,
                "enterprise_org": enterprise,
                "valid_from": today.isoformat(),
                "valid_to": (today + timedelta(days=30)).isoformat(),
                "intern_quota": 1,
            },
        )
        agreement_id = created.json()["id"]
        await internships.post(f"/v1/agreements/{agreement_id}/sign", headers=s_auth)
        t0 = time.perf_counter()
        await internships.get(f"/v1/agreements/{agreement_id}", headers=e_auth)
        get_times.append(time.perf_counter() - t0)
        signed = await internships.post(f"/v1/agreements/{agreement_id}/sign", headers=e_auth)
        assert signed.json()["status"] == "active"
        results = await asyncio.gather(*(visible(c, s_auth, agreement_id) for c in readers.values()))
        for service, seconds in zip(readers, results, strict=True):
            lag[service].append(seconds)
    print(f"cores: {os.cpu_count()}  agreements: {n}")
    print(f"baseline: authenticated GET round trip   p50 {median(get_times) * 1000:6.1f} ms")
    for service, values in lag.items():
        p95 = quantiles(values, n=20)[-1]
        print(
            f"signed -> visible in {service:<9} p50 {median(values) * 1000:6.1f} ms  p95 {p95 * 1000:6.1f} ms  "
            f"max {max(values) * 1000:6.1f} ms"
        )
    for c in (internships, *readers.values()):
        await c.aclose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--agreements", type=int, default=50)
    args = parser.parse_args()
    pg, nats = start_local_postgres(), start_local_nats()
    database = Databases(pg, "bench")  # migrated databases are clones of a template, as in the tests

    stack = Stack(nats, "bench", Path(tempfile.mkdtemp()), database)
    try:
        stack.start()
        asyncio.run(run(stack, args.agreements))
    finally:
        stack.stop()
        nats.close()
        pg.close()


if __name__ == "__main__":
    main()
