"""The delivery worker: leases due deliveries (`FOR UPDATE SKIP LOCKED`, so workers of several processes share the
table) and runs each attempt as its own task, at most `per_endpoint` at once per endpoint and `total` in all.

A slow or dead endpoint thus holds only its own slots, for at most the attempt timeout each; deliveries to every
other endpoint go on beside it. A lease is the attempt timeout plus a margin: if the process dies mid-attempt, the
delivery becomes due again when the lease runs out (at-least-once).
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections import Counter
from datetime import timedelta

from notifications.domain.deliveries import Backoff, Delivery
from notifications.handlers.deliveries import Send, attempt
from praxis_common.uow import Clock, UowFactory, utc_clock

log = logging.getLogger("praxis.notifications.dispatch")
LEASE_MARGIN = timedelta(seconds=30)


class Dispatcher:
    def __init__(
        self,
        uow: UowFactory,
        send: Send,
        *,
        backoff: Backoff,
        timeout: float,
        per_endpoint: int,
        total: int,
        poll_seconds: float,
        clock: Clock = utc_clock,
    ) -> None:
        self.uow, self.send, self.backoff, self.clock = uow, send, backoff, clock
        self.lease = timedelta(seconds=timeout) + LEASE_MARGIN
        self.per_endpoint, self.total, self.poll_seconds = per_endpoint, total, poll_seconds
        self.in_flight: Counter[uuid.UUID] = Counter()
        self.tasks: set[asyncio.Task] = set()
        self.wake = asyncio.Event()

    async def run(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            try:
                await self.pass_once()
            except Exception:
                log.exception("delivery pass failed")
            self.wake.clear()
            waiters = [asyncio.ensure_future(stop.wait()), asyncio.ensure_future(self.wake.wait())]
            await asyncio.wait(waiters, timeout=self.poll_seconds, return_when=asyncio.FIRST_COMPLETED)
            for w in waiters:
                w.cancel()
        if self.tasks:
            await asyncio.wait(self.tasks, timeout=self.lease.total_seconds())

    async def pass_once(self) -> int:
        """Lease what is due and free to run; start an attempt for each. How many started."""
        free = self.total - len(self.tasks)
        if free <= 0:
            return 0
        full = [e for e, n in self.in_flight.items() if n >= self.per_endpoint]
        async with self.uow() as u:
            claimed = await u.deliveries.claim_due(self.clock(), lease=self.lease, limit=free, skip=full)
            extra = [d for d in claimed if not self._admit(d)]
            for d in extra:  # over the endpoint's cap within this batch: due again at once, for the next pass
                d.next_attempt_at = self.clock()
                await u.deliveries.save(d)
            await u.commit()
        return len(claimed) - len(extra)

    def _admit(self, d: Delivery) -> bool:
        if self.in_flight[d.endpoint_id] >= self.per_endpoint:
            return False
        self.in_flight[d.endpoint_id] += 1
        task = asyncio.create_task(self._attempt(d), name=f"webhook-delivery:{d.id}")
        self.tasks.add(task)
        return True

    async def _attempt(self, d: Delivery) -> None:
        try:
            await attempt(d, send=self.send, uow=self.uow, backoff=self.backoff, clock=self.clock)
        except Exception:
            log.exception("delivery attempt failed", extra={"delivery": str(d.id)})
        finally:
            self.in_flight[d.endpoint_id] -= 1
            if self.in_flight[d.endpoint_id] <= 0:
                del self.in_flight[d.endpoint_id]
            self.tasks.discard(asyncio.current_task())
            self.wake.set()
