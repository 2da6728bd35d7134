"""Response bodies of the student erasures internships coordinates (docs/erasure.md), shared by REST and gRPC."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from internships.domain.erasure_requests import ErasureRequest
from praxis_common.pages import Page
from praxis_common.validation import StudentRef


class ErasureTarget(BaseModel):
    """Whom to erase (the REST path parameter; gRPC validates its request with it)."""

    model_config = ConfigDict(extra="forbid")

    student_ref: StudentRef


class ErasureRead(BaseModel):
    id: uuid.UUID
    state: str = Field(description="pending until every service confirmed, then completed")
    student_ref: str | None = Field(description="the student; null once completed (the request forgets them)")
    services: dict[str, str] = Field(description="each taking-part service -> pending | erased")
    rows_changed: dict[str, dict[str, int]] = Field(
        description="per confirmed service: table (or `stream`) -> rows deleted or anonymised"
    )
    requested_by: str
    requested_at: datetime
    completed_at: datetime | None = None

    @classmethod
    def of(cls, r: ErasureRequest) -> ErasureRead:
        return cls(
            id=r.id,
            state=r.state.value,
            student_ref=r.student_ref,
            services={s.service: s.state.value for s in r.services.values()},
            rows_changed={s.service: s.rows_changed for s in r.services.values() if s.confirmed_at},
            requested_by=r.requested_by,
            requested_at=r.requested_at,
            completed_at=r.completed_at,
        )


class ErasurePage(Page[ErasureRead]):
    pass
