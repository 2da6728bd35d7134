"""Practice bases and internship positions (enterprise-owned).

A base hangs off an active agreement (so both parties know where students go); a position is
offered at a base with a number of seats, a term, and duties each marked core or peripheral.
Positions move draft → published → closed; schools see published ones only. Seats are taken and
released in the database with one conditional statement each, never counted in Python.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import IntEnum, StrEnum

from praxis_common.errors import Conflict, FieldError, InvalidInput


class Tier(IntEnum):
    """A base's tier. The enterprise proposes one when it creates the base; the school of the base's agreement (or a
    platform authority) confirms it (domain/base_tiers.py). Until then the proposal is the tier in force, marked
    unconfirmed."""

    FLAGSHIP = 1  # flagship / regional
    SCHOOL = 2  # school-level
    BASIC = 3


class PositionStatus(StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    CLOSED = "closed"


class DutyKind(StrEnum):
    CORE = "core"
    PERIPHERAL = "peripheral"


@dataclass(frozen=True)
class Duty:
    name: str
    kind: DutyKind


@dataclass(frozen=True)
class BaseCreated:
    base: PracticeBase


@dataclass(frozen=True)
class PositionPublished:
    position: Position


@dataclass(frozen=True)
class PositionClosed:
    position: Position


@dataclass
class PracticeBase:
    id: uuid.UUID
    agreement_id: uuid.UUID
    school_org: str
    enterprise_org: str
    name: str
    tier: Tier
    country: str  # ISO 3166-1 alpha-2
    city: str
    capacity: int
    created_at: datetime
    staff: int | None = None  # on-post staff of the unit (for the intern ratio rule)
    interns_current: int = 0  # placements requested, confirmed or active here; kept by the database
    # `tier` is the tier in force: the confirmed one, or the enterprise's proposal while none is confirmed.
    proposed_tier: Tier | None = None  # the enterprise's proposal at creation (None only before create sets it)
    tier_confirmed_at: datetime | None = None  # set by the school or a platform authority (domain/base_tiers.py)
    tier_confirmed_by: str | None = None
    events: list = field(default_factory=list, repr=False, compare=False)

    @classmethod
    def create(
        cls,
        *,
        agreement_id: uuid.UUID,
        school_org: str,
        enterprise_org: str,
        name: str,
        tier: int,
        country: str,
        city: str,
        capacity: int,
        now: datetime,
        staff: int | None = None,
    ) -> PracticeBase:
        problems = []
        if tier not in {t.value for t in Tier}:
            problems.append(FieldError("tier", "must be 1 (flagship/regional), 2 (school-level) or 3 (basic)"))
        if len(country) != 2 or not country.isalpha() or not country.isupper():
            problems.append(FieldError("country", "must be an ISO 3166-1 alpha-2 code such as CN or MY"))
        if capacity < 0:
            problems.append(FieldError("capacity", "must not be negative"))
        if staff is not None and staff < 0:
            problems.append(FieldError("staff", "must not be negative"))
        if problems:
            raise InvalidInput("the practice base cannot be created", errors=problems)
        base = cls(
            uuid.uuid4(),
            agreement_id,
            school_org,
            enterprise_org,
            name,
            Tier(tier),
            country,
            city,
            capacity,
            now,
            staff,
            proposed_tier=Tier(tier),
        )
        base.events.append(BaseCreated(base))
        return base

    @property
    def tier_confirmed(self) -> bool:
        return self.tier_confirmed_at is not None

    def pull_events(self) -> list:
        events, self.events = self.events, []
        return events


@dataclass
class Position:
    id: uuid.UUID
    base_id: uuid.UUID
    enterprise_org: str
    title: str
    description: str
    seats: int
    starts_on: date
    ends_on: date
    languages: list[str]
    competencies: list[str]
    duties: list[Duty]
    created_at: datetime
    seats_taken: int = 0
    interns_current: int = 0  # placements requested, confirmed or active here; kept by the database
    status: PositionStatus = PositionStatus.DRAFT
    published_at: datetime | None = None
    closed_at: datetime | None = None
    version: int = 0
    post_staff: int | None = None
    monthly_pay: Decimal | None = None
    reference_monthly_wage: Decimal | None = None
    external_ref: str | None = None  # the enterprise's own id of the position (an import's key, docs/imports.md)
    events: list[PositionPublished | PositionClosed] = field(default_factory=list, repr=False, compare=False)

    @classmethod
    def create(
        cls,
        *,
        base: PracticeBase,
        title: str,
        description: str,
        seats: int,
        starts_on: date,
        ends_on: date,
        languages: list[str],
        competencies: list[str],
        duties: list[Duty],
        seats_at_base: int,
        now: datetime,
        post_staff: int | None = None,
        monthly_pay: Decimal | None = None,
        reference_monthly_wage: Decimal | None = None,
        external_ref: str | None = None,
    ) -> Position:
        problems = []
        if post_staff is not None and base.staff is not None and post_staff > base.staff:
            problems.append(FieldError("post_staff", f"exceeds the base's declared staff ({base.staff})"))
        if seats < 1:
            problems.append(FieldError("seats", "must be at least 1"))
        if ends_on < starts_on:
            problems.append(FieldError("ends_on", "must not be before starts_on"))
        if not duties:
            problems.append(FieldError("duties", "list at least one duty, each marked core or peripheral"))
        if len({d.name.casefold() for d in duties}) != len(duties):
            problems.append(FieldError("duties", "duty names must be distinct"))
        if seats_at_base + max(seats, 0) > base.capacity:
            problems.append(FieldError("seats", f"the base has room for {base.capacity - seats_at_base} more"))
        if problems:
            raise InvalidInput("the position cannot be created", errors=problems)
        return cls(
            id=uuid.uuid4(),
            base_id=base.id,
            enterprise_org=base.enterprise_org,
            title=title,
            description=description,
            seats=seats,
            starts_on=starts_on,
            ends_on=ends_on,
            languages=sorted(set(languages)),
            competencies=sorted(set(competencies)),
            duties=list(duties),
            created_at=now,
            post_staff=post_staff,
            monthly_pay=monthly_pay,
            reference_monthly_wage=reference_monthly_wage,
            external_ref=external_ref,
        )

    @property
    def open_seats(self) -> int:
        return self.seats - self.seats_taken

    def publish(self, *, now: datetime) -> None:
        if self.status is PositionStatus.PUBLISHED:
            return
        if self.status is not PositionStatus.DRAFT:
            raise Conflict(f"the position is {self.status}; only a draft can be published")
        self.status, self.published_at = PositionStatus.PUBLISHED, now
        self.events.append(PositionPublished(self))

    def close(self, *, now: datetime) -> None:
        """No new bookings; placements already made stay as they are."""
        if self.status is PositionStatus.CLOSED:
            return
        was_published = self.status is PositionStatus.PUBLISHED
        self.status, self.closed_at = PositionStatus.CLOSED, now
        if was_published:
            self.events.append(PositionClosed(self))

    def pull_events(self) -> list[PositionPublished | PositionClosed]:
        events, self.events = self.events, []
        return events
