"""Outbound webhook requests: signed per the Standard Webhooks spec (the `standardwebhooks` library), sent with a
timeout, refused when the host resolves to a private, loopback or link-local address (SSRF) unless allowed (dev).

The address check (praxis_common.addresses) runs at every attempt, since DNS may change after registration.
"""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime

import httpx
from standardwebhooks.webhooks import Webhook

from notifications.domain.deliveries import Sent
from praxis_common.addresses import blocked

USER_AGENT = "Praxis-Webhooks/1"


def signature(secrets: list[str], msg_id: str, at: datetime, body: str) -> str:
    """The `webhook-signature` header: one `v1,<base64>` per secret, space-separated (receivers accept any)."""
    return " ".join(Webhook(s).sign(msg_id, at, body) for s in secrets)


class Sender:
    def __init__(self, *, timeout: float, allow_private: bool) -> None:
        self.timeout = timeout
        self.allow_private = allow_private
        self.client = httpx.AsyncClient(
            timeout=httpx.Timeout(timeout), follow_redirects=False, limits=httpx.Limits(max_connections=None)
        )

    async def close(self) -> None:
        await self.client.aclose()

    async def refused(self, url: str) -> str | None:
        """Why the URL may not be delivered to (its host resolves to a non-public address), or None; always None
        where private addresses are allowed (dev, test)."""
        return None if self.allow_private else await blocked(url, within=self.timeout)

    async def send(self, *, url: str, msg_id: str, secrets: list[str], body: str, at: datetime) -> Sent:
        at, started = at.astimezone(UTC), time.monotonic()
        if not self.allow_private and (why := await blocked(url, within=self.timeout)):
            return Sent(None, 0, why)
        headers = {
            "content-type": "application/cloudevents+json",
            "user-agent": USER_AGENT,
            "webhook-id": msg_id,
            "webhook-timestamp": str(int(at.timestamp())),
            "webhook-signature": signature(secrets, msg_id, at, body),
        }
        try:
            async with asyncio.timeout(self.timeout):
                response = await self.client.post(url, content=body.encode(), headers=headers)
            return Sent(response.status_code, _ms(started))
        except (httpx.HTTPError, TimeoutError, OSError) as exc:
            return Sent(None, _ms(started), (type(exc).__name__ + ": " + str(exc))[:500])


def _ms(started: float) -> int:
    return int((time.monotonic() - started) * 1000)
