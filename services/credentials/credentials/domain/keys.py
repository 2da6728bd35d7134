"""An organisation's signing keys: made, rotated and withdrawn.

Each organisation signs with its own key (RS256, RSA 2048: the algorithm every Open Badges 3.0 verifier must
support). Rotating makes a new key the one that signs and retires the old one, which stays published so that what it
signed still verifies. Withdrawing a key (it leaked) unpublishes it: what it signed no longer verifies, as it should
not. The private half never leaves the service; the adapter keeps it encrypted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from joserfc.jwk import RSAKey

from praxis_common.errors import Conflict

ALGORITHM = "RS256"
KEY_BITS = 2048


@dataclass
class SigningKey:
    kid: str  # a DID URL: did:web:…:orgs:<org>#key-<n>
    org: str
    number: int
    private_jwk: dict  # empty when the store did not open it (a key that no longer signs, a list)
    created_at: datetime
    retired_at: datetime | None = None  # rotated out: signs nothing new, still published
    withdrawn_at: datetime | None = None  # no longer published: its signatures fail

    @property
    def signs(self) -> bool:
        return self.retired_at is None and self.withdrawn_at is None

    @property
    def published(self) -> bool:
        return self.withdrawn_at is None

    def public_jwk(self) -> dict:
        return RSAKey.import_key(self.private_jwk).as_dict(private=False) | {"kid": self.kid, "alg": ALGORITHM}


def new_key(did: str, org: str, number: int, now: datetime) -> SigningKey:
    kid = f"{did}#key-{number}"
    private = RSAKey.generate_key(KEY_BITS, parameters={"kid": kid}).as_dict(private=True)
    return SigningKey(kid=kid, org=org, number=number, private_jwk=private, created_at=now)


def signing_key(keys: list[SigningKey]) -> SigningKey | None:
    """The key an organisation signs with now (the newest that is neither retired nor withdrawn)."""
    live = [k for k in keys if k.signs]
    return max(live, key=lambda k: k.number) if live else None


def rotate(did: str, org: str, keys: list[SigningKey], now: datetime) -> SigningKey:
    """A new signing key; the one signing until now is retired (still published). Returns the new key."""
    for k in keys:
        if k.signs:
            k.retired_at = now
    return new_key(did, org, max((k.number for k in keys), default=0) + 1, now)


def withdraw(keys: list[SigningKey], kid: str, now: datetime) -> SigningKey:
    """Unpublish a key (it leaked): credentials it signed fail verification from now on."""
    for k in keys:
        if k.kid == kid:
            if k.withdrawn_at is not None:
                raise Conflict(f"{kid} is already withdrawn")
            k.withdrawn_at = now
            return k
    raise Conflict(f"{kid} is not a key of this organisation")


def published(keys: list[SigningKey]) -> list[dict]:
    """The public JWKs an organisation's DID document lists, oldest first."""
    return [k.public_jwk() for k in sorted(keys, key=lambda k: k.number) if k.published]
