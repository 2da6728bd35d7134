"""Weights: each 0 to 1 with at most four decimals, together exactly 1; a refusal names the field that is wrong."""

from __future__ import annotations

from decimal import Decimal

import pytest

from praxis_common.errors import InvalidInput
from praxis_evaluation import check_weights


def w(**values: str) -> dict[str, Decimal]:
    return {k: Decimal(v) for k, v in values.items()}


def test_weights_summing_to_1_are_kept_to_four_decimals_zeros_included():
    kept = check_weights(w(teacher="0.3", enterprise="0.25", platform="0.45", peer="0"))
    assert kept == w(teacher="0.3", enterprise="0.25", platform="0.45", peer="0")
    assert [str(v) for v in kept.values()] == ["0.3000", "0.2500", "0.4500", "0.0000"]
    assert check_weights(w(only="1")) == w(only="1")


@pytest.mark.parametrize(
    ("weights", "total"),
    [
        (w(teacher="0.3", enterprise="0.3", platform="0.2", peer="0.1"), "0.9"),
        (w(teacher="0.25", enterprise="0.25", platform="0.25", peer="0.2501"), "1.0001"),
        (w(a="0", b="0"), "0"),
    ],
)
def test_weights_not_summing_to_1_are_refused_naming_the_weights_and_the_sum(weights, total):
    with pytest.raises(InvalidInput) as refused:
        check_weights(weights, field="weights", what="the four weights")
    assert refused.value.detail == f"the four weights must sum to 1 (they sum to {total})"
    assert [(e.field, e.message) for e in refused.value.errors] == [("weights", f"sum is {total}, not 1")]


@pytest.mark.parametrize(
    ("weights", "bad"),
    [
        (w(a="1.1", b="-0.1"), ["rubric.weight.a", "rubric.weight.b"]),
        (w(a="0.5", b="0.5", c="-0"), []),  # -0 is 0: accepted
        (w(a="NaN", b="1"), ["rubric.weight.a"]),
        (w(a="Infinity", b="-Infinity"), ["rubric.weight.a", "rubric.weight.b"]),
    ],
)
def test_each_weight_is_from_0_to_1_and_each_bad_one_is_named(weights, bad):
    if not bad:
        assert sum(check_weights(weights, field="rubric.weight").values()) == 1
        return
    with pytest.raises(InvalidInput) as refused:
        check_weights(weights, field="rubric.weight")
    assert [e.field for e in refused.value.errors] == bad
    assert all(e.message == "must be between 0 and 1" for e in refused.value.errors)


def test_more_than_four_decimals_are_refused_not_rounded_off_the_sum():
    # They sum to exactly 1, but rounded to four decimals they would sum to 1.0001.
    weights = w(a="0.33335", b="0.33335", c="0.3333")
    assert sum(weights.values()) == 1
    with pytest.raises(InvalidInput) as refused:
        check_weights(weights)
    assert [(e.field, e.message) for e in refused.value.errors] == [
        ("weights.a", "at most four decimals"),
        ("weights.b", "at most four decimals"),
    ]
    assert check_weights(w(a="0.50000", b="0.5")) == w(a="0.5", b="0.5")  # trailing zeros are not decimals


def test_no_weights_at_all_are_refused():
    with pytest.raises(InvalidInput) as refused:
        check_weights({}, field="indicators.weight", what="the indicators' weights")
    assert refused.value.errors[0].field == "indicators.weight"
