"""Development keys and tokens for the embedded default (`praxis keygen`, `praxis token`).

Never used by a service to verify: services only read the public key (or a JWKS URL)."""

from __future__ import annotations

import base64
import hashlib
import json
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from jwt.algorithms import ECAlgorithm

PRIVATE_KEY = "jwt-private.pem"
PUBLIC_KEY = "jwt-public.pem"


def generate_keypair(directory: Path) -> tuple[Path, Path]:
    """Write an ES256 key pair into `directory` unless one is there already."""
    directory.mkdir(parents=True, exist_ok=True)
    private_path, public_path = directory / PRIVATE_KEY, directory / PUBLIC_KEY
    if not private_path.exists():
        key = ec.generate_private_key(ec.SECP256R1())
        private_path.write_bytes(
            key.private_bytes(
                serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
            )
        )
        private_path.chmod(0o600)
        public_path.write_bytes(
            key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        )
    return private_path, public_path


def public_jwk(public_pem: bytes | str) -> dict:
    """The public key as a JWK with `kid` = its RFC 7638 thumbprint (what a JWKS endpoint serves)."""
    key = serialization.load_pem_public_key(public_pem.encode() if isinstance(public_pem, str) else public_pem)
    jwk = ECAlgorithm.to_jwk(key, as_dict=True)
    canonical = json.dumps({k: jwk[k] for k in ("crv", "kty", "x", "y")}, separators=(",", ":"), sort_keys=True)
    kid = base64.urlsafe_b64encode(hashlib.sha256(canonical.encode()).digest()).rstrip(b"=").decode()
    return {**jwk, "kid": kid, "alg": "ES256", "use": "sig"}


def mint_token(
    private_key_pem: bytes | str,
    *,
    org: str,
    org_kind: str,
    roles: list[str],
    sub: str | None = None,
    issuer: str = "praxis-dev",
    audience: str = "praxis",
    ttl: timedelta = timedelta(hours=12),
    profile: dict[str, object] | None = None,
) -> str:
    """A signed token; `profile` adds OpenID Connect profile claims (email, name, locale)."""
    now = datetime.now(UTC)
    claims = {
        **(profile or {}),
        "sub": sub or f"{org}:user",
        "org": org,
        "org_kind": org_kind,
        "roles": roles,
        "iss": issuer,
        "aud": audience,
        "iat": now,
        "nbf": now,
        "exp": now + ttl,
        "jti": uuid.uuid4().hex,
    }
    private = serialization.load_pem_private_key(
        private_key_pem.encode() if isinstance(private_key_pem, str) else private_key_pem, password=None
    )
    public_pem = private.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return jwt.encode(claims, private, algorithm="ES256", headers={"kid": public_jwk(public_pem)["kid"]})
