"""Rubrics: a set of indicators, each scored by one party on the 0–100 scale, with a weight (the indicators'
weights sum to 1), level descriptors and the competency tags it evidences.

A party's score is the weighted mean of its indicators' scores (weights taken relative to that party's share), and
that party's weight in a scorecard is the sum of its indicators' weights; so the scorecard's weighted total equals
Σ indicator weight × indicator score. A party's score is shown rounded to the cent, so its part carries the exact
Σ indicator weight × indicator score as well (`rubric_part`), and the total is rounded once, from those. Versioning
and who accepts a rubric belong to the service that keeps it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from praxis_common.errors import FieldError, InvalidInput
from praxis_evaluation.scale import SCALE, check_score, quantize
from praxis_evaluation.scorecard import PartScore, part
from praxis_evaluation.weights import check_weights


class Scorer(StrEnum):
    """Who scores an indicator."""

    SCHOOL_MENTOR = "school_mentor"
    ENTERPRISE_MENTOR = "enterprise_mentor"
    SELF = "self"  # the student's self-assessment
    PEER = "peer"  # fellow students
    DATA = "data"  # computed from the records (attendance, hours, reports, metrics)
    EXPERT = "expert"  # an invited external expert


@dataclass(frozen=True)
class Level:
    """A level descriptor: what a score from `min_score` to `max_score` means for this indicator."""

    name: str
    min_score: Decimal
    max_score: Decimal
    descriptor: str = ""


@dataclass(frozen=True)
class Indicator:
    key: str
    name_zh: str
    name_en: str
    scorer: Scorer
    weight: Decimal
    levels: tuple[Level, ...] = ()
    competencies: tuple[str, ...] = ()
    origin: str = "school"  # who added it: school | enterprise (the enterprise's own employee measures)
    description: str = field(default="", compare=False)


MAX_INDICATORS = 50


def check_indicators(indicators: Sequence[Indicator], *, field_name: str = "indicators") -> tuple[Indicator, ...]:
    """The indicators with weights kept to four decimals, when: there is at least one and at most 50, keys are
    unique and non-empty, both names given, the scorer one of `Scorer`, weights sum to 1, and each level lies on the
    scale with min ≤ max, each bound a score as kept (at most two decimals: a level is not rounded into its
    neighbour). Otherwise a 422 naming every problem."""
    errors: list[FieldError] = []
    if not indicators or len(indicators) > MAX_INDICATORS:
        raise InvalidInput(
            "a rubric has 1 to 50 indicators", errors=[FieldError(field_name, f"1 to {MAX_INDICATORS} indicators")]
        )
    seen: set[str] = set()
    scorers: list[Scorer] = []
    for i, ind in enumerate(indicators):
        where = f"{field_name}[{i}]"
        try:  # a scorer read back as text must still be the enum: parties are compared by identity
            scorers.append(Scorer(ind.scorer))
        except ValueError:
            errors.append(FieldError(f"{where}.scorer", f"one of {', '.join(Scorer)}"))
        if not ind.key.strip():
            errors.append(FieldError(f"{where}.key", "must not be empty"))
        elif ind.key in seen:
            errors.append(FieldError(f"{where}.key", f"{ind.key!r} appears twice"))
        seen.add(ind.key)
        if not ind.name_zh.strip() or not ind.name_en.strip():
            errors.append(FieldError(f"{where}.name", "both name_zh and name_en are needed"))
        for j, lv in enumerate(ind.levels):
            ok = all(
                v.is_finite() and SCALE[0] <= v <= SCALE[1] and v == quantize(v) for v in (lv.min_score, lv.max_score)
            )
            if not ok or lv.min_score > lv.max_score:
                errors.append(
                    FieldError(f"{where}.levels[{j}]", "min_score ≤ max_score, both from 0 to 100 with two decimals")
                )
    if errors:
        raise InvalidInput("the rubric's indicators are not valid", errors=errors)
    weights = check_weights(
        {ind.key: ind.weight for ind in indicators}, field=f"{field_name}.weight", what="the indicators' weights"
    )
    return tuple(
        Indicator(i.key, i.name_zh, i.name_en, s, weights[i.key], i.levels, i.competencies, i.origin, i.description)
        for i, s in zip(indicators, scorers, strict=True)
    )


def weights_by_scorer(indicators: Sequence[Indicator]) -> dict[Scorer, Decimal]:
    """Each scoring party's weight in the total: the sum of its indicators' weights (parties in rubric order)."""
    out: dict[Scorer, Decimal] = {}
    for ind in indicators:
        out[ind.scorer] = out.get(ind.scorer, Decimal(0)) + ind.weight
    return out


def check_scores(
    indicators: Sequence[Indicator], scorer: Scorer, scores: Mapping[str, Decimal], *, field_name: str = "scores"
) -> dict[str, Decimal]:
    """A party's scores for its indicators: exactly the keys of `scorer`'s indicators, each on the scale."""
    expected = [i.key for i in indicators if i.scorer is scorer]
    if not expected:
        raise InvalidInput(
            f"this rubric has no indicator scored by {scorer}", errors=[FieldError(field_name, "nothing to score")]
        )
    if set(scores) != set(expected):
        raise InvalidInput(
            f"{scorer} scores exactly: {', '.join(expected)}",
            errors=[FieldError(field_name, f"exactly {', '.join(expected)}")],
        )
    return {key: check_score(scores[key], f"{field_name}.{key}") for key in expected}


def party_score(indicators: Sequence[Indicator], scorer: Scorer, scores: Mapping[str, Decimal]) -> Decimal:
    """The weighted mean of `scorer`'s indicator scores (a party whose indicators all weigh 0: their plain mean)."""
    mine = [i for i in indicators if i.scorer is scorer]
    share = sum((i.weight for i in mine), Decimal(0))
    if not share:
        return quantize(sum((scores[i.key] for i in mine), Decimal(0)) / len(mine))
    return quantize(sum((i.weight * scores[i.key] for i in mine), Decimal(0)) / share)


def level_of(indicator: Indicator, score: Decimal) -> Level | None:
    """The level descriptor a score falls in (the first that holds it), if the indicator has levels."""
    return next((lv for lv in indicator.levels if lv.min_score <= score <= lv.max_score), None)


def rubric_part(
    indicators: Sequence[Indicator],
    scorer: Scorer,
    scores: Mapping[str, Decimal] | None,
    *,
    given_by: Iterable[str] = (),
    at: datetime | None = None,
    missing: str | None = None,
) -> PartScore:
    """`scorer`'s part of a scorecard on this rubric: its weight is the sum of its indicators' weights, its score
    the weighted mean (`party_score`), and what it adds to the total exactly Σ indicator weight × indicator score,
    so the scorecard's total is that sum over the parties present, rounded once. `scores` None: the party has not
    scored yet (`missing` says why)."""
    mine = [i for i in indicators if i.scorer is scorer]
    share = sum((i.weight for i in mine), Decimal(0))
    if scores is None:
        return part(scorer.value, share, None, given_by=given_by, at=at, missing=missing)
    exact = sum((i.weight * scores[i.key] for i in mine), Decimal(0))
    score = party_score(indicators, scorer, scores)
    return part(scorer.value, share, score, given_by=given_by, at=at, contribution=exact)
