"""Cooperation agreements: a school and an enterprise, a validity period, an intern quota, two signatures.

draft ──(both signed, period begun)──▶ active ──(valid_to passed)──▶ expired
  │  ╲──(both signed, not yet begun)──▶ signed ──(valid_from reached)──▶ active
  └───────────────(either party terminates)──────────────▶ terminated
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from praxis_common.errors import Conflict, FieldError, Forbidden, InvalidInput

MAX_QUOTA = 100_000
MAX_PERIOD_DAYS = 366 * 10


class Status(StrEnum):
    DRAFT = "draft"
    SIGNED = "signed"
    ACTIVE = "active"
    TERMINATED = "terminated"
    EXPIRED = "expired"


class Side(StrEnum):
    SCHOOL = "school"
    ENTERPRISE = "enterprise"


class EndReason(StrEnum):
    TERMINATED = "terminated"
    EXPIRED = "expired"


@dataclass(frozen=True)
class AgreementActivated:
    agreement: Agreement


@dataclass(frozen=True)
class AgreementEnded:
    agreement: Agreement
    reason: EndReason


@dataclass
class Agreement:
    id: uuid.UUID
    school_org: str
    enterprise_org: str
    title: str
    valid_from: date
    valid_to: date
    intern_quota: int
    drafted_by_org: str
    created_at: datetime
    status: Status = Status.DRAFT
    school_signed_at: datetime | None = None
    school_signed_by: str | None = None
    enterprise_signed_at: datetime | None = None
    enterprise_signed_by: str | None = None
    activated_at: datetime | None = None
    ended_at: datetime | None = None
    termination_reason: str | None = None
    terminated_by_org: str | None = None
    version: int = 0
    events: list[AgreementActivated | AgreementEnded] = field(default_factory=list, repr=False, compare=False)

    @classmethod
    def draft(
        cls,
        *,
        drafter_org: str,
        drafter_side: Side,
        school_org: str,
        enterprise_org: str,
        title: str,
        valid_from: date,
        valid_to: date,
        intern_quota: int,
        today: date,
        now: datetime,
    ) -> Agreement:
        problems = []
        if school_org == enterprise_org:
            problems.append(FieldError("enterprise_org", "must differ from school_org"))
        if valid_to < valid_from:
            problems.append(FieldError("valid_to", "must not be before valid_from"))
        elif (valid_to - valid_from).days > MAX_PERIOD_DAYS:
            problems.append(FieldError("valid_to", "an agreement may run at most ten years"))
        if valid_to < today:
            problems.append(FieldError("valid_to", "is in the past"))
        if not 0 <= intern_quota <= MAX_QUOTA:
            problems.append(FieldError("intern_quota", f"must be between 0 and {MAX_QUOTA}"))
        if problems:
            raise InvalidInput("the agreement cannot be drafted", errors=problems)
        own = school_org if drafter_side is Side.SCHOOL else enterprise_org
        if drafter_org != own:
            raise Forbidden(f"a {drafter_side} may draft only agreements where it is the {drafter_side} party")
        return cls(
            id=uuid.uuid4(),
            school_org=school_org,
            enterprise_org=enterprise_org,
            title=title,
            valid_from=valid_from,
            valid_to=valid_to,
            intern_quota=intern_quota,
            drafted_by_org=drafter_org,
            created_at=now,
        )

    def side_of(self, org: str, kind: str) -> Side | None:
        if kind == Side.SCHOOL and org == self.school_org:
            return Side.SCHOOL
        if kind == Side.ENTERPRISE and org == self.enterprise_org:
            return Side.ENTERPRISE
        return None

    @property
    def fully_signed(self) -> bool:
        return self.school_signed_at is not None and self.enterprise_signed_at is not None

    def sign(self, side: Side, signer: str, *, today: date, now: datetime) -> None:
        """Sign for one side. Signing again for the same side changes nothing (safe to retry)."""
        if self.status is not Status.DRAFT:
            if self.status in (Status.SIGNED, Status.ACTIVE):
                return  # both sides signed already; a retry of either signature is a no-op
            raise Conflict(f"the agreement is {self.status}; it can no longer be signed")
        if today > self.valid_to:
            raise Conflict("the agreement's period is over; draft a new one")
        if side is Side.SCHOOL and self.school_signed_at is None:
            self.school_signed_at, self.school_signed_by = now, signer
        elif side is Side.ENTERPRISE and self.enterprise_signed_at is None:
            self.enterprise_signed_at, self.enterprise_signed_by = now, signer
        if self.fully_signed:
            self.status = Status.SIGNED
            self.advance(today=today, now=now)

    def advance(self, *, today: date, now: datetime) -> None:
        """Apply what the calendar says: a signed agreement starts, an active or unsigned one runs out."""
        if self.status is Status.SIGNED and today >= self.valid_from:
            self.status, self.activated_at = Status.ACTIVE, now
            self.events.append(AgreementActivated(self))
        if today > self.valid_to and self.status in (Status.DRAFT, Status.SIGNED, Status.ACTIVE):
            was_active = self.status is Status.ACTIVE
            self.status, self.ended_at = Status.EXPIRED, now
            if was_active:
                self.events.append(AgreementEnded(self, EndReason.EXPIRED))

    def terminate(self, org: str, reason: str, *, now: datetime) -> None:
        if self.status in (Status.TERMINATED, Status.EXPIRED):
            raise Conflict(f"the agreement is already {self.status}")
        was_active = self.status is Status.ACTIVE
        self.status, self.ended_at = Status.TERMINATED, now
        self.termination_reason, self.terminated_by_org = reason, org
        if was_active:
            self.events.append(AgreementEnded(self, EndReason.TERMINATED))

    def pull_events(self) -> list[AgreementActivated | AgreementEnded]:
        events, self.events = self.events, []
        return events
