"""Evaluation use cases: the mentors' assessments (checked with the mentors service: no such assignment, no
score), peer ratings, platform metrics, and the scorecards computed from them."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from praxis_common import pages
from praxis_common.auth import Principal
from praxis_common.errors import FieldError, Forbidden, InvalidInput, NotFound
from praxis_evaluation import Scorecard
from projects import policy
from projects.domain.metrics import DataPoint, PlatformScore, check_points, platform_score
from projects.domain.projects import Project
from projects.domain.scores import (
    SIDE_OF,
    Assessment,
    Evaluation,
    Party,
    PeerRating,
    scorecard,
)
from projects.domain.teams import Team
from projects.handlers import Clock, MentorDirectory, UowFactory, utc_clock
from projects.handlers.teams import visible_team, workable
from projects.outgoing import evaluation_recorded, peer_rated
from projects.policy import TeamRole


@dataclass(frozen=True)
class RecordEvaluation:
    student_ref: str
    assessment: Assessment
    scores: dict[str, Decimal]
    comments: str = ""


@dataclass(frozen=True)
class RatePeer:
    stage: str
    ratee_ref: str
    score: Decimal
    comments: str = ""


@dataclass(frozen=True)
class RecordMetrics:
    points: list[DataPoint]


@dataclass(frozen=True)
class TeamScores:
    team: Team
    project: Project
    platform: PlatformScore
    cards: list[Scorecard]


PARTY_OF_SIDE = {side: party for party, side in SIDE_OF.items()}


def _member(t: Team, student_ref: str, field: str = "student_ref") -> None:
    if student_ref not in t.member_refs:
        raise InvalidInput("not a student of this team", errors=[FieldError(field, "not a member of the team")])


@dataclass(frozen=True)
class Evaluator:
    """The caller, as the mentors service confirmed them: the team's mentor of their side."""

    party: Party
    mentor_id: str


async def confirm_evaluator(
    team_id: uuid.UUID,
    cmd: RecordEvaluation,
    principal: Principal,
    *,
    token: str,
    uow: UowFactory,
    mentors: MentorDirectory,
    clock: Clock = utc_clock,
) -> Evaluator:
    """First step of recording an evaluation, before any transaction is held: the local checks (in a short
    transaction of their own), then the mentors service's confirmation that the caller is that team's mentor of
    their side (no such assignment: 403; mentors unreachable: 503 — nothing is recorded unchecked). The team's
    school mentor gives the teacher score, its enterprise mentor the enterprise score: which party is the caller's
    organisation's side."""
    async with uow() as u:
        t, role = await visible_team(u, team_id, principal)
        if role is TeamRole.MEMBER:
            raise Forbidden("the team's mentors score; students rate their teammates")
        party = PARTY_OF_SIDE[principal.org_kind]
        _member(t, cmd.student_ref)
        await workable(u, t)
        # Validate before asking another service: bad scores are the caller's to fix.
        Evaluation.record(
            team_id=t.id,
            student_ref=cmd.student_ref,
            party=party,
            assessment=cmd.assessment,
            criteria=cmd.scores,
            comments=cmd.comments,
            evaluator=principal.sub,
            mentor_id=None,
            now=clock(),
        )
    found = await mentors.role_of_caller(token, student_ref=cmd.student_ref, team_id=str(t.id))
    if found is None or found.side != SIDE_OF[party]:
        raise policy.not_the_mentor(principal, f"only the team's {SIDE_OF[party]} mentor gives the {party} score")
    return Evaluator(party, found.mentor_id)


async def record_evaluation(
    team_id: uuid.UUID,
    cmd: RecordEvaluation,
    principal: Principal,
    evaluator: Evaluator,
    *,
    uow: UowFactory,
    clock: Clock = utc_clock,
) -> Evaluation:
    """Second step, in the unit of work (with an Idempotency-Key, the key's transaction): records the assessment
    of the evaluator `confirm_evaluator` returned, after checking the team again from local data only (still
    visible to the caller, the student still a member, the project still workable)."""
    async with uow() as u:
        t, _ = await visible_team(u, team_id, principal, lock="share")
        _member(t, cmd.student_ref)
        await workable(u, t)
        e = Evaluation.record(
            team_id=t.id,
            student_ref=cmd.student_ref,
            party=evaluator.party,
            assessment=cmd.assessment,
            criteria=cmd.scores,
            comments=cmd.comments,
            evaluator=principal.sub,
            mentor_id=evaluator.mentor_id,
            now=clock(),
        )
        await u.evaluations.add(e)
        u.emit(evaluation_recorded(e, t))
        await u.commit()
    return e


async def list_evaluations(
    team_id: uuid.UUID,
    principal: Principal,
    *,
    uow: UowFactory,
    student_ref: str | None = None,
    page_size: int = pages.DEFAULT_PAGE_SIZE,
    page_token: str | None = None,
) -> tuple[list[Evaluation], str | None]:
    """A page of the assessments with who gave each and when, oldest first; a student sees their own."""
    async with uow() as u:
        t, role = await visible_team(u, team_id, principal)
        if role is TeamRole.MEMBER:
            if student_ref not in (None, principal.sub):
                raise NotFound("no such student in your view")
            student_ref = principal.sub
        found = await u.evaluations.of_team(t.id, student_ref=student_ref)
    return pages.page_of(found, page_size, page_token, lambda e: (e.recorded_at, e.id))


