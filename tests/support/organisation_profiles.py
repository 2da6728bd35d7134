"""Organisation profiles for tests that draft agreements (an agreement needs both parties' profiles): a valid
unified social credit code and school code made up for an organisation id, and the PUT that registers it over REST
or gRPC. The codes are computed here with GB 32100-2015's algorithm, independently of the service's own."""

from __future__ import annotations

import hashlib
import random

import httpx

from praxis.internships.v1 import organisations_pb2 as opb
from praxis.internships.v1 import organisations_pb2_grpc as opb_grpc

CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def check_character(body: str) -> str:
    """The 18th character of a USCC for its first 17: weights 3^(i-1) mod 31, check (31 - Σ mod 31) mod 31."""
    total = sum(CHARSET.index(c) * pow(3, i, 31) for i, c in enumerate(body))
    return CHARSET[(31 - total % 31) % 31]


def uscc(rng: random.Random) -> str:
    """A real-format code: registration authority and entity type, a 6-digit division code, a random 9-character
    organisation code, and its check character."""
    body = rng.choice("9Y1") + rng.choice("123") + "".join(rng.choice("0123456789") for _ in range(6))
    body += "".join(rng.choice(CHARSET) for _ in range(9))
    return body + check_character(body)


def _rng(org: str) -> random.Random:
    return random.Random(hashlib.sha256(org.encode()).digest())


def profile_body(org: str, kind: str) -> dict:
    """A complete profile for `org`, the same every time for the same org."""
    rng = _rng(org)
    body = {"name_en": f"{org} ({kind})", "contact_email": "office@example.org"}
    if kind == "school":
        return body | {"name_zh": f"{org} 职业技术学院", "school_code": "41" + str(rng.randrange(10**8)).zfill(8)}
    return body | {"name_zh": f"{org} 有限公司", "uscc": uscc(rng)}


def manager_token(stack, org: str, kind: str) -> str:
    return stack.token(org, kind, "admin")


async def ensure_profile(client: httpx.AsyncClient, stack, org: str, kind: str) -> dict:
    """PUT `org`'s profile (idempotent: the same body again changes nothing) with an admin's token; `client` talks
    to the internships service."""
    headers = {"Authorization": f"Bearer {manager_token(stack, org, kind)}"}
    r = await client.put("/v1/organisations/me", json=profile_body(org, kind), headers=headers)
    assert r.status_code == 200, r.text
    return r.json()


async def ensure_partners(client: httpx.AsyncClient, stack, school: str, enterprise: str) -> None:
    """Both profiles an agreement between `school` and `enterprise` needs."""
    await ensure_profile(client, stack, school, "school")
    await ensure_profile(client, stack, enterprise, "enterprise")


async def ensure_profile_grpc(channel, stack, org: str, kind: str) -> opb.OrganisationProfile:
    """The same over gRPC (OrganisationsService.PutOwnProfile) on an open channel to internships."""
    metadata = (("authorization", f"Bearer {manager_token(stack, org, kind)}"),)
    answer = await opb_grpc.OrganisationsServiceStub(channel).PutOwnProfile(
        opb.PutOwnProfileRequest(**profile_body(org, kind)), metadata=metadata, timeout=30
    )
    return answer.profile


async def register(stack, *orgs: tuple[str, str]) -> None:
    """`await register(stack, ("school-x", "school"), ("ent-x", "enterprise"))`: each profile, on a client of its own."""
    async with httpx.AsyncClient(base_url=stack["internships"].base_url, timeout=30) as client:
        for org, kind in orgs:
            await ensure_profile(client, stack, org, kind)
