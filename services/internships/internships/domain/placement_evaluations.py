"""Placement evaluations: midterm and final scores of a placement's indicators by each scoring party, with their
provenance, and the placement's scorecard.

Parties (praxis_evaluation.Scorer): the assigned school mentor and enterprise mentor (confirmed by the mentors
service), the student (`self`), an invited expert whose score the school records (`expert`, the expert's name kept);
the `data` part is computed from the placement's records (domain/placement_data.py), never posted. Each score keeps
who gave it (token subject, mentor id), when, in which window, on which rubric id and version. A placement is bound
to the rubric version of its first score and keeps it.

The scorecard (`placement_scorecard`): one part per scoring party of the rubric, weighted by the sum of its
indicators' weights (`weights_by_scorer`), adding exactly Σ indicator weight × score (`rubric_part`); each party's score from its latest window (final if present, else
midterm); value-added from midterm to final over the mentors and the student (the engine's `growth`); every part
missing with its reason. The total and pass are the engine's (`combine`)."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from internships.domain.course import DEFAULT_PASS_MARK
from internships.domain.evaluation_windows import Window
from internships.domain.placement_data import WHY_NONE
from internships.domain.placements import Placement
from internships.domain.rubrics import Rubric
from praxis_common.errors import FieldError, InvalidInput
from praxis_evaluation import (
    Missing,
    Scorecard,
    Scorer,
    check_scores,
    combine,
    growth,
    party_score,
    rubric_part,
    weights_by_scorer,
)

PASS_MARK = DEFAULT_PASS_MARK  # when no programme requirement gives one (handlers/milestones.pass_mark_of)
POSTED = (Scorer.SCHOOL_MENTOR, Scorer.ENTERPRISE_MENTOR, Scorer.SELF, Scorer.EXPERT)
GROWING = (Scorer.SCHOOL_MENTOR, Scorer.ENTERPRISE_MENTOR, Scorer.SELF)  # value-added is over these
NAMES = {
    Scorer.SCHOOL_MENTOR: "the school mentor",
    Scorer.ENTERPRISE_MENTOR: "the enterprise mentor",
    Scorer.SELF: "the student",
    Scorer.EXPERT: "an invited expert",
    Scorer.DATA: "the placement's records",
    Scorer.PEER: "peers",
}


@dataclass(frozen=True)
class EvaluationRecorded:
    evaluation: PlacementEvaluation
    placement: Placement


@dataclass
class PlacementEvaluation:
    id: uuid.UUID
    placement_id: uuid.UUID
    window: Window
    scorer: Scorer
    scores: dict[str, Decimal]
    score: Decimal  # the party's weighted mean over its indicators
    comments: str
    recorded_by: str  # the token's subject
    recorded_at: datetime
    rubric_id: str
    rubric_version: int
    mentor_id: uuid.UUID | None = None  # the mentors service's id of the mentor who scored
    expert_name: str | None = None
    events: list = field(default_factory=list, repr=False, compare=False)

    @classmethod
    def record(
        cls,
        *,
        placement: Placement,
        rubric: Rubric,
        window: Window,
        scorer: Scorer,
        scores: Mapping[str, Decimal],
        comments: str,
        by: str,
        mentor_id: uuid.UUID | None,
        expert_name: str | None,
        now: datetime,
    ) -> PlacementEvaluation:
        if scorer not in POSTED:
            raise InvalidInput(
                f"{scorer} scores are not posted: the data score is computed from the records",
                errors=[FieldError("scores", "not posted")],
            )
        if scorer is Scorer.EXPERT and not (expert_name or "").strip():
            raise InvalidInput("an expert's score names the expert", errors=[FieldError("expert_name", "required")])
        checked = check_scores(rubric.indicators, scorer, scores)
        e = cls(
            id=uuid.uuid4(),
            placement_id=placement.id,
            window=window,
            scorer=scorer,
            scores=checked,
            score=party_score(rubric.indicators, scorer, checked),
            comments=comments,
            recorded_by=by,
            recorded_at=now,
            rubric_id=rubric.rubric_id,
            rubric_version=rubric.version,
            mentor_id=mentor_id,
            expert_name=expert_name if scorer is Scorer.EXPERT else None,
        )
        e.events.append(EvaluationRecorded(e, placement))
        return e

    def pull_events(self) -> list:
        events, self.events = self.events, []
        return events


def latest(evaluations: Sequence[PlacementEvaluation], scorer: Scorer, window: Window) -> PlacementEvaluation | None:
    found = [e for e in evaluations if e.scorer is scorer and e.window is window]
    return max(found, key=lambda e: e.recorded_at, default=None)


def placement_scorecard(
    student_ref: str,
    rubric: Rubric,
    evaluations: Sequence[PlacementEvaluation],
    data_scores: Mapping[str, Decimal | None],
    *,
    computed_at: datetime,
    pass_mark: Decimal = PASS_MARK,
) -> Scorecard:
    """The scorecard of a placement scored on `rubric` (see the module's docstring); `data_scores` are the measures
    of domain/placement_data.measure_scores, computed at `computed_at`."""
    parts, also, pairs = [], [], []
    for scorer in weights_by_scorer(rubric.indicators):
        name = NAMES[scorer]
        if scorer is Scorer.DATA:
            keys = [i.key for i in rubric.indicators if i.scorer is Scorer.DATA]
            lacking = [k for k in keys if data_scores.get(k) is None]
            if lacking:
                why = "; ".join(WHY_NONE.get(k, f"no {k} measure") for k in lacking)
                parts.append(rubric_part(rubric.indicators, scorer, None, missing=f"no data score yet: {why}"))
            else:
                measured = {k: data_scores[k] for k in keys}
                parts.append(rubric_part(rubric.indicators, scorer, measured, given_by=["platform"], at=computed_at))
            continue
        midterm, final = latest(evaluations, scorer, Window.MIDTERM), latest(evaluations, scorer, Window.FINAL)
        chosen = final or midterm
        if chosen is None:
            parts.append(rubric_part(rubric.indicators, scorer, None, missing=f"no evaluation by {name} yet"))
            continue
        parts.append(
            rubric_part(rubric.indicators, scorer, chosen.scores, given_by=[chosen.recorded_by], at=chosen.recorded_at)
        )
        if final is None:
            also.append(Missing(scorer.value, f"no final evaluation by {name} yet; the midterm counts for now"))
        elif midterm is not None and scorer in GROWING:
            pairs.append((scorer.value, midterm.score, final.score))
    value_added = growth(pairs)
    if value_added is None:
        also.append(Missing("baseline", "value-added needs a midterm and a final evaluation by the same party"))
    return combine(student_ref, parts, pass_mark=pass_mark, value_added=value_added, also_missing=also)
