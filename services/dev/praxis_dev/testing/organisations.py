"""Organisation profiles for whatever drafts agreements against a running internships service (tests, benchmarks):
an agreement needs both parties' profiles. A valid unified social credit code and school code made up for an
organisation id, and the PUT that registers the profile. The codes are computed here with GB 32100-2015's
algorithm, independently of the service's own."""

from __future__ import annotations

import hashlib
import random

import httpx

USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def check_character(body: str) -> str:
    """The 18th character of a USCC for its first 17: weights 3^(i-1) mod 31, check (31 - Σ mod 31) mod 31."""
    total = sum(USCC_CHARSET.index(c) * pow(3, i, 31) for i, c in enumerate(body))
    return USCC_CHARSET[(31 - total % 31) % 31]


def uscc(rng: random.Random) -> str:
    """A real-format code: registration authority and entity type, a 6-digit division code, a random 9-character
    organisation code, and its check character."""
    body = rng.choice("9Y1") + rng.choice("123") + "".join(rng.choice("0123456789") for _ in range(6))
    body += "".join(rng.choice(USCC_CHARSET) for _ in range(9))
    return body + check_character(body)


def profile_body(org: str, kind: str) -> dict:
    """A complete profile for `org` (PUT /v1/organisations/me), the same every time for the same org."""
    rng = random.Random(hashlib.sha256(org.encode()).digest())
    body = {"name_en": f"{org} ({kind})", "contact_email": "office@example.org"}
    if kind == "school":
        return body | {"name_zh": f"{org} 职业技术学院", "school_code": "41" + str(rng.randrange(10**8)).zfill(8)}
    return body | {"name_zh": f"{org} 有限公司", "uscc": uscc(rng)}


async def ensure_profile(client: httpx.AsyncClient, stack, org: str, kind: str) -> dict:
    """PUT `org`'s profile as its admin (idempotent: the same body again changes nothing); `client` talks to the
    internships service, `stack` mints the token (praxis_dev.testing.stack.Stack)."""
    r = await client.put("/v1/organisations/me", json=profile_body(org, kind), headers=stack.auth(org, kind, "admin"))
    assert r.status_code == 200, r.text
    return r.json()


async def ensure_partners(client: httpx.AsyncClient, stack, school: str, enterprise: str) -> None:
    """Both profiles an agreement between `school` and `enterprise` needs."""
    await ensure_profile(client, stack, school, "school")
    await ensure_profile(client, stack, enterprise, "enterprise")