async def rate_peer(
    team_id: uuid.UUID, cmd: RatePeer, principal: Principal, *, uow: UowFactory, clock: Clock = utc_clock
) -> PeerRating:
    """A student rates a teammate's collaboration in a stage: not themselves, once per stage and teammate."""
    async with uow() as u:
        t, role = await visible_team(u, team_id, principal, lock="share")
        if role is not TeamRole.MEMBER:
            raise Forbidden("only the team's students rate their teammates")
        p = await workable(u, t)
        repo = u.evaluations
        rated = {(r.stage, r.rater_ref, r.ratee_ref) for r in await repo.ratings(t.id) if r.rater_ref == principal.sub}
        r = PeerRating.rate(
            team_id=t.id,
            members=t.member_refs,
            stages=p.stage_keys(),
            already_rated=rated,
            stage=cmd.stage,
            rater_ref=principal.sub,
            ratee_ref=cmd.ratee_ref,
            score=cmd.score,
            comments=cmd.comments,
            now=clock(),
        )
        await repo.add_rating(r)  # the unique constraint backs "once" against a concurrent duplicate
        u.emit(peer_rated(r, t))
        await u.commit()
    return r


async def list_peer_ratings(
    team_id: uuid.UUID,
    principal: Principal,
    *,
    uow: UowFactory,
    page_size: int = pages.DEFAULT_PAGE_SIZE,
    page_token: str | None = None,
) -> tuple[list[PeerRating], str | None]:
    """A page of the team's peer ratings, oldest first: the school's and the enterprise's staff see every rating;
    a student the ratings they gave."""
    async with uow() as u:
        t, role = await visible_team(u, team_id, principal)
        ratings = await u.evaluations.ratings(t.id)
    mine = [r for r in ratings if role is not TeamRole.MEMBER or r.rater_ref == principal.sub]
    return pages.page_of(mine, page_size, page_token, lambda r: (r.recorded_at, r.id))


# Platform metrics


async def record_metrics(
    team_id: uuid.UUID, cmd: RecordMetrics, principal: Principal, *, uow: UowFactory, clock: Clock = utc_clock
) -> list[DataPoint]:
    """The enterprise (admin, hr) or its platform integration posts measured metrics of a team per period. A
    period posted again replaces its value. Unknown metrics or units are refused (422)."""
    points = cmd.points
    if not points:
        raise InvalidInput("no metrics", errors=[FieldError("metrics", "at least one")])
    async with uow() as u:
        t, role = await visible_team(u, team_id, principal, lock="share")
        if role is not TeamRole.ENTERPRISE_STAFF or not principal.has_any_role(*policy.METRIC_ROLES):
            raise Forbidden("the enterprise (admin, hr) or its platform integration posts metrics")
        await workable(u, t)
        repo = u.metrics
        check_points(points, series_units=await repo.series_units(t.id))
        now = clock()
        stamped = [
            DataPoint(p.metric, p.period_start, p.period_end, p.value, p.unit, now, principal.sub) for p in points
        ]
        await repo.record(t.id, stamped)
        await u.commit()
    return stamped


async def list_metrics(
    team_id: uuid.UUID,
    principal: Principal,
    *,
    uow: UowFactory,
    metric: str | None = None,
    from_date: date | None = None,
    to_date: date | None = None,
    page_size: int = pages.DEFAULT_PAGE_SIZE,
    page_token: str | None = None,
) -> tuple[list[DataPoint], str | None]:
    """A page of the team's data points, by metric and period."""
    async with uow() as u:
        t, _ = await visible_team(u, team_id, principal)
        found = await u.metrics.of_team(t.id, metric=metric, from_date=from_date, to_date=to_date)
    return pages.page_of(found, page_size, page_token, lambda d: (d.metric, d.period_start), str, date)


# Scorecards


async def compute_scores(u, t: Team, p: Project) -> TeamScores:
    """Every member's scorecard, computed from what is recorded now (in the caller's transaction)."""
    evaluations = await u.evaluations.of_team(t.id)
    ratings = await u.evaluations.ratings(t.id)
    points = await u.metrics.of_team(t.id)
    platform = platform_score(p.platform_targets, points)
    last_data = max((d.recorded_at for d in points if d.recorded_at), default=None)
    weights = {party: p.weights.of(party) for party in Party}
    cards = [
        scorecard(
            student_ref=s,
            weights=weights,
            evaluations=evaluations,
            peer_ratings=ratings,
            platform=(platform.score, platform.missing, last_data if platform.score is not None else None),
            pass_mark=p.pass_mark,
        )
        for s in t.member_refs
    ]
    return TeamScores(t, p, platform, cards)


async def team_scorecards(team_id: uuid.UUID, principal: Principal, *, uow: UowFactory) -> TeamScores:
    """The team's scorecards: the school's and the enterprise's staff see all; a student their own."""
    async with uow() as u:
        t, role = await visible_team(u, team_id, principal)
        p = await u.projects.get(t.project_id)
        scores = await compute_scores(u, t, p)
    if role is TeamRole.MEMBER:
        scores = TeamScores(t, p, scores.platform, [c for c in scores.cards if c.student_ref == principal.sub])
    return scores


async def student_scorecard(
    team_id: uuid.UUID, student_ref: str, principal: Principal, *, uow: UowFactory
) -> tuple[TeamScores, Scorecard]:
    async with uow() as u:
        t, _ = await visible_team(u, team_id, principal)
        if student_ref not in t.member_refs or not policy.sees_scorecard(principal, t, student_ref):
            raise NotFound("no such scorecard")
        p = await u.projects.get(t.project_id)
        scores = await compute_scores(u, t, p)
    return scores, next(c for c in scores.cards if c.student_ref == student_ref)
