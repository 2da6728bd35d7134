"""Practice base and position use cases: create, publish, close, read, search."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from internships import policy
from internships.domain.agreements import Status
from internships.domain.booking import NoAgreementForTerm, TermEnded
from internships.domain.compliance import CompliancePolicy, check_position
from internships.domain.positions import Duty, Position, PositionStatus, PracticeBase
from internships.outgoing import integration_event
from praxis_common.auth import Principal
from praxis_common.errors import Conflict, FieldError, NotFound
from praxis_common.pages import DEFAULT_PAGE_SIZE, decode_page_token, encode_page_token, next_page
from praxis_common.uow import Clock, UowFactory, utc_clock


@dataclass(frozen=True)
class CreateBase:
    agreement_id: uuid.UUID
    name: str
    tier: int
    country: str
    city: str
    capacity: int
    staff: int | None = None


@dataclass(frozen=True)
class CreatePosition:
    base_id: uuid.UUID
    title: str
    description: str
    seats: int
    starts_on: date
    ends_on: date
    languages: list[str]
    competencies: list[str]
    duties: list[Duty]
    post_staff: int | None = None
    monthly_pay: Decimal | None = None
    reference_monthly_wage: Decimal | None = None


@dataclass(frozen=True)
class SearchPositions:
    competencies: tuple[str, ...] = ()
    country: str | None = None
    starts_from: date | None = None
    ends_by: date | None = None
    open_only: bool = False
    text: str | None = None
    page_size: int = 50
    page_token: str | None = None


async def create_base(
    cmd: CreateBase, principal: Principal, *, uow: UowFactory, clock: Clock = utc_clock
) -> PracticeBase:
    policy.manager(principal, "enterprise")
    async with uow() as u:
        agreement = await u.agreements.get(cmd.agreement_id)
        if agreement is None or agreement.enterprise_org != principal.org:
            raise NotFound("no such agreement")
        if agreement.status is not Status.ACTIVE:
            raise Conflict(f"the agreement is {agreement.status}; bases hang off active agreements")
        base = PracticeBase.create(
            agreement_id=agreement.id,
            school_org=agreement.school_org,
            enterprise_org=agreement.enterprise_org,
            name=cmd.name,
            tier=cmd.tier,
            country=cmd.country,
            city=cmd.city,
            capacity=cmd.capacity,
            staff=cmd.staff,
            now=clock(),
        )
        await u.bases.add(base)
        u.track(base)
        await u.commit()
    return base


async def get_base(base_id: uuid.UUID, principal: Principal, *, uow: UowFactory) -> PracticeBase:
    async with uow() as u:
        base = await u.bases.get(base_id)
    if base is None or principal.org != {"school": base.school_org, "enterprise": base.enterprise_org}.get(
        principal.org_kind
    ):
        raise NotFound("no such practice base")
    return base


async def list_bases(
    principal: Principal, *, uow: UowFactory, page_size: int = DEFAULT_PAGE_SIZE, page_token: str | None = None
) -> tuple[list[PracticeBase], str | None]:
    """A page of the bases of the caller's organisation, newest first."""
    after = decode_page_token(page_token) if page_token else None
    async with uow() as u:
        found = await u.bases.list_for(principal.org, principal.org_kind, after=after, limit=page_size + 1)
    return next_page(found, page_size, lambda b: (b.created_at, b.id))


async def create_position(
    cmd: CreatePosition, principal: Principal, *, uow: UowFactory, clock: Clock = utc_clock
) -> Position:
    policy.manager(principal, "enterprise")
    async with uow() as u:
        base = await own_base(u, cmd.base_id, principal.org)
        position = new_position(cmd, base, seats_at_base=await u.bases.seats_offered(base.id), now=clock())
        await u.positions.add(position)
        await u.commit()
    return position


async def own_base(u, base_id: uuid.UUID, enterprise_org: str) -> PracticeBase:
    """The enterprise's base, locked: that serialises the seat totals of its positions."""
    base = await u.bases.get(base_id, for_update=True)
    if base is None or base.enterprise_org != enterprise_org:
        raise NotFound("no such practice base", errors=[FieldError("base_id", "no such practice base")])
    return base


