"""What an outside issuer publishes, fetched when a badge of theirs is presented: its did:web DID document and its
status list. Only public addresses are called (praxis_common.addresses, checked before each request; private ones
only where the settings allow them: dev and test), over https (http only for localhost, as did.document_url says),
with no redirect followed, a deadline for the whole request and a size limit: a student who names an address makes
the service send one GET there, never reach inside the deployment."""

from __future__ import annotations

import asyncio
import json
from urllib.parse import urlsplit

import httpx

from credentials.domain import did as dids
from credentials.handlers.custody import OutsideUnreadable
from praxis_common.addresses import blocked

MAX_BYTES = 64 * 1024
USER_AGENT = "Praxis-Credentials/1"


class OutsideSources:
    def __init__(self, *, timeout: float, allow_private: bool) -> None:
        self.timeout, self.allow_private = timeout, allow_private
        self.client = httpx.AsyncClient(timeout=httpx.Timeout(timeout), follow_redirects=False)

    async def close(self) -> None:
        await self.client.aclose()

    async def did_document(self, did: str) -> dict:
        """The DID document of a did:web, as its host serves it."""
        try:
            url = dids.document_url(did)
        except Exception as exc:  # InvalidInput: not a did:web the method allows
            raise OutsideUnreadable(str(exc)) from None
        try:
            document = json.loads(await self.text(url))
        except (ValueError, RecursionError):
            raise OutsideUnreadable(f"{url} is not JSON") from None
        if not isinstance(document, dict):
            raise OutsideUnreadable(f"{url} is not a DID document")
        return document

    async def text(self, url: str) -> str:
        """The body at `url`, at most MAX_BYTES as sent (no content encoding: a small compressed body must not unfold
        into a large one), within the deadline (the address check included); OutsideUnreadable says why not."""
        try:
            async with asyncio.timeout(self.timeout):
                return await self._read(url)
        except OutsideUnreadable:
            raise
        except TimeoutError:
            raise OutsideUnreadable(f"{url[:200]} did not answer within {self.timeout:g} s") from None
        except Exception as exc:  # whatever a hostile address makes of the URL parser, httpx or the socket
            raise OutsideUnreadable(f"{url[:200]} could not be read ({type(exc).__name__})") from None

    async def _read(self, url: str) -> str:
        parts = urlsplit(url)
        local = (parts.hostname or "") in dids.LOCAL_HOSTS
        if parts.scheme != "https" and not (parts.scheme == "http" and local):
            raise OutsideUnreadable(f"{url[:200]} is not an https address")
        if not self.allow_private and (why := await blocked(url)):
            raise OutsideUnreadable(why)
        headers = {"user-agent": USER_AGENT, "accept-encoding": "identity"}
        async with self.client.stream("GET", url, headers=headers) as response:
            if response.status_code != 200:
                raise OutsideUnreadable(f"{url[:200]} answered {response.status_code}")
            if response.headers.get("content-encoding", "identity").lower() != "identity":
                raise OutsideUnreadable(
                    f"{url[:200]} sent an encoded body ({response.headers['content-encoding'][:20]})"
                )
            body = bytearray()
            async for chunk in response.aiter_raw():
                body += chunk
                if len(body) > MAX_BYTES:
                    raise OutsideUnreadable(f"{url[:200]} sent more than {MAX_BYTES} bytes")
        try:
            return body.decode()
        except UnicodeDecodeError:
            raise OutsideUnreadable(f"{url[:200]} is not text") from None
