"""Evaluation bodies: the mentors' assessments, peer ratings, and the scorecards computed from them."""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from praxis_common.pages import Page
from praxis_common.validation import StudentRef
from praxis_evaluation import PartScore, Scorecard
from projects.domain.scores import Assessment, Evaluation, PeerRating
from projects.domain.teams import Team
from projects.handlers.evaluations import RatePeer, RecordEvaluation
from projects.schemas.fields import Comments, Score, StageKey
from projects.schemas.metrics import PlatformRead


class EvaluationIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "student_ref": "2024-0117",
                    "assessment": "progress",
                    "scores": {"process": 84, "knowledge": 78.5},
                    "comments": "Clear weekly operation logs.",
                }
            ]
        },
    )

    student_ref: StudentRef
    assessment: Literal["baseline", "progress"] = Field(
        default="progress", description="baseline: once, at the start; progress: any time, the latest counts"
    )
    scores: Annotated[
        dict[Literal["process", "knowledge", "skills", "qualities"], Score],
        Field(
            min_length=1,
            max_length=2,
            description="school mentors (party teacher): process and knowledge; "
            "enterprise mentors (party enterprise): skills and qualities; each 0 to 100",
        ),
    ]
    comments: Comments = ""

    def to_command(self) -> RecordEvaluation:
        return RecordEvaluation(
            student_ref=self.student_ref,
            assessment=Assessment(self.assessment),
            scores={name: Decimal(score) for name, score in self.scores.items()},
            comments=self.comments,
        )


class EvaluationRead(BaseModel):
    id: uuid.UUID
    team_id: uuid.UUID
    student_ref: str
    party: str = Field(description="teacher or enterprise")
    assessment: str
    scores: dict[str, Decimal]
    score: Decimal = Field(description="the mean of the scores, 0 to 100")
    comments: str
    evaluator: str = Field(description="who gave it (their sub)")
    mentor_id: str | None
    recorded_at: datetime

    @classmethod
    def of(cls, e: Evaluation) -> EvaluationRead:
        return cls(
            id=e.id,
            team_id=e.team_id,
            student_ref=e.student_ref,
            party=e.party.value,
            assessment=e.assessment.value,
            scores=e.criteria,
            score=e.score,
            comments=e.comments,
            evaluator=e.evaluator,
            mentor_id=e.mentor_id,
            recorded_at=e.recorded_at,
        )


class EvaluationPage(Page[EvaluationRead]):
    """A page of a team's assessments, oldest first."""


class PeerRatingIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"stage": "market-research", "ratee_ref": "2024-0254", "score": 90, "comments": "Always there."}
            ]
        },
    )

    stage: StageKey
    ratee_ref: StudentRef
    score: Annotated[Score, Field(description="collaboration, 0 to 100")]
    comments: Comments = ""

    def to_command(self) -> RatePeer:
        return RatePeer(self.stage, self.ratee_ref, self.score, self.comments)


class PeerRatingRead(BaseModel):
    id: uuid.UUID
    team_id: uuid.UUID
    stage: str
    rater_ref: str
    ratee_ref: str
    score: Decimal
    comments: str
    recorded_at: datetime

    @classmethod
    def of(cls, r: PeerRating) -> PeerRatingRead:
        return cls(**vars(r))


class PeerRatingPage(Page[PeerRatingRead]):
    """A page of a team's peer ratings, oldest first."""


# Scorecards


class PartRead(BaseModel):
    party: str
    weight: Decimal
    score: Decimal | None = Field(description="0 to 100; null while missing")
    weighted: Decimal = Field(description="weight × score (0 while missing)")
    given_by: list[str]
    at: datetime | None
    missing: str | None

    @classmethod
    def of(cls, p: PartScore) -> PartRead:
        return cls(
            party=p.party.value,
            weight=p.weight,
            score=p.score,
            weighted=p.weighted,
            given_by=p.given_by,
            at=p.at,
            missing=p.missing,
        )


class ValueAddedRead(BaseModel):
    baseline: Decimal
    latest: Decimal
    absolute: Decimal = Field(description="latest − baseline, in points")
    relative: Decimal | None = Field(description="absolute / baseline (0.25 = +25%); null for a baseline of 0")
    parties: list[str]


class MissingRead(BaseModel):
    part: str
    reason: str


class ScorecardRead(BaseModel):
    student_ref: str
    team_id: uuid.UUID
    project_id: uuid.UUID
    parts: list[PartRead]
    weighted_total: Decimal = Field(description="Σ weight × score, 0 to 100; a missing part counts 0")
    complete: bool
    missing: list[MissingRead]
    value_added: ValueAddedRead | None
    pass_mark: Decimal
    passes: bool

    @classmethod
    def of(cls, c: Scorecard, team: Team) -> ScorecardRead:
        va = c.value_added
        return cls(
            student_ref=c.student_ref,
            team_id=team.id,
            project_id=team.project_id,
            parts=[PartRead.of(p) for p in c.parts],
            weighted_total=c.weighted_total,
            complete=c.complete,
            missing=[MissingRead(part=m.part, reason=m.reason) for m in c.missing],
            value_added=(
                ValueAddedRead(
                    baseline=va.baseline,
                    latest=va.latest,
                    absolute=va.absolute,
                    relative=va.relative,
                    parties=[p.value for p in va.parties],
                )
                if va
                else None
            ),
            pass_mark=c.pass_mark,
            passes=c.passes,
        )


class TeamScorecardsRead(BaseModel):
    team_id: uuid.UUID
    platform: PlatformRead = Field(description="the team's platform score and how it was computed")
    scorecards: list[ScorecardRead]
