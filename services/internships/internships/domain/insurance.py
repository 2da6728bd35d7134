"""Internship liability insurance (实习责任保险): policies an organisation records, attached to placements in bulk.

A school or an enterprise records a policy it holds (insurer, policy number, coverage type, period, who pays); the
compliance policy decides who may pay (`insurance-payer`: the school or the enterprise, never the student, under the
default). The owner then attaches the policy to placements it is a party to, many in one request (an insurer's
roster), all or nothing. A placement is covered when the periods of its attached liability policies together cover
every day of its term (`covers`); other coverage types are recorded but do not count.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from internships.domain.compliance import CompliancePolicy, check_insurance_payer, first_uncovered_day
from internships.domain.placements import HOLDING, Placement
from praxis_common.errors import FieldError, InvalidInput


class CoverageType(StrEnum):
    INTERNSHIP_LIABILITY = "internship_liability"  # 实习责任保险: the one the rules require
    ACCIDENT = "accident"  # 意外伤害保险
    MEDICAL = "medical"  # 医疗保险 (supplementary)
    EMPLOYER_LIABILITY = "employer_liability"  # 雇主责任险 extended to interns


class Payer(StrEnum):
    SCHOOL = "school"
    ENTERPRISE = "enterprise"
    STUDENT = "student"  # refused under the default compliance policy


# The coverage types that count for the insurance-cover rule.
COVERING = frozenset({CoverageType.INTERNSHIP_LIABILITY})


@dataclass(frozen=True)
class PolicyRecorded:
    policy: InsurancePolicy


@dataclass(frozen=True)
class PlacementInsured:
    policy: InsurancePolicy
    placement: Placement
    attached_at: datetime
    attached_by: str


@dataclass(frozen=True)
class Attachment:
    """A policy attached to a placement: the row of placement_insurance, with the policy."""

    policy: InsurancePolicy
    placement_id: uuid.UUID
    attached_at: datetime
    attached_by: str


@dataclass
class InsurancePolicy:
    id: uuid.UUID
    owner_org: str
    insurer: str
    policy_number: str
    coverage_type: CoverageType
    starts_on: date
    ends_on: date
    payer: Payer
    recorded_by: str
    recorded_at: datetime
    owner_kind: str | None = None  # "school" or "enterprise"; None on rows written without it (either kind)
    version: int = 0
    events: list = field(default_factory=list, repr=False, compare=False)

    @classmethod
    def record(
        cls,
        *,
        owner_org: str,
        owner_kind: str,
        insurer: str,
        policy_number: str,
        coverage_type: CoverageType,
        starts_on: date,
        ends_on: date,
        payer: Payer,
        policy: CompliancePolicy,
        by: str,
        now: datetime,
    ) -> InsurancePolicy:
        if ends_on < starts_on:
            raise InvalidInput(
                "the policy period ends before it starts", errors=[FieldError("ends_on", f"is before {starts_on}")]
            )
        check_insurance_payer(policy, payer=payer.value)
        recorded = cls(
            id=uuid.uuid4(),
            owner_org=owner_org,
            owner_kind=owner_kind,
            insurer=insurer,
            policy_number=policy_number,
            coverage_type=coverage_type,
            starts_on=starts_on,
            ends_on=ends_on,
            payer=payer,
            recorded_by=by,
            recorded_at=now,
        )
        recorded.events.append(PolicyRecorded(recorded))
        return recorded

    def owned_by(self, org: str, kind: str) -> bool:
        return self.owner_org == org and self.owner_kind in (None, kind)

    def attach(
        self,
        targets: Sequence[tuple[uuid.UUID, Placement | None]],
        *,
        attached: Iterable[uuid.UUID],
        by: str,
        now: datetime,
    ) -> list[uuid.UUID]:
        """Attach the policy to every placement of `targets` (the id asked for and the placement, None where the
        caller may not see it), all or nothing: one InvalidInput lists every item refused, by its index in the
        request (`placement_ids.<i>`). Placements it is `attached` to already are left as they are. Returns the
        ids newly attached, in request order."""
        already, problems, new = set(attached), [], []
        for i, (asked, placement) in enumerate(targets):
            where = f"placement_ids.{i}"
            if placement is None:
                problems.append(FieldError(where, "no such placement"))
            elif placement.status not in HOLDING:
                problems.append(FieldError(where, f"is {placement.status}; only a current placement is insured"))
            elif placement.ends_on < self.starts_on or placement.starts_on > self.ends_on:
                problems.append(
                    FieldError(where, f"runs {placement.starts_on}–{placement.ends_on}, outside the policy's period")
                )
            elif asked not in already:
                already.add(asked)
                new.append(asked)
                self.events.append(PlacementInsured(self, placement, now, by))
        if problems:
            self.events.clear()
            raise InvalidInput("the policy cannot be attached to every placement listed; none was", errors=problems)
        return new

    def pull_events(self) -> list:
        events, self.events = self.events, []
        return events


def covering_periods(policies: Iterable[InsurancePolicy]) -> list[tuple[date, date]]:
    return [(p.starts_on, p.ends_on) for p in policies if p.coverage_type in COVERING]


def covers(policies: Iterable[InsurancePolicy], starts_on: date, ends_on: date) -> bool:
    """Whether the union of the liability policies' periods covers every day from `starts_on` to `ends_on`."""
    return first_uncovered_day(covering_periods(policies), starts_on, ends_on) is None


def uncovered_from(policies: Iterable[InsurancePolicy], starts_on: date, ends_on: date) -> date | None:
    """The first day of the term no liability policy covers, or None when the term is covered."""
    return first_uncovered_day(covering_periods(policies), starts_on, ends_on)
