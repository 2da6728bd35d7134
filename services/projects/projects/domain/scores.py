"""Four-party evaluation and the scorecard of a project's students, on the one scale of praxis_evaluation: every
score is a number from 0 to 100 (100 = fully meets the standard), kept to two decimals (half up).

The parties and what each scores:
  teacher     the team's school mentor: process and knowledge
  enterprise  the team's enterprise mentor: skills and qualities
  platform    computed from the team's measured metrics against the enterprise's targets (domain/metrics.py)
  peer        each teammate rates each other teammate's collaboration, once per stage, never themselves

A mentor's evaluation is an assessment of one student: `baseline` (at the start; one per party and student)
or `progress` (any number; the latest counts). Its score is the mean of its criteria. Every record keeps who
gave it and when; nothing is overwritten.

The scorecard of a student:
  part score     teacher / enterprise: the latest progress assessment; platform: the team's platform score;
                 peer: the mean of every collaboration rating the student received
  weighted total Σ weight × part score over the parts present: a missing part counts 0 until it arrives
                 (so the total only grows as parts come in, and is final when nothing is missing)
  missing        each part without a score, and a missing baseline, with the reason
  value-added    growth from the baseline to the latest assessment, over the mentor parties that have both:
                 baseline = mean of their baseline scores, latest = mean of their latest progress scores;
                 absolute = latest − baseline, relative = absolute / baseline (none for a baseline of 0)

What is projects' own is here: the parties, the criteria, the records and their rules, and how each part's score
and provenance are found. The scale, the weighted total, the missing list and the value-added maths are the
engine's (praxis_evaluation, docs/evaluation.md), shared with placements.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from praxis_common.errors import Conflict, FieldError, Forbidden, InvalidInput
from praxis_evaluation import Missing, Scorecard, ValueAdded, check_score, combine, growth, mean, part


class Party(StrEnum):
    TEACHER = "teacher"
    ENTERPRISE = "enterprise"
    PLATFORM = "platform"
    PEER = "peer"


class Assessment(StrEnum):
    BASELINE = "baseline"
    PROGRESS = "progress"


# What each mentor party scores.
CRITERIA = {
    Party.TEACHER: ("process", "knowledge"),
    Party.ENTERPRISE: ("skills", "qualities"),
}
# The mentor side that gives each mentor party's scores.
SIDE_OF = {Party.TEACHER: "school", Party.ENTERPRISE: "enterprise"}


@dataclass(frozen=True)
class Evaluation:
    """One mentor's assessment of one student of a team."""

    id: uuid.UUID
    team_id: uuid.UUID
    student_ref: str
    party: Party
    assessment: Assessment
    criteria: dict[str, Decimal]
    score: Decimal  # the mean of the criteria
    comments: str
    evaluator: str  # the mentor's sub
    mentor_id: str | None  # as the mentors service knows them
    recorded_at: datetime

    @classmethod
    def record(
        cls,
        *,
        team_id: uuid.UUID,
        student_ref: str,
        party: Party,
        assessment: Assessment,
        criteria: dict[str, Decimal],
        comments: str,
        evaluator: str,
        mentor_id: str | None,
        now: datetime,
    ) -> Evaluation:
        if party not in CRITERIA:
            raise InvalidInput(f"the {party} score is not given by a person", errors=[FieldError("party", "invalid")])
        expected = CRITERIA[party]
        if set(criteria) != set(expected):
            raise InvalidInput(
                f"the {party} mentor scores {' and '.join(expected)}",
                errors=[FieldError("scores", f"exactly {', '.join(expected)}")],
            )
        scores = {name: check_score(criteria[name], f"scores.{name}") for name in expected}
        return cls(
            id=uuid.uuid4(),
            team_id=team_id,
            student_ref=student_ref,
            party=party,
            assessment=assessment,
            criteria=scores,
            score=mean(scores.values()),
            comments=comments,
            evaluator=evaluator,
            mentor_id=mentor_id,
            recorded_at=now,
        )


