"""REST routes for practice bases (/v1/bases) and positions (/v1/positions)."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from internships.handlers import feeds
from internships.handlers import positions as handlers
from internships.schemas.positions import (
    BaseCreate,
    BasePage,
    BaseRead,
    Competencies,
    PositionChanges,
    PositionCreate,
    PositionPage,
    PositionQuery,
    PositionRead,
)
from praxis_common.feeds import feed_items, one_of
from praxis_common.http import IdempotencyKey, PrincipalDep, created
from praxis_common.queries import PageSize, PageToken, UpdatedSince, value_list_help
from praxis_common.service import Runtime
from praxis_common.validation import Date, Text


def _change(rt: Runtime, action: str):
    async def change(position_id: uuid.UUID, principal: PrincipalDep) -> PositionRead:
        return PositionRead.of(
            await handlers.change_position(
                position_id, action, principal, uow=rt.uow, clock=rt.clock, compliance=rt.settings.compliance
            )
        )

    return change


def router(rt: Runtime) -> APIRouter:
    r = APIRouter(prefix="/v1", tags=["bases and positions"])

    @r.post(
        "/bases",
        operation_id="createBase",
        status_code=201,
        response_model=BaseRead,
        summary="Create a practice base (enterprise)",
    )
    async def create_base(
        request: Request, body: BaseCreate, principal: PrincipalDep, idempotency_key: IdempotencyKey = None
    ) -> Response:
        """A base hangs off an active agreement the enterprise is party to; both parties then see it."""

        async def create(uow):
            base = await handlers.create_base(body.to_command(), principal, uow=uow, clock=rt.clock)
            return BaseRead.of(base), f"/v1/bases/{base.id}"

        return await created(request, principal, rt.uow, idempotency_key, body=body, create=create)

    @r.get("/bases", operation_id="listBases", response_model=BasePage, summary="The caller's practice bases")
    async def list_bases(principal: PrincipalDep, page_size: PageSize = 50, page_token: PageToken = None) -> BasePage:
        """The bases of the agreements the caller's organisation is party to, newest first."""
        items, token = await handlers.list_bases(principal, uow=rt.uow, page_size=page_size, page_token=page_token)
        return BasePage(items=[BaseRead.of(b) for b in items], next_page_token=token)

    @r.get(
        "/bases/{base_id}", operation_id="getBase", response_model=BaseRead, summary="One practice base (either party)"
    )
    async def get_base(base_id: uuid.UUID, principal: PrincipalDep) -> BaseRead:
        return BaseRead.of(await handlers.get_base(base_id, principal, uow=rt.uow))

    @r.post(
        "/positions",
        operation_id="createPosition",
        status_code=201,
        response_model=PositionRead,
        summary="Create a position (draft)",
    )
    async def create_position(
        request: Request, body: PositionCreate, principal: PrincipalDep, idempotency_key: IdempotencyKey = None
    ) -> Response:
        """Seats count against the base's capacity; duties are each marked core or peripheral."""

        async def create(uow):
            position = await handlers.create_position(body.to_command(), principal, uow=uow, clock=rt.clock)
            return PositionRead.of(position), f"/v1/positions/{position.id}"

        return await created(request, principal, rt.uow, idempotency_key, body=body, create=create)

    @r.get(
        "/positions",
        operation_id="searchPositions",
        response_model=PositionPage | PositionChanges,
        summary="Search positions open to the caller; with updated_since, the changes since a cursor",
    )
    async def search(
        principal: PrincipalDep,
        competency: Annotated[
            Competencies, Query(description=value_list_help("any of these competency tags", 20))
        ] = [],  # noqa: B006
        country: Annotated[str | None, Query(pattern=r"^[A-Z]{2}$")] = None,
        starts_from: Date | None = None,
        ends_by: Date | None = None,
        open_seats: Annotated[bool, Query(description="only positions with a free seat")] = False,
        q: Annotated[Text | None, Query(max_length=200, description="free text in title or description")] = None,
        page_size: PageSize = 50,
        page_token: PageToken = None,
        updated_since: UpdatedSince = None,
    ) -> PositionPage | PositionChanges:
        """Schools see published positions of enterprises they hold an active agreement with; an
        enterprise sees its own in every state."""
        one_of(updated_since, page_token)
        query = PositionQuery(
            competencies=competency,
            country=country,
            starts_from=starts_from,
            ends_by=ends_by,
            open_seats=open_seats,
            q=q,
        )
        if updated_since is not None:
            changes = await feeds.position_changes(
                feeds.Feed(updated_since, page_size),
                principal,
                uow=rt.uow,
                search=query.to_command(page_size=page_size, page_token=None),
            )
            return PositionChanges(
                items=feed_items(changes.items, PositionRead.of),
                next_cursor=changes.next_cursor,
                has_more=changes.has_more,
            )
        items, token = await handlers.search_positions(
            query.to_command(page_size=page_size, page_token=page_token), principal, uow=rt.uow
        )
        return PositionPage(items=[PositionRead.of(p) for p in items], next_page_token=token)

    @r.get(
        "/positions/{position_id}",
        operation_id="getPosition",
        response_model=PositionRead,
        summary="One position (its enterprise, or a partner school once published)",
    )
    async def get_position(position_id: uuid.UUID, principal: PrincipalDep) -> PositionRead:
        return PositionRead.of(await handlers.get_position(position_id, principal, uow=rt.uow))

    # One route per action, so a wrong method or action is a 405 or 404 rather than a 422 about a parameter.
    for action, summary, doc in (
        (
            "publish",
            "Publish a position (enterprise)",
            "Publishing checks what every booking will require of the position itself: its term not over, an active "
            "agreement of the enterprise covering the whole term, and the compliance rules that do not depend on the "
            "student (declared headcounts and pay, the intern ratios with a first intern, minimum pay).",
        ),
        ("close", "Close a position (enterprise)", "No more bookings; placements already made stay."),
    ):
        r.add_api_route(
            f"/positions/{{position_id}}/{action}",
            _change(rt, action),
            methods=["POST"],
            name=f"{action}_position",
            operation_id=f"{action}Position",
            response_model=PositionRead,
            summary=summary,
            description=doc,
            responses={
                409: {"description": "term-ended or no-agreement-for-term (problem+json)"},
                422: {"description": "compliance-violation naming the rule (problem+json)"},
            }
            if action == "publish"
            else {},
        )

    return r
