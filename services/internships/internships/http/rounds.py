"""REST routes for allocation rounds (/v1/rounds): set-up, preferences and rankings, close, compute, results, publish."""

from __future__ import annotations

import asyncio
import uuid
from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from internships.domain.rounds import split_student_key
from internships.handlers import rounds as handlers
from internships.http.schemas import (
    ApplicantPage,
    ApplicantRead,
    CompareRead,
    MatchRead,
    MoveRead,
    PositionFillRead,
    PositionPlacements,
    PreferencesIn,
    PublishedRead,
    RankingIn,
    RejectionRead,
    ResultRead,
    RoundCreate,
    RoundInvitationPage,
    RoundInvitationRead,
    RoundPage,
    RoundPositionPage,
    RoundPositionRead,
    RoundRead,
    RoundStudentPage,
    RoundStudentRead,
    RoundStudentsAdded,
    RoundStudentsIn,
    RunPage,
    RunRead,
)
from praxis_common import bulk
from praxis_common.http import IdempotencyKey, PrincipalDep, created
from praxis_common.queries import PageSize, PageToken
from praxis_common.service import Runtime
from praxis_common.validation import StudentRef

# Pages of a national round's results (each with its explanations) and of a position's applicants.
RESULT_PAGE_MAX = 5_000
APPLICANTS_PAGE_MAX = 5_000


# Bulk bodies (larger than the kernel's 1 MiB default): the largest valid ranking (50,000 students with the longest
# references and organisation ids) is 11.1 MiB of JSON; 1,000 students with every field at its longest 4.5 MiB,
# up to ~8 MiB written with \u escapes. Their gRPC twins take the same (main.SPEC.grpc_message_limits).
RANKING_MAX_BYTES = 12 << 20
STUDENTS_MAX_BYTES = 8 << 20


def _ranking(body: object) -> list[list[tuple[str, str]]]:
    ranking = RankingIn.check(body)
    return [[(k.school_org, k.student_ref) for k in group] for group in ranking.groups]


def _students(body: object) -> list[handlers.StudentEntry]:
    checked = RoundStudentsIn.check(body)
    return [
        handlers.StudentEntry(s.student_ref, s.profile.model_dump(exclude_none=True), s.birth_date, s.study_year)
        for s in checked.students
    ]


CONFLICTS = {
    409: {
        "description": "round-not-open, round-not-closed, round-not-computed, round-published or "
        "round-publish-refused (problem+json)"
    }
}


def result_read(result: handlers.Result) -> ResultRead:
    return ResultRead(
        round_id=result.round.id,
        run=RunRead.of(result.run, published_run_id=result.round.published_run_id),
        published=result.published,
        items=[
            MatchRead(
                school_org=m.school_org,
                student_ref=m.student_ref,
                position_id=m.position_id,
                choice=m.choice,
                profile=m.profile,
                explanation=[RejectionRead(**r) for r in m.explanation] if result.explained else None,
            )
            for m in result.matches
        ],
        positions=[
            PositionFillRead(
                position_id=f.position.position_id,
                enterprise_org=f.position.enterprise_org,
                title=f.position.title,
                offered_seats=f.position.offered_seats,
                offered_limit=f.position.offered_limit,
                filled=f.filled,
            )
            for f in result.positions
        ],
        next_page_token=result.next_page_token,
    )


