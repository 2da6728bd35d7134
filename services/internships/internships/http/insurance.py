"""REST routes for insurance (/v1/insurance-policies, a placement's /insurance, /v1/reports/insurance-gaps); thin."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Request, Response

from internships.handlers import insurance as handlers
from internships.schemas.insurance import (
    InsuranceGapPage,
    InsuranceGapRead,
    PlacementInsuranceRead,
    PolicyAttach,
    PolicyAttached,
    PolicyCreate,
    PolicyPage,
    PolicyRead,
)
from praxis_common.http import IdempotencyKey, PrincipalDep, created
from praxis_common.queries import PageSize, PageToken
from praxis_common.service import Runtime


def router(rt: Runtime) -> APIRouter:
    r = APIRouter(tags=["insurance"])
    compliance = rt.settings.compliance

    @r.post(
        "/v1/insurance-policies",
        operation_id="recordInsurancePolicy",
        status_code=201,
        response_model=PolicyRead,
        summary="Record an insurance policy the caller's organisation holds",
    )
    async def record(
        request: Request, body: PolicyCreate, principal: PrincipalDep, idempotency_key: IdempotencyKey = None
    ) -> Response:
        """A school (admin, coordinator) or an enterprise (admin, HR) records a policy: insurer, number, coverage
        type, period and who pays. Under the default compliance policy a `payer` of `student` is a 422
        (`insurance-payer`). Send an Idempotency-Key to retry safely."""

        async def make(uow) -> tuple[PolicyRead, str]:
            policy = await handlers.record_policy(
                body.to_command(), principal, uow=uow, compliance=compliance, clock=rt.clock
            )
            return PolicyRead.of(policy), f"/v1/insurance-policies/{policy.id}"

        return await created(request, principal, rt.uow, idempotency_key, body=body, create=make)

    @r.get(
        "/v1/insurance-policies",
        operation_id="listInsurancePolicies",
        response_model=PolicyPage,
        summary="The caller's organisation's insurance policies, newest first",
    )
    async def list_(principal: PrincipalDep, page_size: PageSize = 50, page_token: PageToken = None) -> PolicyPage:
        items, token = await handlers.list_policies(handlers.Page(page_size, page_token), principal, uow=rt.uow)
        return PolicyPage(items=[PolicyRead.of(p) for p in items], next_page_token=token)

    @r.get(
        "/v1/insurance-policies/{policy_id}",
        operation_id="getInsurancePolicy",
        response_model=PolicyRead,
        summary="One insurance policy (its owner; others get 404)",
    )
    async def get(policy_id: uuid.UUID, principal: PrincipalDep) -> PolicyRead:
        return PolicyRead.of(await handlers.get_policy(policy_id, principal, uow=rt.uow))

    @r.post(
        "/v1/insurance-policies/{policy_id}/placements",
        operation_id="attachInsurancePolicy",
        response_model=PolicyAttached,
        summary="Attach one policy to many placements (all or nothing)",
    )
    async def attach(policy_id: uuid.UUID, body: PolicyAttach, principal: PrincipalDep) -> PolicyAttached:
        """The owner attaches its policy to up to 500 placements it is a party to (an insurer's roster). If any
        cannot be insured, none is: a 422 lists each refused item as `placement_ids.<i>` (a placement the caller is
        not a party to is "no such placement"). Listing a placement attached already is not an error."""
        done = await handlers.attach_policy(body.to_command(policy_id), principal, uow=rt.uow, clock=rt.clock)
        return PolicyAttached.of(policy_id, done)

    @r.get(
        "/v1/placements/{placement_id}/insurance",
        operation_id="getPlacementInsurance",
        response_model=PlacementInsuranceRead,
        summary="A placement's insurance policies and whether they cover it",
    )
    async def of_placement(placement_id: uuid.UUID, principal: PrincipalDep) -> PlacementInsuranceRead:
        """To the placement's school, enterprise and student; 404 to anyone else."""
        return PlacementInsuranceRead.of(await handlers.placement_insurance(placement_id, principal, uow=rt.uow))

    @r.get(
        "/v1/reports/insurance-gaps",
        operation_id="getInsuranceGaps",
        response_model=InsuranceGapPage,
        summary="Current placements whose liability cover ends too early, or is missing",
    )
    async def gaps(principal: PrincipalDep, page_size: PageSize = 50, page_token: PageToken = None) -> InsuranceGapPage:
        """The caller's organisation's requested, confirmed and active placements whose internship liability
        policies do not cover every day of the placement, by start date."""
        items, token = await handlers.insurance_gaps(handlers.Page(page_size, page_token), principal, uow=rt.uow)
        return InsuranceGapPage(items=[InsuranceGapRead.of(g) for g in items], next_page_token=token)

    return r
