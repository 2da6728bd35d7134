"""Unsubscribe links: a token naming organisation, account and category, signed HS256 with the service's secret
(PyJWT, no I/O). It carries no expiry: an unsubscribe link in an old mail keeps working."""

from __future__ import annotations

from dataclasses import dataclass

import jwt

from praxis_common.errors import NotFound

PURPOSE = "unsubscribe"


@dataclass(frozen=True)
class Unsubscribe:
    org: str
    org_kind: str  # "" in a link minted before links named the kind (handlers/directory.py resolves it)
    account: str
    category: str


class UnsubscribeLinks:
    def __init__(self, secret: str, public_url: str) -> None:
        self.secret, self.base = secret, public_url.rstrip("/")

    def token(self, u: Unsubscribe) -> str:
        claims = {"purpose": PURPOSE, "org": u.org, "kind": u.org_kind, "acc": u.account, "cat": u.category}
        return jwt.encode(claims, self.secret, algorithm="HS256")

    def url(self, u: Unsubscribe) -> str:
        return f"{self.base}/links/unsubscribe/{self.token(u)}"  # base64url and dots: one path segment

    def read(self, token: str) -> Unsubscribe:
        """What a token names; NotFound for one that is not ours (a guessed or altered link finds nothing)."""
        try:
            claims = jwt.decode(token, self.secret, algorithms=["HS256"], options={"require": ["purpose"]})
        except jwt.PyJWTError as exc:
            raise NotFound("no such unsubscribe link") from exc
        if claims.get("purpose") != PURPOSE or not all(isinstance(claims.get(k), str) for k in ("org", "acc", "cat")):
            raise NotFound("no such unsubscribe link")
        kind = claims.get("kind", "")
        if not isinstance(kind, str):
            raise NotFound("no such unsubscribe link")
        return Unsubscribe(org=claims["org"], org_kind=kind, account=claims["acc"], category=claims["cat"])
