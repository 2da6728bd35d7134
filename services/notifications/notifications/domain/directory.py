"""The organisation's user directory and each user's notification preferences: who mail goes to, in which language.

A user is keyed per organisation by `account` (the `sub` they sign in with; the mentors service's mentors carry the
same account). The organisation's admins (an enterprise's hr too) maintain the directory; a user may also register
themselves from their token's claims. Preferences say, per category, whether the user wants that mail, whether it
comes at once or in a daily digest, and in which language.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

LANGUAGES = ("zh-CN", "en")
DEFAULT_LANGUAGE = "en"
# The kinds of mail a user receives, each one a preference category.
CATEGORIES = (
    "hold_expiring",
    "logbook_waiting",
    "report_waiting",
    "agreement_expiring",
    "evaluation_due",
    "mentor_assigned",
    "guidance_overdue",
    "webhook_disabled",
)
ALL = "all"  # an unsubscribe link naming every category (a digest's)


class Delivery(StrEnum):
    IMMEDIATE = "immediate"
    DAILY_DIGEST = "daily_digest"


def language_of(value: str | None) -> str | None:
    """A supported language for a locale tag (`zh`, `zh-Hans-CN`, `en-GB` …), or None."""
    if not value:
        return None
    tag = value.replace("_", "-").lower()
    if tag.startswith("zh"):
        return "zh-CN"
    if tag.startswith("en"):
        return "en"
    return None


@dataclass
class DirectoryUser:
    org: str
    org_kind: str
    account: str
    email: str
    display_name: str
    language: str = DEFAULT_LANGUAGE
    roles: list[str] = field(default_factory=list)
    mentor_id: uuid.UUID | None = None
    self_registered: bool = False
    created_at: datetime | None = None
    updated_at: datetime | None = None


@dataclass
class Preferences:
    org: str
    org_kind: str
    account: str
    disabled: list[str] = field(default_factory=list)  # categories turned off
    delivery: Delivery = Delivery.IMMEDIATE
    language: str | None = None  # overrides the directory's language
    updated_at: datetime | None = None

    def wants(self, category: str) -> bool:
        return category not in self.disabled

    def turn_off(self, category: str, now: datetime) -> None:
        """Turn a category off (ALL: every one)."""
        self.disabled = sorted(set(self.disabled) | (set(CATEGORIES) if category == ALL else {category}))
        self.updated_at = now


def recipient_language(prefs: Preferences | None, user: DirectoryUser | None, default: str = DEFAULT_LANGUAGE) -> str:
    """The preference's language, else the directory's, else the organisation's default."""
    return (prefs.language if prefs else None) or (user.language if user else None) or default
