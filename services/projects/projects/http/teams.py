"""REST routes for teams (/v1/teams): milestones and deliverables, reviews, platform metrics, evaluations, peer
ratings and scorecards."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response

from praxis_common.auth import bearer_token
from praxis_common.feeds import feed_items, one_of
from praxis_common.http import IdempotencyKey, PrincipalDep, created
from praxis_common.queries import PageSize, PageToken, UpdatedSince
from praxis_common.service import Runtime
from praxis_common.validation import Date, StudentRef
from projects.handlers import MentorDirectory
from projects.handlers import evaluations as evaluation_handlers
from projects.handlers import teams as handlers
from projects.schemas.evaluations import (
    EvaluationIn,
    EvaluationPage,
    EvaluationRead,
    PeerRatingIn,
    PeerRatingPage,
    PeerRatingRead,
    ScorecardRead,
    TeamScorecardsRead,
)
from projects.schemas.fields import MetricKey
from projects.schemas.metrics import MetricPage, MetricPointRead, MetricsIn, MetricsRecorded, PlatformRead
from projects.schemas.teams import (
    DeliverableIn,
    DeliverableRead,
    DissolveIn,
    ProgressRead,
    ReviewIn,
    ReviewRead,
    TeamChanges,
    TeamPage,
    TeamRead,
    milestones_read,
)

StageKey = Annotated[str, Path(min_length=1, max_length=40, pattern=r"^[a-z0-9][a-z0-9-]*$")]
MENTOR_CHECK = {
    403: {"description": "you are not the team's mentor of that side, as the mentors service knows (problem+json)"},
    503: {"description": "the mentors service could not confirm it in time; nothing was recorded (problem+json)"},
}


def router(rt: Runtime, mentors: MentorDirectory) -> APIRouter:
    r = APIRouter(prefix="/v1/teams", tags=["teams"])

    @r.get(
        "",
        operation_id="listTeams",
        response_model=TeamPage | TeamChanges,
        summary="Teams you can see; with updated_since, the changes since a cursor",
    )
    async def list_(
        principal: PrincipalDep,
        project_id: uuid.UUID | None = None,
        page_size: PageSize = 50,
        page_token: PageToken = None,
        updated_since: UpdatedSince = None,
    ) -> TeamPage | TeamChanges:
        """In the order they were formed: a school's own teams (also of projects it no longer sees), a student's
        teams, an enterprise's teams of one of its projects (project_id required)."""
        one_of(updated_since, page_token)
        if updated_since is not None:
            changes = await handlers.team_changes(
                principal, updated_since, uow=rt.uow, project_id=project_id, page_size=page_size
            )
            return TeamChanges(
                items=feed_items(changes.items, TeamRead.of),
                next_cursor=changes.next_cursor,
                has_more=changes.has_more,
            )
        found, token = await handlers.list_teams(
            principal, uow=rt.uow, project_id=project_id, page_size=page_size, page_token=page_token
        )
        return TeamPage(items=[TeamRead.of(t) for t in found], next_page_token=token)

    @r.get("/{team_id}", operation_id="getTeam", response_model=TeamRead, summary="One team with its milestones")
    async def get(team_id: uuid.UUID, principal: PrincipalDep) -> TeamRead:
        view = await handlers.get_team(team_id, principal, uow=rt.uow)
        return TeamRead.of(view.team, project_title=view.project_title, milestones=view.milestones)

    @r.post(
        "/{team_id}/dissolve",
        operation_id="dissolveTeam",
        response_model=TeamRead,
        summary="Dissolve a team (its school)",
    )
    async def dissolve(team_id: uuid.UUID, body: DissolveIn, principal: PrincipalDep) -> TeamRead:
        """The slot and the students are free again and mentoring closes (event team.dissolved); the team's
        records stay."""
        return TeamRead.of(
            await handlers.dissolve_team(team_id, body.to_command(), principal, uow=rt.uow, clock=rt.clock)
        )

    @r.get(
        "/{team_id}/milestones",
        operation_id="getMilestones",
        response_model=ProgressRead,
        summary="A team's milestones and deliverables",
    )
    async def milestones(team_id: uuid.UUID, principal: PrincipalDep) -> ProgressRead:
        """Each stage's status (open means the team may submit for it now), every deliverable and every review."""
        p = await handlers.progress(team_id, principal, uow=rt.uow)
        return ProgressRead(
            team_id=p.team.id,
            milestones=milestones_read(p.milestones),
            deliverables=[DeliverableRead.of(d) for d in p.deliverables],
            reviews=[ReviewRead.of(x) for x in p.reviews],
        )

    @r.post(
        "/{team_id}/stages/{stage}/deliverables",
        operation_id="submitDeliverable",
        status_code=201,
        response_model=DeliverableRead,
        summary="Submit a deliverable for a stage",
        responses={409: {"description": "stage-locked (an earlier stage is not accepted), stage-closed, …"}},
    )
    async def submit(
        request: Request,
        team_id: uuid.UUID,
        stage: StageKey,
        body: DeliverableIn,
        principal: PrincipalDep,
        idempotency_key: IdempotencyKey = None,
    ) -> Response:
        """A student of the team or its school's staff: a project report, operation log, plan or roadshow
        defence, as a link or an uploaded file's reference. Stages open in order unless the project allows
        parallel stages. Send an Idempotency-Key."""

        async def submit_it(uow):
            d = await handlers.submit_deliverable(team_id, body.to_command(stage), principal, uow=uow, clock=rt.clock)
            return DeliverableRead.of(d), f"/v1/teams/{team_id}/milestones"

        return await created(request, principal, rt.uow, idempotency_key, body=body, create=submit_it)

    @r.post(
        "/{team_id}/stages/{stage}/review",
        operation_id="reviewDeliverable",
        response_model=ReviewRead,
        summary="Accept or return a stage (the team's mentor)",
        responses=MENTOR_CHECK,
    )
    async def review(
        request: Request, team_id: uuid.UUID, stage: StageKey, body: ReviewIn, principal: PrincipalDep
    ) -> ReviewRead:
        """The team's school or enterprise mentor (checked with the mentors service) accepts the submitted stage,
        which opens the next, or returns it with comments."""
        reviewed = await handlers.review_stage(
            team_id,
            body.to_command(stage),
            principal,
            token=bearer_token(request.headers.get("authorization")),
            uow=rt.uow,
            mentors=mentors,
            clock=rt.clock,
        )
        return ReviewRead.of(reviewed)

    @r.post(
        "/{team_id}/metrics",
        operation_id="recordMetrics",
        status_code=201,
        response_model=MetricsRecorded,
        summary="Post a team's platform metrics",
    )
    async def record_metrics(
        request: Request,
        team_id: uuid.UUID,
        body: MetricsIn,
        principal: PrincipalDep,
        idempotency_key: IdempotencyKey = None,
    ) -> Response:
        """The enterprise (admin, hr) or its platform integration (role integration): per period, sessions and
        orders (count), gmv (a currency code), conversion_rate (percent), rating (stars). Unknown metrics or
        units, or a unit other than the one the team's series has, are a 422. Posting a period again replaces it.
        201 with the points as stored, like every create."""

        async def record_it(uow):
            stored = await evaluation_handlers.record_metrics(
                team_id, body.to_command(), principal, uow=uow, clock=rt.clock
            )
            return MetricsRecorded(items=[MetricPointRead.of(d) for d in stored]), f"/v1/teams/{team_id}/metrics"

        return await created(request, principal, rt.uow, idempotency_key, body=body, create=record_it)

    @r.get(
        "/{team_id}/metrics",
        operation_id="listMetrics",
        response_model=MetricPage,
        summary="A team's metrics time series",
    )
    async def metrics(
        team_id: uuid.UUID,
        principal: PrincipalDep,
        metric: MetricKey | None = None,
        from_: Annotated[Date | None, Query(alias="from")] = None,
        to: Date | None = None,
        page_size: PageSize = 50,
        page_token: PageToken = None,
    ) -> MetricPage:
        """By metric and period."""
        found, token = await evaluation_handlers.list_metrics(
            team_id,
            principal,
            uow=rt.uow,
            metric=metric,
            from_date=from_,
            to_date=to,
            page_size=page_size,
            page_token=page_token,
        )
        return MetricPage(items=[MetricPointRead.of(d) for d in found], next_page_token=token)

    @r.post(
        "/{team_id}/evaluations",
        operation_id="recordEvaluation",
        status_code=201,
        response_model=EvaluationRead,
        summary="Score a student (the team's mentor)",
        responses=MENTOR_CHECK,
    )
    async def evaluate(
        request: Request,
        team_id: uuid.UUID,
        body: EvaluationIn,
        principal: PrincipalDep,
        idempotency_key: IdempotencyKey = None,
    ) -> Response:
        """The team's school mentor scores process and knowledge, its enterprise mentor skills and qualities, each
        0 to 100: a baseline at the start (once) or a progress assessment (the latest counts). The mentors service
        confirms the caller is that team's mentor of their side; when it cannot answer, nothing is recorded (503).
        Send an Idempotency-Key."""
        command = body.to_command()

        async def confirm():
            return await evaluation_handlers.confirm_evaluator(
                team_id,
                command,
                principal,
                token=bearer_token(request.headers.get("authorization")),
                uow=rt.uow,
                mentors=mentors,
                clock=rt.clock,
            )

        async def record_it(uow, evaluator):
            e = await evaluation_handlers.record_evaluation(
                team_id, command, principal, evaluator, uow=uow, clock=rt.clock
            )
            return EvaluationRead.of(e), f"/v1/teams/{team_id}/evaluations"

        return await created(request, principal, rt.uow, idempotency_key, body=body, create=record_it, prepare=confirm)

    @r.get(
        "/{team_id}/evaluations",
        operation_id="listEvaluations",
        response_model=EvaluationPage,
        summary="Every assessment of a team",
    )
    async def evaluations(
        team_id: uuid.UUID,
        principal: PrincipalDep,
        student_ref: Annotated[StudentRef | None, Query()] = None,
        page_size: PageSize = 50,
        page_token: PageToken = None,
    ) -> EvaluationPage:
        """Oldest first, each with who gave it and when; a student sees their own."""
        found, token = await evaluation_handlers.list_evaluations(
            team_id, principal, uow=rt.uow, student_ref=student_ref, page_size=page_size, page_token=page_token
        )
        return EvaluationPage(items=[EvaluationRead.of(e) for e in found], next_page_token=token)

    @r.post(
        "/{team_id}/peer-ratings",
        operation_id="ratePeer",
        status_code=201,
        response_model=PeerRatingRead,
        summary="Rate a teammate's collaboration",
        responses={409: {"description": "already-rated: once per stage and teammate"}},
    )
    async def rate(
        request: Request,
        team_id: uuid.UUID,
        body: PeerRatingIn,
        principal: PrincipalDep,
        idempotency_key: IdempotencyKey = None,
    ) -> Response:
        """A student of the team (signed in: role student, sub = their student ref) rates another member, 0 to
        100, once per stage; never themselves (422)."""

        async def rate_it(uow):
            rating = await evaluation_handlers.rate_peer(
                team_id,
                body.to_command(),
                principal,
                uow=uow,
                clock=rt.clock,
            )
            return PeerRatingRead.of(rating), f"/v1/teams/{team_id}/peer-ratings"

        return await created(request, principal, rt.uow, idempotency_key, body=body, create=rate_it)

    @r.get(
        "/{team_id}/peer-ratings",
        operation_id="listPeerRatings",
        response_model=PeerRatingPage,
        summary="A team's peer ratings",
    )
    async def ratings(
        team_id: uuid.UUID, principal: PrincipalDep, page_size: PageSize = 50, page_token: PageToken = None
    ) -> PeerRatingPage:
        """Oldest first. The school's and the enterprise's staff see every rating; a student the ratings they gave."""
        found, token = await evaluation_handlers.list_peer_ratings(
            team_id, principal, uow=rt.uow, page_size=page_size, page_token=page_token
        )
        return PeerRatingPage(items=[PeerRatingRead.of(x) for x in found], next_page_token=token)

    @r.get(
        "/{team_id}/scorecards",
        operation_id="getTeamScorecards",
        response_model=TeamScorecardsRead,
        summary="The team's scorecards",
    )
    async def scorecards(team_id: uuid.UUID, principal: PrincipalDep) -> TeamScorecardsRead:
        """Each student's party scores, weighted total, what is missing and value-added; the school's and the
        enterprise's staff see every member's, a student their own."""
        scores = await evaluation_handlers.team_scorecards(team_id, principal, uow=rt.uow)
        return TeamScorecardsRead(
            team_id=scores.team.id,
            platform=PlatformRead.of(scores.platform),
            scorecards=[ScorecardRead.of(c, scores.team) for c in scores.cards],
        )

    @r.get(
        "/{team_id}/scorecards/{student_ref}",
        operation_id="getScorecard",
        response_model=ScorecardRead,
        summary="One student's scorecard",
    )
    async def scorecard(team_id: uuid.UUID, student_ref: StudentRef, principal: PrincipalDep) -> ScorecardRead:
        """Visible to the student's school, the team's enterprise (its staff and mentors) and the student."""
        scores, card = await evaluation_handlers.student_scorecard(team_id, student_ref, principal, uow=rt.uow)
        return ScorecardRead.of(card, scores.team)

    return r