def router(rt: Runtime) -> APIRouter:
    r = APIRouter(prefix="/v1/rounds", tags=["allocation rounds"])
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
                handlers.CreateRound(
                    title=body.title,
                    co_owner_schools=tuple(body.co_owner_schools),
                    enterprise_org=body.enterprise_org,
                    list_limit=body.list_limit,
                    publish_as=body.placement_status_on_publish,
                    seed=body.seed,
                ),
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
        responses={404: {"description": "no invitation of your school to this round"}},
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
        return PublishedRead(
            round=RoundRead.of(done.round),
            run_id=done.run.id,
            placements=done.placements,
            by_position=[
                PositionPlacements(position_id=pid, placements=n) for pid, n in sorted(done.by_position.items())
            ],
        )

    # ---- positions and rankings

    @r.get(
        "/{round_id}/positions",
        operation_id="listRoundPositions",
        response_model=RoundPositionPage,
        summary="Positions in the round",
    )
    async def positions(
        round_id: uuid.UUID, principal: PrincipalDep, page_size: PageSize = 50, page_token: PageToken = None
    ) -> RoundPositionPage:
        """By position id. A school sees the positions it may see anyway (of enterprises it holds an active
        agreement with); an enterprise, its own (`ranked` says whether it ranked one; the applicants page shows
        each applicant's place)."""
        _, items, token = await handlers.list_positions(
            round_id, principal, uow=rt.uow, page_size=page_size, page_token=page_token
        )
        return RoundPositionPage(
            items=[RoundPositionRead.of(p, show_ranking=False) for p in items], next_page_token=token
        )

    @r.put(
        "/{round_id}/positions/{position_id}",
        operation_id="addRoundPosition",
        response_model=RoundPositionRead,
        summary="Add a position to the round (school)",
        responses={**CONFLICTS, 422: {"description": "order class of another enterprise, or compliance-violation"}},
    )
    async def add_position(round_id: uuid.UUID, position_id: uuid.UUID, principal: PrincipalDep) -> RoundPositionRead:
        """A school of the round adds a published position it could book (same visibility and rules as booking);
        adding it again changes nothing. While the round is open."""
        added = await handlers.add_position(
            round_id, position_id, principal, uow=rt.uow, clock=rt.clock, compliance=compliance
        )
        return RoundPositionRead.of(added, show_ranking=False)

    @r.delete(
        "/{round_id}/positions/{position_id}",
        operation_id="removeRoundPosition",
        status_code=204,
        summary="Take a position out of the round (school)",
        responses=CONFLICTS,
    )
    async def remove_position(round_id: uuid.UUID, position_id: uuid.UUID, principal: PrincipalDep) -> Response:
        """By the school that added it or the owner, while the round is open and no student lists it."""
        await handlers.remove_position(round_id, position_id, principal, uow=rt.uow)
        return Response(status_code=204)

    @r.get(
        "/{round_id}/positions/{position_id}/applicants",
        operation_id="listApplicants",
        response_model=ApplicantPage,
        summary="Applicants of an enterprise's position",
    )
    async def applicants(
        round_id: uuid.UUID,
        position_id: uuid.UUID,
        principal: PrincipalDep,
        page_size: Annotated[int, Query(ge=1, le=APPLICANTS_PAGE_MAX)] = 200,
        page_token: PageToken = None,
    ) -> Response:
        """A page of the students listing the enterprise's position (by school and reference), with the profile
        their school shares (not their lists, nor where they list the position) and their tie group in the
        enterprise's current ranking."""
        position, found, token = await handlers.list_applicants(
            round_id, position_id, principal, uow=rt.uow, page_size=page_size, page_token=page_token
        )
        return await bulk.json_response(
            lambda: ApplicantPage(
                position=RoundPositionRead.of(position, show_ranking=False),
                items=[
                    ApplicantRead(
                        school_org=a.student.school_org,
                        student_ref=a.student.student_ref,
                        profile=a.student.profile,
                        group=a.group,
                    )
                    for a in found
                ],
                next_page_token=token,
            )
        )

    @r.put(
        "/{round_id}/positions/{position_id}/ranking",
        operation_id="setRanking",
        max_body_size=RANKING_MAX_BYTES,
        response_model=RoundPositionRead,
        summary="Rank a position's applicants (enterprise)",
        responses={**CONFLICTS, 422: {"description": "a student who did not apply, ranked twice, or an empty group"}},
    )
    async def rank(
        round_id: uuid.UUID, position_id: uuid.UUID, body: Annotated[RankingIn, bulk.Deferred], principal: PrincipalDep
    ) -> Response:
        """Tie groups of applicants, best first (students in one group are tied; the round's lottery orders
        them). Applicants left out are not accepted. While the round is open; the position's enterprise only.
        At most 50,000 students in all, validated off the event loop."""
        ranking = await asyncio.to_thread(_ranking, body)
        ranked = await handlers.set_ranking(round_id, position_id, ranking, principal, uow=rt.uow, clock=rt.clock)
        return await bulk.json_response(lambda: RoundPositionRead.of(ranked, show_ranking=True))

    @r.delete(
        "/{round_id}/positions/{position_id}/ranking",
        operation_id="clearRanking",
        response_model=RoundPositionRead,
        summary="Use the default ranking (enterprise)",
        responses=CONFLICTS,
    )
    async def unrank(round_id: uuid.UUID, position_id: uuid.UUID, principal: PrincipalDep) -> RoundPositionRead:
        """Drops the enterprise's ranking: every applicant is acceptable, ordered by competency fit (tags of the
        position the student shares), ties by the round's lottery."""
        ranked = await handlers.set_ranking(round_id, position_id, None, principal, uow=rt.uow, clock=rt.clock)
        return RoundPositionRead.of(ranked, show_ranking=True)

    # ---- students and preferences

    @r.post(
        "/{round_id}/students",
        operation_id="addRoundStudents",
        max_body_size=STUDENTS_MAX_BYTES,
        response_model=RoundStudentsAdded,
        summary="Add students to the round (school)",
        responses={**CONFLICTS, 409: {"description": CONFLICTS[409]["description"] + ", or round-full"}},
    )
    async def add_students(
        round_id: uuid.UUID, body: Annotated[RoundStudentsIn, bulk.Deferred], principal: PrincipalDep
    ) -> Response:
        """Up to 1,000 of the caller school's students at a time (a round holds at most 50,000: 409 round-full),
        with the profile it shares with enterprises; adding a student again updates the profile and keeps the
        list. While the round is open."""
        entries = await asyncio.to_thread(_students, body)
        stored = await handlers.add_students(round_id, entries, principal, uow=rt.uow, clock=rt.clock)
        return await bulk.json_response(lambda: RoundStudentsAdded(items=[RoundStudentRead.of(s) for s in stored]))

    @r.get(
        "/{round_id}/students",
        operation_id="listRoundStudents",
        response_model=RoundStudentPage,
        summary="The school's students in the round",
    )
    async def students(
        round_id: uuid.UUID, principal: PrincipalDep, page_size: PageSize = 50, page_token: PageToken = None
    ) -> RoundStudentPage:
        """The caller school's own students with their ranked lists, by reference (a signed-in student: their own
        entry)."""
        items, token = await handlers.list_students(
            round_id, principal, uow=rt.uow, page_size=page_size, page_token=page_token
        )
        return RoundStudentPage(items=[RoundStudentRead.of(s) for s in items], next_page_token=token)

    @r.put(
        "/{round_id}/students/{student_ref}/preferences",
        operation_id="setPreferences",
        response_model=RoundStudentRead,
        summary="Set a student's ranked list",
        responses={**CONFLICTS, 422: {"description": "unknown or repeated positions, too many, or not bookable"}},
    )
    async def preferences(
        round_id: uuid.UUID, student_ref: StudentRef, body: PreferencesIn, principal: PrincipalDep
    ) -> RoundStudentRead:
        """Replaces the list (best first) of one of the caller school's students, or the signed-in student's own.
        Every position must be in the round, once, at most list_limit of them, and bookable for the student (an
        agreement covering its start, the compliance rules for the student's age and year). While open."""
        stored = await handlers.set_preferences(
            round_id, student_ref, body.positions, principal, uow=rt.uow, clock=rt.clock, compliance=compliance
        )
        return RoundStudentRead.of(stored)

    @r.delete(
        "/{round_id}/students/{student_ref}",
        operation_id="removeRoundStudent",
        status_code=204,
        summary="Take a student out of the round",
        responses=CONFLICTS,
    )
    async def remove_student(round_id: uuid.UUID, student_ref: StudentRef, principal: PrincipalDep) -> Response:
        """One of the caller school's students, while the round is open; rankings naming them stop counting."""
        await handlers.remove_student(round_id, student_ref, principal, uow=rt.uow)
        return Response(status_code=204)

    # ---- runs and results

    @r.get(
        "/{round_id}/runs",
        operation_id="listRuns",
        response_model=RunPage,
        summary="The round's computed runs (schools)",
    )
    async def runs(
        round_id: uuid.UUID, principal: PrincipalDep, page_size: PageSize = 50, page_token: PageToken = None
    ) -> RunPage:
        """Every run, oldest first, with its input hash, algorithm version and seed."""
        rnd, items, token = await handlers.list_runs(
            round_id, principal, uow=rt.uow, page_size=page_size, page_token=page_token
        )
        return RunPage(
            items=[RunRead.of(x, published_run_id=rnd.published_run_id) for x in items], next_page_token=token
        )

    @r.get(
        "/{round_id}/runs/compare",
        operation_id="compareRuns",
        response_model=CompareRead,
        summary="Compare two runs (schools)",
    )
    async def compare(
        round_id: uuid.UUID,
        principal: PrincipalDep,
        a: Annotated[uuid.UUID, Query(description="The earlier run")],
        b: Annotated[uuid.UUID, Query(description="The later run")],
        page_size: Annotated[int, Query(ge=1, le=RESULT_PAGE_MAX)] = 500,
        page_token: PageToken = None,
    ) -> Response:
        """A page of the caller school's students whose match differs from run a to run b (by student), each with
        why (from the run that explains the move). Equal inputs give no moves."""
        run_a, run_b, moves, token = await handlers.compare_runs(
            round_id, a, b, principal, uow=rt.uow, page_size=page_size, page_token=page_token
        )
        return await bulk.json_response(
            lambda: CompareRead(
                run_a=RunRead.of(run_a),
                run_b=RunRead.of(run_b),
                next_page_token=token,
                items=[
                    MoveRead(
                        school_org=split_student_key(m.student_id)[0],
                        student_ref=split_student_key(m.student_id)[1],
                        before=m.before,
                        after=m.after,
                        why=m.why,
                    )
                    for m in moves
                ],
            )
        )

    @r.get(
        "/{round_id}/result",
        operation_id="getRoundResult",
        response_model=ResultRead,
        summary="The round's result for the caller",
    )
    async def result(
        round_id: uuid.UUID,
        principal: PrincipalDep,
        run_id: Annotated[uuid.UUID | None, Query(description="A run of the round (default: the latest)")] = None,
        page_size: Annotated[int, Query(ge=1, le=RESULT_PAGE_MAX)] = 500,
        page_token: PageToken = None,
    ) -> Response:
        """A school: its own students' matches (or none), each with the explanation of every position listed
        above the match: full with students it ranked higher (with where the student and the last admitted
        stood), not ranked by the enterprise, or no seats offered. A student: their own. An enterprise: the
        students matched to its positions, without explanations, once the round is published. With each, the
        seats offered and filled per position the caller may see."""
        found = await handlers.get_result(
            round_id, principal, uow=rt.uow, run_id=run_id, page_size=page_size, page_token=page_token
        )
        return await bulk.json_response(lambda: result_read(found))

    return r
