"""Request and response bodies of insurance policies, their attachment to placements and the gap report, shared by
the REST and gRPC edges."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from internships.domain.insurance import Attachment, CoverageType, InsurancePolicy, Payer
from internships.handlers.insurance import ATTACH_MOST, AttachPolicy, InsuranceGap, PlacementInsurance, RecordPolicy
from praxis_common.pages import Page
from praxis_common.validation import Date, Text


class PolicyCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "insurer": "中国人民财产保险股份有限公司 广州分公司",
                    "policy_number": "PICC-2027-GZ-000123",
                    "coverage_type": "internship_liability",
                    "starts_on": "2027-02-01",
                    "ends_on": "2028-01-31",
                    "payer": "school",
                }
            ]
        },
    )

    insurer: Annotated[Text, Field(min_length=1, max_length=200)]
    policy_number: Annotated[Text, Field(min_length=1, max_length=100)]
    coverage_type: CoverageType = Field(description="internship_liability (实习责任保险) is the one start requires")
    starts_on: Date
    ends_on: Date = Field(description="the last day covered (inclusive)")
    payer: Payer = Field(description="who pays the premium: school or enterprise (never the student by default)")

    def to_command(self) -> RecordPolicy:
        return RecordPolicy(**self.model_dump())


class PolicyAttach(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"placement_ids": ["0b6f8f7e-1d2c-4a55-9d0e-6b1f3c2a9e10", "5a1c2e3d-4b6f-4d8a-9c0e-1f2a3b4c5d6e"]}
            ]
        },
    )

    placement_ids: Annotated[list[uuid.UUID], Field(min_length=1, max_length=ATTACH_MOST)]

    def to_command(self, policy_id: uuid.UUID) -> AttachPolicy:
        return AttachPolicy(policy_id, list(self.placement_ids))


class PolicyRead(BaseModel):
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

    @classmethod
    def of(cls, p: InsurancePolicy) -> PolicyRead:
        return cls(**{n: getattr(p, n) for n in cls.model_fields})


class PolicyPage(Page[PolicyRead]):
    pass


class AttachedItem(BaseModel):
    placement_id: uuid.UUID
    newly_attached: bool = Field(description="false: the policy was attached to it already")


class PolicyAttached(BaseModel):
    policy_id: uuid.UUID
    items: list[AttachedItem]

    @classmethod
    def of(cls, policy_id: uuid.UUID, items: list[tuple[uuid.UUID, bool]]) -> PolicyAttached:
        return cls(policy_id=policy_id, items=[AttachedItem(placement_id=p, newly_attached=n) for p, n in items])


class PlacementPolicyRead(PolicyRead):
    attached_at: datetime
    attached_by: str

    @classmethod
    def of_attachment(cls, a: Attachment) -> PlacementPolicyRead:
        return cls(**PolicyRead.of(a.policy).model_dump(), attached_at=a.attached_at, attached_by=a.attached_by)


class PlacementInsuranceRead(BaseModel):
    placement_id: uuid.UUID
    starts_on: date
    ends_on: date
    policies: list[PlacementPolicyRead]
    covered: bool = Field(description="the liability policies together cover every day of the placement")
    uncovered_from: date | None = Field(description="the first day no liability policy covers; null when covered")

    @classmethod
    def of(cls, i: PlacementInsurance) -> PlacementInsuranceRead:
        return cls(
            placement_id=i.placement.id,
            starts_on=i.placement.starts_on,
            ends_on=i.placement.ends_on,
            policies=[PlacementPolicyRead.of_attachment(a) for a in i.policies],
            covered=i.covered,
            uncovered_from=i.uncovered_from,
        )


class InsuranceGapRead(BaseModel):
    placement_id: uuid.UUID
    school_org: str
    enterprise_org: str
    student_ref: str
    status: str
    starts_on: date
    ends_on: date
    uncovered_from: date = Field(description="the first day of the placement no liability policy covers")
    covered_until: date | None = Field(description="the last day of the cover from the start; null: none at start")

    @classmethod
    def of(cls, g: InsuranceGap) -> InsuranceGapRead:
        p = g.placement
        return cls(
            placement_id=p.id,
            school_org=p.school_org,
            enterprise_org=p.enterprise_org,
            student_ref=p.student_ref,
            status=p.status.value,
            starts_on=p.starts_on,
            ends_on=p.ends_on,
            uncovered_from=g.uncovered_from,
            covered_until=g.covered_until,
        )


class InsuranceGapPage(Page[InsuranceGapRead]):
    pass
