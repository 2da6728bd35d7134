"""REST routes of achievements brought in (/v1/achievements): certificates and competition results the school
records, Open Badges credentials presented (/v1/presented-badges) and verified, weighed and withdrawn by the
school's staff."""

from __future__ import annotations

import uuid
from typing import Literal

from fastapi import APIRouter, Request, Response

from credentials.handlers import brought_in
from credentials.handlers.custody import Custody
from credentials.schemas.brought_in import (
    AchievementCreate,
    AchievementQuery,
    BadgeIn,
    RecordedPage,
    RecordedRead,
    WeightIn,
    WithdrawIn,
)
from praxis_common.http import IdempotencyKey, PrincipalDep, created
from praxis_common.queries import PageSize, PageToken
from praxis_common.service import Runtime
from praxis_common.validation import StudentRef


def router(rt: Runtime) -> APIRouter:
    custody: Custody = rt.resources
    r = APIRouter(tags=["achievements brought in"])

    @r.post(
        "/v1/achievements",
        operation_id="recordAchievement",
        status_code=201,
        response_model=RecordedRead,
        summary="Record a student's industry certificate or competition result (the school's admin or coordinator)",
    )
    async def create(
        request: Request, body: AchievementCreate, principal: PrincipalDep, idempotency_key: IdempotencyKey = None
    ) -> Response:
        """With its points (its weight in a rubric's `achievements` indicator) and the credit the school awards."""

        async def create_it(uow):
            a = await brought_in.record_achievement(body.to_command(), principal, uow=uow, clock=rt.clock)
            return RecordedRead.of(a), f"/v1/achievements/{a.id}"

        return await created(request, principal, rt.uow, idempotency_key, body=body, create=create_it)

    @r.post(
        "/v1/presented-badges",
        operation_id="presentBadge",
        status_code=201,
        response_model=RecordedRead,
        summary="Present an Open Badges 3.0 credential: verified, then recorded with its issuer",
        responses={422: {"description": "it does not verify: `errors` says what failed"}},
    )
    async def present(
        request: Request, body: BadgeIn, principal: PrincipalDep, idempotency_key: IdempotencyKey = None
    ) -> Response:
        """A student presents their own (weighed by the staff afterwards); the school's staff may present one for a
        student, weighed at once. Its issuer's key must be known without fetching anything: a did:jwk issuer, or an
        organisation this Praxis hosts (docs/credentials.md)."""

        async def create_it(uow):
            a = await brought_in.present_badge(body.to_command(), principal, uow=uow, custody=custody, clock=rt.clock)
            return RecordedRead.of(a), f"/v1/achievements/{a.id}"

        return await created(request, principal, rt.uow, idempotency_key, body=body, create=create_it)

    @r.get(
        "/v1/achievements",
        operation_id="listAchievements",
        response_model=RecordedPage,
        summary="The school's recorded achievements",
    )
    async def list_(
        principal: PrincipalDep,
        student_ref: StudentRef | None = None,
        kind: Literal["certificate", "competition", "badge"] | None = None,
        page_size: PageSize = 50,
        page_token: PageToken = None,
    ) -> RecordedPage:
        """Newest first. The school's staff see every student's (or one's), a student their own; an enterprise none."""
        cmd = AchievementQuery(student_ref=student_ref, kind=kind).to_command(page_size, page_token)
        found, token = await brought_in.list_recorded(cmd, principal, uow=rt.uow)
        return RecordedPage(items=[RecordedRead.of(a) for a in found], next_page_token=token)

    @r.get(
        "/v1/achievements/{achievement_id}",
        operation_id="getAchievement",
        response_model=RecordedRead,
        summary="One recorded achievement",
    )
    async def get(achievement_id: uuid.UUID, principal: PrincipalDep) -> RecordedRead:
        return RecordedRead.of(await brought_in.get_recorded(achievement_id, principal, uow=rt.uow))

    @r.put(
        "/v1/achievements/{achievement_id}/weight",
        operation_id="weighAchievement",
        response_model=RecordedRead,
        summary="Set its rubric points and the credit awarded for it (the school's admin or coordinator)",
    )
    async def weigh(achievement_id: uuid.UUID, body: WeightIn, principal: PrincipalDep) -> RecordedRead:
        """Replaces what was given before; the credit ledger follows (0 credits: no entry)."""
        a = await brought_in.weigh(body.to_command(achievement_id), principal, uow=rt.uow, clock=rt.clock)
        return RecordedRead.of(a)

    @r.post(
        "/v1/achievements/{achievement_id}/withdraw",
        operation_id="withdrawAchievement",
        response_model=RecordedRead,
        summary="Withdraw the record, with a reason: it weighs nothing and earns no credit",
    )
    async def withdraw(achievement_id: uuid.UUID, body: WithdrawIn, principal: PrincipalDep) -> RecordedRead:
        a = await brought_in.withdraw(body.to_command(achievement_id), principal, uow=rt.uow, clock=rt.clock)
        return RecordedRead.of(a)

    return r
