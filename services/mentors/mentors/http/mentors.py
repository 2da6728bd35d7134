"""REST routes for mentors (/v1/mentors): the caller's organisation's own, managed by its admins."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Request, Response

from mentors.handlers import mentors as handlers
from mentors.schemas.mentors import (
    CertificateIn,
    CertificateRead,
    MentorCreate,
    MentorPage,
    MentorRead,
    MentorUpdate,
    PracticePeriodIn,
    PracticePeriodRead,
)
from praxis_common.errors import InvalidInput
from praxis_common.http import IdempotencyKey, PrincipalDep, created
from praxis_common.queries import PageSize, PageToken
from praxis_common.service import Runtime


def router(rt: Runtime) -> APIRouter:
    r = APIRouter(prefix="/v1/mentors", tags=["mentors"])
    rule = rt.settings.dual_rule

    @r.post(
        "",
        operation_id="createMentor",
        status_code=201,
        response_model=MentorRead,
        summary="Create a mentor of your organisation",
    )
    async def create(
        request: Request, body: MentorCreate, principal: PrincipalDep, idempotency_key: IdempotencyKey = None
    ) -> Response:
        """A school creates school mentors (its teachers), an enterprise enterprise mentors (its staff); roles
        admin/coordinator (school) or admin/hr (enterprise). The new mentor's capacity goes at once to the
        organisation's oldest assignments waiting for a mentor. Send an Idempotency-Key."""

        async def create_it(uow):
            details = await handlers.create_mentor(body.to_command(), principal, uow=uow, rule=rule, clock=rt.clock)
            return MentorRead.of(details), f"/v1/mentors/{details.mentor.id}"

        return await created(request, principal, rt.uow, idempotency_key, body=body, create=create_it)

    @r.get("", operation_id="listMentors", response_model=MentorPage, summary="List your organisation's mentors")
    async def list_(
        principal: PrincipalDep, active_only: bool = False, page_size: PageSize = 50, page_token: PageToken = None
    ) -> MentorPage:
        """By display name."""
        found, token = await handlers.list_mentors(
            principal,
            uow=rt.uow,
            rule=rule,
            active_only=active_only,
            clock=rt.clock,
            page_size=page_size,
            page_token=page_token,
        )
        return MentorPage(items=[MentorRead.of(d) for d in found], next_page_token=token)

    @r.get(
        "/{mentor_id}", operation_id="getMentor", response_model=MentorRead, summary="One mentor of your organisation"
    )
    async def get(mentor_id: uuid.UUID, principal: PrincipalDep) -> MentorRead:
        """With the practice record and, for school mentors, the derived dual-qualified status and why."""
        return MentorRead.of(await handlers.get_mentor(mentor_id, principal, uow=rt.uow, rule=rule, clock=rt.clock))

    @r.patch(
        "/{mentor_id}",
        operation_id="updateMentor",
        response_model=MentorRead,
        summary="Change a mentor's profile or capacity",
    )
    async def update(mentor_id: uuid.UUID, body: MentorUpdate, principal: PrincipalDep) -> MentorRead:
        """Only the fields sent change. Capacity may not drop below the current load (409); raising it or
        re-activating the mentor fills waiting assignments at once. A deactivated mentor keeps their current
        mentees and takes no new ones."""
        changes = body.to_command()
        if not changes:
            raise InvalidInput("nothing to change: send at least one field")
        return MentorRead.of(
            await handlers.update_mentor(mentor_id, changes, principal, uow=rt.uow, rule=rule, clock=rt.clock)
        )

    @r.post(
        "/{mentor_id}/practice-periods",
        operation_id="addPracticePeriod",
        status_code=201,
        response_model=PracticePeriodRead,
        summary="Record a school mentor's enterprise practice",
    )
    async def add_period(
        request: Request,
        mentor_id: uuid.UUID,
        body: PracticePeriodIn,
        principal: PrincipalDep,
        idempotency_key: IdempotencyKey = None,
    ) -> Response:
        """A period the teacher worked in an enterprise (from, to, hours); the dual-qualified status follows
        from these and the certificates. School mentors only (409 for enterprise mentors)."""

        async def record(uow):
            period, _ = await handlers.record_practice(
                mentor_id,
                body.to_command(),
                principal,
                uow=uow,
                rule=rule,
                clock=rt.clock,
            )
            return PracticePeriodRead.of(period), f"/v1/mentors/{mentor_id}"

        return await created(request, principal, rt.uow, idempotency_key, body=body, create=record)

    @r.delete(
        "/{mentor_id}/practice-periods/{period_id}",
        operation_id="removePracticePeriod",
        response_model=MentorRead,
        summary="Delete a practice period recorded in error",
    )
    async def remove_period(mentor_id: uuid.UUID, period_id: uuid.UUID, principal: PrincipalDep) -> MentorRead:
        return MentorRead.of(
            await handlers.remove_record(
                mentor_id, period_id, "practice-period", principal, uow=rt.uow, rule=rule, clock=rt.clock
            )
        )

    @r.post(
        "/{mentor_id}/certificates",
        operation_id="addCertificate",
        status_code=201,
        response_model=CertificateRead,
        summary="Record a school mentor's certificate",
    )
    async def add_certificate(
        request: Request,
        mentor_id: uuid.UUID,
        body: CertificateIn,
        principal: PrincipalDep,
        idempotency_key: IdempotencyKey = None,
    ) -> Response:
        """An industry certificate; one named in the configured list and valid today makes the teacher
        dual-qualified. School mentors only."""

        async def record(uow):
            certificate, _ = await handlers.record_certificate(
                mentor_id,
                body.to_command(),
                principal,
                uow=uow,
                rule=rule,
                clock=rt.clock,
            )
            return CertificateRead.of(certificate), f"/v1/mentors/{mentor_id}"

        return await created(request, principal, rt.uow, idempotency_key, body=body, create=record)

    @r.delete(
        "/{mentor_id}/certificates/{certificate_id}",
        operation_id="removeCertificate",
        response_model=MentorRead,
        summary="Delete a certificate recorded in error",
    )
    async def remove_certificate(
        mentor_id: uuid.UUID, certificate_id: uuid.UUID, principal: PrincipalDep
    ) -> MentorRead:
        return MentorRead.of(
            await handlers.remove_record(
                mentor_id, certificate_id, "certificate", principal, uow=rt.uow, rule=rule, clock=rt.clock
            )
        )

    return r
