"""What an operator asks of a service's outbox: how many events wait to be published, since when, and which rows
are stuck (unsent for longer than a threshold, with the relay's last error). Read-only."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

_BACKLOG = text("""
    SELECT count(*) AS unsent, min(created_at) AS oldest, now() AS now,
           count(*) FILTER (WHERE created_at < now() - make_interval(secs => :stuck)) AS stuck
    FROM outbox WHERE sent_at IS NULL
""")
# The oldest stuck rows first: the head of each aggregate's queue is the row holding the others back.
_STUCK = text("""
    SELECT position, id, subject, aggregate_type, aggregate_id, attempts, last_error, created_at, next_attempt_at
    FROM outbox
    WHERE sent_at IS NULL AND created_at < now() - make_interval(secs => :stuck)
    ORDER BY position
    LIMIT :limit
""")


@dataclass(frozen=True)
class StuckRow:
    position: int
    event_id: str
    subject: str
    aggregate_type: str
    aggregate_id: str
    attempts: int
    last_error: str | None
    created_at: datetime
    next_attempt_at: datetime | None

    def as_dict(self) -> dict:
        return {
            "position": self.position,
            "event_id": self.event_id,
            "subject": self.subject,
            "aggregate": f"{self.aggregate_type}/{self.aggregate_id}",
            "attempts": self.attempts,
            "last_error": self.last_error,
            "created_at": self.created_at.isoformat(),
            "next_attempt_at": self.next_attempt_at.isoformat() if self.next_attempt_at else None,
        }


@dataclass(frozen=True)
class Backlog:
    unsent: int
    oldest_age_seconds: float | None  # the oldest unsent row's age; None when nothing waits
    stuck: int  # unsent for longer than the threshold
    stuck_rows: list[StuckRow] = field(default_factory=list)  # the first of them, oldest first

    def as_dict(self) -> dict:
        return {
            "unsent": self.unsent,
            "oldest_age_seconds": self.oldest_age_seconds,
            "stuck": self.stuck,
            "stuck_rows": [r.as_dict() for r in self.stuck_rows],
        }


async def backlog(conn: AsyncConnection, *, stuck_after_seconds: float, limit: int = 20) -> Backlog:
    head = (await conn.execute(_BACKLOG, {"stuck": stuck_after_seconds})).one()
    rows = (await conn.execute(_STUCK, {"stuck": stuck_after_seconds, "limit": limit})).all() if head.stuck else []
    return Backlog(
        unsent=head.unsent,
        oldest_age_seconds=(head.now - head.oldest).total_seconds() if head.oldest else None,
        stuck=head.stuck,
        stuck_rows=[
            StuckRow(
                position=r.position,
                event_id=str(r.id),
                subject=r.subject,
                aggregate_type=r.aggregate_type,
                aggregate_id=r.aggregate_id,
                attempts=r.attempts,
                last_error=r.last_error,
                created_at=r.created_at,
                next_attempt_at=r.next_attempt_at,
            )
            for r in rows
        ],
    )
