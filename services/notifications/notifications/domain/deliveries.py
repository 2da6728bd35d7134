"""Deliveries: one per event and endpoint, attempted until the endpoint answers 2xx or the retry horizon passes.

Retries back off exponentially with full jitter (a delay drawn between half and all of base·2^(n-1), capped), and
the delivery is `failed` once its next attempt would fall beyond the horizon (at least 3 days after the first).
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum


class DeliveryStatus(StrEnum):
    PENDING = "pending"
    SUCCEEDED = "succeeded"
    FAILED = "failed"


@dataclass(frozen=True)
class Backoff:
    base: timedelta
    cap: timedelta
    horizon: timedelta

    def delay(self, failed_attempts: int, rng: random.Random | None = None) -> timedelta:
        full = min(self.base * (2 ** max(failed_attempts - 1, 0)), self.cap)
        return full * (0.5 + 0.5 * (rng or random).random())


@dataclass(frozen=True)
class Sent:
    """What one request to an endpoint came to."""

    status_code: int | None  # None: no answer (timeout, refused, blocked address)
    latency_ms: int
    error: str | None = None


DISABLED = Sent(None, 0, "endpoint disabled")


@dataclass(frozen=True)
class Attempt:
    number: int
    at: datetime
    status_code: int | None  # None: no answer (timeout, refused, blocked address)
    latency_ms: int
    error: str | None = None

    @property
    def succeeded(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


@dataclass
class Delivery:
    id: uuid.UUID
    endpoint_id: uuid.UUID
    org: str
    org_kind: str
    event_id: str
    event_type: str
    body: str  # the CloudEvents JSON sent, byte for byte the same on every attempt and replay
    created_at: datetime
    next_attempt_at: datetime
    status: DeliveryStatus = DeliveryStatus.PENDING
    attempts: list[Attempt] = field(default_factory=list)
    first_attempt_at: datetime | None = None

    @property
    def message_id(self) -> str:
        """The `webhook-id`: the same on every attempt and replay, so the receiver can deduplicate."""
        return f"msg_{self.id.hex}"

    def record(self, attempt: Attempt, backoff: Backoff, rng: random.Random | None = None) -> None:
        self.attempts.append(attempt)
        self.first_attempt_at = self.first_attempt_at or attempt.at
        if attempt.succeeded:
            self.status = DeliveryStatus.SUCCEEDED
            return
        failed = sum(1 for a in self.attempts if not a.succeeded)
        due = attempt.at + backoff.delay(failed, rng)
        if due - self.first_attempt_at > backoff.horizon:
            self.status = DeliveryStatus.FAILED
        else:
            self.next_attempt_at = due

    def replay(self, now: datetime) -> None:
        """Send again (the same webhook-id and body), with a fresh retry horizon."""
        self.status, self.next_attempt_at, self.first_attempt_at = DeliveryStatus.PENDING, now, None
