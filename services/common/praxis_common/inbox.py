"""Inbox: event ids a consumer has applied, so a redelivered event is applied once."""

from __future__ import annotations

from sqlalchemy import Column, DateTime, MetaData, PrimaryKeyConstraint, String, Table, func, select, text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncConnection

_metadata = MetaData()

inbox = Table(
    "inbox",
    _metadata,
    Column("consumer", String(128), nullable=False),
    Column("event_id", String(64), nullable=False),
    Column("event_type", String(255), nullable=False),
    Column("processed_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    PrimaryKeyConstraint("consumer", "event_id", name="pk_inbox"),
)

# Built once: building it per event cost more CPU than the insert's round trip.
_CLAIM = insert(inbox).on_conflict_do_nothing().returning(inbox.c.event_id)
_PRUNE = text("DELETE FROM inbox WHERE processed_at < now() - make_interval(hours => :hours)")


async def claimed(conn: AsyncConnection, consumer: str, event_id: str) -> bool:
    """Has `consumer` applied the event already (a read: it gives the transaction no id)?"""
    found = await conn.execute(
        select(inbox.c.event_id).where(inbox.c.consumer == consumer, inbox.c.event_id == event_id)
    )
    return found.first() is not None


async def claim(session: AsyncConnection, consumer: str, event_id: str, event_type: str) -> bool:
    """Record the event for this consumer inside the caller's transaction; False if already applied."""
    result = await session.execute(_CLAIM, {"consumer": consumer, "event_id": event_id, "event_type": event_type})
    return result.first() is not None


async def prune(conn, hours: int) -> None:
    """Applied ids older than `hours` (far beyond any redelivery) are forgotten."""
    await conn.execute(_PRUNE, {"hours": hours})
