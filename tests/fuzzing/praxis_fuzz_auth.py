"""Schemathesis hooks for tests/support/schemathesis_run.py (tests/test_api_fuzzing_<service>.py): each generated
request carries one of several real tokens.

Loaded by the schemathesis CLI through SCHEMATHESIS_HOOKS; the tokens come in PRAXIS_FUZZ_TOKENS (a JSON list).
The choice depends on the request (operation and path), so a run is reproducible with its seed while a school's
admin, an enterprise's HR and their staff all reach every operation."""

from __future__ import annotations

import hashlib
import json
import os

import schemathesis

TOKENS: list[str] = json.loads(os.environ.get("PRAXIS_FUZZ_TOKENS", "[]"))


def identity_key(case) -> str:
    """Which token a request carries. Outside the stateful phase: by operation and path, so every caller reaches every
    operation. In the stateful phase a chain creates a resource and then reads or changes it (`POST /v1/x`, then
    `GET /v1/x/{id}`): one identity per resource family (`/v1/x`), so the reader is the creator. Another
    organisation's 404 for it is the isolation the isolation tests assert, not a finding ("created resource not found")."""
    meta = getattr(case, "_meta", None)
    if meta is not None and str(meta.phase.name) == "stateful":
        return "/".join(case.formatted_path.split("/")[:3])
    return f"{case.method} {case.formatted_path}"


@schemathesis.auth(refresh_interval=None)
class RotatingTokens:
    def get(self, case, context):
        key = identity_key(case).encode()
        return TOKENS[int.from_bytes(hashlib.sha256(key).digest()[:4], "big") % len(TOKENS)]

    def set(self, case, data, context):
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {data}"}
