"""Organisation profiles for handler-level tests that draft agreements (an agreement needs both parties' profiles):
`await register(uow, ("s1", "school"), ("e1", "enterprise"))` puts each one through the use case, as its admin."""

from __future__ import annotations

import hashlib

from internships import handlers
from internships.domain import commands
from internships.domain.organisations import USCC_CHARSET, ProfileDetails, uscc_check_character
from praxis_common.auth import Principal


def details(org: str, kind: str) -> ProfileDetails:
    """A valid profile for `org`, the same each time (codes derived from the org id)."""
    digest = hashlib.sha256(org.encode()).digest()
    if kind == "school":
        return ProfileDetails(name_en=org, school_code="41" + str(int.from_bytes(digest[:4]) % 10**8).zfill(8))
    body = "91" + str(int.from_bytes(digest[:4]) % 10**6).zfill(6) + "".join(USCC_CHARSET[b % 31] for b in digest[4:13])
    return ProfileDetails(name_en=org, uscc=body + uscc_check_character(body))


async def register(uow, *orgs: tuple[str, str]) -> None:
    """Put a profile for each (org, kind) (idempotent)."""
    for org, kind in orgs:
        admin = Principal(sub=f"{org}-admin", org=org, org_kind=kind, roles=frozenset({"admin"}))
        await handlers.put_own_profile(commands.PutOwnProfile(details(org, kind)), admin, uow=uow)
