"""Grade scales: a total maps to the first band whose minimum it reaches; a scale that could leave a total without a
grade, or give two bands one name, is refused."""

from __future__ import annotations

from decimal import Decimal

import pytest

from praxis_common.errors import InvalidInput
from praxis_evaluation import FIVE_LEVEL, LETTER, SCALES, Band, check_scale, grade_of


@pytest.mark.parametrize(
    ("total", "five_level", "letter"),
    [
        ("100.00", "优", "A"),
        ("90.00", "优", "A"),
        ("89.99", "良", "B"),
        ("80.00", "良", "B"),
        ("79.99", "中", "C"),
        ("70.00", "中", "C"),
        ("69.99", "及格", "D"),
        ("60.00", "及格", "D"),
        ("59.99", "不及格", "F"),
        ("0.00", "不及格", "F"),
    ],
)
def test_a_total_on_a_band_edge_earns_that_band(total, five_level, letter):
    assert grade_of(FIVE_LEVEL, Decimal(total)) == five_level
    assert grade_of(LETTER, Decimal(total)) == letter


def test_the_shipped_scales_are_valid_and_named():
    assert SCALES == {"five_level": FIVE_LEVEL, "letter": LETTER}
    for bands in SCALES.values():
        assert check_scale(bands) == bands


def test_a_school_scale_of_its_own():
    pass_fail = check_scale([Band("通过", Decimal(60)), Band("不通过", Decimal(0))])
    assert [grade_of(pass_fail, Decimal(t)) for t in ("60", "59.99")] == ["通过", "不通过"]


@pytest.mark.parametrize(
    "bands",
    [
        [],
        [Band(f"g{i}", Decimal(100 - i)) for i in range(20)] + [Band("last", Decimal(0))],  # 21 bands
        [Band("A", Decimal(90)), Band("B", Decimal(60))],  # a total under 60 would have no grade
        [Band("A", Decimal(60)), Band("B", Decimal(90)), Band("F", Decimal(0))],  # not highest first
        [Band("A", Decimal(90)), Band("B", Decimal(90)), Band("F", Decimal(0))],  # two bands, one minimum
        [Band("A", Decimal(90)), Band("A", Decimal(60)), Band("F", Decimal(0))],  # one grade twice
        [Band("A", Decimal(90)), Band(" ", Decimal(0))],  # a grade with no name
        [Band("A", Decimal(101)), Band("F", Decimal(0))],
        [Band("A", Decimal("NaN")), Band("F", Decimal(0))],
        [Band("A", Decimal(90)), Band("F", Decimal(-1))],
    ],
)
def test_a_scale_that_is_not_valid_is_refused_naming_the_field(bands):
    with pytest.raises(InvalidInput) as refused:
        check_scale(bands, field_name="grade_scale")
    assert {e.field for e in refused.value.errors} == {"grade_scale"}
