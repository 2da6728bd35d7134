"""REST routes for placements (/v1/placements)."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request, Response

from internships.domain.logbooks import LogLine
from internships.domain.placements import PlacementStatus
from internships.handlers import logbooks
from internships.handlers import placements as handlers
from internships.http.schemas import (
    ConsentIn,
    LogbookRead,
    LogbookWeekIn,
    LogbookWeekRead,
    PlacementAction,
    PlacementCreate,
    PlacementPage,
    PlacementRead,
    ReviewIn,
)
from praxis_common.http import IdempotencyKey, PrincipalDep, created
from praxis_common.service import Runtime
from praxis_common.validation import Date, PageToken


def router(rt: Runtime) -> APIRouter:
    r = APIRouter(prefix="/v1/placements", tags=["placements"])
    hold = timedelta(hours=rt.settings.placement_hold_hours)
    policy = rt.settings.compliance

    @r.post(
        "",
        operation_id="bookPlacement",
        status_code=201,
        response_model=PlacementRead,
        summary="Book a seat for a student (school)",
        responses={
            409: {
                "description": "seats-exhausted, quota-exhausted, overlapping-placement, "
                "no-agreement-for-term, agreement-not-active or term-ended (problem+json)"
            }
        },
    )
    async def book(
        request: Request, body: PlacementCreate, principal: PrincipalDep, idempotency_key: IdempotencyKey = None
    ) -> Response:
        """Takes a seat at once (state `requested`); the enterprise confirms or rejects within the hold
        period, after which the request expires and the seat is free again. Send an Idempotency-Key."""

        async def book_it(uow):
            placement = await handlers.book_placement(
                handlers.BookPlacement(
                    body.position_id,
                    body.student_ref,
                    body.profile.model_dump(exclude_none=True),
                    birth_date=body.birth_date,
                    study_year=body.study_year,
                ),
                principal,
                uow=uow,
                clock=rt.clock,
                hold=hold,
                compliance=policy,
            )
            return PlacementRead.of(placement), f"/v1/placements/{placement.id}"

        return await created(request, principal, rt.uow, idempotency_key, body=body, create=book_it)

    @r.get("", operation_id="listPlacements", response_model=PlacementPage, summary="The caller's placements")
    async def list_(
        principal: PrincipalDep,
        status: PlacementStatus | None = None,
        page_size: Annotated[int, Query(ge=1, le=200)] = 50,
        page_token: PageToken | None = None,
    ) -> PlacementPage:
        items, token = await handlers.list_placements(
            handlers.ListPlacements(status=status, page_size=page_size, page_token=page_token), principal, uow=rt.uow
        )
        return PlacementPage(items=[PlacementRead.of(p) for p in items], next_page_token=token)

    @r.get(
        "/{placement_id}",
        operation_id="getPlacement",
        response_model=PlacementRead,
        summary="One placement (its school or enterprise)",
    )
    async def get(placement_id: uuid.UUID, principal: PrincipalDep) -> PlacementRead:
        return PlacementRead.of(await handlers.get_placement(placement_id, principal, uow=rt.uow))

    @r.post(
        "/{placement_id}/consent",
        operation_id="recordConsent",
        response_model=PlacementRead,
        summary="Record consent (school)",
    )
    async def consent(placement_id: uuid.UUID, body: ConsentIn, principal: PrincipalDep) -> PlacementRead:
        """The student's signature on the tripartite agreement (and a minor's guardian's consent), recorded
        before the start; the compliance policy refuses a start without them."""
        return PlacementRead.of(
            await handlers.record_consent(
                placement_id, principal, student=body.student, guardian=body.guardian, uow=rt.uow, clock=rt.clock
            )
        )

    @r.post(
        "/{placement_id}/{action}",
        operation_id="changePlacement",
        response_model=PlacementRead,
        summary="Move a placement along",
        responses={409: {"description": "illegal-transition or completion-before-end (problem+json)"}},
    )
    async def change(
        placement_id: uuid.UUID,
        action: Literal["confirm", "reject", "withdraw", "start", "complete", "terminate"],
        principal: PrincipalDep,
        body: PlacementAction | None = None,
    ) -> PlacementRead:
        """confirm / reject (enterprise, while requested); withdraw (school, before start); start,
        complete (either; more than 7 days before the end date only with `force` and a `reason`: 409
        completion-before-end otherwise); terminate (either, after start, with a reason)."""
        return PlacementRead.of(
            await handlers.change_placement(
                placement_id,
                action,
                principal,
                uow=rt.uow,
                reason=body.reason if body else None,
                force=body.force if body else False,
                clock=rt.clock,
                compliance=policy,
            )
        )

    @r.put(
        "/{placement_id}/logbook/{week}",
        operation_id="fileLogbookWeek",
        response_model=LogbookWeekRead,
        summary="File a logbook week",
        responses={422: {"description": "invalid lines, or compliance-violation naming the rule"}},
    )
    async def file_week(
        placement_id: uuid.UUID, week: Date, body: LogbookWeekIn, principal: PrincipalDep
    ) -> LogbookWeekRead:
        """The student (or the student's school on their behalf) files the hours of one week (`week` = its
        Monday), per duty, during an active placement; a returned week can be filed again. The host enterprise
        files nothing (403)."""
        lines = [LogLine(ln.day, ln.duty, ln.hours, ln.start, ln.end) for ln in body.lines]
        return LogbookWeekRead.of(
            await logbooks.file_week(placement_id, week, lines, principal, uow=rt.uow, policy=policy, clock=rt.clock)
        )

    @r.post(
        "/{placement_id}/logbook/{week}/{decision}",
        operation_id="reviewLogbookWeek",
        response_model=LogbookWeekRead,
        summary="Approve or return a logbook week (the assigned enterprise mentor)",
        responses={403: {"description": "not the assigned enterprise mentor, nor HR on_behalf_of_mentor"}},
    )
    async def review(
        placement_id: uuid.UUID,
        week: Date,
        decision: Literal["approve", "return"],
        principal: PrincipalDep,
        body: ReviewIn | None = None,
    ) -> LogbookWeekRead:
        """The placement's assigned enterprise mentor (the mentors service's assignment; the token's `sub` is the
        mentor's account) reviews; the enterprise's admin or HR may review on the mentor's behalf with
        `on_behalf_of_mentor: true`, recorded on the week. Nobody reviews a week they filed."""
        return LogbookWeekRead.of(
            await logbooks.review_week(
                placement_id,
                week,
                principal,
                approve=decision == "approve",
                comment=body.comment if body else None,
                on_behalf_of_mentor=body.on_behalf_of_mentor if body else False,
                uow=rt.uow,
                clock=rt.clock,
            )
        )

    @r.get(
        "/{placement_id}/logbook",
        operation_id="getLogbook",
        response_model=LogbookRead,
        summary="A placement's logbook and core-work share",
    )
    async def logbook(placement_id: uuid.UUID, principal: PrincipalDep) -> LogbookRead:
        book = await logbooks.get_logbook(placement_id, principal, uow=rt.uow)
        return LogbookRead(
            placement_id=book.placement.id,
            weeks=[LogbookWeekRead.of(w) for w in book.weeks],
            approved_hours=book.approved_hours,
            approved_core_hours=book.approved_core_hours,
            core_work_share=book.core_work_share,
            enterprise_mentor_id=book.enterprise_mentor_id,
        )

    return r
