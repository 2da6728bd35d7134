"""Mentors: school teachers and enterprise staff who guide students, each with a capacity of active mentees.

A mentor belongs to one organisation and is of that organisation's kind: a school's mentors are its
teachers, an enterprise's mentors its staff ("industry professors"). `load` (current active mentees)
is kept by the database with one conditional statement per change, never counted here; `capacity`
may not drop below it.

School mentors carry enterprise-practice periods and industry certificates. Whether a teacher is
"dual-qualified" is derived from those records under a configurable DualQualificationRule (by default:
at least 6 months of enterprise practice within the last 5 years, or a valid certificate from a
configured list) — never typed in.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from praxis_common.errors import Conflict, FieldError, InvalidInput

MAX_CAPACITY = 1_000
DAYS_PER_MONTH = 30  # the rule counts practice in 30-day months


class Side(StrEnum):
    """A mentor's kind, and the side of an assignment: the student's school or the host enterprise."""

    SCHOOL = "school"
    ENTERPRISE = "enterprise"


def normalise_tags(values: list[str]) -> list[str]:
    """Competency tags and language codes compare case-insensitively; stored sorted and distinct."""
    return sorted({v.strip().lower() for v in values if v.strip()})


@dataclass(frozen=True)
class PracticePeriod:
    """A school mentor's time working in an enterprise (the basis of being dual-qualified)."""

    id: uuid.UUID
    mentor_id: uuid.UUID
    enterprise: str  # the enterprise's name (it need not be a Praxis organisation)
    role: str
    from_date: date
    to_date: date
    hours: int
    recorded_at: datetime

    @classmethod
    def record(
        cls,
        *,
        mentor: Mentor,
        enterprise: str,
        role: str,
        from_date: date,
        to_date: date,
        hours: int,
        today: date,
        now: datetime,
    ) -> PracticePeriod:
        mentor.require_school("enterprise-practice periods")
        problems = []
        if to_date < from_date:
            problems.append(FieldError("to", "must not be before from"))
        if from_date > today:
            problems.append(FieldError("from", "a practice period is recorded once it has begun"))
        days = (to_date - from_date).days + 1
        if hours < 0 or (to_date >= from_date and hours > 24 * days):
            problems.append(FieldError("hours", f"must be between 0 and {24 * max(days, 0)} for this period"))
        if problems:
            raise InvalidInput("the practice period cannot be recorded", errors=problems)
        return cls(uuid.uuid4(), mentor.id, enterprise, role, from_date, to_date, hours, now)


@dataclass(frozen=True)
class Certificate:
    """An industry certificate a school mentor holds; some count towards being dual-qualified."""

    id: uuid.UUID
    mentor_id: uuid.UUID
    name: str
    issuer: str
    issued_on: date
    expires_on: date | None
    recorded_at: datetime

    @classmethod
    def record(
        cls,
        *,
        mentor: Mentor,
        name: str,
        issuer: str,
        issued_on: date,
        expires_on: date | None,
        today: date,
        now: datetime,
    ) -> Certificate:
        mentor.require_school("certificates")
        problems = []
        if issued_on > today:
            problems.append(FieldError("issued_on", "must not be in the future"))
        if expires_on is not None and expires_on < issued_on:
            problems.append(FieldError("expires_on", "must not be before issued_on"))
        if problems:
            raise InvalidInput("the certificate cannot be recorded", errors=problems)
        return cls(uuid.uuid4(), mentor.id, name, issuer, issued_on, expires_on, now)

    def valid_on(self, day: date) -> bool:
        return self.issued_on <= day and (self.expires_on is None or self.expires_on >= day)


def certificate_key(name: str) -> str:
    """Certificate names match case-insensitively and whatever the spacing."""
    return " ".join(name.split()).casefold()


@dataclass(frozen=True)
class Qualification:
    """Why a school mentor is (or is not) dual-qualified on a given day."""

    dual_qualified: bool
    practice_days: int  # distinct days of enterprise practice inside the window
    practice_months: Decimal  # practice_days in 30-day months, one decimal
    practice_hours: int  # hours of the periods, pro rata for the part inside the window
    qualifying_certificates: list[str]
    window_from: date


