"""A school's request to erase one of its students everywhere (docs/erasure.md): which services must confirm, which
did, and when it is complete. The request forgets the student's ref once every service confirmed."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class ErasureState(StrEnum):
    PENDING = "pending"
    COMPLETED = "completed"


class ServiceState(StrEnum):
    PENDING = "pending"
    ERASED = "erased"


@dataclass
class ServiceConfirmation:
    service: str
    state: ServiceState = ServiceState.PENDING
    rows_changed: dict[str, int] = field(default_factory=dict)
    confirmed_at: datetime | None = None


@dataclass
class ErasureRequest:
    id: uuid.UUID
    school_org: str
    student_ref: str | None  # None once completed: the request no longer names the student
    requested_by: str
    requested_at: datetime
    services: dict[str, ServiceConfirmation]
    state: ErasureState = ErasureState.PENDING
    completed_at: datetime | None = None

    @classmethod
    def new(cls, school_org: str, student_ref: str, *, by: str, at: datetime, services: list[str]) -> ErasureRequest:
        if not services:
            raise ValueError("an erasure needs at least one service to confirm it")
        return cls(
            id=uuid.uuid4(),
            school_org=school_org,
            student_ref=student_ref,
            requested_by=by,
            requested_at=at,
            services={s: ServiceConfirmation(s) for s in sorted(set(services))},
        )

    def confirm(self, service: str, rows_changed: dict[str, int], *, at: datetime) -> bool:
        """Record a service's confirmation; whether it was new (a repeated or unexpected one changes nothing)."""
        found = self.services.get(service)
        if found is None or found.state is ServiceState.ERASED:
            return False
        found.state, found.rows_changed, found.confirmed_at = ServiceState.ERASED, dict(rows_changed), at
        return True

    @property
    def all_confirmed(self) -> bool:
        return all(s.state is ServiceState.ERASED for s in self.services.values())

    def complete(self, *, at: datetime) -> None:
        """Every service confirmed: the request is done and forgets whom it was about."""
        if not self.all_confirmed:
            raise ValueError("not every service has confirmed")
        self.state, self.completed_at, self.student_ref = ErasureState.COMPLETED, at, None
