"""Request and response bodies for guidance sessions (REST; gRPC validates its messages with the same input model)."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictInt

from mentors.domain.sessions import MAX_MINUTES, GuidanceSession
from mentors.handlers.sessions import RecordSession
from praxis_common.pages import Page
from praxis_common.validation import Date, Text


class SessionIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"held_on": "2027-03-12", "mode": "onsite", "minutes": 90, "notes": "listing review"}]
        },
    )

    held_on: Date = Field(description="not in the future")
    mode: Literal["onsite", "online"]
    minutes: Annotated[StrictInt, Field(ge=1, le=MAX_MINUTES)]
    notes: Annotated[Text, Field(max_length=4000)] = ""

    def to_command(self) -> RecordSession:
        return RecordSession(self.held_on, self.mode, self.minutes, self.notes)


class SessionRead(BaseModel):
    id: uuid.UUID
    assignment_id: uuid.UUID
    mentor_id: uuid.UUID
    side: str
    held_on: date
    mode: str
    minutes: int
    notes: str
    recorded_at: datetime
    recorded_by: str
    confirmed_at: datetime | None
    confirmed_by: str | None

    @classmethod
    def of(cls, s: GuidanceSession) -> SessionRead:
        data = {n: getattr(s, n) for n in cls.model_fields}
        data.update(side=s.side.value, mode=s.mode.value)
        return cls(**data)


class SessionPage(Page[SessionRead]):
    """A page of an assignment's guidance sessions, latest first."""
