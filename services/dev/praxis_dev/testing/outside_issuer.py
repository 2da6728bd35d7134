"""An Open Badges 3.0 issuer outside Praxis, for tests: its own P-256 key, identified by a did:jwk, signing native
VC-JWTs with PyJWT (not the joserfc Praxis signs with, so a check passes on the format, not on shared code)."""

from __future__ import annotations

import base64
import json
import uuid
from datetime import UTC, datetime

import jwt
from cryptography.hazmat.primitives.asymmetric import ec
from jwt.algorithms import ECAlgorithm

OB3_CONTEXT = ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"]


class OutsideIssuer:
    def __init__(self, name: str = "National Vocational Skills Contest Committee") -> None:
        self.name = name
        self.key = ec.generate_private_key(ec.SECP256R1())
        public = json.loads(ECAlgorithm.to_jwk(self.key.public_key()))
        self.public_jwk = {k: public[k] for k in ("kty", "crv", "x", "y")}
        encoded = base64.urlsafe_b64encode(json.dumps(self.public_jwk, separators=(",", ":")).encode())
        self.did = "did:jwk:" + encoded.decode().rstrip("=")

    def credential(self, achievement: str, *, awarded: datetime, subject: str = "mailto:student@example.edu") -> dict:
        """An OB3 AchievementCredential (unsigned) naming this issuer."""
        return {
            "@context": OB3_CONTEXT,
            "id": f"urn:uuid:{uuid.uuid4()}",
            "type": ["VerifiableCredential", "OpenBadgeCredential"],
            "issuer": {"id": self.did, "type": ["Profile"], "name": self.name},
            "validFrom": awarded.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "name": achievement,
            "credentialSubject": {
                "type": ["AchievementSubject"],
                "id": subject,
                "achievement": {
                    "id": f"urn:uuid:{uuid.uuid4()}",
                    "type": ["Achievement"],
                    "name": achievement,
                    "description": achievement,
                    "criteria": {"narrative": "Awarded by the contest's jury."},
                },
            },
        }

    def sign(self, credential: dict, *, key=None, headers: dict | None = None) -> str:
        """The credential as a native VC-JWT (the payload is the credential with `iss`, `jti`, `nbf`, `sub`)."""
        valid_from = datetime.fromisoformat(credential["validFrom"].replace("Z", "+00:00"))
        claims = {
            **credential,
            "iss": credential["issuer"]["id"],
            "jti": credential["id"],
            "nbf": int(valid_from.timestamp()),
            "sub": credential["credentialSubject"]["id"],
        }
        header = {"kid": f"{self.did}#0", "typ": "JWT", **(headers or {})}
        return jwt.encode(claims, key or self.key, algorithm="ES256", headers=header)

    def badge(self, achievement: str, *, awarded: datetime) -> str:
        return self.sign(self.credential(achievement, awarded=awarded))
