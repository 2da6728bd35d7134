"""Request and response models of webhooks and their deliveries; each input maps to its command with to_command()."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StrictBool, StringConstraints

from notifications.domain.deliveries import Delivery
from notifications.domain.webhooks import MAX_EVENT_TYPES, Endpoint, Notice
from notifications.handlers.webhooks import ChangeEndpoint, RegisterEndpoint
from praxis_common.pages import Page
from praxis_common.validation import Text

Url = Annotated[Text, Field(min_length=8, max_length=2048)]
# e.g. praxis.internships.placement.requested.v1
EventType = Annotated[str, StringConstraints(min_length=1, max_length=255, pattern=r"^[a-z0-9_]+(\.[a-z0-9_]+)*$")]
EventTypes = Annotated[list[EventType], Field(min_length=1, max_length=MAX_EVENT_TYPES)]
Description = Annotated[Text, Field(max_length=500)]


class WebhookCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "url": "https://hr.example.com/praxis/webhooks",
                    "description": "HR system",
                    "event_types": ["praxis.internships.placement.requested.v1"],
                }
            ]
        },
    )

    url: Url = Field(description="https (http only in a dev deployment); never a private or loopback address in prod")
    description: Description = ""
    event_types: EventTypes

    def to_command(self) -> RegisterEndpoint:
        return RegisterEndpoint(url=self.url, description=self.description, event_types=list(self.event_types))


class WebhookUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"enabled": True}]})

    url: Url | None = None
    description: Description | None = None
    event_types: EventTypes | None = None
    enabled: StrictBool | None = Field(default=None, description="re-enable an endpoint disabled after failures")

    def to_command(self) -> ChangeEndpoint:
        return ChangeEndpoint(
            url=self.url,
            description=self.description,
            event_types=list(self.event_types) if self.event_types is not None else None,
            enabled=self.enabled,
        )


class ReplaySince(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"since": "2026-11-30T00:00:00Z"}]})

    since: AwareDatetime


class WebhookRead(BaseModel):
    id: uuid.UUID
    url: str
    description: str
    event_types: list[str]
    status: str = Field(description="enabled | disabled")
    disabled_reason: str | None
    created_at: datetime
    updated_at: datetime
    previous_secret_expires_at: datetime | None = Field(description="while the rotated-out secret still signs")

    @classmethod
    def of(cls, e: Endpoint) -> WebhookRead:
        return cls.model_validate(e, from_attributes=True)


class WebhookPage(Page[WebhookRead]):
    """A page of webhooks."""


class WebhookWithSecret(WebhookRead):
    secret: str = Field(description="whsec_…: shown only in this answer; keep it to verify signatures")

    @classmethod
    def of(cls, e: Endpoint) -> WebhookWithSecret:
        return cls(**WebhookRead.of(e).model_dump(), secret=e.secret)


class AttemptRead(BaseModel):
    number: int
    at: datetime
    status_code: int | None = Field(description="null: no answer (timeout, refused, blocked address)")
    latency_ms: int
    error: str | None


class DeliveryRead(BaseModel):
    id: uuid.UUID
    webhook_id: str = Field(description="the `webhook-id` header: the same on every attempt and replay")
    endpoint_id: uuid.UUID
    event_id: str
    event_type: str
    status: str = Field(description="pending | succeeded | failed")
    created_at: datetime
    next_attempt_at: datetime
    attempts: list[AttemptRead]

    @classmethod
    def of(cls, d: Delivery) -> DeliveryRead:
        return cls(
            id=d.id,
            webhook_id=d.message_id,
            endpoint_id=d.endpoint_id,
            event_id=d.event_id,
            event_type=d.event_type,
            status=d.status.value,
            created_at=d.created_at,
            next_attempt_at=d.next_attempt_at,
            attempts=[AttemptRead.model_validate(a, from_attributes=True) for a in d.attempts],
        )


class DeliveryPage(Page[DeliveryRead]):
    """A page of deliveries, newest first."""


class NoticeRead(BaseModel):
    id: uuid.UUID
    endpoint_id: uuid.UUID
    kind: str = Field(description="endpoint_disabled")
    message: str
    created_at: datetime

    @classmethod
    def of(cls, n: Notice) -> NoticeRead:
        return cls.model_validate(n, from_attributes=True)


class NoticePage(Page[NoticeRead]):
    """A page of webhook notices, newest first."""


class ReplayResult(BaseModel):
    replayed: int
