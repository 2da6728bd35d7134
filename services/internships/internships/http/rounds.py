"""REST routes of allocation rounds (/v1/rounds), the round itself: create, invitations, read, close, reopen, compute,
publish. Its positions and rankings, students and lists, runs and results: http/round_*.py."""

from __future__ import annotations

import uuid
from datetime import timedelta

from fastapi import APIRouter, Request, Response

from internships.handlers import rounds as handlers
from internships.schemas.round_results import PublishedRead, RunRead
from internships.schemas.rounds import RoundCreate, RoundInvitationPage, RoundInvitationRead, RoundPage, RoundRead
from praxis_common.http import IdempotencyKey, PrincipalDep, created
from praxis_common.queries import PageSize, PageToken
from praxis_common.service import Runtime

PREFIX, TAGS = "/v1/rounds", ["allocation rounds"]
CONFLICTS = {
    409: {
        "description": "round-not-open, round-not-closed, round-not-computed, round-published or "
        "round-publish-refused (problem+json)"
    }
}


def router(rt: Runtime) -> APIRouter:
    r = APIRouter(prefix=PREFIX, tags=TAGS)
    settings = rt.settings
    compliance = settings.compliance

    @r.post(
        "",
        operation_id="createRound",
        status_code=201,
        response_model=RoundRead,
        summary="Create an allocation round (school)",
    )
    async def create(
        request: Request, body: RoundCreate, principal: PrincipalDep, idempotency_key: IdempotencyKey = None
    ) -> Response:
        """The caller's school owns the round; co-owner schools are invited to run it jointly and take part (add
        positions and their own students) once they accept; `enterprise_org` makes it an order class that takes
        only that enterprise's positions and needs an active agreement between the school and the enterprise. The
        round starts open, collecting preferences. Send an Idempotency-Key."""

        async def create_it(uow):
            rnd = await handlers.create_round(
                body.to_command(),
                principal,
                uow=uow,
                clock=rt.clock,
                default_list_limit=settings.round_list_limit,
            )
            return RoundRead.of(rnd), f"/v1/rounds/{rnd.id}"

        return await created(request, principal, rt.uow, idempotency_key, body=body, create=create_it)

    @r.get("", operation_id="listRounds", response_model=RoundPage, summary="The caller's allocation rounds")
    async def list_(principal: PrincipalDep, page_size: PageSize = 50, page_token: PageToken = None) -> RoundPage:
        """A school's rounds (as owner or as a co-owner that accepted); an enterprise's rounds (order classes for it, or rounds
        holding its positions). Newest first."""
        items, token = await handlers.list_rounds(principal, uow=rt.uow, page_size=page_size, page_token=page_token)
        return RoundPage(items=[RoundRead.of(x) for x in items], next_page_token=token)

    @r.get(
        "/invitations",
        operation_id="listRoundInvitations",
        response_model=RoundInvitationPage,
        summary="Rounds inviting your school as a co-owner",
    )
    async def invitations(
        principal: PrincipalDep,
        page_size: PageSize = 50,
        page_token: PageToken = None,
    ) -> RoundInvitationPage:
        """To a school's admin or coordinator: the joint rounds naming the school as a co-owner that it has not
        accepted or declined yet, newest first. Until it accepts, such a round is 404 to the school."""
        items, token = await handlers.list_invitations(
            principal, uow=rt.uow, page_size=page_size, page_token=page_token
        )
        return RoundInvitationPage(items=[RoundInvitationRead.of(x) for x in items], next_page_token=token)

    @r.post(
        "/{round_id}/accept",
        operation_id="acceptRound",
        response_model=RoundRead,
        summary="Accept a co-owner invitation (invited school)",
        responses={404: {"description": "no invitation of your school to this round"}, **CONFLICTS},
    )
    async def accept(round_id: uuid.UUID, principal: PrincipalDep) -> RoundRead:
        """The invited school's admin or coordinator joins the round as a co-owner, while it is open (409
        round-not-open after): it then sees the round and adds positions and its own students."""
        view = await handlers.accept_round(round_id, principal, uow=rt.uow)
        return RoundRead.of(view.round, positions=view.positions, students=view.students)

    @r.post(
        "/{round_id}/decline",
        operation_id="declineRound",
        status_code=204,
        summary="Decline a co-owner invitation (invited school)",
        responses={404: {"description": "no invitation of your school to this round"}, **CONFLICTS},
    )
    async def decline(round_id: uuid.UUID, principal: PrincipalDep) -> Response:
        """The invited school's admin or coordinator turns the invitation down: the round stays invisible to it."""
        await handlers.decline_round(round_id, principal, uow=rt.uow)
        return Response(status_code=204)

    @r.get(
        "/{round_id}", operation_id="getRound", response_model=RoundRead, summary="One allocation round (its parties)"
    )
    async def get(round_id: uuid.UUID, principal: PrincipalDep) -> RoundRead:
        """To the round's schools (with the number of positions and students) and to the enterprises taking
        part; 404 to anyone else."""
        view = await handlers.get_round(round_id, principal, uow=rt.uow)
        return RoundRead.of(view.round, positions=view.positions, students=view.students)

    @r.post(
        "/{round_id}/close",
        operation_id="closeRound",
        response_model=RoundRead,
        summary="Close a round (owner school)",
        responses=CONFLICTS,
    )
    async def close(round_id: uuid.UUID, principal: PrincipalDep) -> RoundRead:
        """open → closed: freezes the positions, students, lists and rankings and decides each position's offered
        seats: its free seats, within the compliance policy's intern caps (per post and per practice base) and the
        remaining quota of the agreement each school books under (`offered_limit` says which decided)."""
        return RoundRead.of(
            await handlers.close_round(round_id, principal, uow=rt.uow, clock=rt.clock, compliance=compliance)
        )

    @r.post(
        "/{round_id}/reopen",
        operation_id="reopenRound",
        response_model=RoundRead,
        summary="Reopen a round (owner school)",
        responses=CONFLICTS,
    )
    async def reopen(round_id: uuid.UUID, principal: PrincipalDep) -> RoundRead:
        """closed or computed → open: the inputs may change again and the next close decides the offered seats
        afresh (e.g. after publishing was refused because a seat was taken since closing). Runs are kept."""
        return RoundRead.of(await handlers.reopen_round(round_id, principal, uow=rt.uow))

    @r.post(
        "/{round_id}/compute",
        operation_id="computeRound",
        status_code=201,
        response_model=RunRead,
        summary="Compute the round's allocation (owner school)",
        responses={**CONFLICTS, 500: {"description": "allocation-unstable: the result failed its check (a bug)"}},
    )
    async def compute(round_id: uuid.UUID, principal: PrincipalDep, response: Response) -> RunRead:
        """Runs student-proposing deferred acceptance on the frozen inputs and stores the run: input hash,
        algorithm version, seed, every student's match and explanation. Allowed again until the round is
        published (a new run; the same inputs give the identical matching). 409 round-not-closed while open."""
        run = await handlers.compute_round(round_id, principal, uow=rt.uow, clock=rt.clock)
        response.headers["Location"] = f"/v1/rounds/{round_id}/result?run_id={run.id}"
        return RunRead.of(run)

    @r.post(
        "/{round_id}/publish",
        operation_id="publishRound",
        response_model=PublishedRead,
        summary="Publish the round as placements (owner school)",
        responses=CONFLICTS,
    )
    async def publish(round_id: uuid.UUID, principal: PrincipalDep) -> PublishedRead:
        """Creates the placements of the latest run in one transaction, all or nothing, through the booking path
        (seats, quota, intern caps, overlaps, compliance), as requested or confirmed as the round says, with their
        placement events and round.published. If any match cannot be booked any more (e.g. a seat was taken since
        closing) nothing is created: 409 round-publish-refused lists them (`refusals`, `positions`). Publishing
        again, or computing a published round, is 409 round-published."""
        done = await handlers.publish_round(
            round_id,
            principal,
            uow=rt.uow,
            clock=rt.clock,
            hold=timedelta(hours=settings.round_hold_hours),
            compliance=compliance,
        )
        return PublishedRead.of(done)

    return r
