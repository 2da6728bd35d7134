"""gRPC methods for evaluating a team: its platform metrics, the mentors' assessments, peer ratings and the
scorecards computed from them."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from praxis.projects.v1 import projects_pb2 as pb
from praxis_common import pages, rpc
from praxis_common.rpc import principal
from praxis_common.validation import Date, StudentRef, parse_uuid, validate
from praxis_evaluation import Scorecard
from projects.domain.metrics import DataPoint, PlatformScore
from projects.domain.scores import Evaluation, PeerRating
from projects.domain.teams import Team
from projects.handlers import evaluations as evaluation_handlers
from projects.rpc.common import Servicer, caller_token, dec, given, ts
from projects.schemas.evaluations import EvaluationIn, PeerRatingIn
from projects.schemas.fields import MetricKey
from projects.schemas.metrics import MetricsIn


class _StudentQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")

    student_ref: StudentRef


class _MetricQuery(BaseModel):
    """The query of GET /v1/teams/{id}/metrics, with REST's limits."""

    model_config = ConfigDict(extra="forbid")

    metric: MetricKey | None = None
    from_date: Date | None = None
    to_date: Date | None = None


class _EvaluationQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")

    student_ref: StudentRef | None = None


def point_to_pb(d: DataPoint) -> pb.MetricPoint:
    return pb.MetricPoint(
        name=d.metric,
        value=dec(d.value),
        unit=d.unit,
        period_start=ts(d.period_start),
        period_end=ts(d.period_end),
        recorded_at=ts(d.recorded_at),
        recorded_by=d.recorded_by or "",
    )


def evaluation_to_pb(e: Evaluation) -> pb.Evaluation:
    return pb.Evaluation(
        id=str(e.id),
        team_id=str(e.team_id),
        student_ref=e.student_ref,
        party=e.party.value,
        assessment=e.assessment.value,
        scores={k: dec(v) for k, v in e.criteria.items()},
        score=dec(e.score),
        comments=e.comments,
        evaluator=e.evaluator,
        mentor_id=e.mentor_id or "",
        recorded_at=ts(e.recorded_at),
    )


def rating_to_pb(r: PeerRating) -> pb.PeerRating:
    return pb.PeerRating(
        id=str(r.id),
        team_id=str(r.team_id),
        stage=r.stage,
        rater_ref=r.rater_ref,
        ratee_ref=r.ratee_ref,
        score=dec(r.score),
        comments=r.comments,
        recorded_at=ts(r.recorded_at),
    )


def scorecard_to_pb(c: Scorecard, t: Team) -> pb.Scorecard:
    message = pb.Scorecard(
        student_ref=c.student_ref,
        team_id=str(t.id),
        project_id=str(t.project_id),
        parts=[
            pb.PartScore(
                party=p.party.value,
                weight=dec(p.weight),
                score=dec(p.score),
                weighted=dec(p.weighted),
                given_by=p.given_by,
                at=ts(p.at),
                missing=p.missing or "",
            )
            for p in c.parts
        ],
        weighted_total=dec(c.weighted_total),
        complete=c.complete,
        missing=[pb.Missing(part=m.part, reason=m.reason) for m in c.missing],
        pass_mark=dec(c.pass_mark),
        passes=c.passes,
    )
    if c.value_added is not None:
        va = c.value_added
        message.value_added.CopyFrom(
            pb.ValueAdded(
                baseline=dec(va.baseline),
                latest=dec(va.latest),
                absolute=dec(va.absolute),
                relative=dec(va.relative),
                parties=[p.value for p in va.parties],
            )
        )
    return message


def platform_to_pb(p: PlatformScore) -> pb.PlatformScore:
    return pb.PlatformScore(
        score=dec(p.score),
        metrics=[
            pb.MetricAchievement(
                metric=m.metric,
                target=dec(m.target),
                unit=m.unit,
                value=dec(m.value),
                achievement=dec(m.achievement),
            )
            for m in p.metrics
        ],
        missing=p.missing or "",
    )


def metrics_in(request: pb.RecordMetricsRequest) -> MetricsIn:
    return validate(
        MetricsIn,
        {
            "metrics": [
                {
                    "name": m.name,
                    "value": m.value or None,
                    "unit": m.unit,
                    "period_start": m.period_start or None,
                    "period_end": m.period_end or None,
                }
                for m in request.metrics
            ]
        },
    )


def evaluation_in(request: pb.RecordEvaluationRequest) -> EvaluationIn:
    """The body POST /v1/teams/{id}/evaluations takes, from the message (an unset assessment is a progress one)."""
    return validate(
        EvaluationIn,
        {
            "student_ref": request.student_ref,
            "assessment": request.assessment or "progress",
            "scores": dict(request.scores),
            "comments": request.comments,
        },
    )


