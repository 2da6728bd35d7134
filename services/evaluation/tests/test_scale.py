"""The one scale of every score: 0 to 100, two decimals, rounded half up; anything else is refused naming the field."""

from __future__ import annotations

from decimal import Decimal

import pytest

from praxis_common.errors import InvalidInput
from praxis_evaluation import check_score, mean, quantize


@pytest.mark.parametrize(
    ("given", "kept"),
    [("0", "0.00"), ("100", "100.00"), ("59.995", "60.00"), ("59.994", "59.99"), ("0.005", "0.01"), ("72.5", "72.50")],
)
def test_a_score_on_the_scale_is_kept_to_two_decimals_half_up(given, kept):
    assert str(check_score(Decimal(given), "score")) == kept


@pytest.mark.parametrize("bad", ["-0.01", "100.01", "-100", "1E+3", "NaN", "sNaN", "Infinity", "-Infinity"])
def test_a_score_off_the_scale_is_refused_naming_the_field(bad):
    with pytest.raises(InvalidInput) as refused:
        check_score(Decimal(bad), "scores.skills")
    assert [e.field for e in refused.value.errors] == ["scores.skills"]
    assert refused.value.code == "invalid-input"  # 422 problem+json, INVALID_ARGUMENT over gRPC


def test_half_up_not_half_even():
    # Banker's rounding would give 0.12 and 0.14; a school's rule (and the scale's) is half up.
    assert (quantize(Decimal("0.125")), quantize(Decimal("0.135"))) == (Decimal("0.13"), Decimal("0.14"))


def test_the_mean_is_rounded_once_and_none_for_nothing():
    assert mean([Decimal("70"), Decimal("80"), Decimal("80.01")]) == Decimal("76.67")
    assert mean([]) is None
    assert mean(iter([Decimal("0.005")])) == Decimal("0.01")  # any iterable, read once
