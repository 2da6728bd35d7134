"""The erasure requests' repository: add one, find one (by id, or the pending one of a student), list a school's,
save confirmations and completion."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import func, insert, select, text, tuple_, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncConnection

from internships.adapters.erasure_request_tables import erasure_request as req_t
from internships.adapters.erasure_request_tables import erasure_service as svc_t
from internships.domain.erasure_requests import (
    ErasureRequest,
    ErasureState,
    ServiceConfirmation,
    ServiceState,
)


class ErasureRequestRepository:
    def __init__(self, connection: AsyncConnection) -> None:
        self.connection = connection

    async def add(self, r: ErasureRequest) -> bool:
        """Insert the request; False when the school already has a pending one for the student (nothing written)."""
        stmt = (
            pg_insert(req_t)
            .values(
                id=r.id,
                school_org=r.school_org,
                student_ref=r.student_ref,
                requested_by=r.requested_by,
                requested_at=r.requested_at,
                state=r.state.value,
            )
            .on_conflict_do_nothing(
                index_elements=["school_org", "student_ref"], index_where=req_t.c.state == "pending"
            )
            .returning(req_t.c.id)
        )
        if (await self.connection.execute(stmt)).first() is None:
            return False
        await self.connection.execute(
            insert(svc_t),
            [
                {"erasure_id": r.id, "service": s.service, "state": s.state.value, "rows_changed": s.rows_changed}
                for s in r.services.values()
            ],
        )
        return True

    async def get(self, erasure_id: uuid.UUID, *, for_update: bool = False) -> ErasureRequest | None:
        query = select(req_t).where(req_t.c.id == erasure_id)
        row = (await self.connection.execute(query.with_for_update() if for_update else query)).first()
        return (await self._with_services([row]))[0] if row else None

    async def pending(self, school_org: str, student_ref: str) -> ErasureRequest | None:
        row = (
            await self.connection.execute(
                select(req_t).where(
                    req_t.c.school_org == school_org, req_t.c.student_ref == student_ref, req_t.c.state == "pending"
                )
            )
        ).first()
        return (await self._with_services([row]))[0] if row else None

    async def count_pending(self, school_org: str) -> int:
        """The school's pending requests, counted under a lock of the school's requests (held to the commit), so two
        concurrent requests cannot both pass a cap."""
        await self.connection.execute(
            text("SELECT pg_advisory_xact_lock(hashtext('erasure_request:' || :school))"), {"school": school_org}
        )
        return (
            await self.connection.execute(
                select(func.count())
                .select_from(req_t)
                .where(req_t.c.school_org == school_org, req_t.c.state == "pending")
            )
        ).scalar_one()

    async def of_school(
        self, school_org: str, *, after: tuple[datetime, uuid.UUID] | None, limit: int
    ) -> list[ErasureRequest]:
        """The school's requests, newest first."""
        query = select(req_t).where(req_t.c.school_org == school_org)
        if after is not None:
            query = query.where(tuple_(req_t.c.requested_at, req_t.c.id) < tuple_(*after))
        rows = (
            await self.connection.execute(query.order_by(req_t.c.requested_at.desc(), req_t.c.id.desc()).limit(limit))
        ).all()
        return await self._with_services(rows)

    async def save(self, r: ErasureRequest) -> None:
        await self.connection.execute(
            update(req_t)
            .where(req_t.c.id == r.id)
            .values(state=r.state.value, student_ref=r.student_ref, completed_at=r.completed_at)
        )
        for s in r.services.values():
            await self.connection.execute(
                update(svc_t)
                .where(svc_t.c.erasure_id == r.id, svc_t.c.service == s.service)
                .values(state=s.state.value, rows_changed=s.rows_changed, confirmed_at=s.confirmed_at)
            )

    async def _with_services(self, rows) -> list[ErasureRequest]:
        ids = [r.id for r in rows]
        services: dict[uuid.UUID, dict[str, ServiceConfirmation]] = {i: {} for i in ids}
        if ids:
            for s in await self.connection.execute(
                select(svc_t).where(svc_t.c.erasure_id.in_(ids)).order_by(svc_t.c.service)
            ):
                services[s.erasure_id][s.service] = ServiceConfirmation(
                    s.service, ServiceState(s.state), dict(s.rows_changed), s.confirmed_at
                )
        return [
            ErasureRequest(
                id=r.id,
                school_org=r.school_org,
                student_ref=r.student_ref,
                requested_by=r.requested_by,
                requested_at=r.requested_at,
                services=services[r.id],
                state=ErasureState(r.state),
                completed_at=r.completed_at,
            )
            for r in rows
        ]
