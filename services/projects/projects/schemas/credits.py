"""Credit record bodies: a page of them, and an export."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal

from pydantic import BaseModel, Field

from praxis_common.feeds import ChangePage
from praxis_common.pages import Page
from projects.domain.credits import Credit


class CreditRead(BaseModel):
    id: uuid.UUID
    student_ref: str
    school_org: str
    enterprise_org: str
    project_id: uuid.UUID
    project_title: str
    team_id: uuid.UUID
    credits: Decimal
    score: Decimal = Field(description="the weighted total, 0 to 100")
    awarded_on: date

    @classmethod
    def of(cls, c: Credit) -> CreditRead:
        return cls(**{k: v for k, v in vars(c).items() if k != "awarded_at"})


class CreditPage(Page[CreditRead]):
    """A page of credit records, newest first."""


class CreditExport(BaseModel):
    exported_at: datetime
    org: str
    count: int
    credits: list[CreditRead]


class CreditChanges(ChangePage[CreditRead]):
    """The credit records changed since a cursor (`updated_since`), oldest change first."""
