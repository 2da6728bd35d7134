"""REST routes of the feedback survey (a placement's /feedback) and the base tiers (a base's /tier,
/tier-evidence, /tier-history); thin."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Request, Response

from internships.handlers import base_tiers, feedback
from internships.schemas.tiers import (
    FeedbackCreate,
    FeedbackRead,
    TierConfirm,
    TierConfirmedRead,
    TierEvidenceRead,
    TierHistoryRead,
)
from praxis_common.http import AuthorityPrincipalDep, IdempotencyKey, PrincipalDep, created
from praxis_common.service import Runtime


def router(rt: Runtime) -> APIRouter:
    r = APIRouter(prefix="/v1", tags=["feedback and base tiers"])

    @r.post(
        "/placements/{placement_id}/feedback",
        operation_id="giveFeedback",
        status_code=201,
        response_model=FeedbackRead,
        summary="The placement's student answers its feedback survey (once)",
    )
    async def give(
        request: Request,
        placement_id: uuid.UUID,
        body: FeedbackCreate,
        principal: PrincipalDep,
        idempotency_key: IdempotencyKey = None,
    ) -> Response:
        """Only the placement's student, from 7 days before its end date while active, or once it completed or was
        terminated (409 `feedback-not-open` earlier). A second answer is 409 `feedback-given`. Another student gets
        404; the school's staff and the enterprise 403. Send an Idempotency-Key to retry safely."""

        async def make(uow) -> tuple[FeedbackRead, str]:
            given = await feedback.give_feedback(body.to_command(placement_id), principal, uow=uow, clock=rt.clock)
            return FeedbackRead.of(given), f"/v1/placements/{placement_id}/feedback"

        return await created(request, principal, rt.uow, idempotency_key, body=body, create=make)

    @r.get(
        "/placements/{placement_id}/feedback",
        operation_id="getFeedback",
        response_model=FeedbackRead,
        summary="The student's answers (the student and the school's staff)",
    )
    async def get(placement_id: uuid.UUID, principal: PrincipalDep) -> FeedbackRead:
        """The enterprise gets 403: it sees a base's figures over at least 3 answers in the tier evidence, never a
        student's answers. 404 before the student answered."""
        return FeedbackRead.of(await feedback.get_feedback(placement_id, principal, uow=rt.uow))

    @r.post(
        "/bases/{base_id}/tier",
        operation_id="confirmBaseTier",
        status_code=201,
        response_model=TierConfirmedRead,
        summary="Confirm a base's tier (the school of its agreement, or a platform authority)",
    )
    async def confirm(
        request: Request,
        base_id: uuid.UUID,
        body: TierConfirm,
        principal: AuthorityPrincipalDep,
        idempotency_key: IdempotencyKey = None,
    ) -> Response:
        """The school's admin (or a platform authority: a platform token with the role `authority`) sets the tier in force, with a reason; the
        decision keeps the evidence as it stood (see tier-evidence). The enterprise, which proposed the tier, gets
        403. Each call is a decision in the base's tier history; send an Idempotency-Key to retry safely."""

        async def make(uow) -> tuple[TierConfirmedRead, str]:
            base, decision = await base_tiers.confirm_tier(body.to_command(base_id), principal, uow=uow, clock=rt.clock)
            return TierConfirmedRead.of(base, decision), f"/v1/bases/{base_id}/tier-history"

        return await created(request, principal, rt.uow, idempotency_key, body=body, create=make)

    @r.get(
        "/bases/{base_id}/tier-evidence",
        operation_id="getBaseTierEvidence",
        response_model=TierEvidenceRead,
        summary="The recommended tier of a base and the evidence it rests on",
    )
    async def evidence(base_id: uuid.UUID, principal: AuthorityPrincipalDep) -> TierEvidenceRead:
        """To both parties of the base's agreement and a platform authority. Each item gives its value, the least
        value for tier 1 and tier 2, and how many placements (or survey answers) it rests on; an item resting on
        fewer than 3 is insufficient, and with fewer than 3 started placements there is no recommendation."""
        return TierEvidenceRead.of(await base_tiers.tier_evidence(base_id, principal, uow=rt.uow, clock=rt.clock))

    @r.get(
        "/bases/{base_id}/tier-history",
        operation_id="getBaseTierHistory",
        response_model=TierHistoryRead,
        summary="Every decision on a base's tier, newest first, with the evidence each rested on",
    )
    async def history(base_id: uuid.UUID, principal: AuthorityPrincipalDep) -> TierHistoryRead:
        return TierHistoryRead.of(*await base_tiers.tier_history(base_id, principal, uow=rt.uow))

    return r
