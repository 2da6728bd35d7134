"""Repositories of reminder facts and notifications (the mail queue), and the pruning of old rows."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncConnection

from notifications.adapters.orm import notification, owned, reminder_fact, webhook_attempt, webhook_delivery
from notifications.domain.directory import Delivery
from notifications.domain.orgs import Org
from notifications.domain.reminders import Audience, Fact, Notification, NotificationStatus

SETTLED = [s.value for s in NotificationStatus if s is not NotificationStatus.PENDING]


def _fact(row) -> Fact:
    return Fact(
        key=row.key,
        category=row.category,
        due_at=row.due_at,
        audiences=[Audience.of_json(a) for a in row.audiences],
        context=row.context,
        fired_at=row.fired_at,
    )


class FactRepository:
    def __init__(self, connection: AsyncConnection) -> None:
        self.connection = connection

    async def schedule(self, fact: Fact, now: datetime) -> bool:
        """Keep the fact until it comes due; False if it is known already (a redelivered event)."""
        done = await self.connection.execute(
            pg_insert(reminder_fact)
            .values(
                key=fact.key,
                category=fact.category,
                due_at=fact.due_at,
                audiences=[a.as_json() for a in fact.audiences],
                context=fact.context,
                created_at=now,
            )
            .on_conflict_do_nothing()
        )
        return bool(done.rowcount)

    async def settle(self, prefix: str) -> int:
        """Forget the facts under the key prefix that have not fired, and cancel the unsent mail of those that did.
        How many notifications were cancelled."""
        like = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        await self.connection.execute(
            delete(reminder_fact).where(reminder_fact.c.key.like(like), reminder_fact.c.fired_at.is_(None))
        )
        done = await self.connection.execute(
            update(notification)
            .where(notification.c.fact_key.like(like), notification.c.status == NotificationStatus.PENDING.value)
            .values(status=NotificationStatus.CANCELLED.value)
        )
        return done.rowcount

    async def claim_due(self, now: datetime, *, limit: int) -> list[Fact]:
        """Due facts not fired yet, marked fired in this transaction (SKIP LOCKED: each fires in one process)."""
        due = (
            select(reminder_fact.c.key)
            .where(reminder_fact.c.fired_at.is_(None), reminder_fact.c.due_at <= now)
            .order_by(reminder_fact.c.due_at)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        query = (
            update(reminder_fact)
            .where(reminder_fact.c.key.in_(due.scalar_subquery()))
            .values(fired_at=now)
            .returning(reminder_fact)
        )
        return [_fact(r) for r in await self.connection.execute(query)]


def _notification(row) -> Notification:
    data = dict(row._mapping)
    data["status"] = NotificationStatus(data["status"])
    data["delivery"] = Delivery(data["delivery"])
    return Notification(**data)


class NotificationRepository:
    def __init__(self, connection: AsyncConnection) -> None:
        self.connection = connection

    async def add(self, n: Notification) -> bool:
        """False if the recipient has this fact's notification already."""
        row = {c.name: getattr(n, c.name) for c in notification.columns}
        row["status"], row["delivery"] = n.status.value, n.delivery.value
        done = await self.connection.execute(pg_insert(notification).values(row).on_conflict_do_nothing())
        return bool(done.rowcount)

    async def claim_due(self, now: datetime, *, lease: timedelta, limit: int) -> list[Notification]:
        """Due pending notifications, oldest due first, leased (their next attempt moves `lease` ahead). A digest
        recipient's rows share their due time, so a pass claims them together (up to `limit`) and mails one digest."""
        due = (
            select(notification.c.id)
            .where(notification.c.status == NotificationStatus.PENDING.value, notification.c.next_attempt_at <= now)
            .order_by(notification.c.next_attempt_at)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        query = (
            update(notification)
            .where(notification.c.id.in_(due.scalar_subquery()))
            .values(next_attempt_at=now + lease)
            .returning(notification)
        )
        return [_notification(r) for r in await self.connection.execute(query)]

    async def lock(self, ids: list[uuid.UUID]) -> list[Notification]:
        query = select(notification).where(notification.c.id.in_(ids)).with_for_update()
        return [_notification(r) for r in await self.connection.execute(query)]

    async def save(self, n: Notification) -> None:
        await self.connection.execute(
            update(notification)
            .where(notification.c.id == n.id)
            .values(
                status=n.status.value,
                next_attempt_at=n.next_attempt_at,
                attempts=n.attempts,
                first_attempt_at=n.first_attempt_at,
                last_error=n.last_error,
                sent_at=n.sent_at,
            )
        )

    async def of_recipient(self, org: Org, account: str) -> list[Notification]:
        query = (
            select(notification)
            .where(owned(notification, org), notification.c.account == account)
            .order_by(notification.c.created_at)
        )
        return [_notification(r) for r in await self.connection.execute(query)]

    async def prune(self, before: datetime) -> int:
        """Delete what reached its final state before `before`: webhook deliveries (with their attempts; the last
        attempt's time), settled notifications and fired facts. How many rows."""
        last_attempt = (
            select(func.max(webhook_attempt.c.at)).where(webhook_attempt.c.delivery_id == webhook_delivery.c.id)
        ).scalar_subquery()
        deliveries = await self.connection.execute(
            delete(webhook_delivery).where(
                webhook_delivery.c.status != "pending",
                func.coalesce(last_attempt, webhook_delivery.c.created_at) < before,
            )
        )
        mails = await self.connection.execute(
            delete(notification).where(
                notification.c.status.in_(SETTLED),
                func.coalesce(notification.c.sent_at, notification.c.next_attempt_at) < before,
            )
        )
        facts = await self.connection.execute(delete(reminder_fact).where(reminder_fact.c.fired_at < before))
        return deliveries.rowcount + mails.rowcount + facts.rowcount
