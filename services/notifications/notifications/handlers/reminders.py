"""Use cases of reminders: what an event schedules or settles (consumers call `apply`), and firing due facts into
one notification per recipient (the mail worker calls `fire_due`); a disabled webhook's notice as a fact too."""

from __future__ import annotations

from datetime import datetime, timedelta

from notifications.domain.orgs import Org
from notifications.domain.reminders import Audience, Fact, next_digest, notifications_of
from notifications.domain.triggers import ADMINS, Triggered
from praxis_common.uow import Clock, UowFactory, utc_clock


async def apply(triggered: Triggered, *, u, now: datetime) -> None:
    """Inside the consumer's unit of work (its inbox entry commits with it): settle, then schedule."""
    for prefix in triggered.settles:
        await u.facts.settle(prefix)
    for fact in triggered.facts:
        await u.facts.schedule(fact, now)


async def fire_due(
    *,
    uow: UowFactory,
    digest_period: timedelta,
    digest_offset: timedelta,
    default_language: str,
    limit: int = 200,
    clock: Clock = utc_clock,
) -> int:
    """Turn due facts into notifications, resolving recipients from the directory now; how many facts fired. A
    recipient already holding a fact's notification gets none again."""
    now = clock()
    async with uow() as u:
        facts = await u.facts.claim_due(now, limit=limit)
        orgs = {Org(a.org, a.org_kind) for f in facts for a in f.audiences}
        users = [user for org in sorted(orgs) for user in await u.directory.of_org(org)]
        prefs = {k: v for org in sorted(orgs) for k, v in (await u.preferences.of_org(org)).items()}
        digest_at = next_digest(now, period=digest_period, offset=digest_offset)
        for fact in facts:
            for n in notifications_of(
                fact, users, prefs, now=now, digest_at=digest_at, default_language=default_language
            ):
                await u.notifications.add(n)
        await u.commit()
    return len(facts)


def notice_fact(*, org: Org, notice_id: str, endpoint_id: str, url: str, reason: str, at: datetime) -> Fact:
    """A disabled webhook endpoint, to be mailed to the organisation's admins at once."""
    context = {"endpoint_id": endpoint_id, "url": url, "reason": reason, "disabled_at": at.isoformat()}
    return Fact(
        f"webhook_disabled:{notice_id}", "webhook_disabled", at, [Audience(org.id, org.kind, roles=ADMINS)], context
    )
