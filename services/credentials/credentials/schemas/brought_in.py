"""Request and response models of achievements brought in (/v1/achievements); each input maps to its command with
to_command()."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from credentials.domain.brought_in import MAX_CREDITS, MAX_POINTS, AchievementKind, RecordedAchievement, Weight
from credentials.domain.securing import MAX_CREDENTIAL_BYTES
from credentials.handlers.brought_in import (
    ListRecorded,
    PresentBadge,
    RecordAchievement,
    WeighAchievement,
    WithdrawAchievement,
)
from credentials.schemas.credentials import Reason
from praxis_common.pages import Page
from praxis_common.validation import Date, PastDate, StudentRef, Text

Points = Annotated[
    Decimal,
    Field(
        ge=0,
        le=MAX_POINTS,
        max_digits=5,
        decimal_places=2,
        description="its weight in a rubric's `achievements` indicator",
    ),
]
Credits = Annotated[
    Decimal,
    Field(
        ge=0,
        le=MAX_CREDITS,
        max_digits=4,
        decimal_places=2,
        description="the credit the school awards for it (0: none)",
    ),
]


class _Weighed(BaseModel):
    """What the school counts an achievement for (its staff only)."""

    points: Points = Decimal(0)
    credits: Credits = Decimal(0)

    def weight(self) -> Weight:
        return Weight(self.points, self.credits)


class WeightIn(_Weighed):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"points": "40", "credits": "2"}]})

    def to_command(self, achievement_id: uuid.UUID) -> WeighAchievement:
        return WeighAchievement(achievement_id, self.weight())


class AchievementCreate(_Weighed):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "student_ref": "stu-2024-0193",
                    "kind": "certificate",
                    "title": "云计算平台运维与开发 (1+X) 中级 / Cloud platform operations (1+X), intermediate",
                    "issuer_name": "Ministry of Education 1+X certificate body",
                    "awarded_on": "2026-06-20",
                    "level": "intermediate",
                    "reference": "1X-2026-004418",
                    "points": "40",
                    "credits": "2",
                }
            ]
        },
    )

    student_ref: StudentRef
    kind: Literal["certificate", "competition"]
    title: Annotated[Text, Field(min_length=1, max_length=500)]
    issuer_name: Annotated[Text, Field(min_length=1, max_length=200, description="who awarded it")]
    awarded_on: PastDate
    level: Annotated[Text, Field(max_length=64, description="the certificate's level or the result's rank")] = ""
    reference: Annotated[Text, Field(max_length=100, description="the certificate's number, the entry's")] = ""
    expires_on: Date | None = None

    def to_command(self) -> RecordAchievement:
        return RecordAchievement(
            student_ref=self.student_ref,
            kind=AchievementKind(self.kind),
            title=self.title,
            issuer_name=self.issuer_name,
            awarded_on=self.awarded_on,
            level=self.level,
            reference=self.reference,
            expires_on=self.expires_on,
            weight=self.weight(),
        )


class BadgeIn(_Weighed):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"student_ref": "stu-2024-0193", "credential": "eyJhbGciOiJSUzI1NiIs..."}]},
    )

    student_ref: StudentRef
    credential: Annotated[Text, Field(min_length=1, max_length=MAX_CREDENTIAL_BYTES)] | dict = Field(
        description="the Open Badges 3.0 credential as the student holds it: its VC-JWT, or the JWS in JSON"
    )

    def to_command(self) -> PresentBadge:
        return PresentBadge(self.student_ref, self.credential, self.weight())


class AchievementQuery(BaseModel):
    """A list's filters: one student's records, one kind's."""

    model_config = ConfigDict(extra="forbid")

    student_ref: StudentRef | None = None
    kind: Literal["certificate", "competition", "badge"] | None = None

    def to_command(self, page_size: int, page_token: str | None) -> ListRecorded:
        return ListRecorded(self.student_ref, AchievementKind(self.kind) if self.kind else None, page_size, page_token)


class WithdrawIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"reason": "certificate number unknown"}]}
    )

    reason: Reason

    def to_command(self, achievement_id: uuid.UUID) -> WithdrawAchievement:
        return WithdrawAchievement(achievement_id, self.reason)


class RecordedRead(BaseModel):
    id: uuid.UUID
    school_org: str
    student_ref: str
    kind: Literal["certificate", "competition", "badge"]
    title: str
    issuer_name: str
    issuer_id: str = Field(description="a badge's issuer, as verified (its DID); empty for a record")
    signed_by: str = Field(description="the key whose signature held (a badge); empty for a record")
    issuer_known: bool = Field(
        description="a badge's issuer is an organisation of this Praxis (its name is that organisation's); false for "
        "an outside issuer (its name is its own claim: its DID says whose key or domain it is) and for what the "
        "staff record"
    )
    awarded_on: date
    expires_on: date | None
    level: str
    reference: str
    points: Decimal
    credits: Decimal
    revision: int
    recorded_by: str
    recorded_at: datetime
    weighed_by: str | None
    weighed_at: datetime | None
    withdrawn_by: str | None
    withdrawn_at: datetime | None
    withdraw_reason: str | None

    @classmethod
    def of(cls, a: RecordedAchievement) -> RecordedRead:
        d = a.description
        return cls(
            id=a.id,
            school_org=a.school_org,
            student_ref=a.student_ref,
            kind=d.kind.value,
            title=d.title,
            issuer_name=d.issuer_name,
            issuer_id=d.issuer_id,
            signed_by=d.signed_by,
            issuer_known=d.issuer_known,
            awarded_on=d.awarded_on,
            expires_on=d.expires_on,
            level=d.level,
            reference=d.reference,
            points=a.weight.points,
            credits=a.weight.credits,
            revision=a.revision,
            recorded_by=a.recorded_by,
            recorded_at=a.recorded_at,
            weighed_by=a.weighed_by,
            weighed_at=a.weighed_at,
            withdrawn_by=a.withdrawn_by,
            withdrawn_at=a.withdrawn_at,
            withdraw_reason=a.withdraw_reason,
        )


class RecordedPage(Page[RecordedRead]):
    pass
