"""The one way a rate is shown: part / whole to four places, rounded half up (the outcomes' and the base tiers'
shares and rates)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

RATE_PLACES = Decimal("0.0001")


def rate(part: int | Decimal, whole: int | Decimal) -> Decimal | None:
    """part / whole to four places; None when there is nothing to divide (none at all, not 0%)."""
    if not whole:
        return None
    return (Decimal(part) / Decimal(whole)).quantize(RATE_PLACES, rounding=ROUND_HALF_UP)
