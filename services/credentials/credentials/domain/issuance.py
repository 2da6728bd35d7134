"""A credential's life at Praxis, and who may do what to it.

A school's admin asks for a credential for a student's passed placement or project: the school signs at once and the
credential waits for the host enterprise. The enterprise's admin (or hr) countersigns, and the credential is issued;
or declines, with a reason, and it never is. Either party may revoke an issued credential, with a reason: a
credential stands only while both stand behind it. The school's status list carries the revocation, so verifiers
anywhere see it; the reason is kept here and given by the verification endpoint.

A student has at most one live credential (awaiting or issued) per achievement; after a decline or a revocation the
school may ask again (a corrected grade, say). Who may see and do what is policy.py's.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from credentials.domain.open_badges import Achievement, Kind, Party
from praxis_common.errors import Conflict, FieldError, InvalidInput

MAX_REASON = 500


class Stage(StrEnum):
    AWAITING_COUNTERSIGNATURE = "awaiting_countersignature"
    ISSUED = "issued"
    DECLINED = "declined"
    REVOKED = "revoked"


LIVE = frozenset({Stage.AWAITING_COUNTERSIGNATURE, Stage.ISSUED})


@dataclass
class Passed:
    """An achievement as the events reported it (placement graded, project credit awarded), kept up to date."""

    kind: Kind
    source_id: str
    school_org: str
    enterprise_org: str
    student_ref: str
    title: str
    passed: bool
    credits: Decimal
    revision: int = 1
    grade: str = ""
    total: Decimal | None = None
    internship_type: str = ""
    programme: str = ""
    competencies: tuple[str, ...] = ()
    starts_on: date | None = None
    ends_on: date | None = None
    hours: Decimal | None = None
    core_hours: Decimal | None = None

    def achievement(self, school: Party, enterprise: Party) -> Achievement:
        return Achievement(
            kind=self.kind,
            source_id=self.source_id,
            title=self.title,
            school=school,
            enterprise=enterprise,
            student_ref=self.student_ref,
            starts_on=self.starts_on,
            ends_on=self.ends_on,
            credits=self.credits,
            grade=self.grade,
            total=self.total,
            internship_type=self.internship_type,
            programme=self.programme,
            competencies=self.competencies,
            hours=self.hours,
            core_hours=self.core_hours,
        )


@dataclass(frozen=True)
class CredentialRequested:
    credential: Credential


@dataclass(frozen=True)
class CredentialIssued:
    credential: Credential


@dataclass(frozen=True)
class CredentialEnded:  # declined or revoked
    credential: Credential


@dataclass
class Credential:
    id: uuid.UUID
    kind: Kind
    source_id: str
    school_org: str
    enterprise_org: str
    student_ref: str
    status_index: int
    secured: dict  # the JWS: the school's signature, then the enterprise's
    stage: Stage
    requested_by: str
    requested_at: datetime
    countersigned_by: str | None = None
    countersigned_at: datetime | None = None
    ended_by: str | None = None  # who declined or revoked (sub), and for which party
    ended_for: str | None = None  # school | enterprise
    ended_at: datetime | None = None
    end_reason: str | None = None
    _events: list = field(default_factory=list, repr=False, compare=False)

    @classmethod
    def request(
        cls,
        passed: Passed,
        *,
        credential_id: uuid.UUID,
        status_index: int,
        secured: dict,
        by: str,
        now: datetime,
        live: bool,
    ) -> Credential:
        """The school's signed credential for `passed`, awaiting the countersignature. `live`: whether the
        achievement already has a live credential (then a Conflict)."""
        if not passed.passed:
            raise Conflict("the achievement was not passed: no credential for it")
        if live:
            raise Conflict("the achievement already has a credential awaiting countersignature or issued")
        c = cls(
            id=credential_id,
            kind=passed.kind,
            source_id=passed.source_id,
            school_org=passed.school_org,
            enterprise_org=passed.enterprise_org,
            student_ref=passed.student_ref,
            status_index=status_index,
            secured=secured,
            stage=Stage.AWAITING_COUNTERSIGNATURE,
            requested_by=by,
            requested_at=now,
        )
        c._events.append(CredentialRequested(c))
        return c

    def countersign(self, secured: dict, *, by: str, now: datetime) -> None:
        if self.stage is not Stage.AWAITING_COUNTERSIGNATURE:
            raise Conflict(f"the credential is {self.stage.value}, not awaiting a countersignature")
        self.secured, self.stage = secured, Stage.ISSUED
        self.countersigned_by, self.countersigned_at = by, now
        self._events.append(CredentialIssued(self))

    def decline(self, *, by: str, reason: str, now: datetime) -> None:
        if self.stage is not Stage.AWAITING_COUNTERSIGNATURE:
            raise Conflict(f"the credential is {self.stage.value}, not awaiting a countersignature")
        self._end(Stage.DECLINED, "enterprise", by, reason, now)

    def revoke(self, *, party: str, by: str, reason: str, now: datetime) -> None:
        """Either party withdraws the credential (the school's status list bit is set by the caller)."""
        if self.stage is Stage.AWAITING_COUNTERSIGNATURE and party == "school":
            self._end(Stage.REVOKED, party, by, reason, now)  # the school takes back what it asked for
            return
        if self.stage is not Stage.ISSUED:
            raise Conflict(f"the credential is {self.stage.value}: only an issued credential is revoked")
        self._end(Stage.REVOKED, party, by, reason, now)

    @property
    def revoked(self) -> bool:
        """Whether its status list bit must be set: anything signed by the school that no longer stands."""
        return self.stage in (Stage.REVOKED, Stage.DECLINED)

    def pull_events(self) -> list:
        events, self._events = self._events, []
        return events

    def _end(self, stage: Stage, party: str, by: str, reason: str, now: datetime) -> None:
        reason = checked_reason(reason)  # before any change: a refused reason changes nothing
        self.stage, self.ended_for, self.ended_by, self.ended_at, self.end_reason = stage, party, by, now, reason
        self._events.append(CredentialEnded(self))


def checked_reason(reason: str) -> str:
    text = " ".join((reason or "").split())
    if not text or len(text) > MAX_REASON:
        raise InvalidInput(
            "a reason is required", errors=[FieldError("reason", f"1 to {MAX_REASON} characters, not only spaces")]
        )
    return text