def new_position(
    cmd: CreatePosition, base: PracticeBase, *, seats_at_base: int, now: datetime, external_ref: str | None = None
) -> Position:
    """A draft position of the command at the base (the domain checks it against the base's room)."""
    return Position.create(
        base=base,
        title=cmd.title,
        description=cmd.description,
        seats=cmd.seats,
        starts_on=cmd.starts_on,
        ends_on=cmd.ends_on,
        languages=cmd.languages,
        competencies=cmd.competencies,
        duties=cmd.duties,
        seats_at_base=seats_at_base,
        post_staff=cmd.post_staff,
        monthly_pay=cmd.monthly_pay,
        reference_monthly_wage=cmd.reference_monthly_wage,
        now=now,
        external_ref=external_ref,
    )


async def get_position(position_id: uuid.UUID, principal: Principal, *, uow: UowFactory) -> Position:
    async with uow() as u:
        return await visible_position(u, position_id, principal)


async def visible_position(u, position_id: uuid.UUID, principal: Principal, *, for_update: bool = False) -> Position:
    position = await u.positions.get(position_id, for_update=for_update)
    if position is not None:
        if principal.org_kind == "enterprise" and position.enterprise_org == principal.org:
            return position
        if (
            principal.org_kind == "school"
            and position.status is PositionStatus.PUBLISHED
            and await u.agreements.active_with(principal.org, position.enterprise_org)
        ):
            return position
    raise NotFound("no such position")


async def change_position(
    position_id: uuid.UUID,
    action: str,
    principal: Principal,
    *,
    uow: UowFactory,
    clock: Clock = utc_clock,
    compliance: CompliancePolicy = CompliancePolicy.CN_VOCATIONAL_2021,
) -> Position:
    policy.manager(principal, "enterprise")
    async with uow() as u:
        repo = u.positions
        if action == "publish":  # before the position's row: the lock order of a wind-down
            await u.agreements.lock_partnerships_of(principal.org, exclusive=False)
        position = await repo.get(position_id, for_update=True)
        if position is None or position.enterprise_org != principal.org:
            raise NotFound("no such position")
        if action == "publish" and position.status is PositionStatus.DRAFT:
            await _check_bookable(u, position, compliance, today=clock().date())
        getattr(position, action)(now=clock())  # publish | close
        await repo.save(position)
        country = await repo.country_of(position.id)
        u.emit(*(integration_event(e, country=country) for e in position.pull_events()))
        await u.commit()
    return position


async def _check_bookable(u, position: Position, compliance: CompliancePolicy, *, today: date) -> None:
    """What booking will require of the position itself, checked before anyone sees it: its term not over, an active
    agreement of the enterprise covering the whole term, and every compliance rule that does not depend on the
    student. The same refusals as booking: 409 term-ended / no-agreement-for-term, 422 compliance-violation."""
    if position.ends_on < today:
        raise TermEnded(f"the position's term ended on {position.ends_on.isoformat()}")
    if not await u.agreements.covers_term(position.enterprise_org, position.starts_on, position.ends_on):
        raise NoAgreementForTerm(
            f"no active agreement of yours covers the whole term {position.starts_on.isoformat()}–"
            f"{position.ends_on.isoformat()}: a position is published within an agreement's period"
        )
    base = await u.bases.get(position.base_id)
    check_position(
        compliance,
        enterprise_staff=base.staff,
        post_staff=position.post_staff,
        monthly_pay=position.monthly_pay,
        probation_monthly_wage=position.reference_monthly_wage,
        on=position.starts_on,
    )


async def search_positions(
    query: SearchPositions, principal: Principal, *, uow: UowFactory
) -> tuple[list[Position], str | None]:
    if principal.org_kind not in ("school", "enterprise"):
        return [], None
    after = decode_page_token(query.page_token) if query.page_token else None
    async with uow() as u:
        page = await u.positions.search(
            visible_to_school=principal.org if principal.org_kind == "school" else None,
            enterprise=principal.org if principal.org_kind == "enterprise" else None,
            competencies=list(query.competencies),
            country=query.country,
            starts_from=query.starts_from,
            ends_by=query.ends_by,
            open_only=query.open_only,
            text=query.text,
            after=after,
            limit=query.page_size + 1,
        )
    more = len(page) > query.page_size
    page = page[: query.page_size]
    return page, (encode_page_token(page[-1].created_at, page[-1].id) if more else None)
