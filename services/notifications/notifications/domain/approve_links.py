"""Approve links in logbook reminders: the approve-by-link page of internships (docs/action-links.md), minted here
with the secret both services hold, when the mail goes out (so its lifetime counts from the mail)."""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta

from notifications.domain.reminders import Notification
from praxis_common import action_links


class ApproveLinks:
    """`url(n, now)`: a link that approves the week a `logbook_waiting` notification names, as the enterprise mentor
    it went to; None without a secret, for another category, or when the reminder went to HR (no mentor known)."""

    def __init__(self, secret: str | None, internships_url: str, ttl: timedelta = action_links.DEFAULT_TTL) -> None:
        self.secret, self.base, self.ttl = secret or None, internships_url.rstrip("/"), ttl

    def url(self, n: Notification, now: datetime) -> str | None:
        c = n.context
        if self.secret is None or n.category != "logbook_waiting" or not c.get("mentor_id"):
            return None
        token = action_links.issue(
            self.secret,
            action="approve_week",
            org=n.org,
            placement_id=uuid.UUID(c["placement_id"]),
            week_start=date.fromisoformat(c["week_start"]),
            mentor_id=uuid.UUID(c["mentor_id"]),
            now=now,
            ttl=self.ttl,
        )
        return f"{self.base}/links/{token}"
