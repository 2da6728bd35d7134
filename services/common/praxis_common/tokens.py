"""Development keys and tokens for the embedded default (`praxis keygen`, `praxis token`).

Never used by a service to verify: services only read the public key (or a JWKS URL)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

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
) -> str:
    now = datetime.now(UTC)
    claims = {
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
    return jwt.encode(claims, private_key_pem, algorithm="ES256")
