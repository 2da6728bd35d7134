"""Reminders: facts that come due (a hold about to expire, a logbook week waiting for review …) and the mail each
becomes, once per recipient.

A fact has a key naming what it is about (e.g. `hold_expiring:<placement id>`), a time it comes due, an audience
(which directory users of which organisation) and the context its template shows. When it is due, it becomes one
notification per recipient; the pair (recipient, fact key) is unique, so a redelivered event or a second firing of
the timer never mails the same fact twice. A fact cancelled before it fires (the placement was answered, the week
reviewed) sends nothing, and cancels the notifications of it that were not sent yet.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from notifications.domain.deliveries import Backoff
from notifications.domain.directory import Delivery, DirectoryUser, Preferences, recipient_language


@dataclass(frozen=True)
class Audience:
    """Directory users of the organisation (`org`, `org_kind`) having any of `roles`, or one of `accounts` /
    `mentor_ids`."""

    org: str
    org_kind: str
    roles: tuple[str, ...] = ()
    accounts: tuple[str, ...] = ()
    mentor_ids: tuple[str, ...] = ()

    def includes(self, user: DirectoryUser) -> bool:
        return (user.org, user.org_kind) == (self.org, self.org_kind) and (
            bool(set(user.roles) & set(self.roles))
            or user.account in self.accounts
            or (user.mentor_id is not None and str(user.mentor_id) in self.mentor_ids)
        )

    def as_json(self) -> dict:
        return {
            "org": self.org,
            "org_kind": self.org_kind,
            "roles": list(self.roles),
            "accounts": list(self.accounts),
            "mentor_ids": list(self.mentor_ids),
        }

    @classmethod
    def of_json(cls, data: dict) -> Audience:
        return cls(
            org=data["org"],
            org_kind=data["org_kind"],
            roles=tuple(data.get("roles", ())),
            accounts=tuple(data.get("accounts", ())),
            mentor_ids=tuple(data.get("mentor_ids", ())),
        )


@dataclass
class Fact:
    key: str
    category: str
    due_at: datetime
    audiences: list[Audience]
    context: dict
    fired_at: datetime | None = None


class NotificationStatus(StrEnum):
    PENDING = "pending"  # to be mailed (now, or with the next digest)
    SENT = "sent"
    FAILED = "failed"  # SMTP kept failing past the retry horizon
    CANCELLED = "cancelled"  # the fact was settled before the mail went out
    OFF = "off"  # the recipient turned the category off
    NO_RECIPIENT = "no_recipient"  # nobody in the directory to tell (account is empty)


@dataclass
class Notification:
    id: uuid.UUID
    org: str
    org_kind: str
    account: str
    email: str
    category: str
    fact_key: str
    language: str
    context: dict
    status: NotificationStatus
    delivery: Delivery
    created_at: datetime
    next_attempt_at: datetime
    attempts: int = 0
    first_attempt_at: datetime | None = None
    last_error: str | None = None
    sent_at: datetime | None = None

    def sent(self, now: datetime) -> None:
        self.attempts += 1
        self.first_attempt_at = self.first_attempt_at or now
        self.status, self.sent_at, self.last_error = NotificationStatus.SENT, now, None

    def failed(self, now: datetime, error: str, backoff: Backoff) -> None:
        """Retry after the back-off, until the next attempt would fall beyond the horizon after the first."""
        self.attempts += 1
        self.first_attempt_at = self.first_attempt_at or now
        self.last_error = error[:500]
        due = now + backoff.delay(self.attempts)
        if due - self.first_attempt_at > backoff.horizon:
            self.status = NotificationStatus.FAILED
        else:
            self.next_attempt_at = due


def next_digest(now: datetime, *, period: timedelta, offset: timedelta) -> datetime:
    """The first digest time after `now`: every `period`, `offset` after midnight UTC (e.g. daily at 07:00 UTC)."""
    epoch = datetime(1970, 1, 1, tzinfo=now.tzinfo) + offset
    periods = (now - epoch) // period + 1
    return epoch + period * periods


def notifications_of(
    fact: Fact,
    users: list[DirectoryUser],
    prefs: dict[tuple[str, str, str], Preferences],
    *,
    now: datetime,
    digest_at: datetime,
    default_language: str,
) -> list[Notification]:
    """One notification per recipient of the fact (status OFF for one who turned its category off); a single
    NO_RECIPIENT row per audience organisation nobody in the directory belongs to."""
    found: list[Notification] = []
    for audience in fact.audiences:
        recipients = [u for u in users if audience.includes(u)]
        if not recipients:
            found.append(
                _row(
                    fact,
                    audience.org,
                    audience.org_kind,
                    "",
                    "",
                    default_language,
                    NotificationStatus.NO_RECIPIENT,
                    Delivery.IMMEDIATE,
                    now,
                    now,
                )
            )
        for user in recipients:
            pref = prefs.get((user.org, user.org_kind, user.account))
            delivery = pref.delivery if pref else Delivery.IMMEDIATE
            status = (
                NotificationStatus.PENDING if (pref is None or pref.wants(fact.category)) else NotificationStatus.OFF
            )
            when = digest_at if delivery is Delivery.DAILY_DIGEST else now
            language = recipient_language(pref, user, default_language)
            row = _row(fact, user.org, user.org_kind, user.account, user.email, language, status, delivery, now, when)
            row.context = {**fact.context, "recipient_name": user.display_name}
            found.append(row)
    return found


def _row(fact, org, org_kind, account, email, language, status, delivery, now, when) -> Notification:
    return Notification(
        id=uuid.uuid4(),
        org=org,
        org_kind=org_kind,
        account=account,
        email=email,
        category=fact.category,
        fact_key=fact.key,
        language=language,
        context=fact.context,
        status=status,
        delivery=delivery,
        created_at=now,
        next_attempt_at=when,
    )


@dataclass(frozen=True)
class Mail:
    """One mail as composed: to whom, in which language, its parts, and its unsubscribe link."""

    to: str
    to_name: str
    subject: str
    text: str
    html: str
    unsubscribe_url: str
    language: str
