"""Schemathesis hooks for tests/test_api_fuzzing.py: each generated request carries one of several real tokens.

Loaded by the schemathesis CLI through SCHEMATHESIS_HOOKS; the tokens come in PRAXIS_FUZZ_TOKENS (a JSON list).
The choice depends on the request (operation and path), so a run is reproducible with its seed while a school's
admin, an enterprise's HR and their staff all reach every operation."""

from __future__ import annotations

import hashlib
import json
import os

import schemathesis

TOKENS: list[str] = json.loads(os.environ.get("PRAXIS_FUZZ_TOKENS", "[]"))


@schemathesis.auth(refresh_interval=None)
class RotatingTokens:
    def get(self, case, context):
        key = f"{case.method} {case.formatted_path}".encode()
        return TOKENS[int.from_bytes(hashlib.sha256(key).digest()[:4], "big") % len(TOKENS)]

    def set(self, case, data, context):
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {data}"}
