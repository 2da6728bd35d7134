"""Webhook endpoints: an organisation's URL, the event types it chose, its signing secrets and their rotation.

A secret is `whsec_` + base64 of 24 random bytes (the Standard Webhooks format). Rotating keeps the old secret valid
for a grace period: until it ends, every delivery is signed with both (the spec's space-separated signatures), so
a receiver can switch its secret at its own pace.
"""

from __future__ import annotations

import base64
import secrets
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from urllib.parse import urlsplit

from notifications.domain.orgs import Org
from notifications.domain.projections import PROJECTIONS
from praxis_common.addresses import public_host
from praxis_common.errors import FieldError, InvalidInput

SECRET_PREFIX = "whsec_"
MAX_EVENT_TYPES = 50

# The events an organisation may subscribe to: those with a projection.
SUBSCRIBABLE = frozenset(PROJECTIONS)
# Events the services publish that have no projection yet: refused with a 422 that says so.
NOT_YET_SUBSCRIBABLE = frozenset(
    [
        "praxis.internships.logbook.approved.v1",
        "praxis.internships.position.published.v1",
        "praxis.internships.base.created.v1",
        "praxis.mentors.assignment.assigned.v1",
        "praxis.projects.team.formed.v1",
    ]
)


class EndpointStatus(StrEnum):
    ENABLED = "enabled"
    DISABLED = "disabled"  # by its organisation, or by Praxis after sustained failure (disabled_reason says)


def new_secret() -> str:
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(24)).decode()


def check_url(url: str, *, allow_http: bool) -> str:
    """The URL as given, if deliverable: https (http too in dev), a host, no credentials; in prod a literal IP
    must be public (names are resolved and checked again at each delivery, as DNS may change)."""
    parts = urlsplit(url)
    schemes = ("https", "http") if allow_http else ("https",)
    if parts.scheme not in schemes:
        raise InvalidInput("url must be https", errors=[FieldError("url", "must use https")])
    if not parts.hostname or parts.username or parts.password:
        raise InvalidInput(
            "url needs a host and no credentials", errors=[FieldError("url", "needs a host, no user:pass")]
        )
    if not allow_http and not public_host(parts.hostname):
        raise InvalidInput("url points at a private address", errors=[FieldError("url", "private or loopback address")])
    return url


def check_event_types(types: list[str]) -> list[str]:
    unknown = [t for t in types if t not in SUBSCRIBABLE]
    if not types or len(types) > MAX_EVENT_TYPES or unknown:
        errors = [
            FieldError(
                "event_types", f"{t!r} is not yet subscribable" if t in NOT_YET_SUBSCRIBABLE else f"{t!r} is unknown"
            )
            for t in unknown
        ] or [FieldError("event_types", f"choose 1 to {MAX_EVENT_TYPES} event types")]
        raise InvalidInput("bad event types", errors=errors)
    return sorted(set(types))


@dataclass(frozen=True)
class Notice:
    """What the organisation's admins are told about their webhooks (e-mail comes with reminders)."""

    id: uuid.UUID
    org: str
    org_kind: str
    endpoint_id: uuid.UUID
    kind: str  # endpoint_disabled
    message: str
    created_at: datetime


@dataclass
class EndpointChanged:
    endpoint: Endpoint
    kind: str  # registered | updated | rotated | deleted | disabled


@dataclass
class Endpoint:
    id: uuid.UUID
    org: str
    org_kind: str
    url: str
    description: str
    event_types: list[str]
    secret: str
    created_at: datetime
    updated_at: datetime
    status: EndpointStatus = EndpointStatus.ENABLED
    disabled_reason: str | None = None
    previous_secret: str | None = None
    previous_secret_expires_at: datetime | None = None
    last_success_at: datetime | None = None
    deleted: bool = False
    events: list[EndpointChanged] = field(default_factory=list, repr=False, compare=False)

    @property
    def owner(self) -> Org:
        return Org(self.org, self.org_kind)

    @classmethod
    def register(cls, *, org: Org, url: str, description: str, event_types: list[str], now: datetime) -> Endpoint:
        e = cls(
            id=uuid.uuid4(),
            org=org.id,
            org_kind=org.kind,
            url=url,
            description=description,
            event_types=check_event_types(event_types),
            secret=new_secret(),
            created_at=now,
            updated_at=now,
        )
        e.events.append(EndpointChanged(e, "registered"))
        return e

    def update(
        self,
        *,
        now: datetime,
        url: str | None,
        description: str | None,
        event_types: list[str] | None,
        enabled: bool | None,
    ) -> None:
        if url is not None:
            self.url = url
        if description is not None:
            self.description = description
        if event_types is not None:
            self.event_types = check_event_types(event_types)
        if enabled is not None:
            self.status = EndpointStatus.ENABLED if enabled else EndpointStatus.DISABLED
            self.disabled_reason = None if enabled else "disabled by the organisation"
        self.updated_at = now
        self.events.append(EndpointChanged(self, "updated"))

    def rotate(self, *, now: datetime, grace: timedelta) -> None:
        self.previous_secret, self.previous_secret_expires_at = self.secret, now + grace
        self.secret = new_secret()
        self.updated_at = now
        self.events.append(EndpointChanged(self, "rotated"))

    def signing_secrets(self, now: datetime) -> list[str]:
        """The secrets a delivery is signed with now: the current one, and the previous one during its grace."""
        if self.previous_secret and self.previous_secret_expires_at and now < self.previous_secret_expires_at:
            return [self.secret, self.previous_secret]
        return [self.secret]

    def disable_for_failure(self, *, now: datetime, reason: str) -> None:
        self.status, self.disabled_reason, self.updated_at = EndpointStatus.DISABLED, reason, now
        self.events.append(EndpointChanged(self, "disabled"))

    def delete(self, *, now: datetime) -> None:
        self.deleted, self.updated_at = True, now
        self.events.append(EndpointChanged(self, "deleted"))

    def receives(self, event_type: str) -> bool:
        return self.status is EndpointStatus.ENABLED and event_type in self.event_types

    def pull_events(self) -> list[EndpointChanged]:
        events, self.events = self.events, []
        return events
