"""REST routes for placements (/v1/placements)."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from internships.domain.placements import EARLY_COMPLETION_GRACE, PlacementStatus
from internships.handlers import feeds, logbooks
from internships.handlers import placements as handlers
from internships.schemas.logbooks import LogbookRead, LogbookWeekChanges, LogbookWeekIn, LogbookWeekRead, ReviewIn
from internships.schemas.placements import (
    ConsentIn,
    PlacementAction,
    PlacementChanges,
    PlacementCreate,
    PlacementPage,
    PlacementRead,
)
from praxis_common.feeds import feed_items, one_of
from praxis_common.http import IdempotencyKey, PrincipalDep, created
from praxis_common.pages import MAX_PAGE_SIZE
from praxis_common.queries import PageSize, PageToken, UpdatedSince
from praxis_common.service import Runtime
from praxis_common.validation import Date

ACTIONS = (
    ("confirm", "Confirm a requested placement (enterprise)", "While requested, within the hold period."),
    ("reject", "Reject a requested placement (enterprise)", "While requested; the seat is free again."),
    ("withdraw", "Withdraw a placement (school)", "Before it starts; the seat is free again."),
    (
        "start",
        "Start a placement",
        "On or after its start date, with every signature of the current agreement document and the consents the "
        "compliance policy asks for (422 naming the rule otherwise).",
    ),
    (
        "complete",
        "Complete a placement",
        f"An active placement, by either party; more than {EARLY_COMPLETION_GRACE.days} days before its end date only "
        "with `force` and a "
        "`reason` (409 completion-before-end otherwise), kept on the placement and in its event.",
    ),
    ("terminate", "Terminate a placement", "An active placement, by either party, with a reason (422 without)."),
)


def _change(rt: Runtime, action: str):
    compliance = rt.settings.compliance

    async def change(
        placement_id: uuid.UUID, principal: PrincipalDep, body: PlacementAction | None = None
    ) -> PlacementRead:
        return PlacementRead.of(
            await handlers.change_placement(
                placement_id,
                action,
                principal,
                uow=rt.uow,
                reason=body.reason if body else None,
                force=body.force if body else False,
                clock=rt.clock,
                compliance=compliance,
            )
        )

    return change


def _review(rt: Runtime, *, approve: bool):
    async def review(
        placement_id: uuid.UUID, week: Date, principal: PrincipalDep, body: ReviewIn | None = None
    ) -> LogbookWeekRead:
        """The placement's assigned enterprise mentor (the mentors service's assignment; the token's `sub` is the
        mentor's account) decides on a submitted week; the enterprise's admin or HR may decide on the mentor's
        behalf with `on_behalf_of_mentor: true`, recorded on the week. Nobody reviews a week they filed.
        Returning needs `comments`."""
        return LogbookWeekRead.of(
            await logbooks.review_week(
                placement_id,
                week,
                principal,
                approve=approve,
                comment=body.comments if body else None,
                on_behalf_of_mentor=body.on_behalf_of_mentor if body else False,
                uow=rt.uow,
                clock=rt.clock,
            )
        )

    return review


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
                body.to_command(),
                principal,
                uow=uow,
                clock=rt.clock,
                hold=hold,
                compliance=policy,
            )
            return PlacementRead.of(placement), f"/v1/placements/{placement.id}"

        return await created(request, principal, rt.uow, idempotency_key, body=body, create=book_it)

    @r.get(
        "",
        operation_id="listPlacements",
        response_model=PlacementPage | PlacementChanges,
        summary="The caller's placements; with updated_since, the changes since a cursor",
    )
    async def list_(
        principal: PrincipalDep,
        status: PlacementStatus | None = None,
        page_size: PageSize = 50,
        page_token: PageToken = None,
        updated_since: UpdatedSince = None,
    ) -> PlacementPage | PlacementChanges:
        one_of(updated_since, page_token)
        if updated_since is not None:
            changes = await feeds.placement_changes(
                feeds.Feed(updated_since, page_size), principal, uow=rt.uow, status=status
            )
            return PlacementChanges(
                items=feed_items(changes.items, PlacementRead.of),
                next_cursor=changes.next_cursor,
                has_more=changes.has_more,
            )
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
        summary="Record the guardian's informed consent (school)",
    )
    async def consent(placement_id: uuid.UUID, body: ConsentIn, principal: PrincipalDep) -> PlacementRead:
        """A minor's guardian's informed consent, recorded before the start; the compliance policy refuses a
        minor's start without it. The student's signature of the tripartite agreement is a signature of its
        document (`POST /v1/placements/{placement_id}/document/signatures`): `student: true` is a 422."""
        return PlacementRead.of(
            await handlers.record_consent(
                placement_id, principal, student=body.student, guardian=body.guardian, uow=rt.uow, clock=rt.clock
            )
        )

    # One route per action (not a `{action}` parameter): a method a path does not take is then a 405, and an
    # unknown action a 404, instead of a 422 about a parameter.
    for action, summary, doc in ACTIONS:
        r.add_api_route(
            f"/{{placement_id}}/{action}",
            _change(rt, action),
            methods=["POST"],
            name=f"{action}_placement",
            operation_id=f"{action}Placement",
            response_model=PlacementRead,
            summary=summary,
            description=doc,
            responses={
                409: {
                    "description": "illegal-transition"
                    + (" or completion-before-end" if action == "complete" else "")
                    + " (problem+json)"
                },
                **({422: {"description": "no reason given (problem+json)"}} if action == "terminate" else {}),
            },
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
        return LogbookWeekRead.of(
            await logbooks.file_week(
                placement_id, week, body.to_command(), principal, uow=rt.uow, policy=policy, clock=rt.clock
            )
        )

    for decision, summary in (
        ("approve", "Approve a logbook week (the assigned enterprise mentor)"),
        ("return", "Return a logbook week to be filed again (the assigned enterprise mentor)"),
    ):
        r.add_api_route(
            f"/{{placement_id}}/logbook/{{week}}/{decision}",
            _review(rt, approve=decision == "approve"),
            methods=["POST"],
            name=f"{decision}_logbook_week",
            operation_id=f"{decision}LogbookWeek",
            response_model=LogbookWeekRead,
            summary=summary,
            responses={403: {"description": "not the assigned enterprise mentor, nor HR on_behalf_of_mentor"}},
        )

    @r.get(
        "/{placement_id}/logbook",
        operation_id="getLogbook",
        response_model=LogbookRead | LogbookWeekChanges,
        summary="A placement's logbook and core-work share; with updated_since, the weeks changed since a cursor",
    )
    async def logbook(
        placement_id: uuid.UUID,
        principal: PrincipalDep,
        updated_since: UpdatedSince = None,
        page_size: Annotated[
            int, Query(ge=1, le=MAX_PAGE_SIZE, description="weeks per page of a feed (with updated_since)")
        ] = 50,
    ) -> LogbookRead | LogbookWeekChanges:
        if updated_since is not None:
            changes = await feeds.logbook_week_changes(
                placement_id, feeds.Feed(updated_since, page_size), principal, uow=rt.uow
            )
            return LogbookWeekChanges(
                items=feed_items(changes.items, LogbookWeekRead.of),
                next_cursor=changes.next_cursor,
                has_more=changes.has_more,
            )
        return LogbookRead.of(await logbooks.get_logbook(placement_id, principal, uow=rt.uow))

    return r
