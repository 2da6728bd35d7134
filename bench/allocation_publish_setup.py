"""The set-up of bench/allocation_publish.py over REST (not timed): agreements, bases and positions of E enterprises
with each of the round's schools, then the round with its positions, students, ranked lists and rankings."""

from __future__ import annotations

import asyncio
import bisect
import itertools
import random
import time
from datetime import date, timedelta

import httpx

from praxis_dev.testing.organisations import ensure_partners
from praxis_dev.testing.stack import Stack

TODAY = date.today()
SCHOOL = "bench-school"
TAGS = [f"tag-{i:02d}" for i in range(30)]
CONCURRENCY = 32


async def gather_limited(coros, limit: int = CONCURRENCY):
    gate = asyncio.Semaphore(limit)

    async def one(coro):
        async with gate:
            return await coro

    return await asyncio.gather(*(one(c) for c in coros))


def ok(r: httpx.Response, status: int = 200) -> dict | list:
    assert r.status_code == status, f"{r.request.method} {r.request.url}: {r.status_code} {r.text[:500]}"
    return r.json()


async def setup_positions(c: httpx.AsyncClient, stack: Stack, args, rng: random.Random) -> list[dict]:
    """Agreements, bases and published positions; returns [{id, enterprise, ranks}] in creation order."""
    per = args.positions // args.enterprises
    positions: list[dict] = []
    for e in range(args.enterprises):
        enterprise = f"bench-ent-{e:02d}"
        h = stack.auth(enterprise, "enterprise", "hr")
        agreements = [await agreement(c, stack, school, enterprise) for school in bench_schools(args.schools)]
        agreement_id = agreements[0]  # the owner school's: the bases are under it
        bases = [
            ok(
                await c.post(
                    "/v1/bases",
                    headers=h,
                    json={
                        "agreement_id": agreement_id,
                        "name": f"Hub {b}",
                        "tier": 1 + b % 3,
                        "country": "CN",
                        "city": "Shenzhen",
                        "capacity": 100_000,
                        "staff": 10_000_000,
                    },
                ),
                201,
            )["id"]
            for b in range(5)
        ]

        async def position(i: int, enterprise=enterprise, h=h, bases=bases, ranks=e % 2 == 0) -> dict:
            made = ok(
                await c.post(
                    "/v1/positions",
                    headers=h,
                    json={
                        "base_id": bases[i % len(bases)],
                        "title": f"Position {i}",
                        "seats": rng.randint(1, 20),
                        "starts_on": (TODAY + timedelta(days=30)).isoformat(),
                        "ends_on": (TODAY + timedelta(days=120)).isoformat(),
                        "competencies": rng.sample(TAGS, rng.randint(1, 3)),
                        "duties": [{"name": "listings", "kind": "core"}],
                        "post_staff": 5_000_000,
                        "monthly_pay": "4000",
                        "reference_monthly_wage": "4500",
                    },
                ),
                201,
            )
            ok(await c.post(f"/v1/positions/{made['id']}/publish", headers=h))
            return {"id": made["id"], "enterprise": enterprise, "ranks": ranks}

        positions += await gather_limited(position(i) for i in range(per))
    return positions


def bench_schools(n: int) -> list[str]:
    """The round's schools: the owner first, then its co-owners (a joint round)."""
    return [SCHOOL] + [f"{SCHOOL}-{k:02d}" for k in range(1, n)]


async def agreement(c: httpx.AsyncClient, stack: Stack, school: str, enterprise: str) -> str:
    """An active agreement between the school and the enterprise, with a quota no round reaches."""
    s, h = stack.auth(school, "school", "admin"), stack.auth(enterprise, "enterprise", "hr")
    await ensure_partners(c, stack, school, enterprise)
    made = ok(
        await c.post(
            "/v1/agreements",
            headers=s,
            json={
                "school_org": school,
                "enterprise_org": enterprise,
                "valid_from": TODAY.isoformat(),
                "valid_to": (TODAY + timedelta(days=365)).isoformat(),
                "intern_quota": 100_000,
            },
        ),
        201,
    )["id"]
    for headers in (s, h):
        ok(await c.post(f"/v1/agreements/{made}/sign", headers=headers))
    return made


async def setup_round(
    c: httpx.AsyncClient, stack: Stack, args, positions: list[dict], rng: random.Random, phases: dict[str, float]
) -> str:
    schools = bench_schools(args.schools)
    auth = {school: stack.auth(school, "school", "admin") for school in schools}
    s = auth[SCHOOL]
    body = {"title": "Bench round", "list_limit": args.list_length, "seed": 1}
    rid = ok(await c.post("/v1/rounds", headers=s, json={**body, "co_owner_schools": schools[1:]}), 201)["id"]
    for school in schools[1:]:
        ok(await c.post(f"/v1/rounds/{rid}/accept", headers=auth[school]))
    started = time.perf_counter()
    await gather_limited(c.put(f"/v1/rounds/{rid}/positions/{p['id']}", headers=s) for p in positions)
    refs = [(schools[i % len(schools)], f"stu-{i:06d}") for i in range(args.students)]  # (school, student_ref)
    for school in schools:
        own = [ref for at, ref in refs if at == school]
        for chunk in (own[i : i + 1000] for i in range(0, len(own), 1000)):
            body = {
                "students": [
                    {"student_ref": ref, "profile": {"competencies": rng.sample(TAGS, rng.randint(0, 4))}}
                    for ref in chunk
                ]
            }
            ok(await c.post(f"/v1/rounds/{rid}/students", headers=auth[school], json=body))
    # Zipf-like popularity: position k is wanted with weight 1 / (k + 1) ** 0.8.
    ids = [p["id"] for p in positions]
    rng.shuffle(ids)
    cumulative = list(itertools.accumulate(1 / (k + 1) ** 0.8 for k in range(len(ids))))

    def pick_list() -> list[str]:
        chosen: dict[str, None] = {}
        while len(chosen) < min(args.list_length, len(ids)):
            chosen[ids[bisect.bisect(cumulative, rng.random() * cumulative[-1])]] = None
        return list(chosen)

    lists = {key: pick_list() for key in refs}
    phases["positions and students into the round"] = time.perf_counter() - started
    started = time.perf_counter()
    await gather_limited(
        c.put(f"/v1/rounds/{rid}/students/{ref}/preferences", headers=auth[school], json={"positions": prefs})
        for (school, ref), prefs in lists.items()
    )
    merit = {key: rng.random() for key in refs}

    async def rank(p: dict) -> None:
        h = stack.auth(p["enterprise"], "enterprise", "hr")
        applicants, token = [], None
        while True:  # every page of the position's applicants
            params = {"page_size": 5000, **({"page_token": token} if token else {})}
            page = ok(await c.get(f"/v1/rounds/{rid}/positions/{p['id']}/applicants", headers=h, params=params))
            applicants, token = applicants + page["items"], page["next_page_token"]
            if token is None:
                break
        p["applicants"] = len(applicants)
        ordered = sorted(applicants, key=lambda a: -merit[a["school_org"], a["student_ref"]])
        groups = [
            [{"school_org": a["school_org"], "student_ref": a["student_ref"]} for a in ordered[i : i + 5]]
            for i in range(0, len(ordered), 5)
        ]
        ok(await c.put(f"/v1/rounds/{rid}/positions/{p['id']}/ranking", headers=h, json={"groups": groups}))

    phases["ranked lists"] = time.perf_counter() - started
    started = time.perf_counter()
    await gather_limited(rank(p) for p in positions if p["ranks"])
    phases["rankings"] = time.perf_counter() - started
    return rid
