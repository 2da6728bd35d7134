"""What the export edges answer (docs/export.md): an export job, and a page of them."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, Field

from internships.domain.exports import ExportJob
from praxis_common.pages import Page


class ExportJobRead(BaseModel):
    id: uuid.UUID
    state: str = Field(description="running | ready | failed | stale (a part is gone: export again) | expired")
    services: dict[str, str] = Field(description="Each service's part: requested | ready | failed | gone")
    progress: float = Field(description="The share of services whose part is written, 0 to 1")
    requested_by: str
    created_at: datetime
    ready_at: datetime | None
    expires_at: datetime = Field(description="The job, its parts and its archive are gone after this")

    @classmethod
    def of(cls, job: ExportJob, now: datetime) -> ExportJobRead:
        return cls(
            id=job.id,
            state=job.state(now),
            services=job.service_states(),
            progress=job.progress,
            requested_by=job.requested_by,
            created_at=job.created_at,
            ready_at=job.ready_at,
            expires_at=job.expires_at,
        )


class ExportJobPage(Page[ExportJobRead]):
    """A page of export jobs."""
