"""Commands the internships service accepts (imperative, validated at the edges)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from internships.domain.agreements import Status
from internships.domain.organisations import ProfileDetails


@dataclass(frozen=True)
class DraftAgreement:
    school_org: str
    enterprise_org: str
    title: str
    valid_from: date
    valid_to: date
    intern_quota: int


@dataclass(frozen=True)
class SignAgreement:
    agreement_id: uuid.UUID


@dataclass(frozen=True)
class TerminateAgreement:
    agreement_id: uuid.UUID
    reason: str
    end_active_placements: bool = False  # also end placements under way (they run to their end date otherwise)
    active_placements_reason: str | None = None  # required with end_active_placements


@dataclass(frozen=True)
class ListAgreements:
    status: Status | None = None
    page_size: int = 50
    page_token: str | None = None


@dataclass(frozen=True)
class PutOwnProfile:
    details: ProfileDetails
