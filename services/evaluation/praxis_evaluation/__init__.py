"""The one evaluation engine of Praxis, a pure library both the projects and the internships services use.

- scale      every score is a number from 0 to 100, two decimals, half up (`check_score`, `quantize`, `mean`)
- weights    weights are from 0 to 1 and sum to exactly 1 (`check_weights`)
- rubrics    indicators scored by a party, weighted, with level descriptors and competency tags; a party's part
             of a scorecard on a rubric (`rubric_part`)
- scorecard  the weighted total of parts with provenance, what is missing and why, value-added
- grades     a school's grade scale over the total

Why a library and not a service: a score is only valid against the rubric, the mentor assignment and the records of
the placement or team it is about, and those live in the service that owns the placement or team; a separate
service would need copies of all of them. The rules are what must be one copy; docs/evaluation.md says more.
"""

from praxis_evaluation.grades import FIVE_LEVEL, LETTER, SCALES, Band, check_scale, grade_of
from praxis_evaluation.rubrics import (
    Indicator,
    Level,
    Scorer,
    check_indicators,
    check_scores,
    level_of,
    party_score,
    rubric_part,
    weights_by_scorer,
)
from praxis_evaluation.scale import HUNDREDTH, SCALE, WEIGHT_PLACES, check_score, mean, quantize
from praxis_evaluation.scorecard import Missing, PartScore, Scorecard, ValueAdded, combine, growth, part
from praxis_evaluation.weights import check_weights

__all__ = [
    "FIVE_LEVEL",
    "HUNDREDTH",
    "LETTER",
    "SCALE",
    "SCALES",
    "WEIGHT_PLACES",
    "Band",
    "Indicator",
    "Level",
    "Missing",
    "PartScore",
    "Scorecard",
    "Scorer",
    "ValueAdded",
    "check_indicators",
    "check_scale",
    "check_score",
    "check_scores",
    "check_weights",
    "combine",
    "grade_of",
    "growth",
    "level_of",
    "mean",
    "part",
    "party_score",
    "quantize",
    "rubric_part",
    "weights_by_scorer",
]
