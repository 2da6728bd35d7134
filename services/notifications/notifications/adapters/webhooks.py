"""Repositories of webhook endpoints, deliveries (with their attempts) and notices."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import delete, insert, select, tuple_, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncConnection

from notifications.adapters.orm import owned, webhook_attempt, webhook_delivery, webhook_endpoint, webhook_notice
from notifications.domain.deliveries import Attempt, Delivery, DeliveryStatus
from notifications.domain.orgs import Org
from notifications.domain.webhooks import Endpoint, EndpointStatus, Notice

ENDPOINT_COLUMNS = [c.name for c in webhook_endpoint.columns]


def _endpoint(row) -> Endpoint:
    data = dict(row._mapping)
    data["status"] = EndpointStatus(data["status"])
    data["event_types"] = list(data["event_types"])
    return Endpoint(**data)


def _endpoint_row(e: Endpoint) -> dict:
    row = {c: getattr(e, c) for c in ENDPOINT_COLUMNS}
    row["status"] = e.status.value
    return row


class EndpointRepository:
    def __init__(self, connection: AsyncConnection, *, track: Callable) -> None:
        self.connection = connection
        self.track = track

    async def add(self, e: Endpoint) -> None:
        await self.connection.execute(insert(webhook_endpoint).values(_endpoint_row(e)))
        self.track(e)

    async def get(self, org: Org, endpoint_id: uuid.UUID, *, for_update: bool = False) -> Endpoint | None:
        """The organisation's endpoint; None for another organisation's (of either kind), as for none."""
        query = select(webhook_endpoint).where(webhook_endpoint.c.id == endpoint_id, owned(webhook_endpoint, org))
        row = (await self.connection.execute(query.with_for_update() if for_update else query)).first()
        return _endpoint(row) if row else None

    async def by_id(self, endpoint_id: uuid.UUID) -> Endpoint | None:
        row = (
            await self.connection.execute(select(webhook_endpoint).where(webhook_endpoint.c.id == endpoint_id))
        ).first()
        return _endpoint(row) if row else None

    async def of_org(self, org: Org) -> list[Endpoint]:
        query = (
            select(webhook_endpoint)
            .where(owned(webhook_endpoint, org))
            .order_by(webhook_endpoint.c.created_at, webhook_endpoint.c.id)
        )
        return [_endpoint(r) for r in await self.connection.execute(query)]

    async def receiving(self, org: Org, event_type: str) -> list[Endpoint]:
        query = select(webhook_endpoint).where(
            owned(webhook_endpoint, org),
            webhook_endpoint.c.status == EndpointStatus.ENABLED.value,
            webhook_endpoint.c.event_types.contains([event_type]),
        )
        return [_endpoint(r) for r in await self.connection.execute(query)]

    async def save(self, e: Endpoint) -> None:
        if e.deleted:
            await self.connection.execute(delete(webhook_endpoint).where(webhook_endpoint.c.id == e.id))
        else:
            await self.connection.execute(
                update(webhook_endpoint).where(webhook_endpoint.c.id == e.id).values(_endpoint_row(e))
            )
        self.track(e)

    async def succeeded(self, endpoint_id: uuid.UUID, at: datetime) -> None:
        await self.connection.execute(
            update(webhook_endpoint).where(webhook_endpoint.c.id == endpoint_id).values(last_success_at=at)
        )


def _delivery(row, attempts: list[Attempt]) -> Delivery:
    data = dict(row._mapping)
    data["status"] = DeliveryStatus(data["status"])
    return Delivery(**data, attempts=attempts)


class DeliveryRepository:
    def __init__(self, connection: AsyncConnection) -> None:
        self.connection = connection

    async def add(self, d: Delivery) -> bool:
        """False if the endpoint already has a delivery of this event (a redelivered event)."""
        row = {c.name: getattr(d, c.name) for c in webhook_delivery.columns}
        row["status"] = d.status.value
        done = await self.connection.execute(pg_insert(webhook_delivery).values(row).on_conflict_do_nothing())
        return bool(done.rowcount)

    async def _attempts(self, ids: list[uuid.UUID]) -> dict[uuid.UUID, list[Attempt]]:
        found: dict[uuid.UUID, list[Attempt]] = {i: [] for i in ids}
        if ids:
            query = (
                select(webhook_attempt).where(webhook_attempt.c.delivery_id.in_(ids)).order_by(webhook_attempt.c.number)
            )
            for r in await self.connection.execute(query):
                m = dict(r._mapping)
                found[m.pop("delivery_id")].append(Attempt(**m))
        return found

    async def _many(self, query) -> list[Delivery]:
        rows = list(await self.connection.execute(query))
        attempts = await self._attempts([r.id for r in rows])
        return [_delivery(r, attempts[r.id]) for r in rows]

    async def get(self, org: Org, delivery_id: uuid.UUID, *, for_update: bool = False) -> Delivery | None:
        query = select(webhook_delivery).where(webhook_delivery.c.id == delivery_id, owned(webhook_delivery, org))
        found = await self._many(query.with_for_update() if for_update else query)
        return found[0] if found else None

    async def of_endpoint(
        self, endpoint_id: uuid.UUID, *, after: tuple[datetime, uuid.UUID] | None, limit: int
    ) -> list[Delivery]:
        """The endpoint's deliveries, newest first (after `after`: a delivery's queueing time and id)."""
        key = (webhook_delivery.c.created_at, webhook_delivery.c.id)
        query = select(webhook_delivery).where(webhook_delivery.c.endpoint_id == endpoint_id)
        if after is not None:
            query = query.where(tuple_(*key) < tuple_(*after))
        return await self._many(query.order_by(*(c.desc() for c in key)).limit(limit))

    async def since(self, endpoint_id: uuid.UUID, since: datetime) -> list[Delivery]:
        query = (
            select(webhook_delivery)
            .where(webhook_delivery.c.endpoint_id == endpoint_id, webhook_delivery.c.created_at >= since)
            .with_for_update()
        )
        return await self._many(query)

    async def claim_due(self, now: datetime, *, lease: timedelta, limit: int, skip: list[uuid.UUID]) -> list[Delivery]:
        """Due pending deliveries, leased to this worker: their next attempt moves `lease` ahead, so no other worker
        takes them while they are in flight (and another does, once the lease runs out, if this one died)."""
        due = (
            select(webhook_delivery.c.id)
            .where(webhook_delivery.c.status == DeliveryStatus.PENDING.value, webhook_delivery.c.next_attempt_at <= now)
            .order_by(webhook_delivery.c.next_attempt_at)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        if skip:
            due = due.where(webhook_delivery.c.endpoint_id.not_in(skip))
        query = (
            update(webhook_delivery)
            .where(webhook_delivery.c.id.in_(due.scalar_subquery()))
            .values(next_attempt_at=now + lease)
            .returning(webhook_delivery)
        )
        rows = list(await self.connection.execute(query))
        attempts = await self._attempts([r.id for r in rows])
        return [_delivery(r, attempts[r.id]) for r in rows]

    async def lock(self, delivery_id: uuid.UUID) -> Delivery | None:
        found = await self._many(select(webhook_delivery).where(webhook_delivery.c.id == delivery_id).with_for_update())
        return found[0] if found else None

    async def save(self, d: Delivery, *, new_attempts: list[Attempt] = ()) -> None:
        await self.connection.execute(
            update(webhook_delivery)
            .where(webhook_delivery.c.id == d.id)
            .values(status=d.status.value, next_attempt_at=d.next_attempt_at, first_attempt_at=d.first_attempt_at)
        )
        if new_attempts:
            await self.connection.execute(
                insert(webhook_attempt), [{"delivery_id": d.id, **vars(a)} for a in new_attempts]
            )


class NoticeRepository:
    def __init__(self, connection: AsyncConnection) -> None:
        self.connection = connection

    async def add(self, *, org: Org, endpoint_id: uuid.UUID, kind: str, message: str, at: datetime) -> uuid.UUID:
        notice_id = uuid.uuid4()
        await self.connection.execute(
            insert(webhook_notice).values(
                id=notice_id,
                org=org.id,
                org_kind=org.kind,
                endpoint_id=endpoint_id,
                kind=kind,
                message=message,
                created_at=at,
            )
        )
        return notice_id

    async def of_org(self, org: Org, *, after: tuple[datetime, uuid.UUID] | None, limit: int) -> list[Notice]:
        """The organisation's notices, newest first (after `after`: a notice's time and id)."""
        key = (webhook_notice.c.created_at, webhook_notice.c.id)
        query = select(webhook_notice).where(owned(webhook_notice, org))
        if after is not None:
            query = query.where(tuple_(*key) < tuple_(*after))
        query = query.order_by(*(c.desc() for c in key)).limit(limit)
        return [Notice(**r._mapping) for r in await self.connection.execute(query)]
