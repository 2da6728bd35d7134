"""What "ready" means for a service process: its database reachable and at the schema this code expects.

NATS is reported but does not decide: while it is unreachable a service keeps taking writes (their
events wait in the outbox and leave when NATS is back), so a load balancer must keep sending it
requests. See docs/operations.md.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, replace

from sqlalchemy.ext.asyncio import AsyncEngine

from praxis_common.migrations import Revisions, applied_revisions

SERVING_SCHEMA = ("current", "ahead")


@dataclass(frozen=True)
class Readiness:
    database: bool  # reachable
    schema: str  # Revisions.state, "unknown" while the database is unreachable, "unchecked" without migrations
    nats: bool  # connected and JetStream answering
    applied: tuple[str, ...] = ()
    expected: tuple[str, ...] = ()

    @property
    def ready(self) -> bool:
        return self.database and self.schema in (*SERVING_SCHEMA, "unchecked")

    def as_json(self) -> dict:
        return {
            "status": "ready" if self.ready else "not ready",
            "checks": {"database": self.database, "schema": self.ready, "nats": self.nats},
            "schema": {"state": self.schema, "applied": list(self.applied), "expected": list(self.expected)},
            # NATS does not decide readiness: say what its absence means.
            "events": "flowing" if self.nats else "waiting in the outbox until NATS is reachable",
        }


async def database_state(engine: AsyncEngine, revisions: Revisions | None, timeout: float = 2.0) -> Readiness:
    """The database half of readiness (nats left False for the caller to fill in)."""
    expected = tuple(sorted(revisions.heads)) if revisions else ()
    try:
        async with asyncio.timeout(timeout):
            async with engine.connect() as conn:
                applied = await applied_revisions(conn)
    except Exception:
        return Readiness(database=False, schema="unknown", nats=False, expected=expected)
    state = revisions.state(applied) if revisions else "unchecked"
    return Readiness(database=True, schema=state, nats=False, applied=tuple(sorted(applied)), expected=expected)


async def check_readiness(engine: AsyncEngine, revisions: Revisions | None, bus) -> Readiness:
    db, nats = await asyncio.gather(database_state(engine, revisions), bus.ready())
    return replace(db, nats=nats)
