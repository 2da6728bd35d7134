"""Benchmark: the CPU an event consumer spends applying one placement event to the value ledger.

What the `internships-ledger` consumer does for each placement event, minus NATS: in one unit of work, claim the
event in the inbox, upsert the placement's ledger row (adapters/outcomes.py LedgerRepository.record_placement), and
commit. Compared in the same run, on the same database, with the same work done by statements built per call (as
the code did before: `pg_insert(table).values(row).on_conflict_do_update(...)` for each event), whose construction
and cache-key walk in SQLAlchemy cost more than the round trips. A national round's publish sends ~46,000 placement
events through this consumer.

    .venv/bin/python bench/ledger_apply.py [--events 2000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import time
import uuid
from datetime import date
from statistics import median

from sqlalchemy import case, func
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import create_async_engine

from internships.adapters.outcomes import FINAL_RANK, RANK
from internships.adapters.outcomes_tables import ledger_placement
from internships.adapters.unit_of_work import InternshipsUnit
from internships.domain.outcomes import LedgerPlacement
from internships.handlers.outcomes import record_ledger_fact
from praxis_common.inbox import inbox
from praxis_common.uow import UnitOfWorkFactory, joining
from praxis_dev.testing.databases import Databases
from praxis_dev.testing.postgres import start_local_postgres

CONSUMER = "internships-ledger"


def facts(n: int) -> list[LedgerPlacement]:
    return [
        LedgerPlacement(
            placement_id=uuid.uuid4(),
            agreement_id=uuid.uuid4(),
            school_org="bench-school",
            enterprise_org="bench-enterprise",
            student_ref=f"s{i}",
            status="requested",
            cohort="2026",
            competencies=["platform-operation"],
            starts_on=date(2027, 3, 1),
            ends_on=date(2027, 6, 30),
        )
        for i in range(n)
    ]


async def built_once(uow: UnitOfWorkFactory, fact: LedgerPlacement) -> None:
    async with uow() as unit:
        if await unit.claim_event(CONSUMER, str(uuid.uuid4()), "praxis.internships.placement.requested.v1"):
            await record_ledger_fact(fact, uow=joining(unit))
        await unit.commit()


async def built_per_call(uow: UnitOfWorkFactory, fact: LedgerPlacement) -> None:
    """The baseline: the same statements, constructed for each event."""
    async with uow() as unit:
        claimed = await unit.connection.execute(
            pg_insert(inbox)
            .values(consumer=CONSUMER, event_id=str(uuid.uuid4()), event_type="praxis.internships.placement.requested.v1")
            .on_conflict_do_nothing()
            .returning(inbox.c.event_id)
        )
        if claimed.first() is not None:
            stmt = pg_insert(ledger_placement).values({**vars(fact), "rank": RANK.get(fact.status, FINAL_RANK)})
            newer = stmt.excluded.rank >= ledger_placement.c.rank
            await unit.connection.execute(
                stmt.on_conflict_do_update(
                    index_elements=["placement_id"],
                    set_={
                        "status": case((newer, stmt.excluded.status), else_=ledger_placement.c.status),
                        "rank": func.greatest(stmt.excluded.rank, ledger_placement.c.rank),
                        "cohort": case((newer, stmt.excluded.cohort), else_=ledger_placement.c.cohort),
                        "competencies": case(
                            (func.jsonb_array_length(stmt.excluded.competencies) > 0, stmt.excluded.competencies),
                            else_=ledger_placement.c.competencies,
                        ),
                        "starts_on": stmt.excluded.starts_on,
                        "ends_on": stmt.excluded.ends_on,
                    },
                )
            )
        await unit.commit()


async def timed(apply, uow: UnitOfWorkFactory, n: int) -> tuple[float, float]:
    """(ms of this process's CPU per event, ms of wall time per event)."""
    batch = facts(n)
    cpu, wall = time.process_time(), time.perf_counter()
    for fact in batch:
        await apply(uow, fact)
    return 1000 * (time.process_time() - cpu) / n, 1000 * (time.perf_counter() - wall) / n


async def run(url: str, n: int, repeat: int) -> None:
    engine = create_async_engine(url, pool_size=1)
    uow = UnitOfWorkFactory(engine, event_prefix="bench", unit=InternshipsUnit)
    await timed(built_once, uow, 200)  # warm-up: the pool's connection, prepared statements, compiled caches
    await timed(built_per_call, uow, 200)
    results: dict[str, list[tuple[float, float]]] = {"built once": [], "built per call (baseline)": []}
    for _ in range(repeat):
        results["built once"].append(await timed(built_once, uow, n))
        results["built per call (baseline)"].append(await timed(built_per_call, uow, n))
    await engine.dispose()
    print(f"cores: {os.cpu_count()}  events per pass: {n}  passes: {repeat} (medians)")
    for label, runs in results.items():
        cpu, wall = median(r[0] for r in runs), median(r[1] for r in runs)
        print(f"{label:<28} {cpu:6.3f} ms CPU per event   {wall:6.3f} ms wall   {1000 / wall:7.0f} events/s")
    once, per_call = (median(r[0] for r in results[k]) for k in results)
    print(f"CPU per event: {per_call / once:.1f}x less with the statements built once")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    pg = start_local_postgres()
    databases = Databases(pg, "bench")
    try:
        asyncio.run(run(databases("ledger", migrated="internships"), args.events, args.repeat))
    finally:
        databases.drop_all()
        pg.close()


if __name__ == "__main__":
    main()
