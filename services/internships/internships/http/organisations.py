"""REST routes for organisation profiles (/v1/organisations); thin: validate, call the handler, map out."""

from __future__ import annotations

from fastapi import APIRouter

from internships import handlers
from internships.schemas.organisations import ProfilePut, ProfileRead
from praxis_common.http import PrincipalDep
from praxis_common.service import Runtime
from praxis_common.validation import OrgId


def router(rt: Runtime) -> APIRouter:
    r = APIRouter(prefix="/v1/organisations", tags=["organisations"])

    @r.put(
        "/me",
        operation_id="putOwnOrganisationProfile",
        response_model=ProfileRead,
        summary="Create or replace the caller's organisation's profile",
    )
    async def put_own(body: ProfilePut, principal: PrincipalDep) -> ProfileRead:
        """A school's admin, or an enterprise's admin or HR. The kind is the token's: a school gives its
        `school_code`, an enterprise its `uscc` (checked with its GB 32100-2015 check character). Each change is an
        `internships.organisation.profile_updated` event; a PUT that changes nothing keeps the version."""
        return ProfileRead.of(await handlers.put_own_profile(body.to_command(), principal, uow=rt.uow, clock=rt.clock))

    @r.get(
        "/me",
        operation_id="getOwnOrganisationProfile",
        response_model=ProfileRead,
        summary="The caller's organisation's profile (404 until it has one)",
    )
    async def get_own(principal: PrincipalDep) -> ProfileRead:
        return ProfileRead.of(await handlers.get_own_profile(principal, uow=rt.uow))

    @r.get(
        "/{org}",
        operation_id="getOrganisationProfile",
        response_model=ProfileRead,
        summary="An organisation's profile (itself and its partners; others get 404)",
    )
    async def get(org: OrgId, principal: PrincipalDep) -> ProfileRead:
        """Partners are organisations of the other kind with which it shares an agreement in any state."""
        return ProfileRead.of(await handlers.get_profile(org, principal, uow=rt.uow))

    return r
