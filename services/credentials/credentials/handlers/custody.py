"""What signing and checking need besides the database: how private keys are sealed and opened (the service's key
store), where the organisations' DIDs and status lists live (the public URL), how long a published status list is in
force, and where outside issuers' DID documents and status lists are read."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Protocol

from credentials.domain import did as dids
from credentials.domain import keys as org_keys
from credentials.domain.keys import SigningKey
from praxis_common.http_gate import PUBLIC_PREFIX


class OutsideUnreadable(Exception):
    """What an outside issuer's address gave could not be used: the reason, in words."""


class Outside(Protocol):
    """What outside issuers publish, fetched (adapters/outside.py): a did:web's DID document, a status list."""

    async def did_document(self, did: str) -> dict: ...

    async def text(self, url: str) -> str: ...


@dataclass(frozen=True)
class Custody:
    seal: Callable[[dict], bytes]
    open: Callable[[bytes], dict]
    public_url: str
    status_list_lifetime: timedelta = timedelta(hours=24)
    # Each school's last signed status list, reused while nothing changed for a minute: a public GET then costs a
    # query, not a key's decryption and an RSA signature (school -> (revoked indexes, signing kid, signed at, token)).
    signed_lists: dict[str, tuple[frozenset[int], str, datetime, str]] = field(default_factory=dict, compare=False)
    # Where outside issuers' DID documents and status lists are read, for a presented badge (None: nowhere).
    outside: Outside | None = field(default=None, compare=False)

    @property
    def public_base(self) -> str:
        """Where what anyone may read lives: the kernel serves paths under /public without a token."""
        return f"{self.public_url.rstrip('/')}{PUBLIC_PREFIX}"

    def did(self, kind: str, org: str) -> str:
        return dids.did_of(self.public_base, kind, org)

    def status_list_url(self, school_org: str) -> str:
        return f"{self.public_base}/orgs/school/{school_org}/status/1"

    def verification_url(self, credential_id) -> str:
        return f"{self.public_base}/credentials/{credential_id}/verification"

    def hosted(self, did: str) -> tuple[str, str] | None:
        """(kind, org) when `did` is an organisation this Praxis hosts."""
        for kind in dids.KINDS:
            prefix = self.did(kind, "x")[: -len("x")]
            if did.startswith(prefix) and dids.ORG_PATTERN.match(did[len(prefix) :]):
                return kind, did[len(prefix) :]
        return None


async def signing_key(u, custody: Custody, kind: str, org: str, now: datetime) -> SigningKey:
    """The organisation's key that signs now, made on its first signature (locked: two first signatures or a
    rotation never race)."""
    held = await u.keys.of(org, kind, custody.open, lock=True)
    key = org_keys.signing_key(held)
    if key is None:  # the first (or, every key withdrawn, the next): a concurrent first signature may make it too
        made = org_keys.new_key(custody.did(kind, org), org, max((k.number for k in held), default=0) + 1, now)
        await u.keys.add(made, kind, custody.seal, if_absent=True)
        key = org_keys.signing_key(await u.keys.of(org, kind, custody.open, lock=True))
    return key
