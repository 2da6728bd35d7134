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
    """The weights, each kept to four decimals, when every one is a finite number from 0 to 1 and they sum to
    exactly 1; otherwise a 422 naming `field.<key>` (out of range) or `field` (the sum). `what` names them in the
    message ("the four weights", "the indicators' weights")."""
    if not weights:
        raise InvalidInput(f"{what} are missing", errors=[FieldError(field, "at least one weight")])
    errors = [
        FieldError(f"{field}.{key}", "must be between 0 and 1")
        for key, value in weights.items()
        if not value.is_finite() or not Decimal(0) <= value <= Decimal(1)
    ]
    if errors:
        raise InvalidInput("every weight is between 0 and 1", errors=errors)
    total = sum(weights.values(), Decimal(0))
    if total != 1:
        raise InvalidInput(
            f"{what} must sum to 1 (they sum to {total.normalize()})",
            errors=[FieldError(field, f"sum is {total.normalize()}, not 1")],
        )
    return {key: value.quantize(WEIGHT_PLACES) for key, value in weights.items()}
