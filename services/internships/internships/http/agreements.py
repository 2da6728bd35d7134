"""REST routes for cooperation agreements (/v1/agreements); thin: validate, call the handler, map out."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Request, Response

from internships import handlers
from internships.domain import commands
from internships.domain.agreements import Status
from internships.handlers import feeds
from internships.schemas.agreements import (
    AgreementChanges,
    AgreementCreate,
    AgreementPage,
    AgreementRead,
    AgreementTerminate,
    AgreementTerminated,
)
from praxis_common.feeds import feed_items, one_of
from praxis_common.http import IdempotencyKey, PrincipalDep, created
from praxis_common.queries import PageSize, PageToken, UpdatedSince
from praxis_common.service import Runtime


def router(rt: Runtime) -> APIRouter:
    r = APIRouter(prefix="/v1/agreements", tags=["agreements"])

    @r.post(
        "", operation_id="createAgreement", status_code=201, response_model=AgreementRead, summary="Draft an agreement"
    )
    async def create(
        request: Request, body: AgreementCreate, principal: PrincipalDep, idempotency_key: IdempotencyKey = None
    ) -> Response:
        """Either party drafts; each then signs with its own token. Send an Idempotency-Key to retry safely."""

        async def draft(uow) -> tuple[AgreementRead, str]:
            agreement = await handlers.draft_agreement(body.to_command(), principal, uow=uow, clock=rt.clock)
            return AgreementRead.of(agreement), f"/v1/agreements/{agreement.id}"

        return await created(request, principal, rt.uow, idempotency_key, body=body, create=draft)

    @r.get(
        "",
        operation_id="listAgreements",
        response_model=AgreementPage | AgreementChanges,
        summary="The caller's agreements, newest first; with updated_since, the changes since a cursor",
    )
    async def list_(
        principal: PrincipalDep,
        status: Status | None = None,
        page_size: PageSize = 50,
        page_token: PageToken = None,
        updated_since: UpdatedSince = None,
    ) -> AgreementPage | AgreementChanges:
        one_of(updated_since, page_token)
        if updated_since is not None:
            changes = await feeds.agreement_changes(
                feeds.Feed(updated_since, page_size), principal, uow=rt.uow, status=status
            )
            return AgreementChanges(
                items=feed_items(changes.items, AgreementRead.of),
                next_cursor=changes.next_cursor,
                has_more=changes.has_more,
            )
        items, token = await handlers.list_agreements(
            commands.ListAgreements(status=status, page_size=page_size, page_token=page_token), principal, uow=rt.uow
        )
        return AgreementPage(items=[AgreementRead.of(a) for a in items], next_page_token=token)

    @r.get(
        "/{agreement_id}",
        operation_id="getAgreement",
        response_model=AgreementRead,
        summary="One agreement (either party; others get 404)",
    )
    async def get(agreement_id: uuid.UUID, principal: PrincipalDep) -> AgreementRead:
        return AgreementRead.of(await handlers.get_agreement(agreement_id, principal, uow=rt.uow))

    @r.post(
        "/{agreement_id}/sign",
        operation_id="signAgreement",
        response_model=AgreementRead,
        summary="Sign for the caller's side; active once both signed and the period has begun",
    )
    async def sign(agreement_id: uuid.UUID, principal: PrincipalDep) -> AgreementRead:
        return AgreementRead.of(
            await handlers.sign_agreement(commands.SignAgreement(agreement_id), principal, uow=rt.uow, clock=rt.clock)
        )

    @r.post(
        "/{agreement_id}/terminate",
        operation_id="terminateAgreement",
        response_model=AgreementTerminated,
        summary="End the agreement (either party)",
    )
    async def terminate(
        agreement_id: uuid.UUID, body: AgreementTerminate, principal: PrincipalDep
    ) -> AgreementTerminated:
        """Ends the agreement and, in the same transaction, winds down what hangs off it: requested placements are
        rejected and confirmed ones withdrawn (reason `agreement-ended`), active ones run to their end date unless
        `end_active_placements` is set with `active_placements_reason`, and the enterprise's positions that no
        remaining agreement covers close. The answer lists what changed; every change is an event too."""
        done = await handlers.terminate_agreement(body.to_command(agreement_id), principal, uow=rt.uow, clock=rt.clock)
        return AgreementTerminated.of_termination(done)

    return r
