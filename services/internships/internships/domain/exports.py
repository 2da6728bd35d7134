"""An organisation's export job (docs/export.md), as the coordinator sees it: which services are expected to write a
part, which have reported theirs, and so its state and progress. Pure: no I/O."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta

RUNNING, READY, FAILED, STALE, EXPIRED = "running", "ready", "failed", "stale", "expired"
PART_REQUESTED, PART_READY, PART_FAILED, PART_GONE = "requested", "ready", "failed", "gone"


@dataclass(frozen=True)
class ReportedPart:
    """A service's part, as its part_ready event described it, or as its part_failed event refused it."""

    service: str
    files: list[dict]  # name, count, sha256, schema_version, bytes
    taken_at: datetime | None
    failed_reason: str | None = None
    gone: bool = False  # reported ready, then found gone when the archive was assembled (an erasure deleted it)


@dataclass
class ExportJob:
    id: uuid.UUID
    org: str
    org_kind: str
    services: list[str]  # expected to write a part
    requested_by: str
    created_at: datetime
    expires_at: datetime
    ready_at: datetime | None = None
    parts: dict[str, ReportedPart] = field(default_factory=dict)

    @classmethod
    def start(cls, *, org: str, org_kind: str, by: str, services: list[str], now: datetime, ttl: timedelta):
        return cls(
            id=uuid.uuid4(),
            org=org,
            org_kind=org_kind,
            services=sorted(set(services)),
            requested_by=by,
            created_at=now,
            expires_at=now + ttl,
        )

    def state(self, now: datetime) -> str:
        if now >= self.expires_at:
            return EXPIRED
        if any(p.failed_reason for p in self.parts.values()):
            return FAILED
        if self.gone_services:
            return STALE
        return READY if self.complete else RUNNING

    @property
    def complete(self) -> bool:
        return all(s in self.parts and not self.parts[s].failed_reason for s in self.services)

    @property
    def gone_services(self) -> list[str]:
        return sorted(s for s, p in self.parts.items() if p.gone)

    def service_states(self) -> dict[str, str]:
        return {s: self._part_state(s) for s in self.services}

    def _part_state(self, service: str) -> str:
        part = self.parts.get(service)
        if part is None:
            return PART_REQUESTED
        if part.failed_reason:
            return PART_FAILED
        return PART_GONE if part.gone else PART_READY

    @property
    def progress(self) -> float:
        """The share of expected services whose part is written."""
        ready = sum(self._part_state(s) == PART_READY for s in self.services)
        return round(ready / len(self.services), 4) if self.services else 1.0
