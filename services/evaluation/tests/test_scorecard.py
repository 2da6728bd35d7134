"""Scorecards: the weighted total of the parts present (a missing part counts 0 and is named with its reason),
passing at the pass mark inclusive, and value-added from the baseline."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from praxis_evaluation import Missing, combine, growth, part

T = datetime(2027, 6, 30, 17, tzinfo=UTC)


def test_a_part_keeps_its_provenance_and_weighted_score():
    p = part("enterprise_mentor", Decimal("0.3"), Decimal("77.77"), given_by=["mentor-7"], at=T)
    assert (p.weighted, p.given_by, p.at, p.missing) == (Decimal("23.33"), ["mentor-7"], T, None)
    assert p.exact() == Decimal("23.331")  # what the total sums, before it is rounded once


def test_a_complete_scorecard_is_the_weighted_sum_rounded_once():
    # Rounded part by part: 23.33 + 23.33 + 33.33 = 79.99; rounded once: 23.331 + 23.331 + 33.334 = 79.996 → 80.00.
    parts = [
        part("school_mentor", Decimal("0.3"), Decimal("77.77")),
        part("enterprise_mentor", Decimal("0.3"), Decimal("77.77")),
        part("data", Decimal("0.4"), Decimal("83.335")),
    ]
    card = combine("s1", parts, pass_mark=Decimal(80))
    assert [p.weighted for p in card.parts] == [Decimal("23.33"), Decimal("23.33"), Decimal("33.33")]
    assert card.weighted_total == Decimal("80.00") and card.complete and card.passes and card.missing == []


def test_missing_parts_count_zero_are_named_with_their_reason_then_what_else_is_missing():
    parts = [
        part("school_mentor", Decimal("0.5"), Decimal(90), given_by=["t-1"], at=T),
        part("enterprise_mentor", Decimal("0.3"), None, missing="no final evaluation by the enterprise mentor yet"),
        part("self", Decimal("0.2"), None),  # no reason given
    ]
    baseline = Missing("baseline", "no mid-term evaluation: value-added cannot be computed")
    card = combine("s1", parts, pass_mark=Decimal(60), also_missing=[baseline])
    assert card.weighted_total == Decimal("45.00") and not card.complete and not card.passes
    assert [(m.part, m.reason) for m in card.missing] == [
        ("enterprise_mentor", "no final evaluation by the enterprise mentor yet"),
        ("self", "missing"),
        ("baseline", "no mid-term evaluation: value-added cannot be computed"),
    ]
    assert [p.weighted for p in card.parts] == [Decimal("45.00"), Decimal("0.00"), Decimal("0.00")]
    assert card.parts[1].given_by == [] and card.parts[1].at is None


def test_nothing_scored_yet_is_a_total_of_zero_with_everything_missing():
    card = combine("s1", [part("a", Decimal("0.5"), None), part("b", Decimal("0.5"), None)], pass_mark=Decimal(0))
    assert card.weighted_total == Decimal("0.00") and not card.complete and [m.part for m in card.missing] == ["a", "b"]
    assert card.passes  # a pass mark of 0 is reached by anything


def test_the_pass_mark_is_inclusive():
    at_mark = combine("s1", [part("a", Decimal(1), Decimal("59.995"))], pass_mark=Decimal("60.00"))
    below = combine("s1", [part("a", Decimal(1), Decimal("59.994"))], pass_mark=Decimal("60.00"))
    assert (at_mark.weighted_total, at_mark.passes) == (Decimal("60.00"), True)
    assert (below.weighted_total, below.passes) == (Decimal("59.99"), False)


def test_value_added_is_the_growth_of_the_mean_from_the_baseline():
    va = growth([("school_mentor", Decimal(50), Decimal(75)), ("enterprise_mentor", Decimal(60), Decimal(75))])
    assert (va.baseline, va.latest, va.absolute, va.relative) == (
        Decimal("55.00"),
        Decimal("75.00"),
        Decimal("20.00"),
        Decimal("0.3636"),
    )
    assert va.parties == ["school_mentor", "enterprise_mentor"]
    card = combine("s1", [part("a", Decimal(1), Decimal(75))], pass_mark=Decimal(60), value_added=va)
    assert card.value_added is va


def test_value_added_from_a_baseline_of_zero_has_no_relative_growth_and_decline_is_negative():
    from_zero = growth([("self", Decimal(0), Decimal(40))])
    assert (from_zero.absolute, from_zero.relative) == (Decimal("40.00"), None)
    decline = growth([("self", Decimal(80), Decimal(60))])
    assert (decline.absolute, decline.relative) == (Decimal("-20.00"), Decimal("-0.2500"))
    assert growth([]) is None
