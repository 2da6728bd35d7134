"""Organisations' private signing keys, sealed at rest: Fernet (AES-128-CBC with HMAC-SHA256, from `cryptography`)
under the service's key-encryption key (settings: CREDENTIALS_KEY_ENCRYPTION_KEY, a mounted secret). A database
dump alone signs nothing."""

from __future__ import annotations

import json

from cryptography.fernet import Fernet


class KeyStore:
    def __init__(self, key_encryption_key: str) -> None:
        self._fernet = Fernet(key_encryption_key)

    def seal(self, private_jwk: dict) -> bytes:
        return self._fernet.encrypt(json.dumps(private_jwk).encode())

    def open(self, sealed: bytes) -> dict:
        return json.loads(self._fernet.decrypt(bytes(sealed)))