class EvaluationMethods(Servicer):
    async def RecordMetrics(self, request: pb.RecordMetricsRequest, context) -> pb.RecordMetricsResponse:
        team_id = parse_uuid(request.team_id, "team_id")
        command = metrics_in(request).to_command()
        stored = await evaluation_handlers.record_metrics(
            team_id, command, principal(), uow=self.rt.uow, clock=self.rt.clock
        )
        return pb.RecordMetricsResponse(metrics=[point_to_pb(d) for d in stored])

    async def ListMetrics(self, request: pb.ListMetricsRequest, context) -> pb.ListMetricsResponse:
        team_id = parse_uuid(request.team_id, "team_id")
        query = validate(
            _MetricQuery, given(metric=request.metric, from_date=request.from_date, to_date=request.to_date)
        )
        found, token = await evaluation_handlers.list_metrics(
            team_id,
            principal(),
            uow=self.rt.uow,
            metric=query.metric,
            from_date=query.from_date,
            to_date=query.to_date,
            page_size=pages.page_size(request.page_size),
            page_token=request.page_token or None,
        )
        return pb.ListMetricsResponse(metrics=[point_to_pb(d) for d in found], next_page_token=token or "")

    # Evaluation

    async def RecordEvaluation(self, request: pb.RecordEvaluationRequest, context) -> pb.RecordEvaluationResponse:
        team_id = parse_uuid(request.team_id, "team_id")
        command = evaluation_in(request).to_command()

        async def confirm():
            return await evaluation_handlers.confirm_evaluator(
                team_id,
                command,
                principal(),
                token=caller_token(context),
                uow=self.rt.uow,
                mentors=self.mentors,
                clock=self.rt.clock,
            )

        async def record(uow, evaluator) -> pb.RecordEvaluationResponse:
            e = await evaluation_handlers.record_evaluation(
                team_id, command, principal(), evaluator, uow=uow, clock=self.rt.clock
            )
            return pb.RecordEvaluationResponse(evaluation=evaluation_to_pb(e))

        return await rpc.created(context, self.rt.uow, request, record, pb.RecordEvaluationResponse, prepare=confirm)

    async def ListEvaluations(self, request: pb.ListEvaluationsRequest, context) -> pb.ListEvaluationsResponse:
        team_id = parse_uuid(request.team_id, "team_id")
        query = validate(_EvaluationQuery, given(student_ref=request.student_ref))
        found, token = await evaluation_handlers.list_evaluations(
            team_id,
            principal(),
            uow=self.rt.uow,
            student_ref=query.student_ref,
            page_size=pages.page_size(request.page_size),
            page_token=request.page_token or None,
        )
        return pb.ListEvaluationsResponse(evaluations=[evaluation_to_pb(e) for e in found], next_page_token=token or "")

    async def RatePeer(self, request: pb.RatePeerRequest, context) -> pb.RatePeerResponse:
        team_id = parse_uuid(request.team_id, "team_id")
        command = validate(
            PeerRatingIn,
            {
                "stage": request.stage,
                "ratee_ref": request.ratee_ref,
                "score": request.score or None,
                "comments": request.comments,
            },
        ).to_command()

        async def rate(uow) -> pb.RatePeerResponse:
            r = await evaluation_handlers.rate_peer(team_id, command, principal(), uow=uow, clock=self.rt.clock)
            return pb.RatePeerResponse(rating=rating_to_pb(r))

        return await rpc.created(context, self.rt.uow, request, rate, pb.RatePeerResponse)

    async def ListPeerRatings(self, request: pb.ListPeerRatingsRequest, context) -> pb.ListPeerRatingsResponse:
        found, token = await evaluation_handlers.list_peer_ratings(
            parse_uuid(request.team_id, "team_id"),
            principal(),
            uow=self.rt.uow,
            page_size=pages.page_size(request.page_size),
            page_token=request.page_token or None,
        )
        return pb.ListPeerRatingsResponse(ratings=[rating_to_pb(r) for r in found], next_page_token=token or "")

    async def GetTeamScorecards(self, request: pb.GetTeamScorecardsRequest, context) -> pb.GetTeamScorecardsResponse:
        scores = await evaluation_handlers.team_scorecards(
            parse_uuid(request.team_id, "team_id"), principal(), uow=self.rt.uow
        )
        return pb.GetTeamScorecardsResponse(
            team_id=str(scores.team.id),
            platform=platform_to_pb(scores.platform),
            scorecards=[scorecard_to_pb(c, scores.team) for c in scores.cards],
        )

    async def GetScorecard(self, request: pb.GetScorecardRequest, context) -> pb.GetScorecardResponse:
        team_id = parse_uuid(request.team_id, "team_id")
        student = validate(_StudentQuery, {"student_ref": request.student_ref}).student_ref
        scores, card = await evaluation_handlers.student_scorecard(team_id, student, principal(), uow=self.rt.uow)
        return pb.GetScorecardResponse(scorecard=scorecard_to_pb(card, scores.team))
