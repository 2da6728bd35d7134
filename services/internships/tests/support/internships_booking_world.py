"""A booking's world on a real, migrated PostgreSQL, made through the handlers: an active agreement between a school
and an enterprise, a published position at a base of it (the booking tests share them)."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from internships_profiles import register

from internships import handlers
from internships.domain import commands
from internships.domain.positions import Duty, DutyKind
from internships.handlers.positions import CreateBase, CreatePosition, change_position, create_base, create_position
from praxis_common.auth import Principal

START = date(2030, 3, 1)
T0 = datetime(2030, 2, 1, 8, tzinfo=UTC)


def at(day: date):
    return lambda: datetime(day.year, day.month, day.day, 8, tzinfo=UTC)


async def active_agreement(uow, school: str, enterprise: Principal, valid_days: int):
    admin = Principal(sub="adm", org=school, org_kind="school", roles=frozenset({"admin"}))
    clock = at(T0.date())
    await register(uow, (school, "school"), (enterprise.org, "enterprise"))
    agreement = await handlers.draft_agreement(
        commands.DraftAgreement(
            school_org=school,
            enterprise_org=enterprise.org,
            title="",
            valid_from=START - timedelta(days=60),
            valid_to=START - timedelta(days=60) + timedelta(days=valid_days),
            intern_quota=10,
        ),
        admin,
        uow=uow,
        clock=clock,
    )
    for who in (admin, enterprise):
        await handlers.sign_agreement(commands.SignAgreement(agreement.id), who, uow=uow, clock=clock)
    return agreement


async def published_position(uow, enterprise: Principal, agreement_id: uuid.UUID, *, seats: int) -> uuid.UUID:
    """A published position from START to START + 30 days at a new base of the agreement."""
    clock = at(T0.date())
    base = await create_base(
        CreateBase(agreement_id, "Hub", 1, "CN", "Shenzhen", capacity=100, staff=10_000),
        enterprise,
        uow=uow,
        clock=clock,
    )
    position = await create_position(
        CreatePosition(
            base_id=base.id,
            title="Store operations",
            description="",
            seats=seats,
            starts_on=START,
            ends_on=START + timedelta(days=30),
            languages=["en"],
            competencies=[],
            duties=[Duty("listings", DutyKind.CORE)],
            post_staff=5_000,
            monthly_pay=Decimal("4000"),
            reference_monthly_wage=Decimal("4500"),
        ),
        enterprise,
        uow=uow,
        clock=clock,
    )
    await change_position(position.id, "publish", enterprise, uow=uow, clock=clock)
    return position.id
