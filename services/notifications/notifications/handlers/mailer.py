"""The mail worker: fires due reminder facts into notifications, sends the due ones over SMTP (a digest recipient's
together, as one mail), retries with back-off, and prunes old rows (deliveries, notifications, facts).

Rows are leased with `FOR UPDATE SKIP LOCKED` (several processes share the table); a lease outlives one SMTP
exchange, so a process dying mid-send leaves the row due again when the lease runs out (at-least-once). With no
SMTP host configured, notifications are kept and not sent.
"""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

from notifications.domain.approve_links import ApproveLinks
from notifications.domain.deliveries import Backoff
from notifications.domain.directory import ALL, Delivery
from notifications.domain.reminders import Mail, Notification, NotificationStatus
from notifications.domain.unsubscribe import Unsubscribe, UnsubscribeLinks
from notifications.handlers.reminders import fire_due
from praxis_common.uow import Clock, UowFactory, utc_clock

log = logging.getLogger("praxis.notifications.mail")


class Templates(Protocol):
    """What renders a category's mail in a language (adapters/templates.py): `.subject`, `.text`, `.html`,
    `.summary` of the result."""

    def render(self, category: str, language: str, context: dict) -> Any: ...


LEASE = timedelta(minutes=2)
PRUNE_EVERY = timedelta(hours=1)


@dataclass(frozen=True)
class MailSettings:
    backoff: Backoff
    poll_seconds: float
    retention: timedelta
    digest_period: timedelta
    digest_offset: timedelta
    default_language: str


def compose(
    batch: list[Notification],
    *,
    templates: Templates,
    links: UnsubscribeLinks,
    approve: ApproveLinks | None = None,
    now: datetime | None = None,
) -> Mail:
    """One mail for a batch: a notification alone, or a digest recipient's due notifications."""
    first = batch[0]
    name = first.context.get("recipient_name", "")

    def context(n: Notification, unsubscribe: str) -> dict:
        approve_url = approve.url(n, now) if approve is not None and now is not None else None
        return {**n.context, "unsubscribe_url": unsubscribe, "approve_url": approve_url}

    if first.delivery is Delivery.IMMEDIATE:
        unsubscribe = links.url(Unsubscribe(first.org, first.org_kind, first.account, first.category))
        rendered = templates.render(first.category, first.language, context(first, unsubscribe))
    else:
        unsubscribe = links.url(Unsubscribe(first.org, first.org_kind, first.account, ALL))
        items = [templates.render(n.category, n.language, context(n, unsubscribe)) for n in batch]
        context = {"recipient_name": name, "items": items, "unsubscribe_url": unsubscribe}
        rendered = templates.render("digest", first.language, context)
    return Mail(
        to=first.email,
        to_name=name,
        subject=rendered.subject,
        text=rendered.text,
        html=rendered.html,
        unsubscribe_url=unsubscribe,
        language=first.language,
    )


def batches(claimed: list[Notification]) -> list[list[Notification]]:
    """Immediate notifications one by one; a digest recipient's together."""
    digests: dict[tuple[str, str, str], list[Notification]] = defaultdict(list)
    found = []
    for n in claimed:
        if n.delivery is Delivery.DAILY_DIGEST:
            digests[(n.org, n.org_kind, n.account)].append(n)
        else:
            found.append([n])
    return found + list(digests.values())


class Mailer:
    def __init__(
        self,
        uow: UowFactory,
        send: Callable[[Mail], Awaitable[None]] | None,
        *,
        templates: Templates,
        links: UnsubscribeLinks,
        settings: MailSettings,
        approve: ApproveLinks | None = None,
        clock: Clock = utc_clock,
    ) -> None:
        self.uow, self.send, self.templates, self.links, self.approve, self.s, self.clock = (
            uow,
            send,
            templates,
            links,
            approve,
            settings,
            clock,
        )
        self.pruned_at: datetime | None = None

    async def run(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            try:
                await self.pass_once()
            except Exception:
                log.exception("mail pass failed")
            try:
                await asyncio.wait_for(stop.wait(), self.s.poll_seconds)
            except TimeoutError:
                pass

    async def pass_once(self) -> int:
        """Fire due facts, send due mail, prune now and then; how many mails went out."""
        await fire_due(
            uow=self.uow,
            digest_period=self.s.digest_period,
            digest_offset=self.s.digest_offset,
            default_language=self.s.default_language,
            clock=self.clock,
        )
        sent = await self.send_due() if self.send is not None else 0
        now = self.clock()
        if self.pruned_at is None or now - self.pruned_at >= PRUNE_EVERY:
            async with self.uow() as u:
                await u.notifications.prune(now - self.s.retention)
                await u.commit()
            self.pruned_at = now
        return sent

    async def send_due(self, limit: int = 100) -> int:
        async with self.uow() as u:
            claimed = await u.notifications.claim_due(self.clock(), lease=LEASE, limit=limit)
            await u.commit()
        sent = 0
        for batch in batches(claimed):
            sent += await self._send(batch)
        return sent

    async def _send(self, batch: list[Notification]) -> int:
        error = None
        try:
            await self.send(
                compose(batch, templates=self.templates, links=self.links, approve=self.approve, now=self.clock())
            )
        except Exception as exc:  # SMTP refusals, connection failures, timeouts: retried with back-off
            error = f"{type(exc).__name__}: {exc}"
            # the address is personal data, and SMTP refusals quote it: the log names the notifications and the
            # kind of failure; the full error is kept on the notifications' rows
            log.warning(
                "mail not sent", extra={"notifications": [str(n.id) for n in batch], "error": type(exc).__name__}
            )
        now = self.clock()
        async with self.uow() as u:
            for n in await u.notifications.lock([n.id for n in batch]):
                if n.status is not NotificationStatus.PENDING:
                    continue  # cancelled meanwhile
                if error is None:
                    n.sent(now)
                else:
                    n.failed(now, error, self.s.backoff)
                await u.notifications.save(n)
            await u.commit()
        return 1 if error is None else 0