@dataclass(frozen=True)
class DualQualificationRule:
    """Dual-qualified = at least `min_months` (30-day months) of enterprise practice within the last
    `window_years` years (overlapping periods count once), or a certificate valid today whose name is
    in `certificates`."""

    min_months: int = 6
    window_years: int = 5
    certificates: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        object.__setattr__(self, "certificates", frozenset(certificate_key(c) for c in self.certificates))

    def window_start(self, today: date) -> date:
        try:
            return today.replace(year=today.year - self.window_years)
        except ValueError:  # 29 February
            return today.replace(year=today.year - self.window_years, day=28)

    def assess(self, periods: list[PracticePeriod], certificates: list[Certificate], today: date) -> Qualification:
        start = self.window_start(today)
        days = _covered_days([(p.from_date, p.to_date) for p in periods], start, today)
        hours = 0.0
        for p in periods:
            inside = _covered_days([(p.from_date, p.to_date)], start, today)
            hours += p.hours * inside / ((p.to_date - p.from_date).days + 1)
        qualifying = sorted(
            {c.name for c in certificates if c.valid_on(today) and certificate_key(c.name) in self.certificates}
        )
        return Qualification(
            dual_qualified=days >= self.min_months * DAYS_PER_MONTH or bool(qualifying),
            practice_days=days,
            practice_months=(Decimal(days) / DAYS_PER_MONTH).quantize(Decimal("0.1"), ROUND_HALF_UP),
            practice_hours=round(hours),
            qualifying_certificates=qualifying,
            window_from=start,
        )


def _covered_days(periods: list[tuple[date, date]], start: date, end: date) -> int:
    """Days inside [start, end] covered by at least one of the periods (inclusive ends)."""
    clipped = sorted((max(a, start), min(b, end)) for a, b in periods if b >= start and a <= end)
    total, reach = 0, start - timedelta(days=1)
    for a, b in clipped:
        a = max(a, reach + timedelta(days=1))
        if b >= a:
            total += (b - a).days + 1
            reach = b
    return total


@dataclass
class Mentor:
    id: uuid.UUID
    org: str
    kind: Side
    display_name: str
    expertise: list[str]
    languages: list[str]
    capacity: int
    active: bool
    created_at: datetime
    updated_at: datetime
    account: str | None = None  # the `sub` the mentor signs in with, so they see their own mentees
    load: int = 0  # current active mentees; kept by the database
    version: int = 0
    events: list[MentorUpdated] = field(default_factory=list, repr=False, compare=False)

    @classmethod
    def create(
        cls,
        *,
        org: str,
        org_kind: str,
        kind: str,
        display_name: str,
        expertise: list[str],
        languages: list[str],
        capacity: int,
        now: datetime,
        active: bool = True,
        account: str | None = None,
    ) -> Mentor:
        problems = []
        if kind not in {s.value for s in Side}:
            problems.append(FieldError("kind", "must be school or enterprise"))
        elif kind != org_kind:
            problems.append(FieldError("kind", f"a {org_kind}'s mentors are {org_kind} mentors"))
        problems += _capacity_problems(capacity)
        if not display_name.strip():
            problems.append(FieldError("display_name", "must not be blank"))
        if problems:
            raise InvalidInput("the mentor cannot be created", errors=problems)
        return cls(
            id=uuid.uuid4(),
            org=org,
            kind=Side(kind),
            display_name=display_name.strip(),
            expertise=normalise_tags(expertise),
            languages=normalise_tags(languages),
            capacity=capacity,
            active=active,
            created_at=now,
            updated_at=now,
            account=account,
        )

    @property
    def free_seats(self) -> int:
        return max(self.capacity - self.load, 0) if self.active else 0

    def update(self, *, now: datetime, **changes) -> bool:
        """Apply a partial update. True when it may have freed capacity for waiting students (capacity
        raised, or the mentor re-activated)."""
        could_take = self.free_seats
        problems = []
        if "capacity" in changes:
            problems += _capacity_problems(changes["capacity"])
        if "display_name" in changes and not changes["display_name"].strip():
            problems.append(FieldError("display_name", "must not be blank"))
        if problems:
            raise InvalidInput("the mentor cannot be changed", errors=problems)
        if "capacity" in changes and changes["capacity"] < self.load:
            raise Conflict(
                f"the mentor has {self.load} active mentees; reassign some before lowering capacity below that",
                errors=[FieldError("capacity", f"must be at least the current load ({self.load})")],
            )
        for name, value in changes.items():
            if name in ("expertise", "languages"):
                value = normalise_tags(value)
            elif name == "display_name":
                value = value.strip()
            setattr(self, name, value)
        self.updated_at = now
        self.events.append(MentorUpdated(self))  # other services keep who signs in as this mentor
        return self.free_seats > could_take

    def pull_events(self) -> list[MentorUpdated]:
        events, self.events = self.events, []
        return events

    def require_school(self, what: str) -> None:
        if self.kind is not Side.SCHOOL:
            raise Conflict(f"only school mentors carry {what}")


def _capacity_problems(capacity: int) -> list[FieldError]:
    if not 0 <= capacity <= MAX_CAPACITY:
        return [FieldError("capacity", f"must be between 0 and {MAX_CAPACITY}")]
    return []


@dataclass(frozen=True)
class MentorUpdated:
    """A mentor record changed (translated at commit, so as saved: its version included)."""

    mentor: Mentor


@dataclass
class MentorRecord:
    """A mentor with the practice and certificates their qualification is derived from."""

    mentor: Mentor
    periods: list[PracticePeriod] = field(default_factory=list)
    certificates: list[Certificate] = field(default_factory=list)
