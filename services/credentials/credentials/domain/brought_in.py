"""Achievements a student brings in from outside, as the school records them: an industry certificate (a 1+X
vocational skills certificate, a vendor's certification), a competition result, or an Open Badges credential the
student presents (verified first: presented.py).

The school gives each two figures of its own: `points` (0-100), its weight in a rubric's `achievements` data
indicator (the internships service sums the points of a student's achievements in a placement's period, at most
100), and `credits`, the credit it awards for it, which then appears in the school's credit ledger. A student who
presents a badge records it with neither; the school's staff weigh it afterwards. The school may withdraw a record
(with a reason): it weighs nothing and earns no credit from then on. Each change is a new revision of the record,
sent as an event; the highest revision stands wherever it is kept.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from credentials.domain.issuance import checked_reason
from praxis_common.errors import Conflict, FieldError, InvalidInput

MAX_POINTS = Decimal(100)
CENT = Decimal("0.01")
MAX_CREDITS = Decimal(30)  # a term's worth: more is a typing error, never one certificate's credit


class AchievementKind(StrEnum):
    CERTIFICATE = "certificate"  # an industry or vocational certificate
    COMPETITION = "competition"  # a competition's result (a prize, a rank)
    BADGE = "badge"  # an Open Badges credential the student presented, verified


@dataclass(frozen=True)
class Weight:
    """What the school counts a record for."""

    points: Decimal = Decimal(0)
    credits: Decimal = Decimal(0)

    def __post_init__(self) -> None:
        errors = []
        if not Decimal(0) <= self.points <= MAX_POINTS or self.points != round(self.points, 2):
            errors.append(FieldError("points", f"0 to {MAX_POINTS}, at most two decimals"))
        if not Decimal(0) <= self.credits <= MAX_CREDITS or self.credits != round(self.credits, 2):
            errors.append(FieldError("credits", f"0 to {MAX_CREDITS}, at most two decimals"))
        if errors:
            raise InvalidInput("the weight of an achievement is not valid", errors=errors)
        object.__setattr__(self, "points", self.points.quantize(CENT))  # "40.00" whether given or read back
        object.__setattr__(self, "credits", self.credits.quantize(CENT))


@dataclass(frozen=True)
class Description:
    """What was achieved, and whose word it is."""

    kind: AchievementKind
    title: str  # "Cloud computing platform operations (1+X), intermediate"; "National skills contest, 2nd prize"
    issuer_name: str  # who awarded it: the certifying body, the contest's organiser, the badge's issuer
    awarded_on: date
    level: str = ""  # the certificate's level or the result's rank, as the issuer words it
    reference: str = ""  # the certificate's number, the contest's entry
    expires_on: date | None = None
    issuer_id: str = ""  # a badge's verified issuer (its DID or URL)
    signed_by: str = ""  # the key whose signature held (a badge)
    # A badge's issuer is an organisation of this Praxis (True), or outside it (its name is its own claim; its DID
    # says whose key or domain it is, and the school judges it). Always False for what the staff record.
    issuer_known: bool = False
    credential_ref: str = ""  # a badge's own id: a badge is recorded once while its record stands

    def __post_init__(self) -> None:
        if self.expires_on is not None and self.expires_on < self.awarded_on:
            raise InvalidInput(
                "an achievement expires after it is awarded",
                errors=[FieldError("expires_on", "on or after awarded_on")],
            )


@dataclass(frozen=True)
class AchievementChanged:
    achievement: RecordedAchievement


@dataclass
class RecordedAchievement:
    id: uuid.UUID
    school_org: str
    student_ref: str
    description: Description
    weight: Weight
    recorded_by: str
    recorded_at: datetime
    presented: str | None = None  # a badge as the student presented it (its JSON or VC-JWT, verbatim)
    revision: int = 1
    weighed_by: str | None = None
    weighed_at: datetime | None = None
    withdrawn_by: str | None = None
    withdrawn_at: datetime | None = None
    withdraw_reason: str | None = None
    _events: list = field(default_factory=list, repr=False, compare=False)

    @classmethod
    def record(
        cls,
        *,
        achievement_id: uuid.UUID,
        school_org: str,
        student_ref: str,
        description: Description,
        weight: Weight,
        by: str,
        now: datetime,
        presented: str | None = None,
    ) -> RecordedAchievement:
        if (description.kind is AchievementKind.BADGE) != (presented is not None):
            raise ValueError("a badge is recorded with what was presented, and only a badge")
        a = cls(achievement_id, school_org, student_ref, description, weight, by, now, presented)
        a._events.append(AchievementChanged(a))
        return a

    @property
    def withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    def weigh(self, weight: Weight, *, by: str, now: datetime) -> None:
        """The school's points and credit for it, replacing what it gave before."""
        if self.withdrawn:
            raise Conflict("the achievement was withdrawn: record it again to count it")
        self.weight, self.weighed_by, self.weighed_at = weight, by, now
        self._changed()

    def withdraw(self, *, by: str, reason: str, now: datetime) -> None:
        if self.withdrawn:
            raise Conflict("the achievement was withdrawn already")
        self.withdraw_reason = checked_reason(reason)
        self.withdrawn_by, self.withdrawn_at = by, now
        self._changed()

    def pull_events(self) -> list:
        events, self._events = self._events, []
        return events

    def _changed(self) -> None:
        self.revision += 1
        self._events.append(AchievementChanged(self))
