"""Weights: how much each part counts in a total. Each is from 0 to 1 and together they are exactly 1 — one
check, used wherever weights are set (a project's four parties, a rubric's indicators)."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from praxis_common.errors import FieldError, InvalidInput
from praxis_evaluation.scale import WEIGHT_PLACES


def check_weights(
    weights: Mapping[str, Decimal], *, field: str = "weights", what: str = "weights"
) -> dict[str, Decimal]:
    """The weights, each kept to four decimals, when every one is a finite number from 0 to 1 with at most four
    decimals and they sum to exactly 1; otherwise a 422 naming `field.<key>` (out of range, too many decimals) or
    `field` (the sum). `what` names them in the message ("the four weights", "the indicators' weights").

    More than four decimals are refused rather than rounded: rounded, weights that summed to 1 may not any more
    (0.33335 + 0.33335 + 0.3333 = 1, but 0.3334 + 0.3334 + 0.3333 = 1.0001)."""
    if not weights:
        raise InvalidInput(f"{what} are missing", errors=[FieldError(field, "at least one weight")])
    errors = [
        FieldError(f"{field}.{key}", "must be between 0 and 1")
        for key, value in weights.items()
        if not value.is_finite() or not Decimal(0) <= value <= Decimal(1)
    ]
    if errors:
        raise InvalidInput("every weight is between 0 and 1", errors=errors)
    errors = [
        FieldError(f"{field}.{key}", "at most four decimals")
        for key, value in weights.items()
        if value != value.quantize(WEIGHT_PLACES)
    ]
    if errors:
        raise InvalidInput("a weight has at most four decimals", errors=errors)
    total = sum(weights.values(), Decimal(0))
    if total != 1:
        raise InvalidInput(
            f"{what} must sum to 1 (they sum to {total.normalize()})",
            errors=[FieldError(field, f"sum is {total.normalize()}, not 1")],
        )
    return {key: value.quantize(WEIGHT_PLACES) for key, value in weights.items()}