@dataclass(frozen=True)
class PeerRating:
    """One teammate's rating of another's collaboration in one stage."""

    id: uuid.UUID
    team_id: uuid.UUID
    stage: str
    rater_ref: str
    ratee_ref: str
    score: Decimal
    comments: str
    recorded_at: datetime

    @classmethod
    def rate(
        cls,
        *,
        team_id: uuid.UUID,
        members: list[str],
        stages: list[str],
        already_rated: set[tuple[str, str, str]],
        stage: str,
        rater_ref: str,
        ratee_ref: str,
        score: Decimal,
        comments: str,
        now: datetime,
    ) -> PeerRating:
        """The rules: the rater is a member (Forbidden otherwise), the ratee another member, the stage one of the
        project's, the score on the scale, and each (stage, rater, ratee) once (Conflict)."""
        if rater_ref not in members:
            raise Forbidden("only the team's students rate their teammates")
        if ratee_ref == rater_ref:
            raise InvalidInput("nobody rates themselves", errors=[FieldError("ratee_ref", "must be a teammate")])
        if ratee_ref not in members:
            raise InvalidInput(
                "the ratee is not in this team", errors=[FieldError("ratee_ref", "not a member of the team")]
            )
        if stage not in stages:
            raise InvalidInput(f"no stage {stage!r} in this project", errors=[FieldError("stage", "unknown stage")])
        if (stage, rater_ref, ratee_ref) in already_rated:
            raise PeerAlreadyRated(f"{rater_ref} already rated {ratee_ref} for stage {stage}")
        return cls(
            id=uuid.uuid4(),
            team_id=team_id,
            stage=stage,
            rater_ref=rater_ref,
            ratee_ref=ratee_ref,
            score=check_score(score, "score"),
            comments=comments,
            recorded_at=now,
        )


class PeerAlreadyRated(Conflict):
    code, title = "already-rated", "This teammate was already rated for this stage"


class BaselineExists(Conflict):
    code, title = "baseline-exists", "The student already has a baseline assessment from this party"


def latest(evaluations: list[Evaluation], party: Party, assessment: Assessment) -> Evaluation | None:
    mine = [e for e in evaluations if e.party is party and e.assessment is assessment]
    return max(mine, key=lambda e: (e.recorded_at, str(e.id))) if mine else None


def value_added(evaluations: list[Evaluation]) -> ValueAdded | None:
    """Growth over the mentor parties with both a baseline and a progress assessment (the latest of each)."""
    pairs = []
    for party in CRITERIA:
        base, last = (
            latest(evaluations, party, Assessment.BASELINE),
            latest(evaluations, party, Assessment.PROGRESS),
        )
        if base is not None and last is not None:
            pairs.append((party, base.score, last.score))
    return growth(pairs)


def scorecard(
    *,
    student_ref: str,
    weights: dict[Party, Decimal],
    evaluations: list[Evaluation],
    peer_ratings: list[PeerRating],
    platform: tuple[Decimal | None, str | None, datetime | None],
    pass_mark: Decimal,
) -> Scorecard:
    """The student's scorecard from their evaluations, the ratings they received and their team's platform score
    (score, why missing, when its latest data was recorded). Each part's party is a `Party`."""
    mine = [e for e in evaluations if e.student_ref == student_ref]
    received = [r for r in peer_ratings if r.ratee_ref == student_ref]
    parts = []
    for party in Party:
        if party in CRITERIA:
            last = latest(mine, party, Assessment.PROGRESS)
            score = last.score if last else None
            given_by, at = ([last.evaluator], last.recorded_at) if last else ([], None)
            why = None if last else f"no progress assessment by the {party} mentor yet"
        elif party is Party.PLATFORM:
            score, why, at = platform
            given_by = ["platform"] if score is not None else []
        else:
            score = mean(r.score for r in received)
            given_by = sorted({r.rater_ref for r in received})
            at = max((r.recorded_at for r in received), default=None)
            why = None if received else "no teammate has rated this student yet"
        parts.append(part(party, weights[party], score, given_by=given_by, at=at, missing=why))
    no_baseline = (
        []
        if any(e.assessment is Assessment.BASELINE for e in mine)
        else [Missing("baseline", "no baseline assessment: value-added cannot be computed")]
    )
    return combine(student_ref, parts, pass_mark=pass_mark, value_added=value_added(mine), also_missing=no_baseline)
