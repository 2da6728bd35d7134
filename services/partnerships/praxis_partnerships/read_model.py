"""The partnership table and how agreement events change it.

Applying is idempotent and order-tolerant: `ended` is terminal, so an `activated` that arrives after it changes
nothing. A consuming service keeps the table in its own database and names its durable after itself.
"""

from __future__ import annotations

from datetime import date, datetime

from alembic.operations import Operations
from pydantic import BaseModel
from sqlalchemy import Boolean, Column, Date, DateTime, Index, Integer, MetaData, String, Table, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncConnection

from praxis.events.v1 import agreements_pb2
from praxis_common.auth import Principal
from praxis_common.consumer import Subscription
from praxis_common.errors import InvalidInput
from praxis_common.events import ReceivedEvent, payload_date, payload_time
from praxis_common.uow import UowFactory

ACTIVATED = "praxis.internships.agreement.activated.v1"
ENDED = "praxis.internships.agreement.ended.v1"

metadata = MetaData()

partnership = Table(
    "partnership",
    metadata,
    Column("agreement_id", String(64), primary_key=True),
    Column("school_org", String(64), nullable=False),
    Column("enterprise_org", String(64), nullable=False),
    Column("valid_from", Date),
    Column("valid_to", Date),
    Column("intern_quota", Integer),
    Column("active", Boolean, nullable=False),
    Column("activated_at", DateTime(timezone=True)),
    Column("ended_at", DateTime(timezone=True)),
    Column("end_reason", String(16)),
    Index("ix_partnership_school", "school_org", "active"),
    Index("ix_partnership_enterprise", "enterprise_org", "active"),
)


def create_partnership_table(op: Operations) -> None:
    """Schema version 1 of the read model; called from a service migration."""
    partnership.create(op.get_bind())


class Partnership(BaseModel):
    """One row of the read model, as the REST API shows it."""

    agreement_id: str
    school_org: str
    enterprise_org: str
    valid_from: date | None
    valid_to: date | None
    intern_quota: int | None
    active: bool
    activated_at: datetime | None
    ended_at: datetime | None
    end_reason: str | None


_END_REASONS = {
    agreements_pb2.AGREEMENT_END_REASON_TERMINATED: "terminated",
    agreements_pb2.AGREEMENT_END_REASON_EXPIRED: "expired",
}


def _parties(e) -> None:
    for name in ("agreement_id", "school_org", "enterprise_org"):
        value = getattr(e, name)
        if not value or len(value) > 64:
            raise InvalidInput(f"{name} must be 1 to 64 characters")


async def apply_agreement_event(event: ReceivedEvent, uow: UowFactory) -> None:
    async with uow() as u:
        await _apply(u.connection, event)
        await u.commit()


async def _apply(connection: AsyncConnection, event: ReceivedEvent) -> None:
    if event.type == ACTIVATED:
        e = event.parse(agreements_pb2.AgreementActivated)
        _parties(e)
        await connection.execute(
            insert(partnership)
            .values(
                agreement_id=e.agreement_id,
                school_org=e.school_org,
                enterprise_org=e.enterprise_org,
                valid_from=payload_date(e.valid_from),
                valid_to=payload_date(e.valid_to),
                intern_quota=e.intern_quota,
                active=True,
                activated_at=payload_time(e.activated_at),
            )
            .on_conflict_do_nothing()
        )
    elif event.type == ENDED:
        e = event.parse(agreements_pb2.AgreementEnded)
        _parties(e)
        values = {
            "active": False,
            "ended_at": payload_time(e.ended_at),
            "end_reason": _END_REASONS.get(e.reason, "unknown"),
        }
        await connection.execute(
            insert(partnership)
            .values(
                agreement_id=e.agreement_id,
                school_org=e.school_org,
                enterprise_org=e.enterprise_org,
                **values,
            )
            .on_conflict_do_update(index_elements=["agreement_id"], set_=values)
        )
    # other agreement events are not this projection's business


async def partnerships_of(
    session: AsyncConnection,
    principal: Principal,
    *,
    include_ended: bool = False,
    after: str | None = None,
    limit: int | None = None,
) -> list[Partnership]:
    """The caller's partnerships, by agreement id: a school's as the school party, an enterprise's as the
    enterprise party."""
    if principal.org_kind == "school":
        query = select(partnership).where(partnership.c.school_org == principal.org)
    elif principal.org_kind == "enterprise":
        query = select(partnership).where(partnership.c.enterprise_org == principal.org)
    else:
        return []
    if not include_ended:
        query = query.where(partnership.c.active.is_(True))
    if after is not None:
        query = query.where(partnership.c.agreement_id > after)
    query = query.order_by(partnership.c.agreement_id)
    if limit is not None:
        query = query.limit(limit)
    rows = (await session.execute(query)).all()
    return [Partnership.model_validate(dict(r._mapping)) for r in rows]


def subscription(service: str) -> Subscription:
    return Subscription(
        durable=f"{service}-partnerships",
        source="internships",
        topics=["internships.agreement.>"],
        handler=apply_agreement_event,
    )
