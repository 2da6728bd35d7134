"""Bearer-token verification: a JWT (RS256/ES256) becomes a Principal, for REST and gRPC alike.

Keys come from a JWKS URL (production IdP) or a configured public key (the embedded default,
whose tokens `praxis token` mints). Praxis runs no identity provider of its own.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import timedelta
from typing import Literal

import jwt
from cryptography.hazmat.primitives.serialization import load_pem_public_key

from praxis_common.errors import Unauthenticated
from praxis_common.settings import ServiceSettings

OrgKind = Literal["school", "enterprise", "platform"]
ORG_KINDS = ("school", "enterprise", "platform")
ALGORITHMS = ["RS256", "ES256"]


@dataclass(frozen=True)
class Principal:
    sub: str
    org: str
    org_kind: OrgKind
    roles: frozenset[str]

    def has_any_role(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))


class TokenVerifier:
    def __init__(
        self,
        *,
        issuer: str,
        audience: str,
        public_key: str | None = None,
        jwks_url: str | None = None,
        leeway_seconds: int = 30,
    ) -> None:
        if bool(public_key) == bool(jwks_url):
            raise ValueError("give exactly one of public_key, jwks_url")
        self.issuer = issuer
        self.audience = audience
        self.leeway = timedelta(seconds=leeway_seconds)
        self._key = load_pem_public_key(public_key.encode()) if public_key else None
        self._jwks = jwt.PyJWKClient(jwks_url, cache_keys=True, lifespan=300) if jwks_url else None

    @classmethod
    def from_settings(cls, s: ServiceSettings) -> TokenVerifier:
        return cls(
            issuer=s.jwt_issuer,
            audience=s.jwt_audience,
            public_key=s.public_key_pem(),
            jwks_url=s.jwt_jwks_url,
            leeway_seconds=s.jwt_leeway_seconds,
        )

    async def verify(self, token: str) -> Principal:
        try:
            if self._jwks is not None:
                # PyJWKClient fetches over blocking HTTP (cached); keep it off the event loop.
                key = (await asyncio.to_thread(self._jwks.get_signing_key_from_jwt, token)).key
            else:
                key = self._key
            claims = jwt.decode(
                token,
                key,
                algorithms=ALGORITHMS,
                audience=self.audience,
                issuer=self.issuer,
                leeway=self.leeway,
                options={"require": ["exp", "sub", "iss", "aud"]},
            )
        except jwt.ExpiredSignatureError as exc:
            raise Unauthenticated("token expired") from exc
        except (jwt.PyJWTError, ValueError) as exc:
            raise Unauthenticated(f"invalid token: {exc}") from exc
        return principal_from_claims(claims)


def principal_from_claims(claims: dict) -> Principal:
    org, kind, roles = claims.get("org"), claims.get("org_kind"), claims.get("roles", [])
    if not isinstance(org, str) or not org:
        raise Unauthenticated("token has no 'org' claim")
    if kind not in ORG_KINDS:
        raise Unauthenticated(f"token's 'org_kind' must be one of {', '.join(ORG_KINDS)}")
    if not isinstance(roles, list) or not all(isinstance(r, str) for r in roles):
        raise Unauthenticated("token's 'roles' must be a list of strings")
    return Principal(sub=str(claims["sub"]), org=org, org_kind=kind, roles=frozenset(roles))


def bearer_token(authorization: str | None) -> str:
    if not authorization:
        raise Unauthenticated("missing bearer token (Authorization: Bearer …)")
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthenticated("Authorization header must be 'Bearer <token>'")
    return token.strip()
