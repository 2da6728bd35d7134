"""Bearer-token verification: a JWT (RS256/ES256) becomes a Principal, for REST and gRPC alike.

Keys come from a JWKS URL (production IdP) or a configured public key (the embedded default,
whose tokens `praxis token` mints). Praxis runs no identity provider of its own.
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass
from datetime import timedelta
from typing import Literal

import jwt
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import load_pem_public_key

from praxis_common.errors import Unauthenticated, Unavailable
from praxis_common.settings import ServiceSettings
from praxis_common.validation import has_control_characters, is_email

OrgKind = Literal["school", "enterprise", "platform"]
ORG_KINDS = ("school", "enterprise", "platform")
log = logging.getLogger("praxis.auth")
ALGORITHMS = ["RS256", "ES256"]
MAX_TOKEN_LENGTH = 8192
MAX_ORG_LENGTH = 64  # organisation ids are stored in 64-character columns
MAX_SUB_LENGTH = 255
PROFILE_CLAIMS = ("email", "name", "locale")
MAX_PROFILE_CLAIM_LENGTH = 320
# Verified tokens are remembered (a signature check costs more than the rest of a small request): at most this
# many, each until its expiry or for VERIFIED_SECONDS, whichever comes first, so a key the IdP withdraws still
# stops working within the JWKS refresh (5 minutes) plus this.
VERIFIED_CACHE_SIZE = 4096
VERIFIED_SECONDS = 60.0


@dataclass(frozen=True)
class Principal:
    sub: str
    org: str
    org_kind: OrgKind
    roles: frozenset[str]
    # Optional profile claims (OpenID Connect's `email`, `name`, `locale`), when the token carries them: what a
    # user's own registration (e.g. notifications' directory) may take from it. None when absent or not a string.
    email: str | None = None
    name: str | None = None
    locale: str | None = None

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
        self._algorithms = [_algorithm_for(self._key)] if self._key is not None else ALGORITHMS
        # The key set is cached for 5 minutes, so a key the IdP withdraws stops working within that;
        # no per-key cache (PyJWT's never expires). A slow IdP costs at most 3 s per fetch.
        self._jwks = jwt.PyJWKClient(jwks_url, cache_keys=False, lifespan=300, timeout=3) if jwks_url else None
        self._verified: dict[str, tuple[float, Principal]] = {}

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
        if len(token) > MAX_TOKEN_LENGTH:
            raise Unauthenticated("token too long")
        now = time.time()
        known = self._verified.get(token)
        if known is not None and known[0] > now:
            return known[1]
        try:
            if self._jwks is not None:
                # PyJWKClient fetches over blocking HTTP (cached); keep it off the event loop.
                jwk = await asyncio.to_thread(self._jwks.get_signing_key_from_jwt, token)
                key, algorithms = jwk.key, [jwk.algorithm_name] if jwk.algorithm_name in ALGORITHMS else []
            else:
                key, algorithms = self._key, self._algorithms
            claims = jwt.decode(
                token,
                key,
                algorithms=algorithms,
                audience=self.audience,
                issuer=self.issuer,
                leeway=self.leeway,
                options={"require": ["exp", "sub", "iss", "aud"]},
            )
        except jwt.ExpiredSignatureError as exc:
            raise Unauthenticated("token expired") from exc
        except jwt.PyJWKClientConnectionError as exc:
            log.warning("cannot fetch the identity provider's keys: %s", exc)
            raise Unavailable("cannot verify tokens right now: the identity provider's keys are unreachable") from exc
        except jwt.PyJWTError as exc:
            raise Unauthenticated(f"invalid token: {exc}") from exc
        except Exception as exc:  # a token crafted to trip key handling (wrong key type, odd encodings)
            raise Unauthenticated("invalid token") from exc
        principal = principal_from_claims(claims)
        self._remember(
            token, principal, until=min(float(claims["exp"]) + self.leeway.total_seconds(), now + VERIFIED_SECONDS)
        )
        return principal

    def _remember(self, token: str, principal: Principal, *, until: float) -> None:
        if len(self._verified) >= VERIFIED_CACHE_SIZE:
            del self._verified[next(iter(self._verified))]  # the oldest entry, which also expires first
        self._verified[token] = (until, principal)


def principal_from_claims(claims: dict) -> Principal:
    org, kind, roles = claims.get("org"), claims.get("org_kind"), claims.get("roles", [])
    if not isinstance(org, str) or not org or len(org) > MAX_ORG_LENGTH:
        raise Unauthenticated(f"token's 'org' claim must be a string of 1 to {MAX_ORG_LENGTH} characters")
    sub = claims["sub"]
    if not isinstance(sub, str) or not sub or len(sub) > MAX_SUB_LENGTH:
        raise Unauthenticated(f"token's 'sub' claim must be a string of 1 to {MAX_SUB_LENGTH} characters")
    if kind not in ORG_KINDS:
        raise Unauthenticated(f"token's 'org_kind' must be one of {', '.join(ORG_KINDS)}")
    if not isinstance(roles, list) or not all(isinstance(r, str) for r in roles):
        raise Unauthenticated("token's 'roles' must be a list of strings")
    return Principal(
        sub=sub,
        org=org,
        org_kind=kind,
        roles=frozenset(roles),
        **{name: _profile_claim(claims, name) for name in PROFILE_CLAIMS},
    )


def _profile_claim(claims: dict, name: str) -> str | None:
    """An optional profile claim, or None when it is not one a service can keep (too long, control characters, an
    `email` that is not an address): a token's claims are input like any other."""
    value = claims.get(name)
    if not isinstance(value, str) or not 0 < len(value) <= MAX_PROFILE_CLAIM_LENGTH or has_control_characters(value):
        return None
    return value if name != "email" or is_email(value) else None


def _algorithm_for(key) -> str:
    if isinstance(key, ec.EllipticCurvePublicKey):
        return "ES256"
    if isinstance(key, rsa.RSAPublicKey):
        return "RS256"
    raise ValueError(f"unsupported public key type {type(key).__name__}; use an EC P-256 or RSA key")


def bearer_token(authorization: str | None) -> str:
    if not authorization:
        raise Unauthenticated("missing bearer token (Authorization: Bearer …)")
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthenticated("Authorization header must be 'Bearer <token>'")
    return token.strip()
