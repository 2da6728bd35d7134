"""The one scale of every score in Praxis: a number from 0 to 100 (100 = fully meets the standard), kept to two
decimals, rounded half up. Weights are fractions from 0 to 1, kept to four decimals."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from praxis_common.errors import FieldError, InvalidInput

HUNDREDTH = Decimal("0.01")
WEIGHT_PLACES = Decimal("0.0001")
SCALE = (Decimal(0), Decimal(100))


def quantize(value: Decimal) -> Decimal:
    """A score as it is kept: two decimals, half up."""
    return value.quantize(HUNDREDTH, ROUND_HALF_UP)


def check_score(value: Decimal, field: str) -> Decimal:
    """`value` on the scale (finite, 0–100), quantized; a 422 naming `field` otherwise."""
    if not value.is_finite() or not SCALE[0] <= value <= SCALE[1]:
        raise InvalidInput(f"{field} is outside 0–100", errors=[FieldError(field, "a score is from 0 to 100")])
    return quantize(value)


def mean(values: Iterable[Decimal]) -> Decimal | None:
    """The quantized mean, or None for no values."""
    found = list(values)
    return quantize(sum(found, Decimal(0)) / len(found)) if found else None
