"""Organisation profiles for tests that draft agreements (an agreement needs both parties' profiles): the REST
helpers of praxis_dev.testing.organisations (shared with the benchmarks), the same PUT over gRPC, and `register`
for a module's organisations."""

from __future__ import annotations

import httpx

from praxis.internships.v1 import organisations_pb2 as opb
from praxis.internships.v1 import organisations_pb2_grpc as opb_grpc
from praxis_dev.testing.organisations import ensure_partners, ensure_profile, profile_body, uscc

__all__ = ["ensure_partners", "ensure_profile", "ensure_profile_grpc", "profile_body", "register", "uscc"]


async def ensure_profile_grpc(channel, stack, org: str, kind: str) -> opb.OrganisationProfile:
    """The same PUT over gRPC (OrganisationsService.PutOwnProfile) on an open channel to internships."""
    metadata = (("authorization", f"Bearer {stack.token(org, kind, 'admin')}"),)
    answer = await opb_grpc.OrganisationsServiceStub(channel).PutOwnProfile(
        opb.PutOwnProfileRequest(**profile_body(org, kind)), metadata=metadata, timeout=30
    )
    return answer.profile


async def register(stack, *orgs: tuple[str, str]) -> None:
    """`await register(stack, ("school-x", "school"), ("ent-x", "enterprise"))`: each profile, on a client of its own."""
    async with httpx.AsyncClient(base_url=stack["internships"].base_url, timeout=30) as client:
        for org, kind in orgs:
            await ensure_profile(client, stack, org, kind)
